"""Every own check against its pass and fail cases (saved HTML, no browser).

A page check's case has one page (`html`); a site-wide check's case (scope = "site") a set of
pages (`[[case.pages]]` with `url` and `html`), its findings read as results: "failed" when
one is a failure, else "cant-tell" when it lists items to verify.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckSpec, all_checks, declared_site_findings, run_check
from rgaa_audit.model import CheckResult, Outcome
from rgaa_audit.snapshot import PageSnapshot
from tests.support.cases import load_cases as load_cases_from

CASES_DIR = Path(__file__).parent / "check_cases"


def load_cases() -> list[dict]:
    return load_cases_from(CASES_DIR)


CASES = load_cases()
SPECS = {spec.id: spec for spec in all_checks()}


def case_document(case: dict) -> PageDocument:
    """The page of a case; `annotated = true` stands for a page the browser annotated."""
    snapshot = PageSnapshot.from_html(case["html"], case.get("url", "http://localhost/p"))
    if case.get("annotated"):
        snapshot = dataclasses.replace(snapshot, collected={"annotated": True})
    return PageDocument(snapshot)


def case_pages(case: dict) -> list[tuple[str, PageDocument]]:
    """The pages of a site-wide check's case."""
    return [(p["url"], PageDocument(PageSnapshot.from_html(p["html"], p["url"])))
            for p in case["pages"]]


def site_results(spec: CheckSpec, pages: list[tuple[str, PageDocument]]) -> list[CheckResult]:
    """A site-wide check's findings as results, declarations enforced (strict)."""
    findings = declared_site_findings(spec, spec.function(pages), strict=True)
    results = []
    for test in spec.tests:
        mine = tuple(f for f in findings if f.test == test)
        if mine:
            failed = any(f.kind == "failure" for f in mine)
            results.append(CheckResult(spec.source, test,
                                       Outcome.FAILED if failed else Outcome.CANT_TELL, mine))
    return results


def results_of(case: dict) -> dict[str, CheckResult]:
    """The check's results on the case's page(s), declarations enforced (strict)."""
    spec = SPECS[case["check"]]
    if spec.scope == "site":
        return {r.test: r for r in site_results(spec, case_pages(case))}
    return {r.test: r for r in run_check(spec, case_document(case), strict=True)}


def outcomes_of(case: dict) -> dict[str, str]:
    return {test: r.outcome.value for test, r in results_of(case).items()}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['check']}: {c['name']}" for c in CASES])
def test_check_case(case: dict) -> None:
    assert case["check"] in SPECS, f"unknown check {case['check']}"
    results = results_of(case)
    got = {test: r.outcome.value for test, r in results.items()}
    for test, expected in case["expect"].items():
        assert got.get(test, "none") == expected, f"{test}: got {got.get(test, 'none')}"
    # `selectors = { "<test>" = [...] }`: exactly the elements flagged for that test
    for test, selectors in case.get("selectors", {}).items():
        flagged = sorted(f.selector for f in results[test].findings) if test in results else []
        assert flagged == sorted(selectors), f"{test}: flagged {flagged}"


def checks_missing_cases(cases: list[dict], check_ids: set[str]) -> list[str]:
    """Checks without at least one failing and one non-failing case."""
    missing = []
    for check_id in sorted(check_ids):
        expects = [v for c in cases if c["check"] == check_id for v in c["expect"].values()]
        if "failed" not in expects or not {"passed", "inapplicable"} & set(expects):
            missing.append(check_id)
    return missing


def test_every_check_has_pass_and_fail_cases() -> None:
    page_level = {s.id for s in SPECS.values() if s.scope == "page"}
    assert checks_missing_cases(CASES, page_level) == []


def test_meta_test_can_fail() -> None:
    only_pass = [{"check": "x", "expect": {"1.1.1": "passed"}}]
    assert checks_missing_cases(only_pass, {"x"}) == ["x"]
