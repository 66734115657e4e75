"""The trends page of the history: one section per site, line charts drawn as SVG, tables.

Reads only recorded data (`AuditRow`s from the history database). Each chart has a title and a
description (`<title>`, `<desc>`, `role="img"`), tells its lines apart by dash pattern and point
shape as well as colour, labels them in a legend, and is followed by the table of the same
figures (its text alternative). Every value from a site is escaped by Jinja's autoescape and
cut to a bounded length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from rgaa_audit import __version__
from rgaa_audit.i18n import table
from rgaa_audit.paths import data_dir
from rgaa_audit.report import i18n
from rgaa_audit.store.history import AuditRow

MAX_SITES = 500
MAX_POINTS = 120  # the latest audits of a site drawn in its charts (the table shows them all)
SITE_MAX = 200
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 48, 16, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Line:
    """One series: its name, style (dash and point shape) and points."""

    name: str
    style: str  # "solid" (circles), "dashed" (squares), "dotted" (triangles)
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}"
                        for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    lines: tuple[Line, ...]
    ticks: tuple[Tick, ...]
    x_labels: tuple[Point, ...]


@dataclass(frozen=True)
class Row:
    """One line of a site's table, formatted."""

    date: str
    date_iso: str
    global_rate: str
    average_rate: str
    decided: str
    nc: str
    ecoindex: str
    pages: str
    report: str


@dataclass(frozen=True)
class SiteView:
    id: str
    site: str
    rows: tuple[Row, ...]
    charts: tuple[Chart, ...]
    summary: str


def _cut(text: str, limit: int = SITE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rate(value: float | None, lang: str, t: dict[str, str]) -> str:
    return i18n.format_rate(value, lang) if value is not None else t["none"]


def _date(row: AuditRow, lang: str) -> str:
    moment = row.started_at
    return moment.strftime("%Y-%m-%d %H:%M") if lang == "en" else moment.strftime("%d/%m/%Y %H:%M")


def _chart(chart_id: str, title: str, series: Sequence[tuple[str, str, Sequence[float | None]]],
           dates: Sequence[str], top: float, unit: str, lang: str, t: dict[str, str]) -> Chart:
    count = len(dates)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = top if top > 0 else 1.0

    def x(i: int) -> float:
        return LEFT + (inner_w / 2 if count == 1 else inner_w * i / (count - 1))

    def y(value: float) -> float:
        return TOP + inner_h * (1 - min(max(value, 0.0), top) / top)

    lines = []
    described = []
    for name, style, values in series:
        points = tuple(Point(x(i), y(v), f"{dates[i]} : {i18n.format_number(v, lang, 1)}{unit}")
                       for i, v in enumerate(values) if v is not None)
        lines.append(Line(name, style, points))
        known = [v for v in values if v is not None]
        if known:
            described.append(t["desc_series"].format(
                name=name, first=i18n.format_number(known[0], lang, 1) + unit,
                last=i18n.format_number(known[-1], lang, 1) + unit,
                low=i18n.format_number(min(known), lang, 1) + unit,
                high=i18n.format_number(max(known), lang, 1) + unit))
    ticks = tuple(Tick(y(top * k / 4), i18n.format_number(top * k / 4, lang, 0)) for k in range(5))
    step = max(1, count // 6)
    x_labels = tuple(Point(x(i), HEIGHT - BOTTOM + 18, dates[i][:10])
                     for i in range(0, count, step))
    desc = t["desc_chart"].format(count=count, first=dates[0][:10] if dates else "",
                                  last=dates[-1][:10] if dates else "") + " " + " ".join(described)
    return Chart(chart_id, title, desc.strip(), tuple(lines), ticks, x_labels)


def site_view(number: int, rows: Sequence[AuditRow], lang: str, t: dict[str, str]) -> SiteView:
    """The table and charts of one site's audits (oldest first)."""
    formatted = tuple(Row(
        date=_date(r, lang), date_iso=r.started_at.isoformat(),
        global_rate=_rate(r.global_rate, lang, t), average_rate=_rate(r.average_rate, lang, t),
        decided=str(r.decided_criteria), nc=str(r.nc_criteria),
        ecoindex=(i18n.format_number(r.ecoindex_median, lang, 1)
                  + (f" ({r.ecoindex_grade})" if r.ecoindex_grade else "")
                  if r.ecoindex_median is not None else t["none"]),
        pages=str(r.pages_audited), report=_cut(r.report_path, 300)) for r in rows)
    drawn = rows[-MAX_POINTS:]
    dates = [_date(r, lang) for r in drawn]
    pct = "\u202f%" if lang == "fr" else "%"
    most = max([r.decided_criteria for r in drawn] + [r.nc_criteria for r in drawn] + [1])
    charts = (
        _chart(f"site-{number}-rates", t["chart_rates"],
               [(t["global_rate"], "solid", [r.global_rate for r in drawn]),
                (t["average_rate"], "dashed", [r.average_rate for r in drawn])],
               dates, 100.0, pct, lang, t),
        _chart(f"site-{number}-criteria", t["chart_criteria"],
               [(t["decided"], "solid", [float(r.decided_criteria) for r in drawn]),
                (t["nc"], "dashed", [float(r.nc_criteria) for r in drawn])],
               dates, float(min(106, max(10, (most + 9) // 10 * 10))), "", lang, t),
        _chart(f"site-{number}-eco", t["chart_eco"],
               [(t["ecoindex"], "dotted", [r.ecoindex_median for r in drawn])],
               dates, 100.0, "", lang, t),
    )
    last = rows[-1]
    summary = t["site_summary"].format(count=len(rows), last=_date(last, lang),
                                       rate=_rate(last.global_rate, lang, t))
    return SiteView(f"site-{number}", _cut(rows[0].site), formatted, charts, summary)


def _environment() -> jinja2.Environment:
    folder = data_dir("reports")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals["css"] = Markup((folder / "assets" / "report.css").read_text(encoding="utf-8"))
    return env


def render_trends(rows: Sequence[AuditRow], lang: str = "fr", site: str | None = None) -> str:
    """The trends page of `rows` (any number of sites), in French or English."""
    lang = lang if lang in i18n.LANGUAGES else "fr"
    t = table("history-html", lang)
    by_site: dict[str, list[AuditRow]] = {}
    for row in sorted(rows, key=lambda r: (r.site, r.started_at, r.id)):
        by_site.setdefault(row.site, []).append(row)
    sites = [site_view(n, audits, lang, t)
             for n, audits in enumerate(list(by_site.values())[:MAX_SITES], start=1)]
    return _environment().get_template("history.html.j2").render(
        lang=lang, t=t, sites=sites, site_asked=_cut(site) if site else None,
        omitted=max(0, len(by_site) - MAX_SITES), version=__version__,
        width=WIDTH, height=HEIGHT, left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM)
