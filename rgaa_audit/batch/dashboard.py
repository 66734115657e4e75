"""The dashboard's data: each site's stored report and its previous audit in the history,
turned into rows (report/portfolio/rows.py), then OUT/index.html and OUT/portfolio.csv."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from rgaa_audit.batch import history
from rgaa_audit.batch.portfolio import Portfolio
from rgaa_audit.batch.site import SITES, BatchContext, read_marker
from rgaa_audit.report.portfolio.csv import render_csv
from rgaa_audit.report.portfolio.html import render_dashboard
from rgaa_audit.report.portfolio.rows import PortfolioRow, Previous, site_row
from rgaa_audit.store.files import REPORT_FILE, write_text_atomic

DASHBOARD = "index.html"
CSV = "portfolio.csv"


def _report(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _previous(context: BatchContext, url: str, audit_id: Any) -> Previous | None:
    """The site's latest recorded audit before `audit_id` (the one of this run)."""
    if not isinstance(audit_id, int):
        return None
    audits = history.past(context.db, url)
    mine = next((a for a in audits if a.audit_id == audit_id), None)
    if mine is None:
        return None
    before = [a for a in audits if a.audit_id != audit_id
              and (a.started_at, a.audit_id) < (mine.started_at, mine.audit_id)]
    if not before:
        return None
    last = before[-1]
    return Previous(last.started_at.isoformat(), last.global_rate, last.average_rate)


def portfolio_rows(portfolio: Portfolio, context: BatchContext) -> list[PortfolioRow]:
    """One row per site of the portfolio, in the file's order."""
    rows = []
    for job in portfolio.sites:
        folder = context.site_dir(job.slug)
        marker = read_marker(folder) or {}
        state = str(marker.get("state") or "missing") if marker.get("run") == context.run_id \
            else "missing"
        report = _report(folder) if state == "done" else None
        href = f"{SITES}/{job.slug}/report.html" if report is not None \
            and (folder / "report.html").is_file() else None
        previous = _previous(context, job.url, marker.get("audit_id")) if report else None
        rows.append(site_row(job.label, job.url, job.slug, state, report, href, previous,
                             str(marker.get("error") or "")))
    return rows


def write_dashboard(portfolio: Portfolio, context: BatchContext) -> list[Path]:
    """Write OUT/index.html (in the run's language) and OUT/portfolio.csv."""
    rows = portfolio_rows(portfolio, context)
    out = Path(context.out_dir)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_text_atomic(out / DASHBOARD, render_dashboard(rows, context.lang, now, CSV))
    write_text_atomic(out / CSV, render_csv(rows))
    return [out / DASHBOARD, out / CSV]
