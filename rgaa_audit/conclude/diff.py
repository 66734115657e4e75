"""Compare two reports: rates, criteria that changed, new and fixed findings, eco figures.

Findings are matched as the baseline matches them (`baseline.compare`), so `diff` and a
`--baseline` run agree on what is new. The result is a plain dict; `report/diff.py` renders
it as text or Markdown.
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.conclude.baseline import Baseline, compare, report_failures
from rgaa_audit.conclude.fingerprints import id_sort_key

_ECO_FIELDS = ("transfer_bytes", "requests")


def _eco(report: dict[str, Any]) -> dict[str, Any]:
    eco = (report.get("summary") or {}).get("eco") or {}
    totals = eco.get("totals") or {}
    return {**{k: totals.get(k) for k in _ECO_FIELDS},
            "grade": eco.get("ecoindex_grade_of_median"),
            "pages_over_budget": (eco.get("budget") or {}).get("pages_over")}


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from `old` to `new` (a dict that `render_markdown(diff=…)` also reads)."""
    comparison = compare(new, Baseline.from_report(old))
    old_by_fp = {f.fingerprint: f for f in report_failures(old)}
    before = (old.get("summary") or {}).get("criteria") or {}
    after = (new.get("summary") or {}).get("criteria") or {}
    changed = {c for c in set(before) | set(after) if before.get(c) != after.get(c)}
    return {
        "rate_before": (old.get("summary") or {}).get("global_rate"),
        "rate_after": (new.get("summary") or {}).get("global_rate"),
        "average_before": (old.get("summary") or {}).get("average_rate"),
        "average_after": (new.get("summary") or {}).get("average_rate"),
        "became_nc": sorted((c for c in changed if after.get(c) == "NC"), key=id_sort_key),
        "became_c": sorted((c for c in changed if after.get(c) == "C"), key=id_sort_key),
        "new": [f.to_dict() for f in comparison.new],
        "fixed": [old_by_fp[fp].to_dict() if fp in old_by_fp
                  else {"page": page, "url": page, "test": test, "fingerprint": fp}
                  for page, test, fp in comparison.fixed],
        "still_open": len(comparison.unchanged),
        "eco_before": _eco(old),
        "eco_after": _eco(new),
    }
