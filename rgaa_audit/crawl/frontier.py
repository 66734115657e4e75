"""The breadth-first frontier: which URLs are queued, seen and left to audit."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from rgaa_audit.crawl.urls import is_web, looks_like_document, normalise, same_origin


@dataclass
class Frontier:
    """Breadth-first queue over one origin, bounded by `max_pages`."""

    start_url: str
    max_pages: int
    queue: deque[str] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    out_of_scope: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    taken: int = 0

    def __post_init__(self) -> None:
        self.add(self.start_url)

    def add(self, url: str) -> bool:
        """Queue a URL if it is in scope and new; returns True when it was queued."""
        if not is_web(url):
            return False
        canonical = normalise(url)
        if canonical in self.seen:
            return False
        self.seen.add(canonical)
        if not same_origin(canonical, self.start_url):
            self.out_of_scope.add(canonical)
            return False
        if looks_like_document(canonical):
            self.documents.add(canonical)
            return False
        self.queue.append(canonical)
        return True

    def mark_seen(self, url: str) -> None:
        """A URL reached by redirect counts as seen, so it is not audited twice."""
        self.seen.add(normalise(url))

    def next(self) -> str | None:
        if self.taken >= self.max_pages or not self.queue:
            return None
        self.taken += 1
        return self.queue.popleft()

    @property
    def pending(self) -> int:
        return min(len(self.queue), self.max_pages - self.taken)
