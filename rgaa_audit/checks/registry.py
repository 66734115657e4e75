"""The registry of rgaa-audit's own checks: small functions, metadata as data.

A check module `rgaa_audit/checks/<family>.py` pairs with `criteria/checks/<family>.toml`,
which gives, per check id, the RGAA tests it serves; its title and messages, per language,
are the keys `check.<id>.title` and `check.<id>.<message-key>` of `reports/i18n/<lang>.toml`
(read through `rgaa_audit.i18n`). The module registers its functions with `@check("<id>")`;
code holds behaviour only.

A check function receives the page and a `CheckContext` and reports, per RGAA test:
- `ctx.fail(test, element, key)`: an element fails (evidence of NC);
- `ctx.verify(test, element, key)`: an element a human must judge (the test stays NT);
- `ctx.passed(test)`: every element the test covers was seen and passes;
- `ctx.inapplicable(test)`: the page has nothing the test covers (proves NA).

What a check may say is declared in its data entry (`checks.declaration`): the runner refuses
an outcome the declaration does not allow for that test (an error under `strict`, as in the
tests; in an audit, "cannot tell" with an internal-error finding, never a pass), and a page
lacking a fact the check needs gives "cannot tell" for its tests without running it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from types import ModuleType
from typing import Any

from lxml.html import HtmlElement

from rgaa_audit import i18n
from rgaa_audit.checks.declaration import (
    NA,
    NC,
    VERIFY,
    C,
    Declaration,
    UndeclaredOutcome,
    parse_declaration,
)
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.model import CheckResult, Finding, Outcome
from rgaa_audit.paths import data_dir
from rgaa_audit.registry import FunctionRegistry

# A page check is `(doc: PageDocument, ctx: CheckContext) -> None`; a site-wide check is
# `(pages: Sequence[tuple[str, PageDocument]]) -> list[Finding]`.
CheckFunction = Callable[..., Any]
CRASH_KEY = "errors.check-crashed"  # the finding of a check that raised
MISSING_FACTS_KEY = "declarations.missing-facts"  # a page lacks what a check needs

_REGISTRY: FunctionRegistry[CheckFunction] = FunctionRegistry("check")
check = _REGISTRY.register  # @check("<id>"): register a check function under its metadata id


@dataclass(frozen=True)
class CheckSpec(i18n.CheckTexts):
    """A check's metadata (from data) and its function (from code)."""

    TEXT_PREFIX = "check"  # not a field: no annotation
    id: str
    family: str
    tests: tuple[str, ...]
    function: CheckFunction
    declaration: Declaration

    @property
    def source(self) -> str:
        return f"rgaa-audit:{self.id}"

    @property
    def scope(self) -> str:
        return self.declaration.scope

    def limit(self, name: str) -> Any:
        """One of the check's caps or thresholds, from its `limits` in data."""
        try:
            return self.declaration.limits[name]
        except KeyError:
            raise KeyError(f"check {self.id}: no limit {name!r} in its data entry") from None

    def table(self, name: str) -> Mapping[str, Any]:
        """One of the check's element kind -> test tables, from its `tables` in data."""
        try:
            return self.declaration.tables[name]
        except KeyError:
            raise KeyError(f"check {self.id}: no table {name!r} in its data entry") from None

    def message(self, key: str, language: str = i18n.DEFAULT_LANGUAGE, /, **values: Any) -> str:
        full_key = self.message_key(key)
        if key == "title" or not i18n.has(full_key):
            raise KeyError(f"check {self.id}: no message {key!r}")
        return i18n.text(full_key, language, **values)


