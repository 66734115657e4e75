"""A real Chromium tab for capture tests: launched with rgaa-audit's flags, opened, closed."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from playwright.async_api import async_playwright

from rgaa_audit.capture.browser import LAUNCH_ARGS, BrowserChoice
from rgaa_audit.capture.tab import Tab


@contextlib.asynccontextmanager
async def open_tab(choice: BrowserChoice, **options: Any) -> AsyncIterator[Tab]:
    """`Tab(browser, 20, **options)`, opened, on the chosen browser."""
    executable = str(choice.executable) if choice.executable else None
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable,
                                                   args=list(LAUNCH_ARGS))
        tab = Tab(browser, 20, **options)
        await tab.open()
        try:
            yield tab
        finally:
            await tab.close()
            await browser.close()
