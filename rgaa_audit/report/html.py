"""Render the stored result document (report.json) as one self-contained, accessible HTML file.

The renderer reads only the document: never the browser, never the pipeline. It first turns the
document into a small view (frozen dataclasses, every string from the site cut to a bound), then
lets Jinja2 (autoescape on) lay it out with the templates of `reports/templates/`. The file has
inline CSS, no script, no external font or link to load: it opens offline.

Robustness: unknown keys are ignored, missing optional keys shown as "not available", and a
criteria table that is missing or partial degrades to criterion ids alone.
"""

from __future__ import annotations

import base64
import json
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from rgaa_audit import RGAA_VERSION
from rgaa_audit.eco.ecoindex import grade_of
from rgaa_audit.eco.registry import RGESN_URL, eco_check_specs
from rgaa_audit.paths import data_dir
from rgaa_audit.referential import Referential, sort_key
from rgaa_audit.report import i18n
from rgaa_audit.report.labels import official_url, safe_referential

STATUSES = ("C", "NC", "NA", "NT")
TITLE_MAX = 300
URL_SHOWN_MAX = 160
URL_MAX = 2000
SNIPPET_MAX = 500
MESSAGE_MAX = 1000
SELECTOR_MAX = 300
SHORT_MAX = 120
FINDINGS_PER_CRITERION = 50
SETTINGS_MAX = 40
CRITERION_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HREF_NOISE = re.compile(r"[\x00-\x20\x7f]")
_HTTP = re.compile(r"^https?://[^/\s]", re.IGNORECASE)
TOP_ROWS = 10
SITE_TESTS_MAX = 60
LISTED_MAX = 100
GATES_MAX = 20
WAIVERS_MAX = 50
ECO_EVIDENCE_MAX = 10
CHART_ROWS = 30
CHART_LABEL_MAX = 30  # keeps label and value on one line at 320 px
PAGE_LABEL_MAX = 26
CROP_MAX_BYTES = 200_000
CROPS_TOTAL_MAX = 8_000_000
_CROP_PATH = re.compile(r"^evidence/[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.jpe?g$")
_TEST_ID = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}$")
BASELINE_MARKS = ("new", "unchanged")
ECO_OUTCOMES = ("failed", "cant-tell", "passed", "inapplicable")
# Reference figures the eco charts draw as lines (see the i18n texts for their sources).
HTTP_ARCHIVE_MEDIAN_BYTES = 2_300_000
HTTP_ARCHIVE_MEDIAN_REQUESTS = 75
ECOINDEX_TARGET_BYTES = 1_024_000
ECOINDEX_TARGET_REQUESTS = 40
ECOINDEX_TARGET_DOM = 600


# ---------------------------------------------------------------- untrusted text


def cut(value: Any, limit: int = TITLE_MAX) -> str:
    """Any value as text without control characters, cut to `limit` characters."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_url(url: Any) -> str:
    """A URL for display: cut in the middle when long, so host and end stay readable."""
    text = cut(url, 10 * URL_MAX)
    if len(text) <= URL_SHOWN_MAX:
        return text
    half = URL_SHOWN_MAX // 2
    return text[:half] + "…" + text[-(half - 1) :]


def safe_href(url: Any) -> str | None:
    """The URL if it is a plain http(s) link, else None (never `javascript:` or `data:`)."""
    if not isinstance(url, str):
        return None
    cleaned = _HREF_NOISE.sub("", url)  # browsers ignore these inside a scheme
    if len(cleaned) > URL_MAX or not _HTTP.match(cleaned):
        return None
    return cleaned


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _records(value: Any) -> list[Mapping[str, Any]]:
    """The mappings of a list (anything else dropped); [] when it is not a list."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _status(value: Any) -> str | None:
    return value if value in STATUSES else None


# ---------------------------------------------------------------- the view


@dataclass(frozen=True)
class CriterionInfo:
    """One criterion as the report names it: id, title (may be empty) and official link."""

    id: str
    theme: int
    title: str
    url: str

    @property
    def anchor(self) -> str:
        return self.id.replace(".", "-")


@dataclass(frozen=True)
class ThemeInfo:
    """One theme with the criteria the report shows under it."""

    number: int
    title: str
    criteria: tuple[CriterionInfo, ...]


@dataclass(frozen=True)
class FindingView:
    """One flagged element, every field bounded."""

    test: str
    message: str
    selector: str
    snippet: str
    source: str
    baseline: str = ""  # "new" or "unchanged" against the CI baseline, else ""
    crop: str = ""  # data: URI of the evidence crop, else ""


@dataclass(frozen=True)
class CriterionBlock:
    """A criterion of one page with the elements shown under it."""

    info: CriterionInfo
    status: str
    findings: tuple[FindingView, ...]
    hidden: int
    waived_reason: str = ""
    waived_expires: str = ""

    @property
    def waived(self) -> bool:
        return bool(self.waived_reason or self.waived_expires)


@dataclass(frozen=True)
class SiteGroup:
    """The site-wide findings of one RGAA test (checks that compare pages)."""

    info: CriterionInfo
    test: str
    findings: tuple[FindingView, ...]
    hidden: int


@dataclass(frozen=True)
class EcoCheckView:
    """The outcome of one sobriety check on one page."""

    id: str
    title: str
    outcome: str
    message: str
    rgesn: tuple[tuple[str, str], ...]  # (id, official link)
    evidence: tuple[tuple[str, str], ...]  # (target, detail)
    hidden: int


