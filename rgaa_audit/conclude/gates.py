"""Quality gates: pure functions over the stored report (report.json as a dict).

A gate is a limit with a level: "error" fails the build (exit 1), "warn" only prints.
Waived criteria (dérogations in force) are left out of every gate. With a baseline
comparison, only new failures count: a criterion whose failures are all in the baseline is
counted as if it were conformant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.conclude.baseline import Comparison
from rgaa_audit.conclude.fingerprints import id_sort_key, page_key
from rgaa_audit.conclude.obligations import obligation_name, stored_results
from rgaa_audit.eco.budgets import EcoBudget, breaches
from rgaa_audit.model import Status
from rgaa_audit.score.rates import average_rate, rate

LEVELS = ("error", "warn")
GATE_NAMES = ("fail-under", "min-average-rate", "max-nc-criteria", "never-nc", "eco-budget",
              "obligations")
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
    """What one gate found: passed or not, and why as a `[gate]` text key with parameters."""

    gate: Gate
    passed: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return not self.passed and self.gate.level == "error"

    @property
    def detail(self) -> str:
        """Why, in French (see `detail_text`)."""
        return self.detail_text()

    def detail_text(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        """Why the gate passed or failed, in `lang`."""
        return gate_detail(self.key, self.params, lang)

    def line(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        """One line for a terminal: gate, verdict, level and why."""
        return i18n.text("gate.line", lang, name=self.gate.name,
                         verdict=i18n.text("gate.passed" if self.passed else "gate.failed", lang),
                         level=i18n.text(f"gate.level_{self.gate.level}", lang),
                         detail=self.detail_text(lang))

    def to_dict(self) -> dict[str, Any]:
        """The report.json form: "detail" in French, with its key and parameters."""
        limit = self.gate.limit
        if isinstance(limit, EcoBudget):
            limit = limit.to_dict()
        elif isinstance(limit, tuple):
            limit = list(limit)
        return {"name": self.gate.name, "level": self.gate.level, "limit": limit,
                "passed": self.passed, "detail": self.detail, "key": self.key,
                "params": self.params}


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    number = f"{value:.2f}"
    return (number.replace(".", ",") if lang == "fr" else number) + " %"


def _breach(breach: Mapping[str, Any], lang: str) -> str:
    key = "gate.breach_grade" if breach.get("metric") == "grade" else "gate.breach"
    return i18n.text(key, lang, metric=breach.get("metric"), actual=breach.get("actual"),
                     limit=breach.get("limit"))


def gate_detail(key: str, params: Mapping[str, Any], lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The text of a gate outcome's key and parameters (as stored in report.json) in `lang`."""
    values: dict[str, Any] = dict(params)
    values["scope"] = i18n.text("gate.scope_new", lang) if params.get("new_only") else ""
    for name in ("value", "minimum"):
        if name in params:
            values[name] = _pct(params[name], lang)
    for name in ("criteria", "hit"):
        if name in params:
            values[name] = " ".join(params[name])
    if key == "gate.max_nc_criteria":
        values["listed"] = (i18n.text("gate.listed", lang, criteria=values["criteria"])
                            if params.get("criteria") else "")
    if key.startswith("gate.obligations."):
        for name in ("failed", "checked"):
            values[name] = i18n.text("obligations.separator", lang).join(
                obligation_name(str(o), lang) for o in params.get(name) or [])
    if key == "gate.eco_over":
        values["pages"] = i18n.text("gate.page_separator", lang).join(
            f"{item['page']} {', '.join(_breach(b, lang) for b in item['breaches'])}"
            for item in params.get("pages") or [])
        more = int(params.get("count", 0)) - len(params.get("pages") or [])
        values["more"] = i18n.text("gate.eco_more", lang, count=more) if more > 0 else ""
    return i18n.text(key, lang, **values)


def stored_gate_detail(gate: Mapping[str, Any], lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """A report.json gate entry's detail in `lang`: from its key and parameters when it has
    usable ones, else the (French) detail it stored."""
    key, params = gate.get("key"), gate.get("params")
    if isinstance(key, str) and key.startswith("gate.") and i18n.has(key) and isinstance(
            params, Mapping):
        try:
            return gate_detail(key, params, lang)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass
    return str(gate.get("detail") or "")


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
    new_only = comparison is not None
    nc = sorted((c for c, s in statuses.items() if s is Status.NC), key=id_sort_key)
    if gate.name in ("fail-under", "min-average-rate"):
        value = (rate(statuses.values()) if gate.name == "fail-under"
                 else average_rate(effective_page_rates(report, waived, comparison)))
        passed = value is None or value >= float(gate.limit)
        return GateOutcome(gate, passed, f"gate.{gate.name.replace('-', '_')}",
                           {"value": value, "minimum": float(gate.limit), "new_only": new_only})
    if gate.name == "max-nc-criteria":
        passed = len(nc) <= int(gate.limit)
        return GateOutcome(gate, passed, "gate.max_nc_criteria",
                           {"count": len(nc), "maximum": int(gate.limit), "criteria": nc[:20],
                            "new_only": new_only})
    if gate.name == "never-nc":
        hit = [c for c in gate.limit if c in nc]
        return GateOutcome(gate, not hit, "gate.never_nc_hit" if hit else "gate.never_nc_clear",
                           {"hit": hit, "criteria": list(gate.limit), "new_only": new_only})
    if gate.name == "obligations":
        return _check_obligations(gate, report)
    return _check_eco(gate, report)


def _check_obligations(gate: Gate, report: Mapping[str, Any]) -> GateOutcome:
    """Fails when one of the obligations the gate names is not met (conclude/obligations.py);
    an obligation still to verify does not fail it, nor does an audit that did not look."""
    results = stored_results(report)
    if not results:
        return GateOutcome(gate, True, "gate.obligations.unchecked")
    wanted = set(gate.limit)
    failed = [r["id"] for r in results if r["id"] in wanted and r["status"] == "fail"]
    if failed:
        return GateOutcome(gate, False, "gate.obligations.failed",
                           {"count": len(failed), "failed": failed})
    return GateOutcome(gate, True, "gate.obligations.ok",
                       {"checked": [o for o in gate.limit if o in {r["id"] for r in results}]})


def _check_eco(gate: Gate, report: Mapping[str, Any]) -> GateOutcome:
    over = []
    for page in report.get("pages") or []:
        found = breaches(page.get("eco"), gate.limit) if page.get("status") == "audited" else []
        if found:
            over.append({"page": page_key(str(page.get("url", ""))),
                         "breaches": [b.to_dict() for b in found]})
    if not over:
        return GateOutcome(gate, True, "gate.eco_ok")
    return GateOutcome(gate, False, "gate.eco_over", {"count": len(over),
                                                      "pages": over[:MAX_LISTED]})


def evaluate(report: Mapping[str, Any], gates: Iterable[Gate], waived: Iterable[str] = (),
             comparison: Comparison | None = None) -> list[GateOutcome]:
    """The outcome of each gate on the report."""
    waived_set = set(waived)
    statuses = effective_statuses(report, waived_set, comparison)
    return [_check(gate, report, statuses, waived_set, comparison) for gate in gates]


def exit_code(outcomes: Iterable[GateOutcome], exit_zero: bool = False) -> int:
    """1 when an error-level gate failed (and `exit_zero` is off), else 0."""
    return 1 if not exit_zero and any(o.blocking for o in outcomes) else 0
