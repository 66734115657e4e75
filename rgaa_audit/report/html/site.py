"""The site summary: dates, rates, criteria counts, eco totals, heaviest pages, settings."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rgaa_audit.eco.ecoindex import grade_of
from rgaa_audit.report.html.criteria import CriterionInfo
from rgaa_audit.report.html.pages import PageView
from rgaa_audit.report.html.sanitise import (
    SHORT_MAX,
    STATUSES,
    TITLE_MAX,
    as_mapping,
    as_number,
    as_status,
    clamp_rate,
    cut,
    safe_href,
    shown_url,
)

TOP_ROWS = 10
SETTINGS_MAX = 40


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
class ManualSummary:
    """What the verdicts file applied to this report did."""

    file: str
    applied: int
    contested: int
    recheck: int
    orphaned: int


def manual_summary(raw: Any) -> ManualSummary | None:
    data = as_mapping(raw)
    if not data:
        return None

    def count(key: str) -> int:
        value = data.get(key)
        if isinstance(value, list):
            return len(value)
        number = as_number(value)
        return int(number) if number is not None else 0

    return ManualSummary(cut(data.get("file"), SHORT_MAX), count("applied"), count("contested"),
                         count("recheck"), count("orphaned"))


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
    untested_cells: int | None
    complete: bool
    manual: ManualSummary | None
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
    for key, value in list(as_mapping(raw).items())[:SETTINGS_MAX]:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((cut(key, SHORT_MAX), cut(shown, TITLE_MAX)))
    return tuple(rows)


def site_view(
    report: Mapping[str, Any], pages: list[PageView], infos: Mapping[str, CriterionInfo], lang: str
) -> SiteView:
    """The summary of the whole site, from `summary` with what it lacks worked out from pages."""
    site = as_mapping(report.get("site"))
    summary = as_mapping(report.get("summary"))
    site_statuses = as_mapping(summary.get("criteria"))
    statuses = {cid: as_status(site_statuses.get(cid)) for cid in infos}
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
    eco = as_mapping(summary.get("eco"))
    totals = as_mapping(eco.get("totals")) or eco  # nested (eco summary) or flat totals
    medians = as_mapping(eco.get("medians"))
    eco_median = _first(as_number(medians.get("ecoindex")), _median(e.ecoindex for e in ecos))
    stated_grade = eco.get("ecoindex_grade_of_median")
    started, started_iso, start = _datetime(site.get("started_at"), lang)
    finished, finished_iso, end = _datetime(site.get("finished_at"), lang)
    decided = as_number(summary.get("decided_criteria"))
    untested = as_number(summary.get("untested_criteria"))
    pages_audited = as_number(summary.get("pages_audited"))
    pages_failed = as_number(summary.get("pages_failed"))
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
        global_rate=clamp_rate(as_number(summary.get("global_rate"))),
        average_rate=clamp_rate(as_number(summary.get("average_rate"))),
        conformance=conformance if isinstance(conformance, str) else None,
        provisional=bool(provisional) if isinstance(provisional, bool) else nt > 0,
        counts=counts,
        statuses=statuses,
        total=len(infos),
        decided=int(decided) if decided is not None else c + nc + counts["NA"],
        untested=int(untested) if untested is not None else nt,
        untested_cells=int(cells) if (cells := as_number(summary.get("untested_cells")))
        is not None else None,
        complete=summary.get("complete") is True,
        manual=manual_summary(report.get("manual")),
        nt_with_items=nt_with_items,
        nt_without=len(nt_ids) - nt_with_items,
        range_low=100 * c / applicable if nt and applicable else None,
        range_high=100 * (c + nt) / applicable if nt and applicable else None,
        pages_audited=int(pages_audited) if pages_audited is not None else len(audited),
        pages_failed=int(pages_failed)
        if pages_failed is not None
        else sum(1 for p in pages if not p.audited and p.status != "skipped"),
        eco_transfer=_first(
            as_number(totals.get("transfer_bytes")), sum(transfers) if transfers else None
        ),
        eco_requests=_first(as_number(totals.get("requests")), sum(requests) if requests else None),
        eco_median_weight=_first(as_number(medians.get("transfer_bytes")), _median(transfers)),
        eco_dom=_first(
            as_number(medians.get("dom_elements")), _median(e.dom_elements for e in ecos)
        ),
        eco_median=eco_median,
        eco_grade=cut(stated_grade, 2)
        if isinstance(stated_grade, str)
        else (grade_of(eco_median) if eco_median is not None else ""),
        eco_grades=tuple(
            (cut(g, 2), int(n))
            for g, n in as_mapping(eco.get("grades")).items()
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
        transfer_bytes=as_number(row.get("transfer_bytes")),
        requests=as_number(row.get("requests")),
        ecoindex=as_number(row.get("ecoindex")),
    )


def _third_party(row: Mapping[str, Any]) -> ThirdParty:
    return ThirdParty(
        domain=cut(row.get("domain"), SHORT_MAX),
        requests=as_number(row.get("requests")),
        transfer_bytes=as_number(row.get("transfer_bytes")),
        pages=as_number(row.get("pages")),
    )
