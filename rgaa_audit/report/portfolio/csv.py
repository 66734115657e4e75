"""The portfolio as CSV for open data: UTF-8, one header row, one row per site.

Columns are fixed names, the same whatever the report language (docs/batch.md describes
each); numbers use a dot, dates ISO 8601, an unknown value is an empty cell. A text cell that
a spreadsheet would read as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from rgaa_audit.report.portfolio.rows import PortfolioRow

COLUMNS = ("label", "url", "status", "audit_date", "global_rate", "average_rate",
           "provisional", "previous_audit_date", "global_rate_change", "average_rate_change",
           "decided_criteria", "criteria_total", "pages_audited", "pages_failed",
           "ecoindex_median", "ecoindex_grade", "obligations_met", "obligations_total",
           "report")


def _text(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def render_csv(rows: list[PortfolioRow]) -> str:
    """The CSV text (lines end with CRLF, as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        done = row.state == "done"
        writer.writerow([
            _text(row.label), _text(row.url), row.state, row.audit_date,
            _number(row.global_rate), _number(row.average_rate),
            ("true" if row.provisional else "false") if done else "",
            row.previous.date if row.previous else "",
            _number(row.global_change), _number(row.average_change),
            row.decided_criteria if done else "", row.criteria_total if done else "",
            row.pages_audited if done else "", row.pages_failed if done else "",
            _number(row.ecoindex_median), row.eco_grade or "",
            row.obligations_met if done else "", row.obligations_total if done else "",
            row.report_href or "",
        ])
    return out.getvalue()
