"""RGAA rates by the official method: page rate, site-wide statuses, global and average rates.

- page rate     = C / (C + NC) over the page's criteria (None when no criterion is C or NC);
- site status   = NC if NC on any page; C if C on every page where it applies;
                  NT if it applies somewhere and is neither; NA if NA everywhere;
- global rate   = C / (C + NC) over the site-wide statuses;
- average rate  = mean of the page rates;
- conformance   = "totalement conforme" at 100 %, "partiellement conforme" from 50 %,
                  else "non conforme"; provisional while NT criteria remain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rgaa_audit.model import Status

FULL = "totalement conforme"
PARTIAL = "partiellement conforme"
NONE = "non conforme"


def rate(statuses: Iterable[Status]) -> float | None:
    """C / (C + NC) as a percentage rounded to 2 decimals, or None when nothing is decided."""
    values = list(statuses)
    conformant = values.count(Status.C)
    decided = conformant + values.count(Status.NC)
    return round(100.0 * conformant / decided, 2) if decided else None


def site_status(page_statuses: Iterable[Status]) -> Status:
    """One criterion over the sample, from its status on each page."""
    values = set(page_statuses)
    if Status.NC in values:
        return Status.NC
    applicable = values - {Status.NA}
    if not applicable:
        return Status.NA
    if applicable == {Status.C}:
        return Status.C
    return Status.NT


def site_statuses(pages: Iterable[Mapping[str, Status]]) -> dict[str, Status]:
    """Site-wide status of every criterion, from each page's criterion statuses."""
    per_criterion: dict[str, list[Status]] = {}
    for page in pages:
        for criterion, status in page.items():
            per_criterion.setdefault(criterion, []).append(status)
    return {criterion: site_status(statuses) for criterion, statuses in per_criterion.items()}


def average_rate(page_rates: Iterable[float | None]) -> float | None:
    """Mean of the page rates that exist."""
    values = [r for r in page_rates if r is not None]
    return round(sum(values) / len(values), 2) if values else None


def conformance(global_rate: float | None) -> str | None:
    """The conformance level the global rate gives."""
    if global_rate is None:
        return None
    if global_rate >= 100.0:
        return FULL
    return PARTIAL if global_rate >= 50.0 else NONE
