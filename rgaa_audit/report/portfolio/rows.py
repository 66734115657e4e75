"""One dashboard row per site, from its stored report.json and its previous recorded audit.

Nothing here audits or queries: the caller hands over the report document (None when the
site has none yet) and the previous audit's date and rates (from the history).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rgaa_audit.model import bounded

TEXT_MAX = 300


@dataclass(frozen=True)
class Previous:
    """The site's audit before this one, as the history recorded it."""

    date: str  # ISO 8601
    global_rate: float | None
    average_rate: float | None


@dataclass(frozen=True)
class PortfolioRow:
    """What the dashboard and the CSV say of one site."""

    label: str
    url: str
    slug: str
    state: str  # done, failed, or missing (no report yet)
    report_href: str | None = None  # relative to the dashboard
    error: str = ""
    audit_date: str = ""
    global_rate: float | None = None
    average_rate: float | None = None
    provisional: bool = False
    previous: Previous | None = None
    decided_criteria: int = 0
    criteria_total: int = 0
    pages_audited: int = 0
    pages_failed: int = 0
    ecoindex_median: float | None = None
    eco_grade: str | None = None
    obligations_met: int = 0
    obligations_total: int = 0

    @property
    def global_change(self) -> float | None:
        """Points gained (or lost) on the global rate since the previous audit."""
        if self.previous is None or self.previous.global_rate is None \
                or self.global_rate is None:
            return None
        return round(self.global_rate - self.previous.global_rate, 2)

    @property
    def average_change(self) -> float | None:
        if self.previous is None or self.previous.average_rate is None \
                or self.average_rate is None:
            return None
        return round(self.average_rate - self.previous.average_rate, 2)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def _count(value: Any) -> int:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else 0


def site_row(label: str, url: str, slug: str, state: str, report: dict[str, Any] | None,
             report_href: str | None, previous: Previous | None = None,
             error: str = "") -> PortfolioRow:
    """The row of one site (`report`: its stored document, None when it has none)."""
    label, url, error = bounded(label, TEXT_MAX), bounded(url, TEXT_MAX), bounded(error, TEXT_MAX)
    if not isinstance(report, dict):
        return PortfolioRow(label, url, slug, state if state != "done" else "missing",
                            error=error)
    summary = report.get("summary") if isinstance(report.get("summary"), dict) else {}
    eco = summary.get("eco") if isinstance(summary.get("eco"), dict) else {}
    medians = eco.get("medians") if isinstance(eco.get("medians"), dict) else {}
    obligations = report.get("obligations") if isinstance(report.get("obligations"),
                                                          dict) else {}
    results = [r for r in obligations.get("results") or [] if isinstance(r, dict)]
    site = report.get("site") if isinstance(report.get("site"), dict) else {}
    decided, untested = _count(summary.get("decided_criteria")), \
        _count(summary.get("untested_criteria"))
    grade = eco.get("ecoindex_grade_of_median")
    return PortfolioRow(
        label=label, url=url, slug=slug, state=state, report_href=report_href, error=error,
        audit_date=bounded(str(site.get("finished_at") or ""), 40),
        global_rate=_number(summary.get("global_rate")),
        average_rate=_number(summary.get("average_rate")),
        provisional=bool(summary.get("provisional")),
        previous=previous,
        decided_criteria=decided, criteria_total=decided + untested,
        pages_audited=_count(summary.get("pages_audited")),
        pages_failed=_count(summary.get("pages_failed")),
        ecoindex_median=_number(medians.get("ecoindex")),
        eco_grade=grade if isinstance(grade, str) and len(grade) <= 2 else None,
        obligations_met=sum(1 for r in results if r.get("status") == "pass"),
        obligations_total=len(results),
    )