@dataclass
class CheckContext:
    """Collects what one check says about one page, test by test."""

    spec: CheckSpec
    doc: PageDocument
    _failures: dict[str, list[Finding]] = field(default_factory=dict)
    _to_verify: dict[str, list[Finding]] = field(default_factory=dict)
    _passed: set[str] = field(default_factory=set)
    _inapplicable: set[str] = field(default_factory=set)
    said: set[tuple[str, str]] = field(default_factory=set)  # (test, outcome) it was told

    def _finding(self, test: str, element: HtmlElement | None, key: str, kind: str,
                 values: dict[str, Any]) -> Finding:
        if test not in self.spec.tests:
            raise ValueError(f"check {self.spec.id} does not declare test {test}")
        # imported here: `python -m rgaa_audit.checks.conditions` runs it as a script
        from rgaa_audit.checks.conditions import condition_of

        return Finding(
            test=test,
            selector=self.doc.selector(element) if element is not None else "html",
            snippet=self.doc.snippet(element) if element is not None else "",
            message=self.spec.message(key, "fr", **values),
            source=self.spec.source,
            kind=kind,
            key=self.spec.message_key(key),
            params=values,
            condition=(condition_of(test, self.spec.message_key(key))
                       if kind == "failure" else ""),
        )

    def _declared(self, test: str, outcome: str) -> None:
        if not self.spec.declaration.allows(test, outcome):
            raise UndeclaredOutcome(f"check {self.spec.id} gave {outcome} on test {test}, "
                                    "which its declaration does not allow")
        self.said.add((test, outcome))

    def limit(self, name: str) -> Any:
        """One of the check's caps or thresholds (`limits` in its data entry)."""
        return self.spec.limit(name)

    def table(self, name: str) -> Mapping[str, Any]:
        """One of the check's element kind -> test tables (`tables` in its data entry)."""
        return self.spec.table(name)

    def fail(self, test: str, element: HtmlElement | None, key: str, **values: Any) -> None:
        self._declared(test, NC)
        self._failures.setdefault(test, []).append(
            self._finding(test, element, key, "failure", values))

    def verify(self, test: str, element: HtmlElement | None, key: str, **values: Any) -> None:
        self._declared(test, VERIFY)
        self._to_verify.setdefault(test, []).append(
            self._finding(test, element, key, "to-verify", values))

    def passed(self, test: str) -> None:
        self._declared(test, C)
        self._passed.add(test)

    def inapplicable(self, test: str) -> None:
        self._declared(test, NA)
        self._inapplicable.add(test)

    def results(self) -> list[CheckResult]:
        """One result per test this check spoke about; failures win over everything."""
        results = []
        for test in self.spec.tests:
            if test in self._failures:
                results.append(CheckResult(self.spec.source, test, Outcome.FAILED,
                                           tuple(self._failures[test])))
            elif test in self._to_verify:
                results.append(CheckResult(self.spec.source, test, Outcome.CANT_TELL,
                                           tuple(self._to_verify[test])))
            elif test in self._passed:
                results.append(CheckResult(self.spec.source, test, Outcome.PASSED))
            elif test in self._inapplicable:
                results.append(CheckResult(self.spec.source, test, Outcome.INAPPLICABLE))
        return results


def _load_family(family: str, data: dict[str, Any], modules: dict[str, Any]) -> list[CheckSpec]:
    data_file = f"criteria/checks/{family}.toml"
    if family not in modules:
        raise LookupError(f"{data_file}: no module {family!r} in rgaa_audit/checks/families.py")
    specs = []
    for check_id, meta in data.items():
        function = _REGISTRY.function(check_id, data_file)
        if function.__module__ != modules[family].__name__:
            raise LookupError(f"{data_file}: check {check_id!r} is defined in "
                              f"{function.__module__}, not in its family's module")
        tests = tuple(meta["tests"])
        if not i18n.has(f"check.{check_id}.title"):
            raise KeyError(f"check {check_id}: no title check.{check_id}.title in reports/i18n")
        specs.append(
            CheckSpec(
                id=check_id,
                family=family,
                tests=tuple(meta["tests"]),
                function=function,
                declaration=parse_declaration(check_id, tests, meta),
            )
        )
    return specs


_FAMILIES: dict[str, ModuleType] = {}


