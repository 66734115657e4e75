"""Recording a finished audit into the history, without ever failing the audit.

`rgaa-audit audit` records into the history by default: `--db`, else the configuration's
`history_db`, else `$RGAA_AUDIT_DB`, else the user's SQLite file; `--no-history` or
`history_db = false` turn it off. Before report.json is written, the change since the
site's previous recorded audit is stored in it (`changes`, read by the HTML report); once it is
written, it is recorded. Whatever goes wrong with the database is one warning line on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from rgaa_audit import i18n
from rgaa_audit.cli.language import language
from rgaa_audit.store.history import History, HistoryError, open_history, record_report
from rgaa_audit.store.history.changes import since_previous
from rgaa_audit.store.history.db import shown


def _warn(error: Exception) -> None:
    reason = error.text(language()) if isinstance(error, HistoryError) else (
        str(error).splitlines()[0] if str(error) else type(error).__name__)
    click.echo(i18n.text("history.not_recorded", language(), reason=reason[:300]), err=True)


def open_for_recording(target: str | bool | None) -> History | None:
    """The history to record into (None when off or unusable, after one warning line)."""
    if target is False:
        return None
    try:
        return open_history(target if isinstance(target, str) else None)
    except Exception as error:  # the audit must never fail on the database
        _warn(error)
        return None


def add_changes(history: History, report: dict[str, Any]) -> dict[str, Any]:
    """`report` with its `changes` block when the site has a previous audit."""
    try:
        changes = since_previous(history, report)
    except Exception as error:
        _warn(error)
        return report
    return {**report, "changes": changes} if changes else report


def record(history: History, report_json: Path) -> None:
    """Record the written report.json; one line saying where, or one warning line."""
    try:
        audit_id = record_report(history, report_json)
    except Exception as error:
        _warn(error)
        return
    finally:
        history.close()
    click.echo(i18n.text("history.recorded", language(), id=audit_id, db=shown(history.url)),
               err=True)
