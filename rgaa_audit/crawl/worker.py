"""A crawl worker: takes the next URL, waits its turn, captures with one retry, queues the
links and hands the snapshot on; the state the workers share.

The page that met a passing failure (timeout, crash, network error, 5xx) is retried once
after a short delay, on a fresh browser when the browser died.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field, replace

from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.pacing import HostPacer
from rgaa_audit.crawl.ports import Progress, SnapshotHandler, TabLike
from rgaa_audit.crawl.session import BrowserSession
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.crawl.urls import normalise
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot


@dataclass
class CrawlState:
    """What the workers share: the frontier (or the fixed URLs) and the running counts."""

    frontier: Frontier | None
    fixed: list[str]
    follow_links: bool = True
    contents: dict[str, str] = field(default_factory=dict)  # served HTML hash -> first URL
    busy: int = 0
    done: int = 0
    errors: int = 0

    def next_url(self) -> tuple[str, int] | None:
        if self.frontier is not None:
            return self.frontier.next()
        return (self.fixed.pop(0), 0) if self.fixed else None

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


def worth_retrying(snapshot: PageSnapshot) -> bool:
    """Failures that may pass on a second try: timeouts, crashes, network errors, 5xx."""
    if snapshot.status in (PageStatus.TIMEOUT, PageStatus.CRASHED):
        return True
    if snapshot.status is PageStatus.HTTP_ERROR:
        if snapshot.error and "boucle de redirections" in snapshot.error:
            return False
        return snapshot.http_status is None or snapshot.http_status >= 500
    return False


async def _capture_with_retry(tab: TabLike, session: BrowserSession, url: str,
                              settings: CrawlSettings) -> PageSnapshot:
    snapshot = await tab.capture(url)
    if not worth_retrying(snapshot):
        return snapshot
    if session.browser is None or not session.browser.is_connected():
        session.want_restart("crash")
    await session.checkpoint()
    await asyncio.sleep(settings.retry_delay)
    again = await tab.capture(url)
    if again.status is PageStatus.AUDITED or not worth_retrying(again):
        return again
    return replace(again, error=f"{again.error} (après une nouvelle tentative)"[:500])


async def run_worker(tab: TabLike, session: BrowserSession, state: CrawlState, pacer: HostPacer,
                     on_page: SnapshotHandler, progress: Progress,
                     settings: CrawlSettings) -> None:
    """Capture pages with `tab` until no URL is left and no other worker is busy."""
    try:
        while True:
            await session.checkpoint()
            item = state.next_url()
            if item is None:
                if state.busy == 0:
                    return
                await asyncio.sleep(0.05)
                continue
            url, depth = item
            state.busy += 1
            try:
                progress.started(url)
                await pacer.wait()
                snapshot = await _capture_with_retry(tab, session, url, settings)
                frontier = state.frontier
                if frontier is not None:
                    frontier.mark_seen(snapshot.final_url)
                    if snapshot.status is PageStatus.NOT_HTML:
                        frontier.documents.add(normalise(snapshot.final_url))
                    if snapshot.status is PageStatus.SKIPPED and snapshot.final_url != url:
                        frontier.add(snapshot.final_url, depth + 1)  # records it out of scope
                    if state.follow_links:
                        for link in snapshot.links:
                            frontier.add(link, depth + 1)
                    if frontier.disallowed:
                        await emit_disallowed(frontier, on_page, settings.max_pages)
                snapshot = _skip_duplicate(snapshot, state.contents)
                state.done += 1
                if snapshot.status not in (PageStatus.AUDITED, PageStatus.SKIPPED):
                    state.errors += 1
                await on_page(snapshot, tab.photograph
                              if snapshot.status is PageStatus.AUDITED else None)
                if frontier is not None:
                    frontier.done(url)
                session.page_done(state.done)
                progress.finished(snapshot, state.done, state.queued, state.errors)
            finally:
                state.busy -= 1
    finally:
        restarting = session.leave()
        if restarting is not None:
            await restarting


async def emit_disallowed(frontier: Frontier, on_page: SnapshotHandler, limit: int) -> None:
    """URLs robots.txt forbids end in the report as skipped pages, with the reason (at most
    `limit` of them; the others are listed out of scope)."""
    for url in frontier.disallowed:
        if frontier.skipped_emitted < limit:
            frontier.skipped_emitted += 1
            await on_page(PageSnapshot(url, url, PageStatus.SKIPPED,
                                       error="interdite par robots.txt (rgaa-audit), non visitée"),
                          None)
            frontier.done(url)
        else:
            frontier.out_of_scope.setdefault(url, "interdite par robots.txt")
    frontier.disallowed.clear()
