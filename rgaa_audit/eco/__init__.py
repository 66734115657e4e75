"""Eco-design figures and sobriety checks of a page, as pure functions of its snapshot.

`page_eco(snapshot)` is what the pipeline stores as `pages[i]["eco"]`: the figures of
`eco_metrics` plus the outcome of every sobriety check under `checks`. None of it enters
the RGAA rates. Importing this package imports `rgaa_audit.eco.checks`, which registers every
sobriety check.
"""

from __future__ import annotations

import dataclasses

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco import checks
from rgaa_audit.eco.metrics import eco_metrics
from rgaa_audit.eco.registry import run_eco_checks
from rgaa_audit.model import EcoMetrics
from rgaa_audit.snapshot import PageSnapshot


def page_eco(snapshot: PageSnapshot, doc: PageDocument | None = None) -> EcoMetrics:
    """Sobriety figures and check outcomes of one page.

    Pass the `PageDocument` the RGAA checks already built to reuse its parsed DOM.
    """
    metrics = eco_metrics(snapshot)
    outcomes = [result.to_dict() for result in run_eco_checks(doc or snapshot)]
    return dataclasses.replace(metrics, extra={**metrics.extra, "checks": outcomes})


__all__ = ["checks", "eco_metrics", "page_eco", "run_eco_checks"]