def register_families(families: dict[str, ModuleType]) -> None:
    """Record the family modules (called by checks/families.py once they are imported, which
    the `rgaa_audit.checks` package does first): the registry never imports them itself."""
    _FAMILIES.update(families)


@cache
def all_checks() -> tuple[CheckSpec, ...]:
    """Every own check, from the metadata files and the family modules they name."""
    specs: list[CheckSpec] = []
    for path in sorted((data_dir("criteria") / "checks").glob("*.toml")):
        specs.extend(_load_family(path.stem, tomllib.loads(path.read_text(encoding="utf-8")),
                                  _FAMILIES))
    _REGISTRY.refuse_orphans(s.id for s in specs)
    return tuple(specs)


def page_checks() -> tuple[CheckSpec, ...]:
    """The checks that read one page (site-wide ones run in the scoring stage)."""
    return tuple(s for s in all_checks() if s.scope == "page")


def site_checks() -> tuple[CheckSpec, ...]:
    """The checks that compare the pages of a site (`scope = "site"` in their data)."""
    return tuple(s for s in all_checks() if s.scope == "site")


def declared_site_findings(spec: CheckSpec, findings: list[Finding],
                           strict: bool = False) -> list[Finding]:
    """The findings of a site-wide check, held to its declaration like a page check's: a
    failure needs NC declared for its test, an item to verify needs "verify". An undeclared
    one raises under `strict`; otherwise it is kept as an item to verify, never a failure."""
    kept = []
    for finding in findings:
        outcome = NC if finding.kind == "failure" else VERIFY
        if spec.declaration.allows(finding.test, outcome):
            kept.append(finding)
            continue
        error = UndeclaredOutcome(f"check {spec.id} gave {outcome} on test {finding.test}, "
                                  "which its declaration does not allow")
        if strict:
            raise error
        params = {"check": spec.id, "error": type(error).__name__}
        kept.append(Finding(finding.test, "html", "", i18n.text(CRASH_KEY, "fr", **params),
                            spec.source, "to-verify", key=CRASH_KEY, params=params))
    return kept


def _missing_facts(spec: CheckSpec, missing: tuple[str, ...]) -> list[CheckResult]:
    """'Cannot tell' on every test of a check the page lacks the facts for."""
    params = {"check": spec.id, "facts": ", ".join(missing)}
    finding = partial(Finding, selector="html", snippet="",
                      message=i18n.text(MISSING_FACTS_KEY, "fr", **params), source=spec.source,
                      kind="to-verify", key=MISSING_FACTS_KEY, params=params)
    return [CheckResult(spec.source, test, Outcome.CANT_TELL, (finding(test),))
            for test in spec.tests]


def run_check(spec: CheckSpec, doc: PageDocument, strict: bool = False) -> list[CheckResult]:
    """Run one check on one page; a check that crashes says 'cant-tell', never 'passed'.

    A page without the facts the check needs gives 'cant-tell' without running it. An
    outcome the check's declaration does not allow raises `UndeclaredOutcome` when `strict`
    (tests) and counts as a crash otherwise.
    """
    missing = spec.declaration.missing_facts(doc)
    if missing:
        return _missing_facts(spec, missing)
    ctx = CheckContext(spec, doc)
    try:
        spec.function(doc, ctx)
    except Exception as error:
        if strict and isinstance(error, UndeclaredOutcome):
            raise
        params = {"check": spec.id, "error": type(error).__name__}
        finding = partial(Finding, selector="html", snippet="",
                          message=i18n.text(CRASH_KEY, "fr", **params), source=spec.source,
                          kind="to-verify", key=CRASH_KEY, params=params)
        return [CheckResult(spec.source, test, Outcome.CANT_TELL, (finding(test),))
                for test in spec.tests]
    return ctx.results()


def run_page_checks(doc: PageDocument, strict: bool = False) -> list[CheckResult]:
    """Every per-page own check on one page."""
    results: list[CheckResult] = []
    for spec in page_checks():
        results.extend(run_check(spec, doc, strict))
    return results
