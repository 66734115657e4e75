"""The only module that wires the stages: crawl -> capture -> check -> decide -> score -> store.

Renderers are not called here: they read the stored result document (see `report/`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import platform
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rgaa_audit import RGAA_VERSION, __version__
from rgaa_audit.capture.browser import BrowserChoice, Chromium
from rgaa_audit.capture.tab import Tab
from rgaa_audit.checks.axe import axe_results
from rgaa_audit.checks.components import page_fingerprints
from rgaa_audit.checks.digest import site_digest
from rgaa_audit.checks.obligations import page_facts, site_obligations
from rgaa_audit.checks.obligations import page_key as obligation_page_key
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import run_page_checks
from rgaa_audit.checks.site import site_findings
from rgaa_audit.crawl.charset import decode_html
from rgaa_audit.crawl.crawler import run_capture
from rgaa_audit.crawl.fetch import fetch
from rgaa_audit.crawl.ports import Progress, TabOptions
from rgaa_audit.crawl.robots import Robots, robots_url
from rgaa_audit.crawl.scope import Scope
from rgaa_audit.crawl.settings import CrawlSettings, login_headers
from rgaa_audit.crawl.urls import normalise
from rgaa_audit.decide.verdicts import decide_page, partial_page_results
from rgaa_audit.eco import page_eco
from rgaa_audit.eco.summary import eco_summary
from rgaa_audit.model import PageResult, PageStatus
from rgaa_audit.referential import load_referential
from rgaa_audit.score.rates import rate
from rgaa_audit.score.summary import build_summary
from rgaa_audit.snapshot import Camera, PageSnapshot
from rgaa_audit.store.evidence import add_crops
from rgaa_audit.store.files import REPORT_FILE, SCHEMA, PagesLog, write_json_atomic

AXE_CORE_VERSION_FALLBACK = "4.12"


@dataclass(frozen=True)
class AuditSettings:
    """Everything a run was asked to do, stored in the report."""

    crawl: CrawlSettings
    lang: str = "fr"


class CrawlBrowser(Chromium):
    """The browser driver the crawl runs on: capture's Chromium, and capture's tabs set up
    with the crawl's tab options (crawl/ports.py)."""

    def make_tab(self, browser: Any, options: TabOptions) -> Tab:
        return Tab(browser, options.timeout_s, options.extra_headers,
                   in_scope=options.in_scope, origin=options.origin,
                   storage_state=options.storage_state, eco_protocol=options.eco_protocol,
                   idle_wait_ms=options.idle_wait_ms, screenshots=options.screenshots,
                   login=options.login, interaction_budget_ms=options.interaction_budget_ms)


