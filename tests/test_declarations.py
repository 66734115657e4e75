"""Checks declare what they decide: the runner enforces it, and the case files exercise it.

A fake check proves the enforcement: an undeclared outcome raises under `strict` (tests) and
becomes "cannot tell" with an internal-error finding in an audit; a page lacking a needed
fact gives "cannot tell" without running the check. The completeness test requires every
declared (check, test, outcome) to be said by the check on at least one case page.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

import pytest

from rgaa_audit.checks.declaration import (
    NC,
    VERIFY,
    Declaration,
    DeclarationError,
    UndeclaredOutcome,
    parse_declaration,
)
from rgaa_audit.checks.families import FAMILIES
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import (
    CheckContext,
    CheckSpec,
    all_checks,
    declared_site_findings,
    page_checks,
    run_check,
    site_checks,
)
from rgaa_audit.model import Finding, Outcome
from rgaa_audit.snapshot import PageSnapshot
from tests.test_check_cases import CASES, case_document, case_pages

PAGE = "<!DOCTYPE html><html lang='fr'><body><img src='a.png'></body></html>"

# Declared outcomes no case file can show, each with its reason. Keep it short: none today.
EXEMPT: dict[tuple[str, str, str], str] = {}


def _spec(decides: dict[str, list[str]], facts: tuple[str, ...] = ("dom",)) -> CheckSpec:
    """A check outside the registry: fails 1.1.1 and passes 1.1.2 on every page."""

    def fake(doc: PageDocument, ctx: CheckContext) -> None:
        ctx.fail("1.1.1", doc.root, "img-no-alt")
        ctx.passed("1.1.2")

    real = next(s for s in all_checks() if s.id == "image-has-alternative")
    declaration = Declaration(MappingProxyType({t: frozenset(o) for t, o in decides.items()}),
                              facts)
    return CheckSpec(id=real.id, family="images", tests=tuple(decides), function=fake,
                     **{k: getattr(real, k) for k in CheckSpec.__dataclass_fields__
                        if k not in ("id", "family", "tests", "function", "declaration")},
                     declaration=declaration)


def _doc(html: str = PAGE, **changes: Any) -> PageDocument:
    return PageDocument(dataclasses.replace(PageSnapshot.from_html(html), **changes))


def test_declared_outcomes_run_as_before() -> None:
    spec = _spec({"1.1.1": ["NC"], "1.1.2": ["C"]})
    outcomes = {r.test: r.outcome for r in run_check(spec, _doc(), strict=True)}
    assert outcomes == {"1.1.1": Outcome.FAILED, "1.1.2": Outcome.PASSED}


def test_undeclared_outcome_raises_under_strict() -> None:
    spec = _spec({"1.1.1": ["NC"], "1.1.2": ["NA"]})  # passing 1.1.2 is not declared
    with pytest.raises(UndeclaredOutcome, match=r"1\.1\.2"):
        run_check(spec, _doc(), strict=True)


def test_undeclared_outcome_in_an_audit_is_cannot_tell_never_a_pass() -> None:
    spec = _spec({"1.1.1": ["NC"], "1.1.2": ["NA"]})
    results = run_check(spec, _doc())
    assert {r.test: r.outcome for r in results} == {"1.1.1": Outcome.CANT_TELL,
                                                     "1.1.2": Outcome.CANT_TELL}
    assert all(r.findings and r.findings[0].kind == "to-verify" for r in results)
    assert all("UndeclaredOutcome" in r.findings[0].message for r in results)


def test_missing_fact_gives_cannot_tell_without_running_the_check() -> None:
    spec = _spec({"1.1.1": ["NC"], "1.1.2": ["C"]}, facts=("dom", "source-html"))
    results = run_check(spec, _doc(served_html=""), strict=True)
    assert {r.test: r.outcome for r in results} == {"1.1.1": Outcome.CANT_TELL,
                                                     "1.1.2": Outcome.CANT_TELL}
    assert all("source-html" in r.findings[0].message for r in results)
    empty = run_check(_spec({"1.1.1": ["NC"], "1.1.2": ["C"]}), _doc(html=" ", dom_html=""))
    assert {r.outcome for r in empty} == {Outcome.CANT_TELL}


def test_declarations_are_checked_when_loaded() -> None:
    tests = ("1.1.1", "1.1.2")
    ok = parse_declaration("x", tests, {"decides": {"1.1.1 1.1.2": ["NC", "verify"]}})
    assert ok.allows("1.1.2", "verify") and not ok.allows("1.1.2", "C")
    assert ok.facts == ("dom",) and ok.scope == "page"
    for bad in ({}, {"decides": {"1.1.1": ["NC"]}},  # 1.1.2 undeclared
                {"decides": {"1.1.1 1.1.2 1.1.3": ["NC"]}},  # 1.1.3 not served
                {"decides": {"1.1.1 1.1.2": ["maybe"]}},
                {"decides": {"1.1.1 1.1.2": ["NC"]}, "facts": ["telepathy"]},
                {"decides": {"1.1.1 1.1.2": ["NC"]}, "scope": "planet"}):
        with pytest.raises(DeclarationError):
            parse_declaration("x", tests, bad)


def said_by_cases() -> set[tuple[str, str, str]]:
    """(check, test, outcome) said by a check while running one of the case pages."""
    specs = {s.id: s for s in all_checks()}
    said: set[tuple[str, str, str]] = set()
    for case in CASES:
        spec = specs[case["check"]]
        if spec.scope == "site":
            said |= {(spec.id, f.test, NC if f.kind == "failure" else VERIFY)
                     for f in spec.function(case_pages(case))}
            continue
        doc = case_document(case)
        if spec.declaration.missing_facts(doc):
            continue
        ctx = CheckContext(spec, doc)
        spec.function(doc, ctx)
        said |= {(spec.id, test, outcome) for test, outcome in ctx.said}
    return said


def unexercised(said: set[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    missing = []
    for spec in all_checks():
        for test, outcomes in spec.declaration.decides.items():
            missing.extend((spec.id, test, o) for o in sorted(outcomes)
                           if (spec.id, test, o) not in said and (spec.id, test, o) not in EXEMPT)
    return missing


def test_every_declared_outcome_is_exercised_by_a_case() -> None:
    assert unexercised(said_by_cases()) == []


def test_completeness_meta_test_can_fail() -> None:
    said = said_by_cases()
    dropped = next(iter(sorted(said)))
    assert unexercised(said - {dropped}) == [dropped]



def test_one_protocol_site_checks_are_declared_in_data() -> None:
    assert {s.id for s in site_checks()} == {
        "site-same-title", "site-menu-consistency", "site-field-labels",
        "site-navigation-reach", "site-office-documents"}
    assert all(s.family == "site" for s in site_checks())
    assert not {s.id for s in page_checks()} & {s.id for s in site_checks()}
    with_checks = {s.family for s in all_checks()}
    assert with_checks <= set(FAMILIES)
    # issue 15's probe families, stubbed before their checks land (the lead empties this set)
    assert set(FAMILIES) - with_checks <= {"keyboard", "controls", "hover", "motion"}


def test_site_finding_outside_its_declaration() -> None:
    spec = next(s for s in site_checks() if s.id == "site-field-labels")  # verify only
    failure = Finding("11.3.2", "html", "", "x", spec.source, "failure")
    with pytest.raises(UndeclaredOutcome):
        declared_site_findings(spec, [failure], strict=True)
    [kept] = declared_site_findings(spec, [failure])
    assert kept.kind == "to-verify" and "UndeclaredOutcome" in kept.message


def test_caps_and_tables_come_from_the_data_entry() -> None:
    spec = next(s for s in all_checks() if s.id == "image-alternative-relevant")
    assert spec.limit("alt-max-length") == 80
    assert spec.table("relevance")["img"] == "1.3.1"
    page = _doc("<!DOCTYPE html><html lang='fr'><body><img src='a.png' alt='La mairie'>"
                "</body></html>")
    outcomes = {r.test: r.outcome for r in run_check(spec, page, strict=True)}
    assert outcomes["1.3.9"] is Outcome.PASSED
    shorter = dataclasses.replace(spec.declaration,
                                  limits=MappingProxyType({**spec.declaration.limits,
                                                           "alt-max-length": 5}))
    tight = dataclasses.replace(spec, declaration=shorter)
    outcomes = {r.test: r.outcome for r in run_check(tight, page, strict=True)}
    assert outcomes["1.3.9"] is Outcome.CANT_TELL
    with pytest.raises(DeclarationError):
        parse_declaration("x", ("1.1.1",), {"decides": {"1.1.1": ["NC"]},
                                            "tables": {"kinds": {"img": "1.1.2"}}})
