"""Quality gates: pure functions over the stored report (report.json as a dict).

A gate is a limit with a level: "error" fails the build (exit 1), "warn" only prints.
Waived criteria (dérogations in force) are left out of every gate. With a baseline
comparison, only new failures count: a criterion whose failures are all in the baseline is
counted as if it were conformant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.conclude.baseline import Comparison
from rgaa_audit.conclude.fingerprints import id_sort_key, page_key
from rgaa_audit.eco.budgets import EcoBudget, breaches
from rgaa_audit.model import Status
from rgaa_audit.score.rates import average_rate, rate

LEVELS = ("error", "warn")
GATE_NAMES = ("fail-under", "min-average-rate", "max-nc-criteria", "never-nc", "eco-budget")
MAX_LISTED = 5


@dataclass(frozen=True)
class Gate:
    """One limit: `limit` is a rate, a count, criteria ids or an EcoBudget, by `name`."""

    name: str
    limit: Any
    level: str = "error"

    def __post_init__(self) -> None:
        if self.name not in GATE_NAMES:
            raise ValueError(f"seuil inconnu : {self.name}")
        if self.level not in LEVELS:
            raise ValueError(f"niveau de seuil inconnu : {self.level} (error ou warn)")


@dataclass(frozen=True)
class GateOutcome:
    """What one gate found."""

    gate: Gate
    passed: bool
    detail: str

    @property
    def blocking(self) -> bool:
        return not self.passed and self.gate.level == "error"

    def line(self) -> str:
        level = "erreur" if self.gate.level == "error" else "avertissement"
        verdict = "respecté" if self.passed else "non respecté"
        return f"seuil {self.gate.name} {verdict} ({level}) : {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        limit = self.gate.limit
        if isinstance(limit, EcoBudget):
            limit = limit.to_dict()
        elif isinstance(limit, tuple):
            limit = list(limit)
        return {"name": self.gate.name, "level": self.gate.level, "limit": limit,
                "passed": self.passed, "detail": self.detail}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def effective_statuses(report: Mapping[str, Any], waived: Iterable[str] = (),
                       comparison: Comparison | None = None) -> dict[str, Status]:
    """Site status of each criterion as the gates see it (waivers out, baseline applied)."""
    waived_set = set(waived)
    statuses = {c: Status(s) for c, s in ((report.get("summary") or {}).get("criteria")
                                           or {}).items() if c not in waived_set}
    if comparison is not None:
        new = comparison.new_criteria
        statuses = {c: Status.C if s is Status.NC and c not in new else s
                    for c, s in statuses.items()}
    return statuses


def effective_page_rates(report: Mapping[str, Any], waived: Iterable[str] = (),
                         comparison: Comparison | None = None) -> list[float | None]:
    """Each audited page's rate as the gates see it."""
    waived_set = set(waived)
    rates = []
    for page in report.get("pages") or []:
        if page.get("status") != "audited":
            continue
        new = comparison.new_criteria_on(page_key(str(page.get("url", "")))) if comparison else None
        statuses = []
        for criterion, verdict in (page.get("criteria") or {}).items():
            if criterion in waived_set:
                continue
            status = Status((verdict or {}).get("status", "NT"))
            if new is not None and status is Status.NC and criterion not in new:
                status = Status.C
            statuses.append(status)
        rates.append(rate(statuses))
    return rates


def _check(gate: Gate, report: Mapping[str, Any], statuses: dict[str, Status],
           waived: set[str], comparison: Comparison | None) -> GateOutcome:
    scope = " (nouveaux constats seuls)" if comparison is not None else ""
    nc = sorted((c for c, s in statuses.items() if s is Status.NC), key=id_sort_key)
    if gate.name == "fail-under":
        value = rate(statuses.values())
        passed = value is None or value >= float(gate.limit)
        return GateOutcome(gate, passed, f"taux global{scope} {_pct(value)}, minimum "
                                         f"{_pct(float(gate.limit))}")
    if gate.name == "min-average-rate":
        value = average_rate(effective_page_rates(report, waived, comparison))
        passed = value is None or value >= float(gate.limit)
        return GateOutcome(gate, passed, f"taux moyen{scope} {_pct(value)}, minimum "
                                         f"{_pct(float(gate.limit))}")
    if gate.name == "max-nc-criteria":
        passed = len(nc) <= int(gate.limit)
        listed = f" : {' '.join(nc[:20])}" if nc else ""
        return GateOutcome(gate, passed, f"{len(nc)} critère(s) non conforme(s){scope}, "
                                         f"maximum {int(gate.limit)}{listed}")
    if gate.name == "never-nc":
        hit = [c for c in gate.limit if c in nc]
        detail = (f"critère(s) interdits en NC{scope} : {' '.join(hit)}" if hit
                  else f"aucun de {' '.join(gate.limit)} n'est NC{scope}")
        return GateOutcome(gate, not hit, detail)
    return _check_eco(gate, report)


def _check_eco(gate: Gate, report: Mapping[str, Any]) -> GateOutcome:
    over = []
    for page in report.get("pages") or []:
        found = breaches(page.get("eco"), gate.limit) if page.get("status") == "audited" else []
        if found:
            over.append(f"{page_key(str(page.get('url', '')))} {', '.join(map(str, found))}")
    if not over:
        return GateOutcome(gate, True, "toutes les pages tiennent le budget")
    more = f" ; … et {len(over) - MAX_LISTED} autre(s)" if len(over) > MAX_LISTED else ""
    return GateOutcome(gate, False, f"{len(over)} page(s) hors budget : "
                                    + " ; ".join(over[:MAX_LISTED]) + more)


def evaluate(report: Mapping[str, Any], gates: Iterable[Gate], waived: Iterable[str] = (),
             comparison: Comparison | None = None) -> list[GateOutcome]:
    """The outcome of each gate on the report."""
    waived_set = set(waived)
    statuses = effective_statuses(report, waived_set, comparison)
    return [_check(gate, report, statuses, waived_set, comparison) for gate in gates]


def exit_code(outcomes: Iterable[GateOutcome], exit_zero: bool = False) -> int:
    """1 when an error-level gate failed (and `exit_zero` is off), else 0."""
    return 1 if not exit_zero and any(o.blocking for o in outcomes) else 0
