"""One entry point for the conclusion stage: manual verdicts, waivers, obligations, baseline,
then gates.

`conclude(report, settings)` returns a `Conclusion`: the report as the renderers should show it
(manual verdicts merged, waivers recorded, failures marked new or unchanged, gate outcomes
under "gates"), the gate outcomes, the baseline comparison and the waivers that have expired.
The command line and the pytest plugin both call it, so a report passes or fails the same way
in both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rgaa_audit.conclude.baseline import Baseline, Comparison, annotate, compare
from rgaa_audit.conclude.gates import Gate, GateOutcome, evaluate, exit_code
from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.conclude.obligations import assess
from rgaa_audit.conclude.verdicts_file import Verdicts
from rgaa_audit.conclude.waivers import Waiver, active_waivers, apply_waivers, expired_waivers
from rgaa_audit.referential import load_referential


@dataclass(frozen=True)
class ConclusionSettings:
    """What to conclude with: the gates, the waivers, the baseline (and its file name)."""

    gates: tuple[Gate, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    baseline: Baseline | None = None
    baseline_file: str = ""
    exit_zero: bool = False
    verdicts: Verdicts | None = None
    verdicts_file: str = ""


@dataclass(frozen=True)
class Conclusion:
    """The concluded report and what the gates found."""

    report: dict[str, Any]
    outcomes: tuple[GateOutcome, ...]
    comparison: Comparison | None
    expired: tuple[Waiver, ...]
    exit_zero: bool = False

    @property
    def exit_code(self) -> int:
        """1 when an error-level gate failed (unless exit_zero), else 0."""
        return exit_code(self.outcomes, self.exit_zero)

    @property
    def blocking(self) -> tuple[GateOutcome, ...]:
        """The failed error-level gates."""
        return tuple(o for o in self.outcomes if o.blocking)

    def diff(self) -> dict[str, Any] | None:
        """The baseline comparison in the form the Markdown summary reads (None without one)."""
        if self.comparison is None:
            return None
        return {"new": [f.to_dict() for f in self.comparison.new],
                "fixed": len(self.comparison.fixed),
                "still_open": len(self.comparison.unchanged)}


def conclude(report: dict[str, Any], settings: ConclusionSettings,
             today: dt.date | None = None) -> Conclusion:
    """Merge the manual verdicts, apply the waivers and the baseline, evaluate the gates."""
    today = today or dt.date.today()
    if settings.verdicts is not None:
        report = apply_verdicts(report, settings.verdicts, load_referential(),
                                settings.verdicts_file).report
    report = apply_waivers(report, settings.waivers, today)
    if isinstance(report.get("obligations"), dict):  # judged on the rates as they now stand
        report = {**report, "obligations": {
            **report["obligations"], "results": [r.to_dict() for r in assess(report, today)]}}
    comparison = compare(report, settings.baseline) if settings.baseline is not None else None
    if comparison is not None:
        report = annotate(report, comparison, settings.baseline_file)
    waived = [w.criterion for w in active_waivers(settings.waivers, today)]
    outcomes = tuple(evaluate(report, settings.gates, waived, comparison))
    report["gates"] = [o.to_dict() for o in outcomes]
    return Conclusion(report, outcomes, comparison, expired_waivers(settings.waivers, today),
                      settings.exit_zero)
