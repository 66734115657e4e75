"""The batch's side of the history database (`store/history`): record a site, read its past.

A thin adapter, so the engines and the dashboard do not depend on the history's internals:
`record` stores one report.json under a key naming the batch run and the site (the same site
recorded twice in a run is stored once); `past` gives a site's audits, oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PastAudit:
    """What the dashboard reads of one recorded audit."""

    audit_id: int
    start_url: str
    started_at: dt.datetime
    global_rate: float | None
    average_rate: float | None


def record(db: str | None, report_json: Path, key: str | None = None) -> int:
    """Record `report_json` in the history at `db` (None: $RGAA_AUDIT_DB or the default)."""
    from rgaa_audit.store.history import open_history, record_report

    with open_history(db) as history:
        return record_report(history, report_json, key)


def past(db: str | None, start_url: str) -> list[PastAudit]:
    """Every recorded audit that started from `start_url`, oldest first."""
    from rgaa_audit.store.history import open_history

    wanted = _same(start_url)
    with open_history(db) as history:
        rows = history.audits(start_url)
    return [PastAudit(row.id, row.start_url, row.started_at, row.global_rate, row.average_rate)
            for row in rows if _same(row.start_url) == wanted]


def _same(url: str) -> str:
    """An address as compared here: without a trailing slash."""
    return url.rstrip("/")
