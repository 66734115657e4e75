"""Where the crawl starts: scope, robots.txt and the seed URLs (start URL, pinned pages, URL
file, sitemaps), or the stored frontier when an audit resumes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urljoin

from rgaa_audit.crawl.fetch import fetch
from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.resume import CrawlStore
from rgaa_audit.crawl.robots import Robots, robots_url
from rgaa_audit.crawl.scope import Scope
from rgaa_audit.crawl.settings import CrawlSettings, login_headers
from rgaa_audit.crawl.sitemaps import sitemap_urls
from rgaa_audit.crawl.urls import normalise, same_origin


def read_urls_file(path: str) -> list[str]:
    """One URL a line; blank lines and lines starting with # are ignored."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return [line.strip() for line in text.splitlines()[:100_000]
            if line.strip() and not line.lstrip().startswith("#")]


async def prepare_frontier(start_url: str, settings: CrawlSettings, store: CrawlStore,
                           finished: set[str]) -> tuple[Frontier, Robots]:
    """Scope, robots.txt, seeds (start URL, URL file, sitemaps); or the stored state on resume."""
    start = normalise(start_url)
    headers = login_headers(settings)
    robots = Robots.from_response(await asyncio.to_thread(fetch, robots_url(start), headers))
    scope = Scope(start, settings.include, settings.exclude, settings.max_depth,
                  settings.max_variants_per_path)
    allowed = (lambda _url: True) if settings.ignore_robots else robots.allowed
    frontier = Frontier(scope, settings.max_pages, store, allowed)
    if settings.resume and store.rows():
        frontier.restore(finished)
        return frontier, robots
    frontier.add(start, 0)
    for url in settings.pinned_urls:
        frontier.add(urljoin(start, url), 0)
    if settings.urls_file:
        for url in read_urls_file(settings.urls_file):
            frontier.add(urljoin(start, url), 0)
    if settings.use_sitemaps:
        first = [urljoin(start, url) for url in robots.sitemaps] or [urljoin(start, "/sitemap.xml")]
        found = await asyncio.to_thread(
            sitemap_urls, first, lambda u: fetch(u, headers), lambda u: same_origin(u, start))
        for url in found:
            frontier.add(url, 1)
    store.commit()
    return frontier, robots
