"""What changed since the previous recorded audit of the same site: the `changes` block.

Computed from the history (the previous audit's stored site statuses and failure
fingerprints) and the new report document before it is written, so report.json carries it and
the renderers read only stored data. Shape (also in reports/schemas/report.schema.json):

    {"previous": {"audit_id", "started_at", "report_path", "global_rate", "average_rate",
                  "ecoindex_median"},
     "rate_before", "rate_after", "average_before", "average_after",
     "ecoindex_before", "ecoindex_after",
     "became_nc": [criterion…], "became_c": [criterion…],
     "new_count", "fixed_count", "new": [{page, criterion, test, source}…],
     "fixed": [{page, criterion, test, source}…]}      # lists cut at MAX_LISTED

Findings are matched by their fingerprint (see store/fingerprints.py), as the baseline does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from rgaa_audit.store.fingerprints import id_sort_key, report_findings
from rgaa_audit.store.history.models import Audit
from rgaa_audit.store.history.query import History
from rgaa_audit.store.history.record import audit_identity, utc

MAX_LISTED = 100


def _previous(history: History, report: dict[str, Any]) -> Audit | None:
    site, key = audit_identity(report)
    started = utc(report["site"].get("started_at")) or dt.datetime.now(dt.UTC).replace(
        tzinfo=None)
    query = (select(Audit).where(Audit.site == site, Audit.audit_key != key,
                                 Audit.started_at < started)
             .order_by(Audit.started_at.desc(), Audit.id.desc()).limit(1))
    try:
        with Session(history.engine, expire_on_commit=False) as session:
            return session.scalars(query).first()
    except SQLAlchemyError as error:
        raise history.failure(error) from None


def since_previous(history: History, report: dict[str, Any]) -> dict[str, Any] | None:
    """The `changes` block of `report` against the site's previous audit (None if none)."""
    previous = _previous(history, report)
    if previous is None:
        return None
    summary = report.get("summary") or {}
    before = history.criteria(previous.id)
    after = summary.get("criteria") or {}
    changed = [c for c in after if before.get(c) != after.get(c)]
    old = history.failures(previous.id)
    now: dict[str, dict[str, Any]] = {}
    for page, finding, fingerprint in report_findings(report, include_to_verify=False):
        test = str(finding.get("test", ""))
        now.setdefault(fingerprint, {"page": str(page.get("url", "")),
                                     "criterion": ".".join(test.split(".")[:2]),
                                     "test": test, "source": str(finding.get("source", ""))})
    new = [entry for fp, entry in now.items() if fp not in old]
    fixed = [entry for fp, entry in old.items() if fp not in now]
    eco = (summary.get("eco") or {}).get("medians") or {}
    return {
        "previous": {"audit_id": previous.id, "started_at": previous.started_at.isoformat(),
                     "report_path": previous.report_path,
                     "global_rate": previous.global_rate,
                     "average_rate": previous.average_rate,
                     "ecoindex_median": previous.ecoindex_median},
        "rate_before": previous.global_rate, "rate_after": summary.get("global_rate"),
        "average_before": previous.average_rate, "average_after": summary.get("average_rate"),
        "ecoindex_before": previous.ecoindex_median, "ecoindex_after": eco.get("ecoindex"),
        "became_nc": sorted((c for c in changed if after.get(c) == "NC"), key=id_sort_key),
        "became_c": sorted((c for c in changed if after.get(c) == "C"), key=id_sort_key),
        "new_count": len(new), "fixed_count": len(fixed),
        "new": new[:MAX_LISTED], "fixed": fixed[:MAX_LISTED],
    }
