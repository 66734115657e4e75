"""The breadth-first frontier: which URLs are queued, seen, left out (and why) and left to audit."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rgaa_audit.crawl.resume import DOCUMENT, DONE, OUT, QUEUED, RUNNING, SKIPPED, CrawlStore
from rgaa_audit.crawl.scope import REASON_SCHEME, Scope
from rgaa_audit.crawl.urls import looks_like_document, normalise

MAX_RECORDED = 5000  # out-of-scope URLs kept for the report; the rest are only counted
# The accessibility page is due on every public site and must be audited (its statement is
# checked, see checks/obligations.py): the first few URLs whose path says so are queued
# first, so `max_pages` never leaves it out of a breadth-first crawl.
FIRST_PATHS = ("accessibilite", "accessibility", "a11y")
MAX_FIRST = 3

Allowed = Callable[[str], bool]


@dataclass
class Frontier:
    """Breadth-first queue over one origin, bounded by `max_pages`, persisted in a `CrawlStore`.

    `allowed(url)` is the robots.txt rule; a URL it refuses is kept in `disallowed` so that the
    report lists it as skipped, with the reason.
    """

    scope: Scope
    max_pages: int
    store: CrawlStore = field(default_factory=lambda: CrawlStore(None))
    allowed: Allowed = field(default=lambda _url: True)
    queue: deque[tuple[str, int]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    depth_of: dict[str, int] = field(default_factory=dict)
    out_of_scope: dict[str, str] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    disallowed: list[str] = field(default_factory=list)
    taken: int = 0
    dropped: int = 0
    skipped_emitted: int = 0
    restored: bool = False
    first_left: int = MAX_FIRST

    def add(self, url: str, depth: int = 0) -> bool:
        """Queue a URL if it is in scope and new; returns True when it was queued."""
        url = url.strip()
        if ":" not in url[:12] or url.split(":", 1)[0].lower() not in ("http", "https"):
            self._leave_out(url[:500], depth, REASON_SCHEME)
            return False
        canonical = normalise(url)
        if canonical in self.seen:
            return False
        self.seen.add(canonical)
        reason = self.scope.refuse(canonical, depth)
        if reason:
            self._leave_out(canonical, depth, reason)
            return False
        if looks_like_document(canonical):
            self.documents.add(canonical)
            self.store.add(canonical, depth, DOCUMENT)
            return False
        if not self.allowed(canonical):
            self.disallowed.append(canonical)
            self.store.add(canonical, depth, SKIPPED, "robots.txt")
            return False
        if self.first_left > 0 and depth > 0 and _says_accessibility(canonical):
            self.first_left -= 1
            seeds = next((i for i, (_u, d) in enumerate(self.queue) if d > 0), len(self.queue))
            self.queue.insert(seeds, (canonical, depth))  # after the seeds, before the rest
        else:
            self.queue.append((canonical, depth))
        self.depth_of[canonical] = depth
        self.store.add(canonical, depth, QUEUED)
        return True

    def _leave_out(self, url: str, depth: int, reason: str) -> None:
        if url in self.out_of_scope:
            return
        if len(self.out_of_scope) >= MAX_RECORDED:
            self.dropped += 1
            return
        self.out_of_scope[url] = reason
        if reason != REASON_SCHEME:
            self.seen.add(url)
        self.store.add(url, depth, OUT, reason)

    def mark_seen(self, url: str) -> None:
        """A URL reached by redirect counts as seen, so it is not audited twice."""
        canonical = normalise(url)
        if canonical not in self.seen:
            self.seen.add(canonical)
            self.store.add(canonical, self.depth_of.get(canonical, 0), DONE)

    def next(self) -> tuple[str, int] | None:
        """The next URL to audit and its depth (marked running), or None."""
        if self.taken >= self.max_pages or not self.queue:
            return None
        self.taken += 1
        url, depth = self.queue.popleft()
        self.store.set_state(url, RUNNING)
        return url, depth

    def requeue(self, url: str, depth: int = 0) -> None:
        """Queue a URL chosen by other means (the RGAA sample), even if seen before."""
        self.seen.add(url)
        self.queue.append((url, self.depth_of.get(url, depth)))
        self.store.set_state(url, QUEUED, commit=False)

    def done(self, url: str) -> None:
        self.store.set_state(url, DONE)

    @property
    def pending(self) -> int:
        return min(len(self.queue), self.max_pages - self.taken)

    def restore(self, finished: set[str]) -> None:
        """Rebuild the state from the store after an interruption: URLs already in pages.jsonl
        (`finished`) are done, pages that were running are queued again, first."""
        self.restored = True
        self.store.mark_done(finished)
        again: list[tuple[str, int]] = []
        queued: list[tuple[str, int]] = []
        for url, depth, state, reason in self.store.rows():
            self.seen.add(url)
            self.depth_of[url] = depth
            if state == DONE:
                self.taken += 1
            elif state == RUNNING:
                again.append((url, depth))
            elif state == QUEUED:
                queued.append((url, depth))
            elif state == OUT:
                self.out_of_scope[url] = reason or ""
            elif state == DOCUMENT:
                self.documents.add(url)
            elif state == SKIPPED:
                self.disallowed.append(url)
        self.queue = deque(again + queued)


def _says_accessibility(url: str) -> bool:
    path = urlsplit(url).path.lower().replace("%c3%a9", "e").replace("é", "e")
    return any(word in path for word in FIRST_PATHS)
