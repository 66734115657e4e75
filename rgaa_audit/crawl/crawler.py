"""The crawler: one browser, N workers, each reusing one tab, breadth-first over one origin.

`run_capture` prepares the frontier (crawl/seeds.py), the pace (crawl/pacing.py) and, with
`--sample rgaa`, the sample (crawl/sample.py); then it starts the browser session
(crawl/session.py) and runs one worker per tab (crawl/worker.py). The browser and its tabs
come from a `BrowserDriver` (crawl/ports.py) the pipeline passes in: the crawl never imports
capture.

With a login script (`login_script`, see crawl/login.py), each tab plays it when its context
opens: before the crawl, after the tab is replaced and after a restart; the RGAA sample's
discovery pass borrows the first tab's session cookies for the audited origin.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.login import LoginScript, ResolvedLogin
from rgaa_audit.crawl.pacing import HostPacer, host_delay
from rgaa_audit.crawl.ports import BrowserDriver, Progress, SnapshotHandler, TabLike, TabOptions
from rgaa_audit.crawl.resume import CrawlStore
from rgaa_audit.crawl.robots import Robots
from rgaa_audit.crawl.sample import choose_sample
from rgaa_audit.crawl.seeds import prepare_frontier
from rgaa_audit.crawl.session import BrowserSession
from rgaa_audit.crawl.settings import CrawlSettings, login_headers
from rgaa_audit.crawl.urls import normalise
from rgaa_audit.crawl.worker import CrawlState, emit_disallowed, run_worker


def _resolved_login(settings: CrawlSettings, origin: str | None) -> ResolvedLogin | None:
    """The login script with its variables read from the environment, checked to stay on
    the audited origin (LoginError otherwise)."""
    if not settings.login_script:
        return None
    login = LoginScript.load(settings.login_script).resolve()
    if origin is None:
        raise ValueError("un script de connexion demande une adresse de départ")
    login.check_origin(origin)
    return login


async def run_capture(
    driver: BrowserDriver,
    settings: CrawlSettings,
    on_page: SnapshotHandler,
    progress: Progress,
    start_url: str | None = None,
    urls: Iterable[str] = (),
    store: CrawlStore | None = None,
    finished: set[str] | None = None,
    reasons: dict[str, str] | None = None,
) -> dict[str, object]:
    """Crawl from `start_url` (or audit the fixed `urls`) and hand each snapshot to `on_page`.

    `driver` launches the browser and makes the tabs; `store` keeps the crawl's state for
    `--resume`; `finished` are the URLs already in pages.jsonl; `reasons` is filled with why
    the sample picked each URL. Returns facts about the run: browser version, out-of-scope
    URLs (with the reason), documents found, URLs left in the queue.
    """
    store = store or CrawlStore(None)
    frontier: Frontier | None = None
    robots = Robots()
    if start_url:
        frontier, robots = await prepare_frontier(start_url, settings, store, finished or set())
    pacer = HostPacer(host_delay(settings, robots))
    scope_check = frontier.scope.same_site if frontier is not None else None
    first_url = start_url or next(iter(urls), None)
    origin = urljoin(normalise(first_url), "/") if first_url else None
    login = _resolved_login(settings, origin)
    options = TabOptions(
        timeout_s=settings.page_timeout, extra_headers=login_headers(settings),
        in_scope=scope_check, origin=origin, storage_state=settings.storage_state,
        eco_protocol=settings.eco_protocol, idle_wait_ms=settings.idle_wait_ms,
        screenshots=settings.max_crops_per_page > 0, login=login,
        interaction_budget_ms=settings.interaction_budget_ms)

    def make_tab(browser: Any) -> TabLike:
        return driver.make_tab(browser, options)

    workers = max(1, settings.concurrency)
    async with driver:
        session = BrowserSession(driver, settings, make_tab)
        try:
            await session.launch(workers)
            follow = settings.follow_links
            if frontier is not None and settings.sample:
                follow = False
                headers = {**login_headers(settings), **await session.cookie_header(origin)}
                facts_sample = await choose_sample(frontier, settings, headers)
                if reasons is not None:
                    reasons.update(facts_sample.reasons)
            state = CrawlState(frontier=frontier, fixed=list(urls), follow_links=follow)
            session.active = workers
            if frontier is not None:
                await emit_disallowed(frontier, on_page, settings.max_pages)
            await asyncio.gather(*(
                run_worker(tab, session, state, pacer, on_page, progress, settings)
                for tab in session.tabs))
        finally:
            await session.close()
        facts: dict[str, object] = {"browser": f"Chromium {session.version}"}
        if session.restarts:
            facts["browser_restarts"] = session.restarts
    if frontier is not None and settings.sample:
        facts["missing_required_pages"] = facts_sample.missing
    if frontier is not None:
        facts["out_of_scope"] = sorted(frontier.out_of_scope)[:1000]
        facts["out_of_scope_reasons"] = dict(sorted(frontier.out_of_scope.items())[:1000])
        facts["documents"] = sorted(frontier.documents)[:1000]
        facts["not_audited"] = [url for url, _ in frontier.queue][:1000]
    store.commit()
    return facts
