"""The state of one review: the stored report, the verdicts file, and the decisions taken.

A decision is one person's status for one criterion on one page (with its comment, impact,
recommendation and dérogation); a bulk decision gives the same status to one criterion on many
pages, never replacing a cell that is already decided otherwise unless asked. Each decision is
stored as a page-level verdict (the page's path when every page shares one origin, else its
URL) with the fingerprint of what was judged, then the whole verdicts file is written again
atomically and the report merged again, so the rates shown are always those of the file.

The file is read again before every change when someone else modified it (by hand, in an
editor); a file that no longer reads stops the writing, so nothing is written over it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit import __version__
from rgaa_audit.conclude.manual import apply_verdicts, judged_fingerprint
from rgaa_audit.conclude.verdicts_file import (
    IMPACTS,
    STATUSES,
    TEXT_MAX,
    TRANSVERSE,
    Derogation,
    ManualVerdict,
    Verdicts,
    VerdictsError,
    dump_verdicts,
    load_verdicts,
    parse_verdicts,
    write_verdicts,
)
from rgaa_audit.model import PageStatus, Status
from rgaa_audit.referential import Referential, load_referential
from rgaa_audit.store.files import load_report

TOOL = f"rgaa-audit {__version__}"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCOPES = ("all", "glob", "empty")
# the shared components in the order a page shows them (others after, by name)
COMPONENT_ORDER = ("header", "navigation", "search", "footer", "cookie-banner")


class DecisionError(ValueError):
    """A decision that cannot be saved: a key of the `[review.error]` texts and its params."""

    def __init__(self, reason: str, **params: Any) -> None:
        self.reason, self.params = reason, params
        super().__init__(reason)


@dataclass(frozen=True)
class Decision:
    """What the auditor says about one cell."""

    status: str
    comment: str = ""
    impact: str = ""
    recommendation: str = ""
    auditor: str = ""
    justification: str = ""
    until: str = ""
    alternative: str = ""

    def checked(self) -> Decision:
        """The decision if it can be saved (an impact only kept for NC), else DecisionError."""
        if self.status not in STATUSES:
            raise DecisionError("status")
        for name in ("comment", "recommendation", "auditor", "justification", "alternative"):
            if len(getattr(self, name)) > TEXT_MAX:
                raise DecisionError("too_long", limit=TEXT_MAX)
        if self.impact and self.impact not in IMPACTS:
            raise DecisionError("impact")
        if self.until and not _DATE.match(self.until):
            raise DecisionError("until")
        if (self.until or self.alternative) and not self.justification:
            raise DecisionError("justification")
        if self.status != Status.NC.value and self.impact:
            return Decision(**{**vars(self), "impact": ""})
        return self


@dataclass(frozen=True)
class BulkPlan:
    """What a bulk decision on one criterion would do, page by page (indexes)."""

    criterion: str
    status: str
    undecided: tuple[int, ...]  # NT cells: they get the verdict
    same: tuple[int, ...]  # already decided with this status: left as they are
    conflicts: tuple[int, ...]  # decided otherwise: changed only when confirmed
    excluded: tuple[int, ...]  # in scope, but kept out by the auditor


@dataclass(frozen=True)
class SharedPlan:
    """What deciding one criterion for a shared component, as found on one page, would do."""

    component: str
    fingerprint: str  # "component:<hash>" of that page's component
    identical: tuple[int, ...]  # pages where the same component is found: decided by it
    different: tuple[int, ...]  # pages where the component differs: left as they are
    own: tuple[int, ...]  # identical pages with a page-level or glob verdict: it keeps precedence
    replaced: ManualVerdict | None  # the transverse verdict on this component it replaces


def _clean(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


class Review:
    """The report under review and its verdicts file; thread-safe, one writer at a time."""

    def __init__(self, out_dir: Path, verdicts_path: Path,
                 referential: Referential | None = None) -> None:
        self.out_dir = out_dir
        self.verdicts_path = verdicts_path
        self.referential = referential or load_referential()
        self.criteria = self.referential.criteria
        self.report = load_report(out_dir)
        self.pages: list[dict[str, Any]] = [
            p for p in self.report.get("pages") or []
            if p.get("status") == PageStatus.AUDITED.value]
        origins = {urlsplit(p.get("url", "")).netloc for p in self.pages}
        self.single_origin = len(origins) == 1
        self.lock = threading.RLock()
        self.last_auditor = ""
        self.error: VerdictsError | None = None
        self.verdicts = load_verdicts(verdicts_path, self.referential)
        self._seen = self._stat()
        self._merge()

    # --- reading ----------------------------------------------------------------------------

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.verdicts_path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def refresh(self) -> None:
        """Read the verdicts file again if someone changed it since; keep the error if bad."""
        with self.lock:
            now = self._stat()
            if now == self._seen:
                return
            try:
                self.verdicts = load_verdicts(self.verdicts_path, self.referential)
            except VerdictsError as error:
                self.error = error
                return
            self.error = None
            self._seen = now
            self._merge()

    def _merge(self) -> None:
        merge = apply_verdicts(self.report, self.verdicts, self.referential,
                               str(self.verdicts_path))
        self.merged = merge.report
        self.merged_pages = [p for p in self.merged.get("pages") or []
                             if p.get("status") == PageStatus.AUDITED.value]
        self.auditors = sorted({v.auditor for v in self.verdicts if v.auditor})
        if not self.last_auditor and self.auditors:
            self.last_auditor = self.auditors[0]

    def cell(self, index: int, criterion: str) -> dict[str, Any]:
        """The merged cell (status, source, manual verdict, contested, recheck...)."""
        return (self.merged_pages[index].get("criteria") or {}).get(criterion) or {
            "status": Status.NT.value, "tests": {}, "findings": [], "to_verify": []}

    def raw_cell(self, index: int, criterion: str) -> dict[str, Any]:
        """The cell as the checks left it."""
        return (self.pages[index].get("criteria") or {}).get(criterion) or {}

    def page_key(self, index: int) -> str:
        """How a verdict names this page: its path (and query) on a one-origin audit."""
        url = self.pages[index].get("url", "")
        if not self.single_origin:
            return url
        parts = urlsplit(url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def _names_page(self, verdict: ManualVerdict, index: int) -> bool:
        page = self.pages[index]
        urls = {u for u in (page.get("url"), page.get("final_url")) if u}
        return not verdict.is_glob and any(verdict.applies_to(u) for u in urls)

    def own_verdict(self, index: int, criterion: str) -> ManualVerdict | None:
        """The page-level criterion verdict that a decision on this cell replaces."""
        for verdict in self.verdicts:
            if (not verdict.test and verdict.criterion == criterion
                    and self._names_page(verdict, index)):
                return verdict
        return None

    def components(self, index: int) -> dict[str, str]:
        """The shared components found on the page: name -> fingerprint hash."""
        found = (self.pages[index].get("fingerprints") or {}).get("components") or {}
        def order(name: str) -> tuple[int, str]:
            known = name in COMPONENT_ORDER
            return (COMPONENT_ORDER.index(name) if known else len(COMPONENT_ORDER), name)

        return {name: found[name] for name in sorted(found, key=order) if found[name]}

    def transverse_verdict(self, component: str, criterion: str) -> ManualVerdict | None:
        """The transverse criterion verdict on this component, if the file holds one."""
        for verdict in self.verdicts.transverse():
            if (verdict.component == component and verdict.criterion == criterion
                    and not verdict.test):
                return verdict
        return None

    def _page_verdict(self, index: int, criterion: str) -> bool:
        page = self.pages[index]
        urls = {u for u in (page.get("url"), page.get("final_url")) if u}
        return any(not v.test and v.criterion == criterion
                   for url in urls for v in self.verdicts.for_page(url))

    def shared_plan(self, index: int, criterion: str, component: str) -> SharedPlan:
        """The pages a decision for the page's shared component would decide, and those
        whose own (page or glob) verdict keeps precedence."""
        self._check_cell(index, criterion)
        value = self.components(index).get(component)
        if value is None:
            raise DecisionError("no_component")
        identical, different = [], []
        for other in range(len(self.pages)):
            found = self.components(other).get(component)
            if found == value:
                identical.append(other)
            elif found is not None:
                different.append(other)
        own = [i for i in identical if self._page_verdict(i, criterion)]
        return SharedPlan(component, f"component:{value}", tuple(identical), tuple(different),
                          tuple(own), self.transverse_verdict(component, criterion))

    def decide_shared(self, index: int, criterion: str, component: str,
                      decision: Decision) -> SharedPlan:
        """Write one transverse verdict for the page's component (replacing the one on the
        same component and criterion); the plan says what it decided."""
        with self.lock:
            self.refresh()
            plan = self.shared_plan(index, criterion, component)
            decision = decision.checked()
            derogation = None
            if decision.justification:
                derogation = Derogation(decision.justification, decision.until,
                                        decision.alternative)
            verdict = ManualVerdict(
                page=TRANSVERSE, component=component, criterion=criterion,
                status=decision.status, comment=decision.comment, impact=decision.impact,
                recommendation=decision.recommendation, auditor=decision.auditor,
                date=dt.date.today().isoformat(), derogation=derogation,
                fingerprint=plan.fingerprint, tool=TOOL)
            kept = Verdicts(tuple(v for v in self.verdicts if v.key != verdict.key))
            if decision.auditor:
                self.last_auditor = decision.auditor
            self._save(Verdicts((*kept, verdict)), [verdict])
            return plan

    def clear_shared(self, criterion: str, component: str) -> None:
        """Remove the transverse verdict on this component and criterion."""
        with self.lock:
            self.refresh()
            if self.error is not None:
                raise self.error
            gone = self.transverse_verdict(component, criterion)
            if gone is None:
                return
            self._save(Verdicts(tuple(v for v in self.verdicts if v is not gone)), [])

    def matches_glob(self, index: int, pattern: str) -> bool:
        """Whether the page's path (pattern starting with /) or URL matches the pattern."""
        page = self.pages[index]
        url = page.get("final_url") or page.get("url", "")
        if pattern.startswith("/"):
            parts = urlsplit(url)
            url = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return fnmatch.fnmatchcase(url, pattern)

    def progress(self) -> dict[str, Any]:
        """Cells decided out of all, and the rates of the merged report."""
        summary = self.merged.get("summary") or {}
        total = sum(len(p.get("criteria") or {}) for p in self.merged_pages)
        untested = int(summary.get("untested_cells", 0))
        return {
            "decided": total - untested, "total": total, "untested": untested,
            "percent": round(100 * (total - untested) / total, 1) if total else 0.0,
            "global_rate": summary.get("global_rate"),
            "average_rate": summary.get("average_rate"),
            "complete": bool(summary.get("complete")),
            "provisional": bool(summary.get("provisional", True)),
            "conformance": summary.get("conformance", ""),
        }

    # --- writing ----------------------------------------------------------------------------

    def _verdict(self, index: int, criterion: str, decision: Decision) -> ManualVerdict:
        derogation = None
        if decision.justification:
            derogation = Derogation(decision.justification, decision.until,
                                    decision.alternative)
        return ManualVerdict(
            page=self.page_key(index), criterion=criterion, status=decision.status,
            comment=decision.comment, impact=decision.impact,
            recommendation=decision.recommendation, auditor=decision.auditor,
            date=dt.date.today().isoformat(), derogation=derogation,
            fingerprint=judged_fingerprint(self.pages[index], criterion), tool=TOOL)

    def _without_own(self, verdicts: Verdicts, index: int, criterion: str) -> Verdicts:
        return Verdicts(tuple(v for v in verdicts if v.test or v.criterion != criterion
                              or not self._names_page(v, index)))

    def _save(self, verdicts: Verdicts, new: list[ManualVerdict]) -> None:
        """Check the new verdicts read back, write the file, merge again."""
        if self.error is not None:
            raise self.error
        parse_verdicts(dump_verdicts(new), str(self.verdicts_path), self.referential)
        write_verdicts(self.verdicts_path, verdicts)
        self.verdicts = verdicts
        self._seen = self._stat()
        self._merge()

    def _check_cell(self, index: int, criterion: str) -> None:
        if not 0 <= index < len(self.pages) or criterion not in self.criteria:
            raise DecisionError("no_cell")

    def decide(self, index: int, criterion: str, decision: Decision | None) -> None:
        """Give one cell a manual status (None: remove the page's own verdict)."""
        with self.lock:
            self.refresh()
            self._check_cell(index, criterion)
            verdicts = self._without_own(self.verdicts, index, criterion)
            new = []
            if decision is not None:
                decision = decision.checked()
                new.append(self._verdict(index, criterion, decision))
                verdicts = Verdicts((*verdicts, *new))
                if decision.auditor:
                    self.last_auditor = decision.auditor
            self._save(verdicts, new)

    def in_scope(self, criterion: str, scope: str, pattern: str = "") -> list[int]:
        """Pages a bulk decision on the criterion would name: all, a glob's, or those where
        the checks listed no element for it (the candidates for NA)."""
        indexes = range(len(self.pages))
        if scope == "glob":
            pattern = pattern.strip()
            if not pattern:
                raise DecisionError("no_glob")
            return [i for i in indexes if self.matches_glob(i, pattern)]
        if scope == "empty":
            return [i for i in indexes if not self.raw_cell(i, criterion).get("findings")
                    and not self.raw_cell(i, criterion).get("to_verify")]
        return list(indexes)

    def plan(self, criterion: str, status: str, scope: str, pattern: str = "",
             exceptions: frozenset[int] = frozenset()) -> BulkPlan:
        """What a bulk decision would change, before doing it."""
        if criterion not in self.criteria:
            raise DecisionError("no_cell")
        if status not in STATUSES:
            raise DecisionError("status")
        if scope not in SCOPES:
            raise DecisionError("scope")
        undecided, same, conflicts, excluded = [], [], [], []
        for index in self.in_scope(criterion, scope, pattern):
            current = self.cell(index, criterion).get("status", Status.NT.value)
            if index in exceptions:
                excluded.append(index)
            elif current == Status.NT.value:
                undecided.append(index)
            elif current == status:
                same.append(index)
            else:
                conflicts.append(index)
        return BulkPlan(criterion, status, tuple(undecided), tuple(same), tuple(conflicts),
                        tuple(excluded))

    def apply(self, plan: BulkPlan, decision: Decision, replace: bool) -> int:
        """Carry out a bulk plan: undecided cells, and the conflicting ones if `replace`."""
        with self.lock:
            self.refresh()
            decision = decision.checked()
            targets = [*plan.undecided, *(plan.conflicts if replace else ())]
            if not targets:
                return 0
            verdicts, new = self.verdicts, []
            for index in targets:
                verdicts = self._without_own(verdicts, index, plan.criterion)
                new.append(self._verdict(index, plan.criterion, decision))
            if decision.auditor:
                self.last_auditor = decision.auditor
            self._save(Verdicts((*verdicts, *new)), new)
            return len(targets)
