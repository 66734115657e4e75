"""One reusable browser tab that captures page after page into `PageSnapshot`s.

Each crawl worker owns one `Tab` (one context, one page, one CDP session) for the
whole audit; a tab that timed out or crashed is replaced, never shared.
"""

from __future__ import annotations

import asyncio
import contextlib
from functools import cache
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from rgaa_audit import __version__
from rgaa_audit.capture.network import NetworkRecorder
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot

HERE = Path(__file__).parent
USER_AGENT_SUFFIX = f"rgaa-audit/{__version__} (+https://pypi.org/project/rgaa-audit/)"
MAX_DOM_CHARS = 3_000_000
MAX_SERVED_CHARS = 3_000_000
AXE_MAX_NODES = 50
IDLE_WAIT_MS = 1500
HTML_TYPES = ("text/html", "application/xhtml+xml")


@cache
def axe_source() -> str:
    """axe-core as bundled by axe-playwright-python."""
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


@cache
def _script(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def one_line(error: BaseException) -> str:
    """First line of an error message, bounded."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]


class Tab:
    """A worker's private context + page + network recorder."""

    def __init__(self, browser: Browser, timeout_s: float, extra_headers: dict | None = None):
        self.browser = browser
        self.timeout_s = timeout_s
        self.extra_headers = extra_headers or {}
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.recorder = NetworkRecorder()
        self.crashed = False

    async def open(self) -> None:
        user_agent = await self._user_agent()
        self.context = await self.browser.new_context(
            viewport={"width": 1280, "height": 900},
            user_agent=user_agent,
            accept_downloads=False,
            extra_http_headers=self.extra_headers or None,
        )
        self.page = await self.context.new_page()
        self.page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.dismiss()))
        self.page.on("crash", lambda _page: setattr(self, "crashed", True))
        self.recorder = NetworkRecorder()
        cdp = await self.context.new_cdp_session(self.page)
        await self.recorder.attach(cdp)
        self.crashed = False

    async def _user_agent(self) -> str:
        version = self.browser.version
        return f"Mozilla/5.0 (X11; Linux x86_64) Chrome/{version} Safari/537.36 {USER_AGENT_SUFFIX}"

    async def close(self) -> None:
        if self.context is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.context.close(), 10)
        self.context = None
        self.page = None

    async def replace(self) -> None:
        """Throw the tab away (after a timeout or crash) and open a fresh one."""
        await self.close()
        await self.open()

    async def capture(self, url: str) -> PageSnapshot:
        """Load `url`, run axe-core and the collector, and return what was seen."""
        try:
            return await asyncio.wait_for(self._capture(url), self.timeout_s + 15)
        except (TimeoutError, PlaywrightTimeout) as error:
            await self.replace()
            return PageSnapshot(url, url, PageStatus.TIMEOUT,
                                error=f"délai dépassé ({self.timeout_s:g} s) : {one_line(error)}")
        except PlaywrightError as error:
            message = one_line(error)
            if "Download is starting" in message:
                return PageSnapshot(url, url, PageStatus.NOT_HTML,
                                    error="la ressource est un téléchargement, pas une page HTML")
            await self.replace()
            if "net::ERR_" in message:
                return PageSnapshot(url, url, PageStatus.HTTP_ERROR,
                                    error=f"page injoignable : {message}")
            return PageSnapshot(url, url, PageStatus.CRASHED, error=message)

    async def _capture(self, url: str) -> PageSnapshot:
        assert self.page is not None
        page = self.page
        self.recorder.reset()
        response = await page.goto(url, wait_until="load", timeout=self.timeout_s * 1000)
        final_url = page.url
        if response is None:
            return PageSnapshot(url, final_url, PageStatus.CRASHED, error="aucune réponse")
        http_status = response.status
        content_type = (await response.all_headers()).get("content-type", "")
        if http_status >= 400:
            return PageSnapshot(url, final_url, PageStatus.HTTP_ERROR, http_status, content_type,
                                error=f"HTTP {http_status}", network=self.recorder.entries())
        if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            return PageSnapshot(url, final_url, PageStatus.NOT_HTML, http_status, content_type,
                                error=f"contenu non HTML ({content_type.split(';')[0][:80]})")
        with contextlib.suppress(PlaywrightTimeout):
            await page.wait_for_load_state("networkidle", timeout=IDLE_WAIT_MS)
        network = self.recorder.entries()
        served = await self._served_html(response)
        axe = await self._run_axe(page)
        collected: dict[str, Any] = await page.evaluate(_script("collect.js"), MAX_DOM_CHARS)
        dom = collected.pop("dom", "")
        return PageSnapshot(
            url=url,
            final_url=final_url,
            status=PageStatus.AUDITED,
            http_status=http_status,
            content_type=content_type,
            title=collected.pop("title", "") or "",
            served_html=served,
            dom_html=dom,
            doctype=collected.pop("doctype", None),
            axe=axe,
            network=network,
            dom_elements=int(collected.pop("domElements", 0)),
            links=tuple(collected.pop("links", ())),
            collected=collected,
        )

    @staticmethod
    async def _served_html(response: Any) -> str:
        try:
            body = await response.body()
        except PlaywrightError:
            return ""
        return body[:MAX_SERVED_CHARS].decode("utf-8", errors="replace")

    @staticmethod
    async def _run_axe(page: Page) -> dict[str, Any]:
        try:
            await page.evaluate(axe_source())
            return await page.evaluate(_script("run_axe.js"),
                                       {"maxNodes": AXE_MAX_NODES, "maxHtml": 500})
        except PlaywrightError as error:
            return {"error": one_line(error)}
