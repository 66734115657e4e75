"""What the crawl needs from the outside, as protocols: a browser driver that launches the
browser and makes tabs, the tabs that capture pages, a handler for each snapshot, and a
progress display. Capture provides the browser and tabs, the CLI the progress; only
rgaa_audit/pipeline.py plugs them in, so the crawl never imports capture.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from rgaa_audit.crawl.login import ResolvedLogin
from rgaa_audit.snapshot import Camera, PageSnapshot

# Gets each snapshot, with the worker's camera while its tab still shows the page (None for
# pages not loaded); the worker awaits it before its next page.
SnapshotHandler = Callable[[PageSnapshot, Camera | None], Awaitable[None]]


class Progress:
    """What the crawl tells the user; the CLI plugs a rich or plain implementation in."""

    def started(self, url: str) -> None: ...

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None: ...


class BrowserLike(Protocol):
    """A running browser, as the crawl watches it."""

    @property
    def version(self) -> str: ...

    def on(self, event: str, handler: Callable[[Any], Any]) -> None: ...

    def is_connected(self) -> bool: ...

    async def close(self) -> None: ...


class TabLike(Protocol):
    """A worker's tab: captures one page at a time and survives crashes by being replaced."""

    browser: Any  # the browser it opens its pages in (set again after a restart)
    context: Any  # its browsing context, asked for cookies (None when closed)

    async def open(self) -> None: ...

    async def replace(self) -> None: ...

    async def close(self) -> None: ...

    async def capture(self, url: str) -> PageSnapshot: ...

    async def photograph(self, top: int, bottom: int) -> bytes: ...


@dataclass(frozen=True)
class TabOptions:
    """How every tab of a crawl loads its pages (from the settings and the start URL)."""

    timeout_s: float
    extra_headers: dict[str, str]
    in_scope: Callable[[str], bool] | None
    origin: str | None
    storage_state: str | None
    eco_protocol: str
    idle_wait_ms: int
    screenshots: bool
    interaction_budget_ms: int
    login: ResolvedLogin | None


class BrowserDriver(Protocol):
    """Launches the browser and makes its tabs; used as `async with driver:` for one crawl."""

    async def __aenter__(self) -> Any: ...

    async def __aexit__(self, *exc: object) -> Any: ...

    async def launch(self) -> BrowserLike: ...

    def make_tab(self, browser: Any, options: TabOptions) -> TabLike: ...

    def memory_mb(self) -> float:
        """Resident memory of the browser's processes, in MiB."""
        ...
