"""CI views: baseline counts, gate results and waivers, when the conclusion stage ran."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.conclude.gates import stored_gate_detail
from rgaa_audit.report.html.sanitise import (
    CRITERION_ID,
    LISTED_MAX,
    MESSAGE_MAX,
    SHORT_MAX,
    TITLE_MAX,
    as_count,
    as_mapping,
    as_records,
    cut,
)

GATES_MAX = 20
WAIVERS_MAX = 50


@dataclass(frozen=True)
class GateView:
    """One CI gate result."""

    name: str
    level: str
    limit: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class WaiverView:
    """A dérogation from the configuration."""

    criterion: str
    reason: str
    expires: str
    active: bool | None


@dataclass(frozen=True)
class CiView:
    """Baseline counts, gate results and waivers, when the CI stage ran."""

    baseline_file: str
    new: int | None
    unchanged: int | None
    fixed: int | None
    new_criteria: tuple[str, ...]
    gates: tuple[GateView, ...]
    waivers: tuple[WaiverView, ...]

    @property
    def has_baseline(self) -> bool:
        return self.new is not None or self.unchanged is not None or self.fixed is not None


def _limit_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(cut(v, SHORT_MAX) for v in value[:20])
    if isinstance(value, Mapping):
        parts = [f"{cut(k, 40)}={cut(v, 40)}" for k, v in list(value.items())[:10] if v is not None]
        return ", ".join(parts)
    if isinstance(value, bool) or value is None:
        return ""
    return cut(value, SHORT_MAX)


def ci_view(report: Mapping[str, Any], lang: str = "fr") -> CiView:
    """Baseline counts, gate results and waivers of the document (empty when absent)."""
    baseline = as_mapping(report.get("baseline"))
    gates = as_records(report.get("gates"))
    waivers = as_records(report.get("waivers"))
    new_criteria = baseline.get("new_criteria")
    return CiView(
        baseline_file=cut(baseline.get("file"), SHORT_MAX),
        new=as_count(baseline.get("new")),
        unchanged=as_count(baseline.get("unchanged")),
        fixed=as_count(baseline.get("fixed")),
        new_criteria=tuple(
            c for c in (new_criteria if isinstance(new_criteria, list) else [])[:LISTED_MAX]
            if isinstance(c, str) and CRITERION_ID.match(c)
        ),
        gates=tuple(
            GateView(
                name=cut(g.get("name"), SHORT_MAX),
                level="warn" if g.get("level") == "warn" else "error",
                limit=_limit_text(g.get("limit")),
                passed=g.get("passed") is True,
                detail=cut(stored_gate_detail(g, lang), MESSAGE_MAX),
            )
            for g in gates[:GATES_MAX]
        ),
        waivers=tuple(
            WaiverView(
                criterion=cut(w.get("criterion"), 10),
                reason=cut(w.get("reason"), TITLE_MAX),
                expires=cut(w.get("expires"), SHORT_MAX),
                active=w.get("active") if isinstance(w.get("active"), bool) else None,
            )
            for w in waivers[:WAIVERS_MAX]
        ),
    )
