"""Site-wide eco charts: bars by resource type, by domain and per page against reference lines.

Each chart is drawn by the templates as inline SVG and comes with a text summary and a table,
its text alternative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.report import i18n
from rgaa_audit.report.html.eco import EcoCheckTally, check_tallies
from rgaa_audit.report.html.pages import PageView
from rgaa_audit.report.html.sanitise import SHORT_MAX, as_mapping, as_number, cut, page_records

CHART_ROWS = 30
CHART_LABEL_MAX = 30  # keeps label and value on one line at 320 px
PAGE_LABEL_MAX = 26
HTTP_ARCHIVE_MEDIAN_BYTES = 2_300_000
HTTP_ARCHIVE_MEDIAN_REQUESTS = 75
ECOINDEX_TARGET_BYTES = 1_024_000
ECOINDEX_TARGET_REQUESTS = 40
ECOINDEX_TARGET_DOM = 600


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
class EcoSiteView:
    """Site-wide eco charts, check tallies and where the figures come from."""

    by_type: Chart | None
    by_domain: Chart | None
    weights: Chart | None
    requests: Chart | None
    tallies: tuple[EcoCheckTally, ...]
    protocols: tuple[str, ...]
    co2_total: float | None


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
        breakdown = as_mapping(as_mapping(page.get("eco")).get(key))
        for name, figures in list(breakdown.items())[:200]:
            figures = as_mapping(figures)
            row = totals.setdefault(
                cut(name, SHORT_MAX), {"requests": 0.0, "bytes": 0.0, "third": False}
            )
            row["requests"] += as_number(figures.get("requests")) or 0.0
            row["bytes"] += as_number(figures.get("transfer_bytes")) or 0.0
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

    raw_pages = page_records(report)
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
        tallies=check_tallies(report, titles),
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