def page_result(snapshot: PageSnapshot, doc: PageDocument | None = None) -> PageResult:
    """Check and decide one captured page (`doc`: its parsed form, when already built)."""
    if snapshot.status is not PageStatus.AUDITED:
        return PageResult(
            url=snapshot.url,
            final_url=snapshot.final_url,
            status=snapshot.status,
            http_status=snapshot.http_status,
            error=snapshot.error,
        )
    doc = doc or PageDocument(snapshot)
    # Frames and shadow trees are not read: on their pages a pass or an absence proves nothing.
    frames_unread = bool(snapshot.collected.get("frames") or snapshot.collected.get("shadowHosts"))
    dom_truncated = bool(snapshot.collected.get("domTruncated"))
    results = partial_page_results(axe_results(snapshot.axe) + run_page_checks(doc),
                                   frames_unread=frames_unread, dom_truncated=dom_truncated)
    # NA links (criteria/na-links.toml) apply on pages read in full only.
    criteria = decide_page(results, load_referential(),
                           complete=not (frames_unread or dom_truncated))
    extra: dict[str, Any] = {"fingerprints": page_fingerprints(doc)}
    if snapshot.axe.get("error"):
        extra["capture_errors"] = [f"axe-core : {snapshot.axe['error']}"]
    probes_error = (snapshot.collected.get("probes") or {}).get("error")
    if probes_error:
        extra.setdefault("capture_errors", []).append(f"sondes de rendu : {probes_error}")
    interaction = snapshot.collected.get("interaction")
    if isinstance(interaction, dict):  # what each probe cost and whether it ran to its end
        extra["interaction"] = {
            "ms": int(interaction.get("ms", 0)),
            "probes": {str(name)[:40]: {"status": str(facts.get("status", ""))[:20],
                                        "ms": int(facts.get("ms", 0))}
                       for name, facts in (interaction.get("probes") or {}).items()
                       if isinstance(facts, dict)}}
    eco = page_eco(snapshot, doc)
    protocol = snapshot.collected.get("eco_protocol")
    if protocol:
        eco = dataclasses.replace(eco, extra={**eco.extra, "protocol_used": str(protocol)})
    return PageResult(
        url=snapshot.url,
        final_url=snapshot.final_url,
        status=snapshot.status,
        http_status=snapshot.http_status,
        title=snapshot.title,
        rate=rate(v.status for v in criteria.values()),
        criteria=criteria,
        eco=eco,
        extra=extra,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def decide_site(digests: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Site-wide findings (test -> findings) from the pages' digests."""
    docs = [(url, PageDocument(PageSnapshot.from_html(html, url))) for url, html in digests]
    return {test: [f.to_dict() for f in findings]
            for test, findings in sorted(site_findings(docs).items())}


def build_report(pages: list[dict[str, Any]], meta: dict[str, Any],
                 site: dict[str, list[dict]] | None = None) -> dict[str, Any]:
    """The result document from the stored page results and the run's facts."""
    return {
        "schema": SCHEMA,
        "tool": {
            "name": "rgaa-audit",
            "version": __version__,
            "axe_core": meta.get("axe_core", AXE_CORE_VERSION_FALLBACK),
            "browser": meta.get("browser", ""),
            "python": platform.python_version(),
        },
        "rgaa_version": RGAA_VERSION,
        "lang": meta.get("lang", "fr"),
        "site": {
            "start_url": meta.get("start_url"),
            "started_at": meta.get("started_at"),
            "finished_at": meta.get("finished_at") or _now(),
            "settings": meta.get("settings", {}),
            "out_of_scope": meta.get("out_of_scope", []),
            "documents": meta.get("documents", []),
            "not_audited": meta.get("not_audited", []),
        },
        "pages": pages,
        "site_findings": site or {},
        "summary": {**build_summary(pages, site), "eco": eco_summary(pages)},
    }


class _Recorder:
    """Decides each snapshot as it arrives and appends it to pages.jsonl at once.

    On resume it starts from the pages already logged (one per URL) and the stored digests;
    `reasons` maps a URL to why the RGAA sample picked it (stored as `sample_reason`). With an
    output folder, failed elements get evidence crops (at most `max_crops` a page, see
    store/evidence.py), photographed by the `camera` the crawl lends with each snapshot (the
    worker's tab, still on the page)."""

    def __init__(self, log: PagesLog | None, store: Any = None, resume: bool = False,
                 max_crops: int = 10) -> None:
        self.log = log
        self.max_crops = max_crops
        self.store = store
        # Page results wait for the report as compressed JSON: a decoded page weighs several
        # times its JSON, and holding 1,000 of them made memory grow with the audit's size.
        self._packed: list[bytes] = []
        self.finished: set[str] = set()
        self._digests: list[tuple[str, bytes]] = []  # (URL, compressed digest), same reason
        self.axe_version: str | None = None
        self.reasons: dict[str, str] = {}
        if resume and log is not None:
            by_url = {page["url"]: page for page in log.read() if "url" in page}
            for page in by_url.values():
                self._keep(PagesLog.encode(page), page["url"])
            if store is not None:
                for url, digest in store.digests():
                    self._keep_digest(url, digest)

    def _keep(self, line: str, url: str) -> None:
        self._packed.append(zlib.compress(line.encode(), 1))
        self.finished.add(url)

    def _keep_digest(self, url: str, digest: str) -> None:
        self._digests.append((url, zlib.compress(digest.encode(), 1)))

    @property
    def digests(self) -> list[tuple[str, str]]:
        """(URL, site digest) of every audited page so far."""
        return [(url, zlib.decompress(packed).decode()) for url, packed in self._digests]

    @property
    def pages(self) -> list[dict[str, Any]]:
        """Every page result so far, decoded (a new list each time)."""
        return [json.loads(zlib.decompress(packed)) for packed in self._packed]

    async def __call__(self, snapshot: PageSnapshot, camera: Camera | None = None) -> None:
        if snapshot.axe.get("version"):
            self.axe_version = snapshot.axe["version"]
        try:
            doc = PageDocument(snapshot)
            page = page_result(snapshot, doc).to_dict()
            if snapshot.status is PageStatus.AUDITED:
                digest = site_digest(doc)
                self._keep_digest(snapshot.final_url, digest)
                if self.store is not None:
                    self.store.add_digest(snapshot.final_url, digest)
                try:
                    page["obligations"] = page_facts(doc)
                except Exception as error:  # the obligations are never worth a page
                    page.setdefault("capture_errors", []).append(
                        f"obligations : {type(error).__name__}")
                if self.log is not None and self.max_crops > 0 and camera is not None:
                    try:
                        await add_crops(page, snapshot, doc, self.log.path.parent,
                                        self.max_crops, camera)
                    except Exception as error:  # a crop is never worth a page
                        page.setdefault("capture_errors", []).append(
                            f"vignettes : {type(error).__name__}")
        except Exception as error:
            page = PageResult(snapshot.url, snapshot.final_url, PageStatus.CRASHED,
                              snapshot.http_status,
                              error=f"erreur interne de l'analyse : {type(error).__name__}: "
                                    f"{str(error)[:200]}").to_dict()
        reason = self.reasons.get(snapshot.url)
        if reason:
            page["sample_reason"] = reason
        line = PagesLog.encode(page)  # encoded once: for the log and the in-memory copy
        self._keep(line, page["url"])
        if self.log is not None:
            self.log.append_line(line)


MAX_STATEMENT_BYTES = 2_000_000


def _may_fetch(url: str, start_url: str, settings: CrawlSettings) -> bool:
    """The crawl's own rules for a page it did not reach: the start URL's origin, the
    include / exclude patterns and, unless ignored, robots.txt."""
    scope = Scope(normalise(start_url), settings.include, settings.exclude)
    if not scope.same_site(url) or scope.matches(url):
        return False
    if settings.ignore_robots:
        return True
    headers = login_headers(settings)
    return Robots.from_response(fetch(robots_url(scope.start_url), headers)).allowed(url)


def decide_obligations(pages: list[dict[str, Any]], home_url: str,
                       settings: CrawlSettings) -> dict[str, Any]:
    """The site's obligation facts (checks/obligations.py) from the audited pages' facts.

    When the pages point to an accessibility page the crawl did not audit (outside the
    sample, past `max_pages`), it is read over plain HTTP, without a browser, so its
    statement is still checked (it stays out of the rates), if the crawl's scope allows it."""
    start_url = home_url
    audited = [(str(p.get("final_url") or p["url"]), p["obligations"]) for p in pages
               if p.get("status") == PageStatus.AUDITED.value
               and isinstance(p.get("obligations"), dict)]
    # the home page first, found by the address asked (its final one may differ: redirects)
    asked = [str(p["url"]) for p in pages if p.get("status") == PageStatus.AUDITED.value
             and isinstance(p.get("obligations"), dict)]
    home = next((i for i, url in enumerate(asked) if obligation_page_key(url)
                 == obligation_page_key(home_url)), None)
    if home is not None:
        home_url = audited[home][0]
        audited.insert(0, audited.pop(home))
    facts = site_obligations(audited, home_url)
    target = facts.get("accessibility_page")
    if (target and not facts.get("accessibility_page_audited")
            and _may_fetch(target, start_url, settings)):
        response = fetch(target, login_headers(settings), settings.page_timeout,
                         MAX_STATEMENT_BYTES)
        if response.status == 200 and "html" in response.content_type.lower():
            html = decode_html(response.body, response.content_type)
            snapshot = PageSnapshot.from_html(html, response.url)
            facts = site_obligations(audited, home_url,
                                     fetched=(target, page_facts(PageDocument(snapshot))))
    return facts


def run_audit(
    browser: BrowserChoice,
    settings: AuditSettings,
    progress: Progress,
    out_dir: Path | None,
    start_url: str | None = None,
    urls: Iterable[str] = (),
) -> dict[str, Any]:
    """Crawl from `start_url` (or audit `urls` as given), store and return the report.

    With `settings.crawl.resume`, an interrupted audit in `out_dir` goes on where it stopped
    (see crawl/resume.py). Login headers are masked in the stored settings."""
    from rgaa_audit.crawl.resume import CrawlStore

    started = _now()
    urls = list(urls)
    resume = settings.crawl.resume and out_dir is not None
    store = CrawlStore(out_dir, resume=resume)
    recorder = _Recorder(PagesLog(out_dir, fresh=not resume) if out_dir else None, store, resume,
                         max_crops=settings.crawl.max_crops_per_page)
    facts: dict[str, Any] = {}
    try:
        facts = asyncio.run(
            run_capture(CrawlBrowser(browser), settings.crawl, recorder, progress, start_url, urls,
                        store=store, finished=set(recorder.finished), reasons=recorder.reasons))
    finally:
        store.close()
        meta = {
            **facts,
            "axe_core": recorder.axe_version or AXE_CORE_VERSION_FALLBACK,
            "lang": settings.lang,
            "start_url": start_url or (urls[0] if urls else None),
            "started_at": started,
            "settings": {**settings.crawl.public(), "lang": settings.lang},
        }
        report = build_report(recorder.pages, meta, decide_site(recorder.digests))
        if start_url:  # a crawl from the home page: the declarative obligations
            try:
                report["obligations"] = decide_obligations(report["pages"], start_url,
                                                           settings.crawl)
            except Exception as error:  # never worth the audit
                report["site"].setdefault("capture_errors", []).append(
                    f"obligations : {type(error).__name__}: {str(error)[:200]}")
        for key in ("out_of_scope_reasons", "missing_required_pages", "browser_restarts"):
            if key in facts:
                report["site"][key] = facts[key]
        if out_dir is not None:
            write_json_atomic(out_dir / REPORT_FILE, report)
    return report
