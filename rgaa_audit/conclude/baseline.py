"""Baseline: the findings a site already has, so that CI fails only on new ones.

A baseline file keeps, for each (page key, RGAA test), the fingerprints of the failures found
(see `fingerprints.py`: page path, test, check id, normalised selector; never the
snippet) and so their count, like ESLint's suppressions. Comparing a report with it:

- a finding whose fingerprint is in the baseline for its (page, test) is *unchanged*;
- an unmatched finding is also *unchanged* while the (page, test) has unmatched baseline
  entries left (a selector that shifted, e.g. `:nth-of-type` after an insertion);
- beyond that, it is *new*: a new key or a raised count counts as new;
- baseline entries left unmatched are *fixed* (they can be pruned by saving a new baseline).

Only failures (kind "failure") are compared; items to verify do not gate a build. Site-wide
failures (checks that compare pages) use the page key "(site)".
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rgaa_audit.conclude.fingerprints import (
    finding_fingerprint,
    id_sort_key,
    page_key,
    report_findings,
)
from rgaa_audit.errors import LocalisedError
from rgaa_audit.referential import criterion_of
from rgaa_audit.store.files import write_text_atomic

BASELINE_SCHEMA = "rgaa-audit/baseline/1"
DEFAULT_BASELINE_FILE = "rgaa-audit-baseline.json"
SITE_KEY = "(site)"
MAX_STORED_NEW = 500


class BaselineError(LocalisedError, ValueError):
    """A file that is not a usable baseline (a `[baseline]` text)."""


@dataclass(frozen=True)
class Finding:
    """One failure of a report, located and fingerprinted."""

    page: str  # page key ("/contact.html") or SITE_KEY
    url: str
    test: str
    fingerprint: str
    data: dict[str, Any] = field(compare=False, repr=False)

    @property
    def criterion(self) -> str:
        return criterion_of(self.test)

    def to_dict(self) -> dict[str, Any]:
        """The short form the diff and the Markdown summary list."""
        return {"url": self.url, "page": self.page, "test": self.test,
                "selector": str(self.data.get("selector", "")),
                "message": str(self.data.get("message", "")),
                "source": str(self.data.get("source", "")),
                "fingerprint": self.fingerprint}


def report_failures(report: dict[str, Any]) -> list[Finding]:
    """Every failure of the report: page findings (as SARIF/GitLab see them), then site ones."""
    found = [Finding(page_key(str(page.get("url", ""))), str(page.get("url", "")),
                     str(finding.get("test", "")), fp, finding)
             for page, finding, fp in report_findings(report, include_to_verify=False)]
    for test, findings in sorted((report.get("site_findings") or {}).items()):
        for finding in findings or []:
            if finding.get("kind") == "failure":
                found.append(Finding(SITE_KEY, "", str(finding.get("test", test)),
                                     finding_fingerprint("", finding), finding))
    return found


def _groups(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.page, item.test), []).append(item)
    return groups


# -- the baseline file ---------------------------------------------------------------------

@dataclass(frozen=True)
class Baseline:
    """(page key, test) -> fingerprints (one per finding, repeats kept); NC criteria."""

    entries: dict[tuple[str, str], tuple[str, ...]]
    nc_criteria: frozenset[str] = frozenset()

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> Baseline:
        groups = _groups(report_failures(report))
        entries = {key: tuple(sorted(f.fingerprint for f in items))
                   for key, items in groups.items()}
        nc = frozenset(c for c, s in ((report.get("summary") or {}).get("criteria") or {}).items()
                       if s == "NC")
        return cls(entries, nc)

    def to_json(self) -> dict[str, Any]:
        pages: dict[str, dict[str, dict[str, Any]]] = {}
        for (page, test), fingerprints in sorted(self.entries.items()):
            pages.setdefault(page, {})[test] = {"count": len(fingerprints),
                                                "fingerprints": list(fingerprints)}
        return {"schema": BASELINE_SCHEMA, "nc_criteria": sorted(self.nc_criteria, key=id_sort_key),
                "pages": pages}

    @classmethod
    def from_json(cls, data: Any) -> Baseline:
        if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
            raise BaselineError("baseline.not_baseline", schema=BASELINE_SCHEMA)
        entries: dict[tuple[str, str], tuple[str, ...]] = {}
        for page, tests in (data.get("pages") or {}).items():
            for test, entry in (tests or {}).items():
                fingerprints = [str(f) for f in entry.get("fingerprints") or []]
                count = int(entry.get("count", len(fingerprints)))
                # A hand-edited count above the listed fingerprints allows shifted ones.
                fingerprints += [""] * max(0, count - len(fingerprints))
                entries[(str(page), str(test))] = tuple(fingerprints)
        return cls(entries, frozenset(str(c) for c in data.get("nc_criteria") or []))

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.entries.values())


def save_baseline(report: dict[str, Any], path: Path) -> Baseline:
    """Write the baseline of a report to `path`; return it."""
    baseline = Baseline.from_report(report)
    write_text_atomic(path, json.dumps(baseline.to_json(), ensure_ascii=False, indent=1) + "\n")
    return baseline


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; ValueError (one line) when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise BaselineError("baseline.bad_json", path=str(path), detail=error.msg,
                            line=error.lineno) from None
    try:
        return Baseline.from_json(data)
    except BaselineError as error:
        raise BaselineError("baseline.in_file", path=str(path), cause=error) from None
    except (AttributeError, TypeError, ValueError) as error:
        raise BaselineError("baseline.in_file", path=str(path),
                            cause=BaselineError("baseline.malformed", detail=str(error))) from None


# -- comparison ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """A report's failures split against a baseline."""

    new: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]
    fixed: tuple[tuple[str, str, str], ...]  # (page key, test, fingerprint) no longer found
    nc_without_findings: frozenset[str] = frozenset()  # NC, no failure to match, not NC before

    @property
    def new_criteria(self) -> frozenset[str]:
        """Criteria that have at least one new failure (or became NC with nothing to match)."""
        return frozenset(f.criterion for f in self.new) | self.nc_without_findings

    def new_criteria_on(self, page: str) -> frozenset[str]:
        return frozenset(f.criterion for f in self.new if f.page == page)


