"""The HTML view of the declarative obligations: one row per obligation, apart from the rates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.conclude.obligations import (
    FAIL,
    PASS,
    UNKNOWN,
    obligation_name,
    obligation_text,
    stored_results,
)
from rgaa_audit.i18n import table
from rgaa_audit.report.html.sanitise import MESSAGE_MAX, cut


@dataclass(frozen=True)
class ObligationRow:
    """One obligation as the report shows it."""

    id: str
    name: str
    status: str  # pass / fail / unknown
    detail: str


@dataclass(frozen=True)
class ObligationsView:
    """The obligations section: its texts, whether the audit looked, and the rows."""

    texts: Mapping[str, str]
    checked: bool
    rows: tuple[ObligationRow, ...]

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def counts(self) -> str:
        return self.texts["counts"].format(passed=self.count(PASS), failed=self.count(FAIL),
                                           unknown=self.count(UNKNOWN))


def obligations_view(report: Mapping[str, Any], lang: str = "fr") -> ObligationsView:
    """The obligations of the document (not checked when it holds no obligation facts)."""
    rows = tuple(
        ObligationRow(id=cut(r.get("id"), 40), name=cut(obligation_name(str(r["id"]), lang), 120),
                      status=str(r.get("status")),
                      detail=cut(obligation_text(str(r.get("key")), r.get("params") or {}, lang)
                                 or r.get("detail"), MESSAGE_MAX))
        for r in stored_results(report))
    return ObligationsView(texts=table("obligations", lang), checked=bool(rows), rows=rows)
