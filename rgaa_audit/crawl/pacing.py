"""Politeness: the delay between two page loads on the audited host, shared by all workers."""

from __future__ import annotations

import asyncio
import time

from rgaa_audit.crawl.robots import Robots
from rgaa_audit.crawl.settings import CrawlSettings

MAX_ROBOTS_DELAY = 30.0


def host_delay(settings: CrawlSettings, robots: Robots) -> float:
    """The configured delay, raised to robots.txt's Crawl-delay (at most MAX_ROBOTS_DELAY)
    unless robots.txt is ignored."""
    delay = settings.delay
    if not settings.ignore_robots and robots.delay:
        delay = max(delay, min(robots.delay, MAX_ROBOTS_DELAY))
    return delay


class HostPacer:
    """Spaces page loads on the audited host by at least `delay` seconds (all workers)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        if self.delay <= 0:
            return
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
            self._next = time.monotonic() + self.delay
