"""The crawl stage: which pages to visit and in what order, handed page by page to capture.

`settings` (CrawlSettings), `seeds` (scope, robots.txt, sitemaps, URL file), `frontier`,
`pacing`, `sample` (`--sample rgaa`), `session` (browser restarts), `worker` (one tab's loop),
`crawler` (run_capture), `ports` (the browser, tab and progress protocols the pipeline fills
in), `login`, `resume`, and small helpers (`urls`, `scope`, `fetch`, `charset`, `robots`,
`sitemaps`). The crawl never imports capture.
"""
