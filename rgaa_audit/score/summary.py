"""The site summary of a result document, computed from the stored page results only."""

from __future__ import annotations

from typing import Any

from rgaa_audit.model import PageStatus, Status
from rgaa_audit.referential import criterion_of
from rgaa_audit.score.rates import average_rate, conformance, rate, site_statuses


def _statuses(page: dict[str, Any]) -> dict[str, Status]:
    return {cid: Status(v["status"]) for cid, v in page.get("criteria", {}).items()}


def _has_items_to_verify(criterion: str, pages: list[dict[str, Any]]) -> bool:
    return any(page["criteria"].get(criterion, {}).get("to_verify") for page in pages)


def build_summary(pages: list[dict[str, Any]],
                  site_findings: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Counts, official rates, conformance level and the honest range while NT remains.

    `site_findings` (test -> findings) come from the checks that compare pages: a failure
    there makes its criterion NC over the sample, whatever each page said alone.
    """
    audited = [p for p in pages if p["status"] == PageStatus.AUDITED.value]
    statuses = site_statuses(_statuses(p) for p in audited)
    for test, findings in (site_findings or {}).items():
        criterion = criterion_of(test)
        if criterion in statuses and any(f.get("kind") == "failure" for f in findings):
            statuses[criterion] = Status.NC
    values = list(statuses.values())
    global_rate = rate(values)
    untested = [c for c, s in statuses.items() if s is Status.NT]
    with_items = [c for c in untested if _has_items_to_verify(c, audited)]
    conformant = values.count(Status.C)
    failed = values.count(Status.NC)
    return {
        "pages_audited": len(audited),
        "pages_failed": sum(p["status"] not in (PageStatus.AUDITED.value, PageStatus.SKIPPED.value)
                            for p in pages),
        "pages_skipped": sum(p["status"] == PageStatus.SKIPPED.value for p in pages),
        "global_rate": global_rate,
        "average_rate": average_rate(p.get("rate") for p in audited),
        "conformance": conformance(global_rate),
        "provisional": bool(untested),
        "criteria": {c: s.value for c, s in statuses.items()},
        "site_nc_criteria": sorted(
            {criterion_of(t) for t, fs in (site_findings or {}).items()
             if any(f.get("kind") == "failure" for f in fs)}),
        "counts": {s.value: values.count(s) for s in Status},
        "decided_criteria": len(values) - len(untested),
        "untested_criteria": len(untested),
        "untested_with_items": len(with_items),
        "untested_without_items": len(untested) - len(with_items),
        # If every NT criterion turned out NC, or C: the range the global rate can still move in.
        "rate_range": {
            "low": rate([Status.C] * conformant + [Status.NC] * (failed + len(untested))),
            "high": rate([Status.C] * (conformant + len(untested)) + [Status.NC] * failed),
        },
    }