def compare(report: dict[str, Any], baseline: Baseline) -> Comparison:
    """Split the report's failures into new and unchanged, and list the fixed entries."""
    current = _groups(report_failures(report))
    new: list[Finding] = []
    unchanged: list[Finding] = []
    fixed: list[tuple[str, str, str]] = []
    for key in sorted(set(current) | set(baseline.entries)):
        items = current.get(key, [])
        remaining = list(baseline.entries.get(key, ()))
        unmatched: list[Finding] = []
        for item in items:
            if item.fingerprint in remaining:
                remaining.remove(item.fingerprint)
                unchanged.append(item)
            else:
                unmatched.append(item)
        absorbed = min(len(unmatched), len(remaining))
        unchanged.extend(unmatched[:absorbed])
        new.extend(unmatched[absorbed:])
        fixed.extend((key[0], key[1], fp) for fp in remaining[len(unmatched):])
    with_findings = {f.criterion for group in current.values() for f in group}
    nc = {c for c, s in ((report.get("summary") or {}).get("criteria") or {}).items()
          if s == "NC"}
    orphans = frozenset(nc - with_findings - baseline.nc_criteria)
    return Comparison(tuple(new), tuple(unchanged), tuple(fixed), orphans)


def _iter_page_failures(report: dict[str, Any]) -> Iterator[tuple[dict, dict]]:
    for page in report.get("pages") or []:
        if page.get("status") != "audited":
            continue
        for verdict in (page.get("criteria") or {}).values():
            for finding in (verdict or {}).get("findings") or []:
                yield page, finding
    for findings in (report.get("site_findings") or {}).values():
        for finding in findings or []:
            if finding.get("kind") == "failure":
                yield {}, finding


def annotate(report: dict[str, Any], comparison: Comparison,
             baseline_file: str = "") -> dict[str, Any]:
    """A copy of the report whose failures say `"baseline": "new"|"unchanged"`, with a
    `baseline` block (counts, new fingerprints, criteria with new failures)."""
    marked = copy.deepcopy(report)
    state = {id(item.data): "new" for item in comparison.new}
    state.update({id(item.data): "unchanged" for item in comparison.unchanged})
    # The deep copy keeps the order of the findings: walk both in step.
    for (_, original), (_, copied) in zip(_iter_page_failures(report),
                                          _iter_page_failures(marked), strict=True):
        if id(original) in state:
            copied["baseline"] = state[id(original)]
    marked["baseline"] = {
        "file": baseline_file,
        "new": len(comparison.new),
        "fixed": len(comparison.fixed),
        "unchanged": len(comparison.unchanged),
        "new_criteria": sorted(comparison.new_criteria, key=id_sort_key),
        "new_fingerprints": sorted({f.fingerprint for f in comparison.new})[:MAX_STORED_NEW],
        "new_findings": [f.to_dict() for f in comparison.new[:MAX_STORED_NEW]],
    }
    return marked
