"""One reusable browser tab that captures page after page into `PageSnapshot`s.

Each crawl worker owns one `Tab` (one context, one page, one CDP session) for the
whole audit; a tab that timed out or crashed is replaced, never shared.

Main-frame navigations are intercepted (CDP Fetch, documents only, so the hot path barely
changes): one that leaves the audit's scope (a redirect to another origin, a script setting
`location`) is blocked before the request is sent. Login headers, when given, are added to
the audited origin's requests only, never to third parties. A recorded login (a `TabLogin`,
crawl/login.py's resolved script in an audit), when given, is played in each new context before
its first page: at start, after the tab is replaced and after the browser restarts.

Two eco protocols: "fast" loads the page and waits for the network to be idle (bounded);
"ecoindex" follows the published EcoIndex protocol for comparable figures: a fresh context
(empty cache) at 1920x1080 per page, load, 3 s, scroll to the bottom, 3 s, then measure.
Either way the RGAA checks read that same page. After axe-core, the rendering probes
(probes.py) run, then collect.js, which marks the boxes of likely evidence targets. All three
run in rgaa-audit's isolated world (world.py), out of the page scripts' reach.

No screenshot is taken during capture: a full-page picture cost a fifth of the CPU of a page
and most pages need none. Once the page is decided, the crawl hands the recorder this tab's
`photograph` (the tab is still on that page) and the recorder asks for the one band of the page
that holds its failed elements, if any (store/evidence.py).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from rgaa_audit import __version__
from rgaa_audit.capture.interaction import mark_candidates, run_interactions
from rgaa_audit.capture.interaction.runner import DEFAULT_BUDGET_MS
from rgaa_audit.capture.network import NetworkRecorder
from rgaa_audit.capture.probes import run_probes
from rgaa_audit.capture.world import World, install, mark_closed_shadow_roots
from rgaa_audit.model import LoginError, PageStatus
from rgaa_audit.snapshot import PageSnapshot

HERE = Path(__file__).parent
USER_AGENT_SUFFIX = f"rgaa-audit/{__version__} (+https://pypi.org/project/rgaa-audit/)"
MAX_DOM_CHARS = 3_000_000
MAX_SERVED_CHARS = 3_000_000
AXE_MAX_NODES = 50
IDLE_WAIT_MS = 1500
MAX_RECTS = 2000
SCREENSHOT_MAX_HEIGHT = 6000
SCREENSHOT_QUALITY = 60
ECO_PROTOCOLS = ("fast", "ecoindex")
FAST_VIEWPORT = {"width": 1280, "height": 900}
ECOINDEX_VIEWPORT = {"width": 1920, "height": 1080}
ECOINDEX_WAIT_MS = 3000
HTML_TYPES = ("text/html", "application/xhtml+xml")
BLOCKED = "net::ERR_BLOCKED_BY_CLIENT"


class TabLogin(Protocol):
    """A login a tab plays in a fresh page; LoginError (rgaa_audit.model) when it fails."""

    async def play(self, page: Any, origin: str, timeout_s: float) -> None: ...


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

    def __init__(self, browser: Browser, timeout_s: float, extra_headers: dict | None = None,
                 *, in_scope: Callable[[str], bool] | None = None,
                 origin: str | None = None, storage_state: str | None = None,
                 eco_protocol: str = "fast", screenshots: bool = True, probes: bool = True,
                 idle_wait_ms: int = IDLE_WAIT_MS, login: TabLogin | None = None,
                 interaction_budget_ms: int = DEFAULT_BUDGET_MS):
        if eco_protocol not in ECO_PROTOCOLS:
            raise ValueError(f"protocole de mesure inconnu : {eco_protocol!r}")
        self.browser = browser
        self.eco_protocol = eco_protocol
        self.idle_wait_ms = idle_wait_ms
        self.screenshots = screenshots
        self.probes = probes
        self.interaction_budget_ms = interaction_budget_ms  # 0: no interaction probe
        self.probing = False  # interaction probes running: navigations and sends are aborted
        self.probe_aborted = 0
        self.timeout_s = timeout_s
        self.extra_headers = extra_headers or {}
        self.in_scope = in_scope
        self.origin = origin.rstrip("/") if origin else None
        self.storage_state = storage_state
        self.login = login
        self.login_error: str | None = None
        self._logged_in: dict[str, Any] | None = None  # ecoindex: the session for fresh contexts
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.recorder = NetworkRecorder()
        self.crashed = False
        self.blocked: str | None = None
        self._cdp: Any = None
        self._session: Any = None
        self._main_frame = ""

    @property
    def viewport(self) -> dict[str, int]:
        return ECOINDEX_VIEWPORT if self.eco_protocol == "ecoindex" else FAST_VIEWPORT

    async def open(self, *, log_in: bool = True) -> None:
        """A fresh context and page; the login script, if any, is played in it (LoginError).

        `log_in=False` (ecoindex, between pages) reuses the session the last login opened."""
        user_agent = await self._user_agent()
        reuse = self.login is not None and not log_in and self._logged_in is not None
        self.context = await self.browser.new_context(
            viewport=dict(self.viewport),
            user_agent=user_agent,
            accept_downloads=False,
            storage_state=self._logged_in if reuse else self.storage_state,
        )
        self.page = await self.context.new_page()
        self.page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.dismiss()))
        self.page.on("crash", lambda _page: setattr(self, "crashed", True))
        self.context.on("page", lambda popup: asyncio.ensure_future(popup.close())
                        if self.probing else None)
        self.recorder = NetworkRecorder()
        cdp = await self.context.new_cdp_session(self.page)
        self._session = cdp
        await self.recorder.attach(cdp)
        await install(cdp, axe_source())
        await mark_closed_shadow_roots(cdp)
        await self._intercept(cdp)
        self.crashed = False
        if self.login is not None and not reuse:
            await self._log_in()

    async def _log_in(self) -> None:
        assert self.login is not None and self.page is not None
        if not self.origin:
            raise LoginError("connexion : aucune origine auditée (adresse de départ requise)")
        await self.login.play(self.page, self.origin, self.timeout_s)
        self.login_error = None
        if self.eco_protocol == "ecoindex":
            self._logged_in = await self.context.storage_state()  # type: ignore[union-attr]

    def _patterns(self) -> list[dict[str, str]]:
        """What Fetch pauses: main-frame documents (scope), with login headers same-origin
        requests, and while the interaction probes run every request."""
        if self.probing:
            return [{"urlPattern": "*", "requestStage": "Request"}]
        patterns: list[dict[str, str]] = []
        if self.in_scope is not None:
            patterns.append({"resourceType": "Document", "requestStage": "Request"})
        if self.extra_headers and self.origin:
            patterns.append({"urlPattern": self.origin + "/*", "requestStage": "Request"})
        return patterns

    async def _intercept(self, cdp: Any) -> None:
        """Listen to paused requests; pause what `_patterns` says."""
        self._cdp = cdp
        tree = await cdp.send("Page.getFrameTree")
        self._main_frame = tree["frameTree"]["frame"]["id"]
        cdp.on("Fetch.requestPaused", lambda event: asyncio.ensure_future(self._paused(event)))
        patterns = self._patterns()
        if patterns:
            await cdp.send("Fetch.enable", {"patterns": patterns})

    async def _guard(self, on: bool) -> None:
        """While the probes run, abort every navigation (the page stays, no error page) and
        every request that could send something (not GET or HEAD: forms are never sent);
        popups they open are closed."""
        self.probing = on
        self.probe_aborted = 0 if on else self.probe_aborted
        patterns = self._patterns()
        if patterns:
            await self._cdp.send("Fetch.enable", {"patterns": patterns})
        else:
            await self._cdp.send("Fetch.disable")

    async def _paused(self, event: dict[str, Any]) -> None:
        request = event["request"]
        url: str = request["url"]
        request_id = event["requestId"]
        try:
            if self.probing and (event.get("resourceType") == "Document"
                                 or request.get("method", "GET") not in ("GET", "HEAD")):
                self.probe_aborted += 1
                await self._cdp.send("Fetch.failRequest",
                                     {"requestId": request_id, "errorReason": "Aborted"})
                return
            if (self.in_scope is not None and event.get("resourceType") == "Document"
                    and event.get("frameId") == self._main_frame and not self.in_scope(url)):
                self.blocked = url
                await self._cdp.send("Fetch.failRequest",
                                     {"requestId": request_id, "errorReason": "BlockedByClient"})
                return
            params: dict[str, Any] = {"requestId": request_id}
            if self.extra_headers and self.origin and (url == self.origin
                                                       or url.startswith(self.origin + "/")):
                headers = {**request.get("headers", {}), **self.extra_headers}
                params["headers"] = [{"name": k, "value": v} for k, v in headers.items()]
            await self._cdp.send("Fetch.continueRequest", params)
        except PlaywrightError:
            pass  # the tab closed or navigated meanwhile

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
        """Throw the tab away (after a timeout or crash) and open a fresh one.

        When the browser itself is gone, the crawl restarts it and reopens every tab."""
        await self.close()
        self._logged_in = None
        if self.browser.is_connected():
            try:
                await self.open()
            except PlaywrightError:
                pass
            except LoginError as error:  # the next capture tries again
                self.login_error = str(error)
                await self.close()

    async def capture(self, url: str) -> PageSnapshot:
        """Load `url`, run axe-core and the collector, and return what was seen."""
        self.blocked = None
        if self.page is None and self.login_error and self.browser.is_connected():
            await self.replace()
        if self.page is None:
            return PageSnapshot(url, url, PageStatus.CRASHED,
                                error=self.login_error or "navigateur indisponible")
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
            if BLOCKED in message and self.blocked:
                return PageSnapshot(url, self.blocked[:2000], PageStatus.SKIPPED,
                                    error="redirigée hors du périmètre de l'audit, vers "
                                          f"{self.blocked[:200]} (non visitée)")
            await self.replace()
            if "ERR_TOO_MANY_REDIRECTS" in message:
                return PageSnapshot(url, url, PageStatus.HTTP_ERROR,
                                    error="boucle de redirections : la page redirige sans fin "
                                          "(net::ERR_TOO_MANY_REDIRECTS)")
            if "net::ERR_" in message:
                return PageSnapshot(url, url, PageStatus.HTTP_ERROR,
                                    error=f"page injoignable : {message}")
            return PageSnapshot(url, url, PageStatus.CRASHED, error=message)

    async def _capture(self, url: str) -> PageSnapshot:
        if self.eco_protocol == "ecoindex":
            await self.close()  # a fresh context per page: nothing cached, nothing stored
            await self.open(log_in=False)
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
        await self._settle(page)
        await self.recorder.settle()
        network = self.recorder.entries()
        served = await self._served_html(response, content_type)
        world = World(self._session)
        axe = await self._run_axe(world)
        probes = await run_probes(page, world) if self.probes else {}
        marked = await mark_candidates(world) if self.interaction_budget_ms > 0 else None
        collected: dict[str, Any] = await world.call(
            _script("collect.js"),
            {"maxDomChars": MAX_DOM_CHARS, "maxRects": MAX_RECTS if self.screenshots else 0})
        dom = collected.pop("dom", "")
        collected["probes"] = probes
        if marked is not None:
            collected["interaction"] = await self._interact(page, world, marked)
        collected["eco_protocol"] = self.eco_protocol
        collected["child_targets"] = self.recorder.child_targets
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

    async def _interact(self, page: Page, world: World, marked: dict[str, Any]) -> dict[str, Any]:
        """The interaction probes on the captured page, guarded (see `_guard`)."""
        await self._guard(True)
        try:
            facts = await run_interactions(page, world, self._session, marked,
                                           self.interaction_budget_ms)
        finally:
            await self._guard(False)
        facts["aborted_requests"] = self.probe_aborted
        if marked.get("error"):
            facts["error"] = marked["error"]
        return facts

    async def _settle(self, page: Page) -> None:
        """Wait as the eco protocol says before measuring."""
        if self.eco_protocol == "ecoindex":
            await page.wait_for_timeout(ECOINDEX_WAIT_MS)
            with contextlib.suppress(PlaywrightError):
                await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            await page.wait_for_timeout(ECOINDEX_WAIT_MS)
            with contextlib.suppress(PlaywrightError):
                await page.evaluate("window.scrollTo(0, 0)")  # rects are taken from the top
            return
        if self.idle_wait_ms > 0:
            with contextlib.suppress(PlaywrightTimeout):
                await page.wait_for_load_state("networkidle", timeout=self.idle_wait_ms)

    async def photograph(self, top: int, bottom: int) -> bytes:
        """JPEG of the band [top, bottom) of the page last captured, full width, in document
        CSS pixels (height capped); b"" when the tab can no longer show it."""
        if self._session is None or self.page is None or self.crashed:
            return b""
        top = max(0, int(top))
        height = max(1, min(int(bottom) - top, SCREENSHOT_MAX_HEIGHT))
        clip = {"x": 0, "y": top, "width": self.viewport["width"], "height": height, "scale": 1}
        try:
            shot = await asyncio.wait_for(self._session.send("Page.captureScreenshot", {
                "format": "jpeg", "quality": SCREENSHOT_QUALITY, "clip": clip,
                "captureBeyondViewport": True, "optimizeForSpeed": True}), self.timeout_s)
        except (PlaywrightError, TimeoutError):
            return b""
        return base64.b64decode(shot.get("data", ""))

    @staticmethod
    async def _served_html(response: Any, _content_type: str) -> str:
        try:
            body = await response.body()
        except PlaywrightError:
            return ""
        # Chromium hands text bodies over already decoded (header charset, then <meta>, else
        # its default, as a browser does) and Playwright re-encodes them as UTF-8. The
        # discovery pass, which sees raw bytes, uses `crawl.charset.decode_html` instead.
        return body[:MAX_SERVED_CHARS].decode("utf-8", errors="replace")

    @staticmethod
    async def _run_axe(world: World) -> dict[str, Any]:
        try:
            return await world.call(_script("run_axe.js"),
                                    {"maxNodes": AXE_MAX_NODES, "maxHtml": 500})
        except PlaywrightError as error:
            return {"error": one_line(error)}

