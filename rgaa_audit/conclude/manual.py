"""Manual verdicts merged into a stored report: who decided each cell, and the rates that follow.

For every audited page and every criterion (or test) a verdict names, the cell's status becomes:
- the manual one where the checks left it NT;
- the manual one where the checks decided otherwise; a manual C or NA over a failure the
  checks found is *contested*: the manual status counts, the findings stay shown;
- NT *à revérifier* when the verdict's fingerprint no longer matches what is on the page (the
  elements the checks listed for that criterion, else the page's main content): the old
  verdict and both fingerprints are kept in the cell, the verdict is not counted.
A verdict naming a page no longer in the report is *orphaned*; every cell says where its
status comes from (`source`: automatic, manual, or imported) and who decided (`decided_by`).
Page rates and the summary are then computed again by the scoring stage's own functions;
an audit whose pages hold no NT cell is *complete* and no longer provisional.

Precedence when several verdicts name the same cell: the page's own (URL or path), then a
glob, then a transverse one; a test-level verdict decides its test, a criterion-level verdict
the whole criterion.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rgaa_audit.conclude.verdicts_file import ManualVerdict, Verdicts
from rgaa_audit.decide.verdicts import worst
from rgaa_audit.model import PageStatus, Status
from rgaa_audit.referential import Referential
from rgaa_audit.score.rates import rate
from rgaa_audit.score.summary import build_summary

AUTOMATIC, MANUAL = "automatic", "manual"
TOOL = "rgaa-audit"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Merge:
    """What applying a verdicts file did to a report."""

    report: dict[str, Any]
    applied: int = 0
    contested: int = 0
    recheck: tuple[dict[str, Any], ...] = ()
    orphaned: tuple[ManualVerdict, ...] = ()
    unused: tuple[ManualVerdict, ...] = ()
    used: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def _items(cell: dict[str, Any], test: str = "") -> list[dict[str, Any]]:
    items = [*cell.get("findings", []), *cell.get("to_verify", [])]
    return [i for i in items if not test or i.get("test") == test]


def judged_fingerprint(page: dict[str, Any], criterion: str, test: str = "") -> str:
    """A fingerprint of what a person judges for one cell: the elements the checks listed
    (test, selector, snippet with white space collapsed), else the page's main content."""
    cell = (page.get("criteria") or {}).get(criterion) or {}
    items = sorted({(i.get("test", ""), i.get("selector", ""),
                     _SPACES.sub(" ", i.get("snippet", "")).strip()) for i in _items(cell, test)})
    if items:
        digest = hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()
        return f"items:{digest[:20]}"
    content = (page.get("fingerprints") or {}).get("content", "")
    return f"content:{content}" if content else ""


def _component_matches(verdict: ManualVerdict, page: dict[str, Any]) -> bool:
    """A transverse verdict applies where its component is (by fingerprint when it has one)."""
    if not verdict.component:
        return True
    components = (page.get("fingerprints") or {}).get("components") or {}
    found = components.get(verdict.component)
    if found is None:
        return False
    return not verdict.fingerprint or verdict.fingerprint == f"component:{found}"


def _record(verdict: ManualVerdict) -> dict[str, Any]:
    data: dict[str, Any] = {"status": verdict.status, "page": verdict.page}
    for key in ("test", "component", "comment", "impact", "recommendation", "auditor", "date",
                "fingerprint"):
        if getattr(verdict, key):
            data[key] = getattr(verdict, key)
    if verdict.derogation is not None:
        data["derogation"] = {k: v for k, v in vars(verdict.derogation).items() if v}
    return data


def _matches(verdict: ManualVerdict, page: dict[str, Any], target_test: str) -> bool:
    """Whether the verdict's stored fingerprint still describes the page (none: always)."""
    if not verdict.fingerprint or verdict.transverse:
        return True
    return verdict.fingerprint == judged_fingerprint(page, verdict.criterion, target_test)


class _Cells:
    """The verdicts that may decide each cell of one page, best first."""

    def __init__(self, verdicts: Verdicts, page: dict[str, Any]) -> None:
        url = page.get("final_url") or page.get("url", "")
        named = [*verdicts.for_page(url)]
        if page.get("url") and page.get("url") != url:
            named += [v for v in verdicts.for_page(page["url"]) if v not in named]
        transverse = [v for v in verdicts.transverse() if _component_matches(v, page)]
        self.by_target: dict[str, ManualVerdict] = {}
        for verdict in [*named, *transverse]:
            self.by_target.setdefault(verdict.target, verdict)

    def get(self, target: str) -> ManualVerdict | None:
        return self.by_target.get(target)


def _apply_status(cell: dict[str, Any], status_key: str, container: dict[str, Any],
                  verdict: ManualVerdict, failures: bool) -> bool:
    """Put the manual status in `container[status_key]`; True when it contests a failure."""
    automatic = container.get(status_key, Status.NT.value)
    container[status_key] = verdict.status
    return failures and automatic == Status.NC.value and verdict.status != Status.NC.value


