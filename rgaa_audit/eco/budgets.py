"""Eco budgets: limits on a page's weight, requests, DOM size and EcoIndex grade.

`breaches(eco, budget)` reads the eco dict stored in report.json (`pages[i]["eco"]`) and
lists what goes over. A limit left at None is not checked. The default budget takes its
numbers from the budget checks of criteria/eco/checks.toml, so there is one source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.eco.ecoindex import GRADES, ecoindex
from rgaa_audit.eco.registry import eco_check_specs


@dataclass(frozen=True)
class EcoBudget:
    """Per-page limits; None means no limit."""

    max_transfer_bytes: int | None = None
    max_requests: int | None = None
    max_dom_elements: int | None = None
    min_grade: str | None = None

    def __post_init__(self) -> None:
        if self.min_grade is not None:
            object.__setattr__(self, "min_grade", self.min_grade.upper())
            if self.min_grade not in GRADES:
                raise ValueError(f"min_grade must be one of {', '.join(GRADES)}")
        for name in ("max_transfer_bytes", "max_requests", "max_dom_elements"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def default(cls) -> EcoBudget:
        """The limits the budget checks use (criteria/eco/checks.toml), no grade limit."""
        limits = {spec.id: spec.thresholds for spec in eco_check_specs()}
        return cls(
            max_transfer_bytes=limits["page-weight"]["max_transfer_bytes"],
            max_requests=limits["request-count"]["max_requests"],
            max_dom_elements=limits["dom-size"]["max_dom_elements"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {"max_transfer_bytes": self.max_transfer_bytes,
                "max_requests": self.max_requests,
                "max_dom_elements": self.max_dom_elements,
                "min_grade": self.min_grade}


@dataclass(frozen=True)
class Breach:
    """One limit a page goes over; `str()` gives a short neutral line."""

    metric: str  # "transfer_bytes" | "requests" | "dom_elements" | "grade"
    limit: int | str
    actual: int | str

    def __str__(self) -> str:
        if self.metric == "grade":
            return f"grade {self.actual} below {self.limit}"
        return f"{self.metric} {self.actual} > {self.limit}"

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "limit": self.limit, "actual": self.actual}


def grade_of_eco(eco: Mapping[str, Any]) -> str | None:
    """The page's EcoIndex grade: stored, else computed from its figures."""
    stored = (eco.get("ecoindex") or {}).get("grade")
    if stored in GRADES:
        return stored
    if all(isinstance(eco.get(k), int) for k in ("dom_elements", "requests", "transfer_bytes")):
        return ecoindex(eco["dom_elements"], eco["requests"], eco["transfer_bytes"]).grade
    return None


def breaches(eco: Mapping[str, Any] | None, budget: EcoBudget) -> list[Breach]:
    """What one page's eco figures go over; [] when there are no figures."""
    if not eco:
        return []
    found = []
    for metric, limit in (("transfer_bytes", budget.max_transfer_bytes),
                          ("requests", budget.max_requests),
                          ("dom_elements", budget.max_dom_elements)):
        actual = eco.get(metric)
        if limit is not None and isinstance(actual, int) and actual > limit:
            found.append(Breach(metric, limit, actual))
    if budget.min_grade is not None:
        grade = grade_of_eco(eco)
        if grade is not None and GRADES.index(grade) > GRADES.index(budget.min_grade):
            found.append(Breach("grade", budget.min_grade, grade))
    return found