@dataclass(frozen=True)
class EcoCheckTally:
    """How many pages had each outcome for one sobriety check."""

    id: str
    title: str
    rgesn: tuple[tuple[str, str], ...]
    counts: dict[str, int]


@dataclass(frozen=True)
class ChartRow:
    """One bar: label, value shown as text, bar length in % of the chart, and a fill kind."""

    label: str
    value_text: str
    extra_text: str
    width: float
    kind: str = "plain"  # "plain", "third" (hatched) or "over" (beyond a reference)


@dataclass(frozen=True)
class ChartRef:
    """A reference line across a chart, at `x` % of its width."""

    label: str
    value_text: str
    x: float
    style: str  # "median" (dashed) or "target" (dotted)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart drawn as inline SVG, with its text alternative."""

    id: str
    title: str
    summary: str
    value_header: str
    extra_header: str
    rows: tuple[ChartRow, ...]
    refs: tuple[ChartRef, ...] = ()
    hidden: int = 0

    @property
    def height(self) -> int:
        return 38 * len(self.rows) + 6


@dataclass(frozen=True)
class TypeRow:
    """Eco figures of one resource type."""

    name: str
    requests: float | None
    transfer_bytes: float | None
    decoded_bytes: float | None


@dataclass(frozen=True)
class EcoView:
    """Eco figures of one page."""

    requests: float | None
    transfer_bytes: float | None
    decoded_bytes: float | None
    dom_elements: float | None
    ecoindex: float | None
    grade: str
    by_type: tuple[TypeRow, ...]
    co2_g: float | None = None
    co2_model: str = ""
    protocol: str = ""
    protocol_used: str = ""
    checks: tuple[EcoCheckView, ...] = ()

    @property
    def outcome_counts(self) -> tuple[tuple[str, int], ...]:
        """(outcome, number of checks) for the outcomes that occur, failures first."""
        found = [(o, sum(1 for c in self.checks if c.outcome == o)) for o in ECO_OUTCOMES]
        return tuple((o, n) for o, n in found if n)


@dataclass(frozen=True)
class PageView:
    """One page of the report."""

    number: int
    url: str
    href: str | None
    final_url: str
    final_href: str | None
    status: str
    http_status: str
    error: str
    title: str
    rate: float | None
    statuses: dict[str, str | None]
    counts: dict[str, int]
    failures: tuple[CriterionBlock, ...]
    to_verify: tuple[CriterionBlock, ...]
    eco: EcoView | None
    sample_reason: str = ""

    @property
    def audited(self) -> bool:
        return self.status == "audited"

    @property
    def skipped(self) -> bool:
        return self.status == "skipped"


@dataclass(frozen=True)
class HeavyPage:
    """One of the heaviest pages of the site."""

    url: str
    href: str | None
    transfer_bytes: float | None
    requests: float | None
    ecoindex: float | None


@dataclass(frozen=True)
class ThirdParty:
    """A third-party domain the pages call."""

    domain: str
    requests: float | None
    transfer_bytes: float | None
    pages: float | None


@dataclass(frozen=True)
class SiteView:
    """The site summary."""

    url: str
    href: str | None
    started: str
    started_iso: str
    finished: str
    finished_iso: str
    duration: str
    global_rate: float | None
    average_rate: float | None
    conformance: str | None
    provisional: bool
    counts: dict[str, int]
    statuses: dict[str, str | None]
    total: int
    decided: int
    untested: int
    nt_with_items: int
    nt_without: int
    range_low: float | None
    range_high: float | None
    pages_audited: int
    pages_failed: int
    eco_transfer: float | None
    eco_requests: float | None
    eco_median_weight: float | None
    eco_dom: float | None
    eco_median: float | None
    eco_grade: str
    eco_grades: tuple[tuple[str, int], ...]
    heaviest: tuple[HeavyPage, ...]
    third_parties: tuple[ThirdParty, ...]
    settings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class MissingPage:
    """A kind of page the RGAA sample looked for and did not find."""

    kind: str
    label: str
    required_by_law: bool


@dataclass(frozen=True)
class CrawlView:
    """What the crawl noticed besides the pages: missing kinds, URLs left out, documents."""

    missing: tuple[MissingPage, ...]
    out_of_scope: tuple[tuple[str, str], ...]  # (shown URL, reason)
    out_of_scope_total: int
    documents: tuple[tuple[str, str | None], ...]  # (shown URL, safe href)
    documents_total: int
    browser_restarts: int | None

    @property
    def missing_by_law(self) -> tuple[MissingPage, ...]:
        return tuple(m for m in self.missing if m.required_by_law)

    @property
    def empty(self) -> bool:
        return not (self.missing or self.out_of_scope_total or self.documents_total
                    or self.browser_restarts)


@dataclass(frozen=True)
class GateView:
    """One CI gate result."""

    name: str
    level: str
    limit: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class WaiverView:
    """A dérogation from the configuration."""

    criterion: str
    reason: str
    expires: str
    active: bool | None


@dataclass(frozen=True)
class CiView:
    """Baseline counts, gate results and waivers, when the CI stage ran."""

    baseline_file: str
    new: int | None
    unchanged: int | None
    fixed: int | None
    new_criteria: tuple[str, ...]
    gates: tuple[GateView, ...]
    waivers: tuple[WaiverView, ...]

    @property
    def has_baseline(self) -> bool:
        return self.new is not None or self.unchanged is not None or self.fixed is not None


