"""The coverage table: consistent counts, declared abilities agree with the check cases,
removing a check shows in the figures, docs/coverage.md is up to date, and no Python source
is read to build it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rgaa_audit.checks import coverage
from rgaa_audit.checks.coverage import (
    AxeRule,
    axe_catalogue,
    check_ability,
    coverage_markdown,
    coverage_rows,
    coverage_text,
    coverage_totals,
    parse_axe_rules,
)
from rgaa_audit.checks.registry import all_checks
from rgaa_audit.referential import load_referential

CASES = Path(__file__).resolve().parent / "check_cases"


def test_one_row_per_test_and_totals_add_up() -> None:
    rows = coverage_rows()
    totals = coverage_totals(rows)
    assert totals.tests == len(rows) == 258
    assert [r.test for r in rows] == list(load_referential().tests)
    assert totals.can_nc == sum(1 for r in rows if r.nc_by)
    assert totals.served == sum(1 for r in rows if r.checks or r.axe)
    assert totals.can_nc <= totals.served
    assert totals.auto == sum(1 for r in rows if r.automation == "auto")
    assert totals.can_c + len(totals.auto_without_c) == totals.auto
    assert all(not r.can_c for r in rows if r.automation != "auto")


def test_every_source_really_serves_its_test() -> None:
    specs = {s.id: s for s in all_checks()}
    axe = {r.id: r for r in axe_catalogue()}
    for row in coverage_rows():
        for check_id in row.checks:
            assert row.test in specs[check_id].tests
        for source in row.nc_by:
            if source.startswith("axe:"):
                rule = axe[source[4:]]
                assert rule.can_fail and row.test in rule.tests
            else:
                assert row.test in specs[source].tests


def test_removing_a_check_lowers_the_figures() -> None:
    checks = all_checks()
    axe = axe_catalogue()
    full = coverage_totals(coverage_rows(checks, axe))
    reduced_checks = [s for s in checks if s.id != "title-present"]
    reduced_axe = [r for r in axe if r.id != "document-title"]
    rows = {r.test: r for r in coverage_rows(reduced_checks, reduced_axe)}
    assert not rows["8.5.1"].can_nc and not rows["8.5.1"].can_c
    reduced = coverage_totals(list(rows.values()))
    assert reduced.can_nc == full.can_nc - 1
    assert "8.5.1" in reduced.auto_without_c and "8.5.1" not in full.auto_without_c
    only_axe = {r.test: r for r in coverage_rows(reduced_checks, axe)}
    assert only_axe["8.5.1"].nc_by == ("axe:document-title",)


def test_verify_and_experimental_axe_rules_cannot_fail() -> None:
    rules = [AxeRule("a", ("1.1.1",), verify=True), AxeRule("b", ("1.1.1",), experimental=True),
             AxeRule("c", ("1.1.1",), ignored=True)]
    row = next(r for r in coverage_rows([], rules) if r.test == "1.1.1")
    assert row.axe == ("a",) and row.nc_by == () and row.c_by == ("axe:a",)


def test_axe_tags_are_parsed_from_the_bundle_text() -> None:
    source = ('x={id:"one",impact:"x",tags:["wcag2a","RGAAv4","RGAA-1.1.1"],all:[]},'
              '{id:"two",tags:["experimental","RGAA-9.1.3","RGAA-9.1.1"]},{id:"three",tags:["x"]}')
    assert parse_axe_rules(source) == [("one", ("1.1.1",), False),
                                      ("two", ("9.1.3", "9.1.1"), True)]
    bundled = {r.id: r for r in axe_catalogue()}
    assert bundled["image-alt"].tests == ("1.1.1",) and bundled["image-alt"].can_fail
    assert bundled["region"].verify and not bundled["region"].can_fail


def test_declared_abilities_agree_with_the_check_cases() -> None:
    """A case expecting a check to fail, pass or be inapplicable on a test proves the
    ability; the declaration must name it."""
    abilities = {s.id: check_ability(s) for s in all_checks()}
    kinds = {"failed": "fail", "passed": "passed", "inapplicable": "inapplicable"}
    seen = 0
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text("utf-8")).get("case", []):
            ability = abilities.get(case["check"])
            if ability is None:
                continue
            for test, expected in case["expect"].items():
                if expected in kinds:
                    seen += 1
                    assert test in getattr(ability, kinds[expected]), (case["name"], test)
    assert seen > 100


def test_markdown_and_text_list_every_test() -> None:
    rows = coverage_rows()
    totals = coverage_totals(rows)
    french = coverage_markdown("fr", rows)
    english = coverage_markdown("en", rows)
    # every test, plus the header and separator lines
    assert french.count("\n| ") == english.count("\n| ") == 258 + 2
    assert f"tests qu'un contrôle peut déclarer NC : {totals.can_nc}" in french
    assert f"tests a check can make NC: {totals.can_nc}" in english
    assert len(coverage_text("fr", rows).splitlines()) == 258 + 6


def test_docs_coverage_is_fresh() -> None:
    """docs/coverage.md is what `python -m rgaa_audit.checks.coverage` writes today."""
    assert coverage.DOC.read_text("utf-8") == coverage_markdown("fr"), (
        "docs/coverage.md is stale: run `python -m rgaa_audit.checks.coverage`")


def test_coverage_reads_no_python_source() -> None:
    source = Path(coverage.__file__).read_text("utf-8")
    for word in ("import ast", "inspect", "getsource"):
        assert word not in source
