"""The portfolio dashboard as one self-contained HTML page (inline CSS, no script).

Built to pass RGAA itself: language declared, a title, header / main / footer regions and a
skip link, one table with a caption and header cells for columns and rows, explicit link
texts, visible focus, a table that scrolls within its own region at 320 px, contrast above
7:1. Every value is escaped; the rows come from the stored results only (`rows.py`).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from rgaa_audit import i18n
from rgaa_audit.report.i18n import format_number, format_rate
from rgaa_audit.report.portfolio.rows import PortfolioRow

METHOD_URL = "https://accessibilite.numerique.gouv.fr/methode/"
CSS = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
 font-size:1rem;line-height:1.5;color:#1b1b1b;background:#fff}
a{color:#0b3d91;text-decoration:underline;overflow-wrap:anywhere}
a:focus-visible,.scroll:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
a:focus-visible{background:#fff3b0}
.skip{position:absolute;left:.5rem;top:-3rem;padding:.5rem 1rem;background:#fff;
 border:2px solid #1b1b1b}
.skip:focus{top:.5rem}
header,main,footer{display:block;max-width:80rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.2rem;border-bottom:1px solid #6a6a6a}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;padding:0;margin:0 0 1rem}
h1{font-size:1.8rem;line-height:1.2;margin:.4rem 0 .8rem}
p{max-width:48rem}
.scroll{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;min-width:60rem;width:100%}
caption{text-align:left;font-weight:bold;font-size:1.15rem;padding:.4rem 0}
th,td{border:1px solid #8a8a8a;padding:.45rem .55rem;text-align:left;vertical-align:top}
thead th{background:#eef1f6}
tbody th{font-weight:bold}
.num{text-align:right;white-space:nowrap}
.small{display:block;font-weight:normal;font-size:.85rem;color:#3a3a3a}
.up{color:#0a5a23}.down{color:#8f1b1b}
.failed{color:#8f1b1b}
footer{margin-top:2rem;padding:1rem;border-top:1px solid #6a6a6a;font-size:.9rem;
 color:#3a3a3a}
@media print{.skip{display:none}.scroll{overflow:visible}}
"""


def _date(text: str, lang: str) -> str:
    try:
        day = dt.datetime.fromisoformat(text).date()
    except ValueError:
        return text[:40]
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _rate(value: float | None, t: dict[str, str], lang: str) -> str:
    return t["unknown"] if value is None else format_rate(value, lang)


def _change(row: PortfolioRow, t: dict[str, str], lang: str) -> str:
    if row.previous is None:
        return escape(t["first_audit"])
    change = row.global_change
    since = escape(t["since"].format(date=_date(row.previous.date, lang)))
    if change is None:
        return f"{escape(t['unknown'])}<span class=\"small\">{since}</span>"
    if change == 0:
        word, css = t["steady"], ""
    else:
        points = format_number(abs(change), lang, 2)
        word = (t["gain"] if change > 0 else t["loss"]).format(points=points)
        css = "up" if change > 0 else "down"
    return f"<span class=\"{css}\">{escape(word)}</span><span class=\"small\">{since}</span>"


def _row(row: PortfolioRow, t: dict[str, str], lang: str) -> str:
    head = (f"<th scope=\"row\">{escape(row.label)}"
            f"<span class=\"small\">{escape(row.url)}</span></th>")
    if row.state != "done":
        why = t["failed"] if row.state == "failed" else t["missing"]
        detail = f"<span class=\"small\">{escape(row.error)}</span>" if row.error else ""
        return (f"<tr>{head}<td colspan=\"7\" class=\"failed\">{escape(why)}{detail}</td>"
                f"<td>{_link(row, t)}</td></tr>")
    provisional = f"<span class=\"small\">{escape(t['provisional'])}</span>" \
        if row.provisional else ""
    complete = escape(t["criteria_decided"].format(decided=row.decided_criteria,
                                                   total=row.criteria_total))
    pages = escape(t["pages"].format(audited=row.pages_audited, failed=row.pages_failed))
    if row.eco_grade:
        median = format_number(row.ecoindex_median or 0, lang, 0)
        eco = (f"{escape(row.eco_grade)}<span class=\"small\">"
               f"{escape(t['ecoindex'].format(score=median))}</span>")
    else:
        eco = escape(t["unknown"])
    obligations = escape(t["obligations_met"].format(met=row.obligations_met,
                                                     total=row.obligations_total)) \
        if row.obligations_total else escape(t["unknown"])
    return (f"<tr>{head}<td>{escape(_date(row.audit_date, lang))}</td>"
            f"<td class=\"num\">{_rate(row.global_rate, t, lang)}{provisional}</td>"
            f"<td class=\"num\">{_rate(row.average_rate, t, lang)}</td>"
            f"<td>{_change(row, t, lang)}</td>"
            f"<td>{complete}<span class=\"small\">{pages}</span></td>"
            f"<td>{eco}</td><td>{obligations}</td><td>{_link(row, t)}</td></tr>")


def _link(row: PortfolioRow, t: dict[str, str]) -> str:
    if not row.report_href:
        return escape(t["no_report"])
    text = t["report_link"].format(label=row.label)
    return f"<a href=\"{escape(row.report_href)}\">{escape(text)}</a>"


def render_dashboard(rows: list[PortfolioRow], lang: str = "fr", generated: str = "",
                     csv_href: str = "portfolio.csv") -> str:
    """The dashboard page of a batch."""
    lang = i18n.language(lang)
    t = i18n.table("batch", lang)
    done = sum(1 for r in rows if r.state == "done")
    columns = "".join(f"<th scope=\"col\">{escape(t[key])}</th>" for key in (
        "col_site", "col_date", "col_global", "col_average", "col_trend", "col_complete",
        "col_eco", "col_obligations", "col_report"))
    body = "".join(_row(r, t, lang) for r in rows)
    counts = escape(t["counts"].format(sites=len(rows), done=done, failed=len(rows) - done))
    when = escape(t["generated"].format(date=_date(generated, lang))) if generated else ""
    return (
        f"<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(t['title'])}</title><style>{CSS}</style></head><body>"
        f"<a class=\"skip\" href=\"#main\">{escape(t['skip'])}</a>"
        f"<header><p>{escape(t['tool'])}</p><h1>{escape(t['title'])}</h1>"
        f"<nav aria-label=\"{escape(t['nav'])}\"><ul>"
        f"<li><a href=\"#sites\">{escape(t['nav_table'])}</a></li>"
        f"<li><a href=\"{escape(csv_href)}\">{escape(t['nav_csv'])}</a></li>"
        f"<li><a href=\"{METHOD_URL}\">{escape(t['nav_method'])}</a></li>"
        f"</ul></nav></header>"
        f"<main id=\"main\" tabindex=\"-1\"><p>{counts} {when}</p>"
        f"<p>{escape(t['intro'])}</p>"
        f"<div class=\"scroll\" id=\"sites\" role=\"region\" aria-labelledby=\"caption\" "
        f"tabindex=\"0\">"
        f"<table><caption id=\"caption\">{escape(t['caption'])}</caption>"
        f"<thead><tr>{columns}</tr></thead><tbody>{body}</tbody></table></div>"
        f"<p><a href=\"{escape(csv_href)}\">{escape(t['csv_link'])}</a></p></main>"
        f"<footer><p>{escape(t['footer'])}</p></footer></body></html>\n")