def _merge_cell(page: dict[str, Any], criterion: str, cell: dict[str, Any], cells: _Cells,
                test_ids: Iterable[str], stats: dict[str, Any]) -> None:
    cell.setdefault("source", AUTOMATIC)
    cell.setdefault("decided_by", TOOL)
    automatic_status = cell["status"]
    manual_tests: dict[str, dict[str, Any]] = {}
    contested = False
    tests = cell.setdefault("tests", {})
    for test in test_ids:
        verdict = cells.get(test)
        if verdict is None:
            continue
        stats["used"].add(verdict.key)
        if not _matches(verdict, page, test):
            stats["recheck"].append(_recheck(page, criterion, verdict, test))
            cell.setdefault("recheck", []).append(_recheck_note(page, criterion, verdict, test))
            continue
        failures = any(f.get("test") == test for f in cell.get("findings", []))
        contested |= _apply_status(cell, test, tests, verdict, failures)
        manual_tests[test] = _record(verdict)
        stats["applied"] += 1
    if manual_tests:
        cell["status"] = worst(Status(s) for s in tests.values()).value
        cell["manual_tests"] = manual_tests
    verdict = cells.get(criterion)
    if verdict is not None:
        stats["used"].add(verdict.key)
        if _matches(verdict, page, ""):
            failures = bool(cell.get("findings"))
            contested |= _apply_status(cell, "status", cell, verdict, failures)
            cell["manual"] = _record(verdict)
            stats["applied"] += 1
        else:
            stats["recheck"].append(_recheck(page, criterion, verdict, ""))
            cell.setdefault("recheck", []).append(_recheck_note(page, criterion, verdict, ""))
    if manual_tests or "manual" in cell:
        decided = cell.get("manual") or next(iter(manual_tests.values()))
        cell["source"] = MANUAL
        cell["decided_by"] = decided.get("auditor") or MANUAL
        cell["automatic_status"] = automatic_status
        if verdict is not None and verdict.transverse and "manual" in cell:
            cell["transverse"] = verdict.component or True
    if contested:
        cell["contested"] = True
        stats["contested"] += 1


def _recheck_note(page: dict[str, Any], criterion: str, verdict: ManualVerdict,
                  test: str) -> dict[str, Any]:
    return {"verdict": _record(verdict), "was": verdict.fingerprint,
            "now": judged_fingerprint(page, criterion, test)}


def _recheck(page: dict[str, Any], criterion: str, verdict: ManualVerdict,
             test: str) -> dict[str, Any]:
    return {"url": page.get("url", ""), "criterion": criterion, "test": test,
            **_recheck_note(page, criterion, verdict, test)}


def _page_rate(page: dict[str, Any]) -> float | None:
    return rate(Status(c["status"]) for c in (page.get("criteria") or {}).values())


def apply_verdicts(report: dict[str, Any], verdicts: Verdicts, referential: Referential,
                   file_name: str = "") -> Merge:
    """The report with the manual verdicts merged, its rates and summary computed again."""
    report = copy.deepcopy(report)
    stats: dict[str, Any] = {"applied": 0, "contested": 0, "recheck": [], "used": set()}
    pages = report.get("pages") or []
    known_urls: set[str] = set()
    for page in pages:
        known_urls.update(u for u in (page.get("url"), page.get("final_url")) if u)
        if page.get("status") != PageStatus.AUDITED.value:
            continue
        cells = _Cells(verdicts, page)
        for criterion_id, criterion in referential.criteria.items():
            cell = (page.get("criteria") or {}).get(criterion_id)
            if cell is None:
                continue
            _merge_cell(page, criterion_id, cell, cells, (t.id for t in criterion.tests), stats)
        page["rate"] = _page_rate(page)
    orphaned = tuple(v for v in verdicts if not v.transverse and not v.is_glob
                     and not any(v.applies_to(u) for u in known_urls))
    unused = tuple(v for v in verdicts if v.key not in stats["used"] and v not in orphaned)
    summary = build_summary(pages, report.get("site_findings"))
    untested_cells = sum(c.get("status") == Status.NT.value
                         for p in pages if p.get("status") == PageStatus.AUDITED.value
                         for c in (p.get("criteria") or {}).values())
    summary["untested_cells"] = untested_cells
    summary["complete"] = untested_cells == 0 and summary["pages_audited"] > 0
    summary["provisional"] = summary["provisional"] or not summary["complete"]
    report["summary"] = {**report.get("summary", {}), **summary}
    report["manual"] = {
        "file": file_name,
        "verdicts": len(verdicts),
        "applied": stats["applied"],
        "contested": stats["contested"],
        "recheck": stats["recheck"],
        "orphaned": [_record(v) for v in orphaned],
        "unused": [_record(v) for v in unused],
    }
    return Merge(report, stats["applied"], stats["contested"], tuple(stats["recheck"]),
                 orphaned, unused, frozenset(stats["used"]))
