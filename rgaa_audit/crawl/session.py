"""The browser session of a crawl: the browser and the workers' tabs, restarted at a barrier.

Between pages the session may restart the browser: when it died, when its processes crossed
the memory ceiling, or every `recycle_after` pages; workers park at a barrier so no page is
lost in the restart.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from rgaa_audit.crawl.ports import BrowserDriver, BrowserLike, TabLike
from rgaa_audit.crawl.settings import CrawlSettings

MEMORY_CHECK_EVERY = 5  # pages between two reads of the browser's memory


class BrowserSession:
    """The browser and the workers' tabs; restarts them at a barrier when asked to."""

    def __init__(self, driver: BrowserDriver, settings: CrawlSettings,
                 make_tab: Callable[[Any], TabLike]) -> None:
        self.driver = driver
        self.settings = settings
        self.make_tab = make_tab
        self.browser: BrowserLike | None = None
        self.tabs: list[TabLike] = []
        self.version = ""
        self.restart_reason: str | None = None
        self.restarts: list[str] = []
        self.pages_since_launch = 0
        self.active = 0
        self._parked = 0
        self._released = asyncio.Event()

    async def launch(self, count: int) -> None:
        self.browser = await self.driver.launch()
        self.version = self.browser.version
        self.browser.on("disconnected", lambda _b: self.want_restart("crash"))
        first = not self.tabs
        if first:
            self.tabs = [self.make_tab(self.browser) for _ in range(count)]
        for tab in self.tabs:
            tab.browser = self.browser
            if first:
                await tab.open()  # a failing login stops the audit here
            else:
                await tab.replace()  # after a restart, a failing login fails its pages only
        self.pages_since_launch = 0

    async def cookie_header(self, origin: str | None) -> dict[str, str]:
        """The first tab's cookies for `origin` as a Cookie header (empty when none)."""
        context = self.tabs[0].context if self.tabs else None
        if context is None or not origin:
            return {}
        cookies = await context.cookies(origin)
        if not cookies:
            return {}
        return {"Cookie": "; ".join(f"{c['name']}={c['value']}" for c in cookies)}

    def want_restart(self, reason: str) -> None:
        if self.restart_reason is None:
            self.restart_reason = reason

    def page_done(self, done: int) -> None:
        """Count a page; ask for a restart when the browser is due or too big."""
        self.pages_since_launch += 1
        if self.pages_since_launch >= self.settings.recycle_after:
            self.want_restart("recycle")
        ceiling = self.settings.max_browser_memory_mb
        if ceiling and done % MEMORY_CHECK_EVERY == 0 and self.driver.memory_mb() > ceiling:
            self.want_restart("memory")

    async def checkpoint(self) -> None:
        """Between pages: park while a restart is pending; the last worker to park does it."""
        if self.restart_reason is None:
            return
        self._parked += 1
        if self._parked >= self.active:
            await self._restart()
            return
        released = self._released
        await released.wait()

    def leave(self) -> asyncio.Future[None] | None:
        """A worker is done for good; if the others are all parked, restart now."""
        self.active -= 1
        if self.restart_reason is not None and self._parked and self._parked >= self.active:
            return asyncio.ensure_future(self._restart())
        return None

    async def _restart(self) -> None:
        self.restarts.append(self.restart_reason or "?")
        await self.close()
        await self.launch(len(self.tabs))
        self.restart_reason = None
        self._parked = 0
        released, self._released = self._released, asyncio.Event()
        released.set()

    async def close(self) -> None:
        for tab in self.tabs:
            await tab.close()
        if self.browser is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.browser.close(), 15)
