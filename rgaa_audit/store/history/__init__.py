"""The audit history: every recorded report.json, indexed in a SQL database.

    from rgaa_audit.store.history import open_history, record_report
    with open_history(None) as history:          # --db value, $RGAA_AUDIT_DB or the default
        audit_id = record_report(history, Path("out/report.json"))   # idempotent
        rows = history.audits("https://www.example.fr")

Modules: `db` (where the database is, engine, Alembic migrations), `models` (tables),
`record` (report.json -> rows, the audit identity), `query` (`History`, `AuditRow`),
`changes` (what changed since the previous audit of a site).
"""

from __future__ import annotations

from pathlib import Path

from rgaa_audit.store.history.db import HistoryError, connect, default_path, resolve_url
from rgaa_audit.store.history.query import AuditRow, History, PageRow

__all__ = ["AuditRow", "History", "HistoryError", "PageRow", "default_path", "open_history",
           "record_report", "resolve_url"]


def open_history(url: str | None = None) -> History:
    """The history at `url` (a SQLAlchemy URL or a SQLite path; else $RGAA_AUDIT_DB, else the
    default file), its schema migrated to the latest revision. Raises HistoryError."""
    engine, resolved = connect(url)
    return History(engine, resolved)


def record_report(history: History, report_json: Path, key: str | None = None) -> int:
    """Record `report_json` in `history`; the audit id. Recording it again stores nothing new
    (same id). `key`, when given (e.g. a batch task id), replaces the report-derived identity."""
    return history.record(Path(report_json), key)