@dataclass(frozen=True)
class EcoSiteView:
    """Site-wide eco charts, check tallies and where the figures come from."""

    by_type: Chart | None
    by_domain: Chart | None
    weights: Chart | None
    requests: Chart | None
    tallies: tuple[EcoCheckTally, ...]
    protocols: tuple[str, ...]
    co2_total: float | None


def criteria_table(
    report: Mapping[str, Any], lang: str, referential: Referential | None
) -> tuple[ThemeInfo, ...]:
    """Themes and criteria to show: the table's, plus any id the document holds that it lacks."""
    t = i18n.strings(lang)
    known = referential.criteria if referential else {}
    theme_titles = {th.number: th.title(lang) for th in referential.themes} if referential else {}
    ids = set(known)
    ids.update(k for k in _mapping(_mapping(report.get("summary")).get("criteria")))
    for page in _pages(report):
        ids.update(_mapping(page.get("criteria")))
    ids = {i for i in ids if isinstance(i, str) and CRITERION_ID.match(i)}
    by_theme: dict[int, list[CriterionInfo]] = {}
    for cid in sorted(ids, key=sort_key):
        crit = known.get(cid)
        theme = int(cid.split(".")[0])
        info = CriterionInfo(
            id=cid,
            theme=theme,
            title=crit.title(lang) if crit else "",
            url=official_url(cid, crit),
        )
        by_theme.setdefault(theme, []).append(info)
    return tuple(
        ThemeInfo(n, theme_titles.get(n) or t["theme"].format(n=n), tuple(crits))
        for n, crits in sorted(by_theme.items())
    )


