"""The crawler: one browser, N workers, each reusing one tab, breadth-first over one origin.

Per page a worker: waits its turn (per-host delay), captures, retries once after a short
delay when the failure may be passing (timeout, crash, network error, 5xx), queues the links
and hands the snapshot on. Between pages the `BrowserSession` may restart the browser: when it
died, when its processes crossed the memory ceiling, or every `recycle_after` pages; workers
park at a barrier so no page is lost in the restart, and the page that met the crash is
retried once on the fresh browser.

With a login script (`login_script`, see crawl/login.py), each tab plays it when its context
opens: before the crawl, after the tab is replaced and after a restart; the RGAA sample's
discovery pass borrows the first tab's session cookies for the audited origin.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from rgaa_audit.capture.browser import LAUNCH_ARGS, BrowserChoice, browser_tree_rss_mb
from rgaa_audit.capture.tab import Tab
from rgaa_audit.crawl.fetch import fetch
from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.login import LoginScript, ResolvedLogin
from rgaa_audit.crawl.resume import CrawlStore
from rgaa_audit.crawl.robots import Robots, robots_url
from rgaa_audit.crawl.scope import Scope
from rgaa_audit.crawl.sitemaps import sitemap_urls
from rgaa_audit.crawl.urls import normalise, same_origin
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import Camera, PageSnapshot

# Gets each snapshot, with the worker's camera while its tab still shows the page (None for
# pages not loaded); the worker awaits it before its next page.
SnapshotHandler = Callable[[PageSnapshot, Camera | None], Awaitable[None]]
MEMORY_CHECK_EVERY = 5  # pages between two reads of the browser's memory
MAX_ROBOTS_DELAY = 30.0
SECRET_FIELDS = ("extra_headers",)


def _header_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """Headers from a dict, pairs, or "Name: value" strings (command line)."""
    if not value:
        return ()
    items = value.items() if isinstance(value, dict) else value
    pairs = []
    for item in items:
        if isinstance(item, str):
            name, sep, text = item.partition(":")
            if not sep or not name.strip():
                raise ValueError(f"en-tête invalide (attendu « Nom: valeur ») : {name[:40]!r}")
            pairs.append((name.strip(), text.strip()))
        else:
            name, text = item
            pairs.append((str(name), str(text)))
    return tuple(pairs)


@dataclass(frozen=True)
class CrawlSettings:
    """How far and how fast to crawl (each field is also a command-line option)."""

    max_pages: int = 50
    page_timeout: float = 30.0
    concurrency: int = 2
    follow_links: bool = True
    # scope (see crawl/scope.py for the pattern syntax)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int | None = None
    max_variants_per_path: int = 10
    urls_file: str | None = None
    use_sitemaps: bool = True
    # politeness
    ignore_robots: bool = False
    delay: float = 0.0  # seconds between two page loads on the audited host
    # robustness
    retry_delay: float = 1.0
    recycle_after: int = 500
    max_browser_memory_mb: int = 3000  # 0: no ceiling
    # logins: never written to a report or log (see `public_settings`)
    storage_state: str | None = None
    login_script: str | None = None  # TOML steps; ${NAME} read from the environment
    extra_headers: tuple[tuple[str, str], ...] = ()
    # resume and sample
    resume: bool = False
    sample: str | None = None
    pinned_urls: tuple[str, ...] = ()
    sample_seed: int = 0
    discover_pages: int = 500
    # measurement and evidence
    eco_protocol: str = "fast"  # "fast" | "ecoindex" (see capture/tab.py)
    max_crops_per_page: int = 10  # evidence crops of failed elements; 0: no screenshot
    idle_wait_ms: int = 1500  # after "load", wait at most this for the network to go quiet

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_headers", _header_pairs(self.extra_headers))
        for name in ("include", "exclude", "pinned_urls"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if self.sample not in (None, "rgaa"):
            raise ValueError(f"échantillon inconnu : {self.sample!r} (attendu : rgaa)")
        if self.eco_protocol not in ("fast", "ecoindex"):
            raise ValueError(f"protocole de mesure inconnu : {self.eco_protocol!r} "
                             "(attendu : fast ou ecoindex)")

    def public(self) -> dict[str, Any]:
        """The settings as stored in a report: header values masked."""
        from dataclasses import asdict

        data = asdict(self)
        data["extra_headers"] = {name: "***" for name, _ in self.extra_headers}
        return data


class Progress:
    """What the crawl tells the user; the CLI plugs a rich or plain implementation in."""

    def started(self, url: str) -> None: ...

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None: ...


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


class BrowserSession:
    """The browser and the workers' tabs; restarts them at a barrier when asked to."""

    def __init__(self, playwright: Playwright, choice: BrowserChoice, settings: CrawlSettings,
                 make_tab: Callable[[Browser], Tab]) -> None:
        self.playwright = playwright
        self.choice = choice
        self.settings = settings
        self.make_tab = make_tab
        self.browser: Browser | None = None
        self.tabs: list[Tab] = []
        self.version = ""
        self.restart_reason: str | None = None
        self.restarts: list[str] = []
        self.pages_since_launch = 0
        self.active = 0
        self._parked = 0
        self._released = asyncio.Event()

    async def launch(self, count: int) -> None:
        executable = str(self.choice.executable) if self.choice.executable else None
        self.browser = await self.playwright.chromium.launch(
            executable_path=executable, args=list(LAUNCH_ARGS), headless=True)
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
        if ceiling and done % MEMORY_CHECK_EVERY == 0 and browser_tree_rss_mb() > ceiling:
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


@dataclass
class _State:
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


