"""Waivers (dérogations): criteria left out of the gates, each with a reason and an end date.

A waiver in force marks the waived criterion on every page of the report (the verdict stays
shown, with the reason and the end date) and takes the criterion out of every gate. An
expired waiver is still recorded in the report, marked inactive: its criterion counts again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Waiver:
    """A dérogation: a criterion left out of the gates, with why and until when."""

    criterion: str
    reason: str
    expires: dt.date

    def active(self, today: dt.date) -> bool:
        return today <= self.expires

    def to_dict(self, today: dt.date) -> dict[str, Any]:
        return {"criterion": self.criterion, "reason": self.reason,
                "expires": self.expires.isoformat(), "active": self.active(today)}


def active_waivers(waivers: Iterable[Waiver], today: dt.date) -> tuple[Waiver, ...]:
    """The waivers still in force on `today`."""
    return tuple(w for w in waivers if w.active(today))


def expired_waivers(waivers: Iterable[Waiver], today: dt.date) -> tuple[Waiver, ...]:
    """The waivers whose end date has passed on `today`."""
    return tuple(w for w in waivers if not w.active(today))


def apply_waivers(report: dict[str, Any], waivers: tuple[Waiver, ...],
                  today: dt.date) -> dict[str, Any]:
    """Record the waivers in the report and mark the waived criteria of each page."""
    if not waivers:
        return report
    active = {w.criterion: w for w in waivers if w.active(today)}
    report = {**report, "waivers": [w.to_dict(today) for w in waivers]}
    for page in report.get("pages") or []:
        for criterion, verdict in (page.get("criteria") or {}).items():
            if criterion in active and isinstance(verdict, dict):
                verdict["waived"] = {"reason": active[criterion].reason,
                                     "expires": active[criterion].expires.isoformat()}
    return report