def _pages(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    pages = report.get("pages")
    return [p for p in pages if isinstance(p, Mapping)] if isinstance(pages, list) else []


class Crops:
    """Evidence crops read from the report folder and inlined as data: URIs.

    Only `evidence/<name>.jpg` files inside `base_dir`, each up to CROP_MAX_BYTES and starting
    like a JPEG, and no more than CROPS_TOTAL_MAX characters of URIs in the whole report: it
    stays one file of bounded size, and a hostile path in the document reaches no other file.
    """

    def __init__(self, base_dir: str | Path | None) -> None:
        self.base = Path(base_dir).resolve() if base_dir is not None else None
        self.spent = 0
        self.cache: dict[str, str] = {}

    def uri(self, value: Any) -> str:
        if self.base is None or not isinstance(value, str) or not _CROP_PATH.match(value):
            return ""
        if value in self.cache:
            return self._spend(self.cache[value])
        path = (self.base / value).resolve()
        try:
            if path.parent != (self.base / "evidence").resolve() or not path.is_file():
                return ""
            if path.stat().st_size > CROP_MAX_BYTES:
                return ""
            data = path.read_bytes()
        except OSError:
            return ""
        if not data.startswith(b"\xff\xd8\xff"):
            return ""
        self.cache[value] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
        return self._spend(self.cache[value])

    def _spend(self, uri: str) -> str:
        """The URI while the report's budget for crops allows one more copy, else ""."""
        if self.spent + len(uri) > CROPS_TOTAL_MAX:
            return ""
        self.spent += len(uri)
        return uri


NO_CROPS = Crops(None)


def _finding(raw: Any, crops: Crops = NO_CROPS) -> FindingView:
    data = _mapping(raw)
    mark = data.get("baseline")
    return FindingView(
        test=cut(data.get("test"), SHORT_MAX),
        message=cut(data.get("message"), MESSAGE_MAX),
        selector=cut(data.get("selector"), SELECTOR_MAX),
        snippet=cut(data.get("snippet"), SNIPPET_MAX),
        source=cut(data.get("source"), SHORT_MAX),
        baseline=mark if mark in BASELINE_MARKS else "",
        crop=crops.uri(data.get("crop")),
    )


def _blocks(
    verdicts: Mapping[str, Any],
    infos: Mapping[str, CriterionInfo],
    key: str,
    only_nc: bool,
    crops: Crops = NO_CROPS,
) -> tuple[CriterionBlock, ...]:
    blocks = []
    for cid, info in infos.items():
        verdict = _mapping(verdicts.get(cid))
        status = _status(verdict.get("status"))
        items = verdict.get(key)
        items = items if isinstance(items, list) else []
        if only_nc and status != "NC":
            continue
        if not only_nc and not items:
            continue
        shown = tuple(_finding(f, crops) for f in items[:FINDINGS_PER_CRITERION])
        waived = verdict.get("waived")
        reason, expires = "", ""
        if isinstance(waived, Mapping):
            reason = cut(waived.get("reason"), TITLE_MAX) or "—"
            expires = cut(waived.get("expires"), SHORT_MAX)
        elif waived:
            reason = "—"
        blocks.append(
            CriterionBlock(info, status or "", shown, len(items) - len(shown), reason, expires)
        )
    return tuple(blocks)


def _info(cid: str, infos: Mapping[str, CriterionInfo]) -> CriterionInfo:
    if cid in infos:
        return infos[cid]
    return CriterionInfo(cid, int(cid.split(".")[0]), "", official_url(cid))


def site_groups(
    report: Mapping[str, Any], infos: Mapping[str, CriterionInfo], crops: Crops = NO_CROPS
) -> tuple[tuple[SiteGroup, ...], tuple[SiteGroup, ...]]:
    """Site-wide findings by test: (failures, items to verify), in RGAA order."""
    failures: list[SiteGroup] = []
    to_verify: list[SiteGroup] = []
    raw = _mapping(report.get("site_findings"))
    tests = sorted((t for t in raw if isinstance(t, str) and _TEST_ID.match(t)), key=sort_key)
    for test in tests[:SITE_TESTS_MAX]:
        items = raw.get(test)
        items = [f for f in items if isinstance(f, Mapping)] if isinstance(items, list) else []
        info = _info(test.rsplit(".", 1)[0], infos)
        for wanted, out in (("failure", failures), ("to-verify", to_verify)):
            chosen = [f for f in items if (f.get("kind") == "to-verify") == (wanted != "failure")]
            if chosen:
                shown = tuple(_finding(f, crops) for f in chosen[:FINDINGS_PER_CRITERION])
                out.append(SiteGroup(info, cut(test, 10), shown, len(chosen) - len(shown)))
    return tuple(failures), tuple(to_verify)


def _spec_titles(lang: str) -> dict[str, str]:
    """Titles of the sobriety checks, {} when their data file cannot be read."""
    try:
        specs = eco_check_specs()
    except (OSError, ValueError, LookupError, KeyError, TypeError):
        return {}
    return {s.id: s.title_en if lang == "en" else s.title_fr for s in specs}


def _rgesn(raw: Any) -> tuple[tuple[str, str], ...]:
    ids = raw if isinstance(raw, list) else []
    good = [i for i in ids if isinstance(i, str) and re.fullmatch(r"\d{1,2}\.\d{1,2}", i)]
    return tuple((i, RGESN_URL.format(id=i)) for i in good[:6])


def _eco_checks(raw: Any, lang: str, titles: Mapping[str, str]) -> tuple[EcoCheckView, ...]:
    checks = _records(raw)
    views = []
    for check in checks[:40]:
        outcome = check.get("outcome")
        message = check.get("message")
        if isinstance(message, Mapping):
            message = message.get(lang) or message.get("fr")
        evidence = _records(check.get("evidence"))
        count = _number(check.get("count"))
        total = max(len(evidence), int(count) if count is not None else 0)
        shown = tuple(
            (cut(e.get("target"), URL_SHOWN_MAX), cut(e.get("detail"), TITLE_MAX))
            for e in evidence[:ECO_EVIDENCE_MAX]
        )
        check_id = cut(check.get("id"), SHORT_MAX)
        views.append(
            EcoCheckView(
                id=check_id,
                title=titles.get(check_id) or check_id,
                outcome=outcome if outcome in ECO_OUTCOMES else "",
                message=cut(message, MESSAGE_MAX),
                rgesn=_rgesn(check.get("rgesn")),
                evidence=shown,
                hidden=total - len(shown),
            )
        )
    order = {o: i for i, o in enumerate(ECO_OUTCOMES)}
    return tuple(sorted(views, key=lambda v: order.get(v.outcome, len(order))))


def _eco(raw: Any, lang: str, titles: Mapping[str, str] | None = None) -> EcoView | None:
    if not isinstance(raw, Mapping):
        return None
    t = i18n.strings(lang)
    eco_index = _mapping(raw.get("ecoindex"))
    score = _number(eco_index.get("score"))
    grade = cut(eco_index.get("grade"), 2) or (grade_of(score) if score is not None else "")
    rows = []
    for name, figures in sorted(_mapping(raw.get("by_type")).items(), key=lambda kv: str(kv[0])):
        figures = _mapping(figures)
        rows.append(
            TypeRow(
                name=t.get(f"type_{name}") or cut(name, SHORT_MAX),
                requests=_number(figures.get("requests")),
                transfer_bytes=_number(figures.get("transfer_bytes")),
                decoded_bytes=_number(figures.get("decoded_bytes")),
            )
        )
    return EcoView(
        requests=_number(raw.get("requests")),
        transfer_bytes=_number(raw.get("transfer_bytes")),
        decoded_bytes=_number(raw.get("decoded_bytes")),
        dom_elements=_number(raw.get("dom_elements")),
        ecoindex=score,
        grade=grade,
        by_type=tuple(rows),
        co2_g=_number(raw.get("co2_g")),
        co2_model=cut(raw.get("co2_model"), SHORT_MAX),
        protocol=cut(raw.get("protocol"), SHORT_MAX),
        protocol_used=cut(raw.get("protocol_used"), SHORT_MAX),
        checks=_eco_checks(raw.get("checks"), lang, titles or {}),
    )


def page_view(
    number: int,
    raw: Mapping[str, Any],
    infos: Mapping[str, CriterionInfo],
    lang: str,
    crops: Crops = NO_CROPS,
    titles: Mapping[str, str] | None = None,
) -> PageView:
    """The view of one page of the document."""
    verdicts = _mapping(raw.get("criteria"))
    statuses = {cid: _status(_mapping(verdicts.get(cid)).get("status")) for cid in infos}
    status = raw.get("status") if isinstance(raw.get("status"), str) else "crashed"
    rate = _number(raw.get("rate"))
    http_status = raw.get("http_status")
    return PageView(
        number=number,
        url=shown_url(raw.get("url")),
        href=safe_href(raw.get("url")),
        final_url=shown_url(raw.get("final_url")) if raw.get("final_url") != raw.get("url") else "",
        final_href=safe_href(raw.get("final_url")),
        status=cut(status, SHORT_MAX),
        http_status=str(http_status) if isinstance(http_status, int) else "",
        error=cut(raw.get("error"), TITLE_MAX),
        title=cut(raw.get("title"), TITLE_MAX),
        rate=None if rate is None else max(0.0, min(100.0, rate)),
        statuses=statuses,
        counts={s: sum(1 for v in statuses.values() if v == s) for s in STATUSES},
        failures=_blocks(verdicts, infos, "findings", only_nc=True, crops=crops),
        to_verify=_blocks(verdicts, infos, "to_verify", only_nc=False, crops=crops),
        eco=_eco(raw.get("eco"), lang, titles),
        sample_reason=cut(raw.get("sample_reason"), TITLE_MAX),
    )


def _datetime(value: Any, lang: str) -> tuple[str, str, datetime | None]:
    """(shown text, ISO for <time>, parsed value) of a date from the document."""
    if not isinstance(value, str) or not value:
        return "", "", None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return cut(value, SHORT_MAX), "", None
    offset = moment.strftime("%z")
    zone = (
        " UTC"
        if offset in ("+0000", "") and moment.tzinfo
        else (f" (UTC{offset[:3]}:{offset[3:]})" if offset else "")
    )
    pattern = "%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M"
    return moment.strftime(pattern) + zone, moment.isoformat(), moment


def _duration(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
        return ""
    seconds = int((end - start).total_seconds())
    if seconds < 0:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours} h {minutes:02d} min {secs:02d} s" if hours else f"{minutes} min {secs:02d} s"


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _settings(raw: Any) -> tuple[tuple[str, str], ...]:
    rows = []
    for key, value in list(_mapping(raw).items())[:SETTINGS_MAX]:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((cut(key, SHORT_MAX), cut(shown, TITLE_MAX)))
    return tuple(rows)


def site_view(
    report: Mapping[str, Any], pages: list[PageView], infos: Mapping[str, CriterionInfo], lang: str
) -> SiteView:
    """The summary of the whole site, from `summary` with what it lacks worked out from pages."""
    site = _mapping(report.get("site"))
    summary = _mapping(report.get("summary"))
    site_statuses = _mapping(summary.get("criteria"))
    statuses = {cid: _status(site_statuses.get(cid)) for cid in infos}
    counts = {s: sum(1 for v in statuses.values() if v == s) for s in STATUSES}
    flagged = {b.info.id for p in pages for b in p.to_verify}
    nt_ids = [cid for cid, s in statuses.items() if s == "NT"]
    nt_with_items = sum(1 for cid in nt_ids if cid in flagged)
    c, nc, nt = counts["C"], counts["NC"], counts["NT"]
    applicable = c + nc + nt
    audited = [p for p in pages if p.audited]
    ecos = [p.eco for p in audited if p.eco]
    transfers = [e.transfer_bytes for e in ecos if e.transfer_bytes is not None]
    requests = [e.requests for e in ecos if e.requests is not None]
    eco = _mapping(summary.get("eco"))
    totals = _mapping(eco.get("totals")) or eco  # nested (eco summary) or flat totals
    medians = _mapping(eco.get("medians"))
    eco_median = _first(_number(medians.get("ecoindex")), _median(e.ecoindex for e in ecos))
    stated_grade = eco.get("ecoindex_grade_of_median")
    started, started_iso, start = _datetime(site.get("started_at"), lang)
    finished, finished_iso, end = _datetime(site.get("finished_at"), lang)
    decided = _number(summary.get("decided_criteria"))
    untested = _number(summary.get("untested_criteria"))
    pages_audited = _number(summary.get("pages_audited"))
    pages_failed = _number(summary.get("pages_failed"))
    provisional = summary.get("provisional")
    conformance = summary.get("conformance")
    return SiteView(
        url=shown_url(site.get("start_url")),
        href=safe_href(site.get("start_url")),
        started=started,
        started_iso=started_iso,
        finished=finished,
        finished_iso=finished_iso,
        duration=_duration(start, end),
        global_rate=_clamp(_number(summary.get("global_rate"))),
        average_rate=_clamp(_number(summary.get("average_rate"))),
        conformance=conformance if isinstance(conformance, str) else None,
        provisional=bool(provisional) if isinstance(provisional, bool) else nt > 0,
        counts=counts,
        statuses=statuses,
        total=len(infos),
        decided=int(decided) if decided is not None else c + nc + counts["NA"],
        untested=int(untested) if untested is not None else nt,
        nt_with_items=nt_with_items,
        nt_without=len(nt_ids) - nt_with_items,
        range_low=100 * c / applicable if nt and applicable else None,
        range_high=100 * (c + nt) / applicable if nt and applicable else None,
        pages_audited=int(pages_audited) if pages_audited is not None else len(audited),
        pages_failed=int(pages_failed)
        if pages_failed is not None
        else sum(1 for p in pages if not p.audited and p.status != "skipped"),
        eco_transfer=_first(
            _number(totals.get("transfer_bytes")), sum(transfers) if transfers else None
        ),
        eco_requests=_first(_number(totals.get("requests")), sum(requests) if requests else None),
        eco_median_weight=_first(_number(medians.get("transfer_bytes")), _median(transfers)),
        eco_dom=_first(_number(medians.get("dom_elements")), _median(e.dom_elements for e in ecos)),
        eco_median=eco_median,
        eco_grade=cut(stated_grade, 2)
        if isinstance(stated_grade, str)
        else (grade_of(eco_median) if eco_median is not None else ""),
        eco_grades=tuple(
            (cut(g, 2), int(n))
            for g, n in _mapping(eco.get("grades")).items()
            if isinstance(n, int) and not isinstance(n, bool)
        ),
        heaviest=tuple(_heavy(row) for row in _rows(eco.get("heaviest"))),
        third_parties=tuple(_third_party(row) for row in _rows(eco.get("third_parties"))),
        settings=_settings(site.get("settings")),
    )


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def _rows(value: Any) -> list[Mapping[str, Any]]:
    rows = value if isinstance(value, list) else []
    return [r for r in rows if isinstance(r, Mapping)][:TOP_ROWS]


def _heavy(row: Mapping[str, Any]) -> HeavyPage:
    return HeavyPage(
        url=shown_url(row.get("url")),
        href=safe_href(row.get("url")),
        transfer_bytes=_number(row.get("transfer_bytes")),
        requests=_number(row.get("requests")),
        ecoindex=_number(row.get("ecoindex")),
    )


def _third_party(row: Mapping[str, Any]) -> ThirdParty:
    return ThirdParty(
        domain=cut(row.get("domain"), SHORT_MAX),
        requests=_number(row.get("requests")),
        transfer_bytes=_number(row.get("transfer_bytes")),
        pages=_number(row.get("pages")),
    )


def _clamp(rate: float | None) -> float | None:
    return None if rate is None else max(0.0, min(100.0, rate))


def _count(value: Any) -> int | None:
    number = _number(value)
    return None if number is None or number < 0 else int(number)


# ---------------------------------------------------------------- crawl facts, CI, eco charts


def crawl_view(report: Mapping[str, Any], lang: str) -> CrawlView:
    """Missing kinds of page, URLs left out of scope, documents and browser restarts."""
    t = i18n.strings(lang)
    site = _mapping(report.get("site"))
    missing = []
    raw_missing = site.get("missing_required_pages")
    for item in raw_missing[:LISTED_MAX] if isinstance(raw_missing, list) else []:
        item = _mapping(item)
        label = item.get("label_en" if lang == "en" else "label_fr") or item.get("kind")
        if label:
            missing.append(
                MissingPage(
                    kind=cut(item.get("kind"), SHORT_MAX),
                    label=cut(label, TITLE_MAX),
                    required_by_law=item.get("required_by_law") is True,
                )
            )
    missing.sort(key=lambda m: not m.required_by_law)
    reasons = _mapping(site.get("out_of_scope_reasons"))
    listed = site.get("out_of_scope")
    urls = list(reasons) or (list(listed) if isinstance(listed, list) else [])
    out = []
    for url in urls[:LISTED_MAX]:
        reason = reasons.get(url)
        shown_reason = t.get(f"reason_{reason}") if isinstance(reason, str) else None
        out.append((shown_url(url), shown_reason or cut(reason, SHORT_MAX)))
    documents = site.get("documents")
    documents = documents if isinstance(documents, list) else []
    docs = []
    for doc in documents[:LISTED_MAX]:
        url = doc.get("url") if isinstance(doc, Mapping) else doc
        docs.append((shown_url(url), safe_href(url)))
    return CrawlView(
        missing=tuple(missing),
        out_of_scope=tuple(out),
        out_of_scope_total=len(urls),
        documents=tuple(docs),
        documents_total=len(documents),
        browser_restarts=_count(site.get("browser_restarts")),
    )


def _limit_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(cut(v, SHORT_MAX) for v in value[:20])
    if isinstance(value, Mapping):
        parts = [f"{cut(k, 40)}={cut(v, 40)}" for k, v in list(value.items())[:10] if v is not None]
        return ", ".join(parts)
    if isinstance(value, bool) or value is None:
        return ""
    return cut(value, SHORT_MAX)


def ci_view(report: Mapping[str, Any]) -> CiView:
    """Baseline counts, gate results and waivers of the document (empty when absent)."""
    baseline = _mapping(report.get("baseline"))
    gates = _records(report.get("gates"))
    waivers = _records(report.get("waivers"))
    new_criteria = baseline.get("new_criteria")
    return CiView(
        baseline_file=cut(baseline.get("file"), SHORT_MAX),
        new=_count(baseline.get("new")),
        unchanged=_count(baseline.get("unchanged")),
        fixed=_count(baseline.get("fixed")),
        new_criteria=tuple(
            c for c in (new_criteria if isinstance(new_criteria, list) else [])[:LISTED_MAX]
            if isinstance(c, str) and CRITERION_ID.match(c)
        ),
        gates=tuple(
            GateView(
                name=cut(g.get("name"), SHORT_MAX),
                level="warn" if g.get("level") == "warn" else "error",
                limit=_limit_text(g.get("limit")),
                passed=g.get("passed") is True,
                detail=cut(g.get("detail"), MESSAGE_MAX),
            )
            for g in gates[:GATES_MAX]
        ),
        waivers=tuple(
            WaiverView(
                criterion=cut(w.get("criterion"), 10),
                reason=cut(w.get("reason"), TITLE_MAX),
                expires=cut(w.get("expires"), SHORT_MAX),
                active=w.get("active") if isinstance(w.get("active"), bool) else None,
            )
            for w in waivers[:WAIVERS_MAX]
        ),
    )


def _width(value: float, scale: float) -> float:
    return round(max(0.0, min(98.0, 98.0 * value / scale)), 2) if scale > 0 else 0.0


def _short(label: str, limit: int = CHART_LABEL_MAX) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _sum_breakdown(pages: Iterable[Mapping[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    """Per-type or per-domain figures of every audited page, added up."""
    totals: dict[str, dict[str, Any]] = {}
    for page in pages:
        if page.get("status") != "audited":
            continue
        breakdown = _mapping(_mapping(page.get("eco")).get(key))
        for name, figures in list(breakdown.items())[:200]:
            figures = _mapping(figures)
            row = totals.setdefault(
                cut(name, SHORT_MAX), {"requests": 0.0, "bytes": 0.0, "third": False}
            )
            row["requests"] += _number(figures.get("requests")) or 0.0
            row["bytes"] += _number(figures.get("transfer_bytes")) or 0.0
            row["third"] = row["third"] or figures.get("third_party") is True
        if len(totals) > 2000:
            break
    return totals


def eco_site_view(
    report: Mapping[str, Any], pages: list[PageView], lang: str, titles: Mapping[str, str]
) -> EcoSiteView:
    """Site-wide eco charts (type, domain, per page vs references) and check tallies."""
    t = i18n.strings(lang)

    def size(value: float) -> str:
        return i18n.format_bytes(value, lang)

    def count(value: float) -> str:
        return i18n.format_number(value, lang)

    raw_pages = _pages(report)
    types = _sum_breakdown(raw_pages, "by_type")
    by_type = None
    if types:
        total = sum(r["bytes"] for r in types.values()) or 1.0
        ordered = sorted(types.items(), key=lambda kv: (-kv[1]["bytes"], kv[0]))[:CHART_ROWS]
        top = ordered[0][1]["bytes"]
        rows = tuple(
            ChartRow(
                label=_short(t.get(f"type_{name}") or name),
                value_text=size(row["bytes"]),
                extra_text=count(row["requests"]),
                width=_width(row["bytes"], top),
                kind="plain",
            )
            for name, row in ordered
        )
        summary = t["chart_by_type_summary"].format(
            parts="; ".join(
                f"{r.label} {r.value_text} ({i18n.format_rate(100 * row['bytes'] / total, lang)})"
                for r, (_, row) in zip(rows[:5], ordered[:5], strict=False)
            )
        )
        by_type = Chart(
            "chart-type", t["chart_by_type"], summary, t["eco_transfer"],
            t["eco_requests_page"], rows, hidden=len(types) - len(rows),
        )
    domains = _sum_breakdown(raw_pages, "by_domain")
    by_domain = None
    if domains:
        first = [(n, r) for n, r in domains.items() if not r["third"]]
        third = sorted(
            ((n, r) for n, r in domains.items() if r["third"]),
            key=lambda kv: (-kv[1]["bytes"], kv[0]),
        )
        first_row = {
            "bytes": sum(r["bytes"] for _, r in first),
            "requests": sum(r["requests"] for _, r in first),
        }
        entries: list[tuple[str, dict[str, Any], str]] = []
        if first:
            entries.append((t["chart_first_party"], first_row, "plain"))
        entries += [  # the domain is cut, never the words that say it is a third party
            (f"{_short(name, PAGE_LABEL_MAX - 6)} ({t['chart_third_short']})", row, "third")
            for name, row in third[: CHART_ROWS - 1]
        ]
        top = max(r["bytes"] for _, r, _ in entries) or 1.0
        rows = tuple(
            ChartRow(label, size(row["bytes"]), count(row["requests"]),
                     _width(row["bytes"], top), kind)
            for label, row, kind in entries
        )
        third_bytes = sum(r["bytes"] for _, r in third)
        summary = t["chart_by_domain_summary"].format(
            first=size(first_row["bytes"]), third=size(third_bytes), n=len(third)
        )
        by_domain = Chart(
            "chart-domain", t["chart_by_domain"], summary, t["eco_transfer"],
            t["eco_requests_page"], rows, hidden=len(third) - (len(rows) - bool(first)),
        )
    measured = [p for p in pages if p.audited and p.eco and p.eco.transfer_bytes is not None]
    weights = requests = None
    if measured:
        weights = _page_chart(
            "chart-weight", t["chart_weight"], measured, lang, "transfer_bytes", size,
            (HTTP_ARCHIVE_MEDIAN_BYTES, ECOINDEX_TARGET_BYTES),
        )
        with_requests = [p for p in measured if p.eco and p.eco.requests is not None]
        if with_requests:
            requests = _page_chart(
                "chart-requests", t["chart_requests"], with_requests, lang, "requests", count,
                (HTTP_ARCHIVE_MEDIAN_REQUESTS, ECOINDEX_TARGET_REQUESTS),
            )
    protocols = sorted(
        {p.eco.protocol_used for p in pages if p.eco and p.eco.protocol_used}
    )[:10]
    co2 = [p.eco.co2_g for p in pages if p.audited and p.eco and p.eco.co2_g is not None]
    return EcoSiteView(
        by_type=by_type,
        by_domain=by_domain,
        weights=weights,
        requests=requests,
        tallies=_tallies(report, titles),
        protocols=tuple(protocols),
        co2_total=sum(co2) if co2 else None,
    )


def _page_chart(
    chart_id: str,
    title: str,
    pages: list[PageView],
    lang: str,
    field: str,
    shown: Any,
    references: tuple[float, float],
) -> Chart:
    """One bar per page (the heaviest CHART_ROWS), with the median web page and the EcoIndex
    target as reference lines."""
    t = i18n.strings(lang)
    value = {p.number: getattr(p.eco, field) or 0.0 for p in pages}
    chosen = sorted(pages, key=lambda p: -value[p.number])[:CHART_ROWS]
    chosen.sort(key=lambda p: p.number)
    median, target = references
    scale = max([*value.values(), median, target]) * 1.02
    rows = tuple(
        ChartRow(
            label=_short(
                t["page_label"].format(n=p.number) + (f" – {p.title}" if p.title else ""),
                PAGE_LABEL_MAX,
            ),
            value_text=shown(value[p.number]),
            extra_text="",
            width=_width(value[p.number], scale),
            kind="over" if value[p.number] > target else "plain",
        )
        for p in chosen
    )
    over = sum(1 for v in value.values() if v > target)
    above_median = sum(1 for v in value.values() if v > median)
    refs = (
        ChartRef(t["ref_http_archive"], shown(median), _width(median, scale), "median"),
        ChartRef(t["ref_ecoindex_target"], shown(target), _width(target, scale), "target"),
    )
    summary = t["chart_pages_summary"].format(
        title=title, n=len(pages), over=over, target=shown(target),
        above=above_median, median=shown(median),
        max=shown(max(value.values())),
    )
    return Chart(chart_id, title, summary, title, "", rows, refs, len(pages) - len(rows))


def _tallies(report: Mapping[str, Any], titles: Mapping[str, str]) -> tuple[EcoCheckTally, ...]:
    """Per sobriety check, how many pages passed, failed, and so on (from the eco summary)."""
    checks = _mapping(_mapping(_mapping(report.get("summary")).get("eco")).get("checks"))
    rgesn: dict[str, Any] = {}
    for page in _pages(report):
        raw = _mapping(page.get("eco")).get("checks")
        for check in raw if isinstance(raw, list) else []:
            if isinstance(check, Mapping) and isinstance(check.get("id"), str):
                rgesn.setdefault(check["id"], check.get("rgesn"))
        if len(rgesn) >= len(checks):
            break
    rows = []
    for check_id, counts in list(checks.items())[:40]:
        counts = _mapping(counts)
        rows.append(
            EcoCheckTally(
                id=cut(check_id, SHORT_MAX),
                title=titles.get(check_id) or cut(check_id, SHORT_MAX),
                rgesn=_rgesn(rgesn.get(check_id)),
                counts={o: _count(counts.get(o)) or 0 for o in ECO_OUTCOMES},
            )
        )
    return tuple(rows)


# ---------------------------------------------------------------- rendering


def _environment() -> jinja2.Environment:
    folder = data_dir("reports")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["css"] = Markup((folder / "assets" / "report.css").read_text(encoding="utf-8"))
    return env


def render_html(
    report: Mapping[str, Any],
    lang: str = "fr",
    referential: Referential | None = None,
    base_dir: str | Path | None = None,
) -> str:
    """The HTML report of a result document, in French (default) or English.

    `base_dir` is the report folder: evidence crops (`"crop": "evidence/<file>.jpg"`) found
    there are embedded; without it, no file is read."""
    lang = lang if lang in i18n.LANGUAGES else "fr"
    t = i18n.strings(lang)
    themes = criteria_table(report, lang, referential or safe_referential())
    infos = {c.id: c for th in themes for c in th.criteria}
    crops = Crops(base_dir)
    titles = _spec_titles(lang)
    pages = [
        page_view(n, raw, infos, lang, crops, titles)
        for n, raw in enumerate(_pages(report), start=1)
    ]
    site = site_view(report, pages, infos, lang)
    site_failures, site_to_verify = site_groups(report, infos, crops)
    site_nc = _mapping(report.get("summary")).get("site_nc_criteria")
    site_nc = {c for c in site_nc if isinstance(c, str)} if isinstance(site_nc, list) else set()
    tool = _mapping(report.get("tool"))
    conformance = site.conformance and (t.get(f"conf_{site.conformance}") or cut(site.conformance))

    def rate(value: float | None) -> str:
        return i18n.format_rate(value, lang) if value is not None else t["not_available"]

    def number(value: float | None, decimals: int = 0) -> str:
        return i18n.format_number(value, lang, decimals) if value is not None else "—"

    def size(value: float | None) -> str:
        return i18n.format_bytes(value, lang) if value is not None else "—"

    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            lang=lang,
            t=t,
            rgaa_version=cut(report.get("rgaa_version") or RGAA_VERSION, 20),
            tool_name=cut(tool.get("name") or "rgaa-audit", SHORT_MAX),
            tool_version=cut(tool.get("version"), SHORT_MAX),
            axe_version=cut(tool.get("axe_core"), SHORT_MAX),
            browser=cut(tool.get("browser"), SHORT_MAX),
            site=site,
            conformance=conformance,
            themes=themes,
            pages=pages,
            audited=[p for p in pages if p.audited],
            failed=[p for p in pages if not p.audited and not p.skipped],
            skipped=[p for p in pages if p.skipped],
            site_failures=site_failures,
            site_to_verify=site_to_verify,
            site_nc=site_nc | {g.info.id for g in site_failures},
            crawl=crawl_view(report, lang),
            ci=ci_view(report),
            eco_site=eco_site_view(report, pages, lang, titles),
            outcomes=ECO_OUTCOMES,
            statuses=STATUSES,
            rate=rate,
            number=number,
            size=size,
        )
    )


def write_html(
    report: Mapping[str, Any],
    path: str | Path,
    lang: str = "fr",
    referential: Referential | None = None,
    base_dir: str | Path | None = None,
) -> Path:
    """Write the HTML report to `path` (UTF-8) and return the path; crops are read from
    `base_dir` when given."""
    target = Path(path)
    target.write_text(render_html(report, lang, referential, base_dir), encoding="utf-8")
    return target