async def _capture_with_retry(tab: Tab, session: BrowserSession, url: str,
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


async def _worker(tab: Tab, session: BrowserSession, state: _State, pacer: HostPacer,
                  on_page: SnapshotHandler, progress: Progress, settings: CrawlSettings) -> None:
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
                        await _emit_disallowed(frontier, on_page, settings.max_pages)
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


def read_urls_file(path: str) -> list[str]:
    """One URL a line; blank lines and lines starting with # are ignored."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return [line.strip() for line in text.splitlines()[:100_000]
            if line.strip() and not line.lstrip().startswith("#")]


def _login_headers(settings: CrawlSettings) -> dict[str, str]:
    return dict(settings.extra_headers)


def _resolved_login(settings: CrawlSettings, origin: str | None) -> ResolvedLogin | None:
    """The login script with its variables read from the environment, checked to stay on
    the audited origin (LoginError otherwise)."""
    if not settings.login_script:
        return None
    login = LoginScript.load(settings.login_script).resolve()
    if origin is None:
        raise ValueError("un script de connexion demande une adresse de départ")
    login.check_origin(origin)
    return login


async def prepare_frontier(start_url: str, settings: CrawlSettings, store: CrawlStore,
                           finished: set[str]) -> tuple[Frontier, Robots]:
    """Scope, robots.txt, seeds (start URL, URL file, sitemaps); or the stored state on resume."""
    start = normalise(start_url)
    headers = _login_headers(settings)
    robots = Robots.from_response(await asyncio.to_thread(fetch, robots_url(start), headers))
    scope = Scope(start, settings.include, settings.exclude, settings.max_depth,
                  settings.max_variants_per_path)
    allowed = (lambda _url: True) if settings.ignore_robots else robots.allowed
    frontier = Frontier(scope, settings.max_pages, store, allowed)
    if settings.resume and store.rows():
        frontier.restore(finished)
        return frontier, robots
    frontier.add(start, 0)
    for url in settings.pinned_urls:
        frontier.add(urljoin(start, url), 0)
    if settings.urls_file:
        for url in read_urls_file(settings.urls_file):
            frontier.add(urljoin(start, url), 0)
    if settings.use_sitemaps:
        first = [urljoin(start, url) for url in robots.sitemaps] or [urljoin(start, "/sitemap.xml")]
        found = await asyncio.to_thread(
            sitemap_urls, first, lambda u: fetch(u, headers), lambda u: same_origin(u, start))
        for url in found:
            frontier.add(url, 1)
    store.commit()
    return frontier, robots


async def run_capture(
    browser_choice: BrowserChoice,
    settings: CrawlSettings,
    on_page: SnapshotHandler,
    progress: Progress,
    start_url: str | None = None,
    urls: Iterable[str] = (),
    store: CrawlStore | None = None,
    finished: set[str] | None = None,
    reasons: dict[str, str] | None = None,
) -> dict[str, object]:
    """Crawl from `start_url` (or audit the fixed `urls`) and hand each snapshot to `on_page`.

    `store` keeps the crawl's state for `--resume`; `finished` are the URLs already in
    pages.jsonl; `reasons` is filled with why the sample picked each URL. Returns facts about
    the run: browser version, out-of-scope URLs (with the reason), documents found, URLs left
    in the queue.
    """
    store = store or CrawlStore(None)
    frontier: Frontier | None = None
    robots = Robots()
    if start_url:
        frontier, robots = await prepare_frontier(start_url, settings, store, finished or set())
    delay = settings.delay
    if not settings.ignore_robots and robots.delay:
        delay = max(delay, min(robots.delay, MAX_ROBOTS_DELAY))
    pacer = HostPacer(delay)
    scope_check = frontier.scope.same_site if frontier is not None else None
    first_url = start_url or next(iter(urls), None)
    origin = urljoin(normalise(first_url), "/") if first_url else None
    login = _resolved_login(settings, origin)

    def make_tab(browser: Browser) -> Tab:
        return Tab(browser, settings.page_timeout, _login_headers(settings),
                   in_scope=scope_check, origin=origin, storage_state=settings.storage_state,
                   eco_protocol=settings.eco_protocol, idle_wait_ms=settings.idle_wait_ms,
                   screenshots=settings.max_crops_per_page > 0, login=login)

    workers = max(1, settings.concurrency)
    async with async_playwright() as playwright:
        session = BrowserSession(playwright, browser_choice, settings, make_tab)
        try:
            await session.launch(workers)
            follow = settings.follow_links
            if frontier is not None and settings.sample:
                from rgaa_audit.crawl.sample import choose_sample

                follow = False
                headers = {**_login_headers(settings), **await session.cookie_header(origin)}
                facts_sample = await choose_sample(frontier, settings, headers)
                if reasons is not None:
                    reasons.update(facts_sample.reasons)
            state = _State(frontier=frontier, fixed=list(urls), follow_links=follow)
            session.active = workers
            if frontier is not None:
                await _emit_disallowed(frontier, on_page, settings.max_pages)
            await asyncio.gather(*(
                _worker(tab, session, state, pacer, on_page, progress, settings)
                for tab in session.tabs))
        finally:
            with contextlib.suppress(PlaywrightError):
                await session.close()
        facts: dict[str, object] = {"browser": f"Chromium {session.version}"}
        if session.restarts:
            facts["browser_restarts"] = session.restarts
    if frontier is not None and settings.sample:
        facts["missing_required_pages"] = facts_sample.missing
    if frontier is not None:
        facts["out_of_scope"] = sorted(frontier.out_of_scope)[:1000]
        facts["out_of_scope_reasons"] = dict(sorted(frontier.out_of_scope.items())[:1000])
        facts["documents"] = sorted(frontier.documents)[:1000]
        facts["not_audited"] = [url for url, _ in frontier.queue][:1000]
    store.commit()
    return facts


async def _emit_disallowed(frontier: Frontier, on_page: SnapshotHandler, limit: int) -> None:
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
