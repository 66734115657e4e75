"""The crawler: one browser, N workers, each reusing one tab, breadth-first over one origin."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from playwright.async_api import async_playwright

from rgaa_audit.capture.browser import LAUNCH_ARGS, BrowserChoice
from rgaa_audit.capture.tab import Tab
from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.urls import normalise
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot

SnapshotHandler = Callable[[PageSnapshot], None]


@dataclass(frozen=True)
class CrawlSettings:
    """How far and how fast to crawl."""

    max_pages: int = 50
    page_timeout: float = 30.0
    concurrency: int = 2
    follow_links: bool = True


class Progress:
    """What the crawl tells the user; the CLI plugs a rich or plain implementation in."""

    def started(self, url: str) -> None: ...

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None: ...


@dataclass
class _State:
    frontier: Frontier | None
    fixed: list[str]
    contents: dict[str, str] = field(default_factory=dict)  # served HTML hash -> first URL
    busy: int = 0
    done: int = 0
    errors: int = 0

    def next_url(self) -> str | None:
        if self.frontier is not None:
            return self.frontier.next()
        return self.fixed.pop(0) if self.fixed else None

    @property
    def queued(self) -> int:
        return self.frontier.pending if self.frontier is not None else len(self.fixed)


def _skip_duplicate(snapshot: PageSnapshot, contents: dict[str, str]) -> PageSnapshot:
    """A page whose served HTML is byte-identical to an earlier one (/ and /index.html) is
    recorded as skipped, so the sample does not count one page twice."""
    if snapshot.status is not PageStatus.AUDITED or not snapshot.served_html:
        return snapshot
    digest = hashlib.sha256(snapshot.served_html.encode("utf-8", "replace")).hexdigest()
    first = contents.setdefault(digest, snapshot.url)
    if first == snapshot.url:
        return snapshot
    return replace(snapshot, status=PageStatus.SKIPPED, error=f"même contenu que {first[:200]}",
                   dom_html="", served_html="", axe={}, collected={})


async def _worker(tab: Tab, state: _State, on_page: SnapshotHandler, progress: Progress) -> None:
    while True:
        url = state.next_url()
        if url is None:
            if state.busy == 0:
                return
            await asyncio.sleep(0.05)
            continue
        state.busy += 1
        try:
            progress.started(url)
            snapshot = await tab.capture(url)
            if state.frontier is not None:
                state.frontier.mark_seen(snapshot.final_url)
                for link in snapshot.links:
                    state.frontier.add(link)
            snapshot = _skip_duplicate(snapshot, state.contents)
            state.done += 1
            if snapshot.status is not PageStatus.AUDITED:
                state.errors += 1
            on_page(snapshot)
            progress.finished(snapshot, state.done, state.queued, state.errors)
        finally:
            state.busy -= 1


async def run_capture(
    browser_choice: BrowserChoice,
    settings: CrawlSettings,
    on_page: SnapshotHandler,
    progress: Progress,
    start_url: str | None = None,
    urls: Iterable[str] = (),
) -> dict[str, object]:
    """Crawl from `start_url` (or audit the fixed `urls`) and hand each snapshot to `on_page`.

    Returns facts about the run: browser version, out-of-scope URLs and documents found.
    """
    frontier = Frontier(normalise(start_url), settings.max_pages) if start_url else None
    state = _State(frontier=frontier, fixed=list(urls))
    async with async_playwright() as playwright:
        executable = str(browser_choice.executable) if browser_choice.executable else None
        browser = await playwright.chromium.launch(
            executable_path=executable, args=list(LAUNCH_ARGS), headless=True)
        tabs = [Tab(browser, settings.page_timeout) for _ in range(max(1, settings.concurrency))]
        try:
            for tab in tabs:
                await tab.open()
            await asyncio.gather(*(_worker(tab, state, on_page, progress) for tab in tabs))
        finally:
            for tab in tabs:
                await tab.close()
            with contextlib.suppress(Exception):
                await browser.close()
        facts: dict[str, object] = {"browser": f"Chromium {browser.version}"}
    if frontier is not None:
        facts["out_of_scope"] = sorted(frontier.out_of_scope)[:1000]
        facts["documents"] = sorted(frontier.documents)[:1000]
        facts["not_audited"] = list(frontier.queue)[:1000]
    return facts
