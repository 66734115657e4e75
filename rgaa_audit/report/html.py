"""Render the stored result document (report.json) as one self-contained, accessible HTML file.

The renderer reads only the document: never the browser, never the pipeline. It first turns the
document into a small view (frozen dataclasses, every string from the site cut to a bound), then
lets Jinja2 (autoescape on) lay it out with the templates of `reports/templates/`. The file has
inline CSS, no script, no external font or link to load: it opens offline.

Robustness: unknown keys are ignored, missing optional keys shown as "not available", and a
criteria table that is missing or partial degrades to criterion ids alone.
"""

from __future__ import annotations

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
from rgaa_audit.paths import data_dir
from rgaa_audit.referential import OFFICIAL_BASE, Referential, load_referential, sort_key
from rgaa_audit.report import i18n

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


@dataclass(frozen=True)
class CriterionBlock:
    """A criterion of one page with the elements shown under it."""

    info: CriterionInfo
    status: str
    findings: tuple[FindingView, ...]
    hidden: int


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

    @property
    def audited(self) -> bool:
        return self.status == "audited"


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


def _safe_referential() -> Referential | None:
    """The criteria table, or None while it is missing or broken: the report then shows ids."""
    try:
        return load_referential()
    except (OSError, ValueError, KeyError, TypeError):
        return None


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
            url=(crit.url if crit else "") or f"{OFFICIAL_BASE}#{cid}",
        )
        by_theme.setdefault(theme, []).append(info)
    return tuple(
        ThemeInfo(n, theme_titles.get(n) or t["theme"].format(n=n), tuple(crits))
        for n, crits in sorted(by_theme.items())
    )


def _pages(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    pages = report.get("pages")
    return [p for p in pages if isinstance(p, Mapping)] if isinstance(pages, list) else []


def _finding(raw: Any) -> FindingView:
    data = _mapping(raw)
    return FindingView(
        test=cut(data.get("test"), SHORT_MAX),
        message=cut(data.get("message"), MESSAGE_MAX),
        selector=cut(data.get("selector"), SELECTOR_MAX),
        snippet=cut(data.get("snippet"), SNIPPET_MAX),
        source=cut(data.get("source"), SHORT_MAX),
    )


def _blocks(
    verdicts: Mapping[str, Any], infos: Mapping[str, CriterionInfo], key: str, only_nc: bool
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
        shown = tuple(_finding(f) for f in items[:FINDINGS_PER_CRITERION])
        blocks.append(CriterionBlock(info, status or "", shown, len(items) - len(shown)))
    return tuple(blocks)


def _eco(raw: Any, lang: str) -> EcoView | None:
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
    )


def page_view(
    number: int, raw: Mapping[str, Any], infos: Mapping[str, CriterionInfo], lang: str
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
        failures=_blocks(verdicts, infos, "findings", only_nc=True),
        to_verify=_blocks(verdicts, infos, "to_verify", only_nc=False),
        eco=_eco(raw.get("eco"), lang),
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
    report: Mapping[str, Any], lang: str = "fr", referential: Referential | None = None
) -> str:
    """The HTML report of a result document, in French (default) or English."""
    lang = lang if lang in i18n.LANGUAGES else "fr"
    t = i18n.strings(lang)
    themes = criteria_table(report, lang, referential or _safe_referential())
    infos = {c.id: c for th in themes for c in th.criteria}
    pages = [page_view(n, raw, infos, lang) for n, raw in enumerate(_pages(report), start=1)]
    site = site_view(report, pages, infos, lang)
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
            failed=[p for p in pages if not p.audited],
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
) -> Path:
    """Write the HTML report to `path` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(render_html(report, lang, referential), encoding="utf-8")
    return target
