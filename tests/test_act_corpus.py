"""The W3C ACT Rules test cases as a conformance suite (criteria/act-mapping.toml).

With a real Chromium, every HTML case of the mapped ACT rules is audited in one run:
- a passed or inapplicable case must never get an NC on the mapped RGAA tests, unless it is
  a reviewed exception or a known false NC awaiting a fix in a named own check;
- per rule, the failed cases found must not drop below tests/act_baseline.toml.
`bench/act_agreement.py` writes the same figures to docs/act-agreement.md.
The mapping and the comparison logic are tested without a browser first.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rgaa_audit.act import (
    ActCase,
    ActMapping,
    ActRule,
    agreement,
    agreement_markdown,
    cases_to_run,
    load_corpus,
    load_mapping,
    mapped_rules,
    read_baseline,
    run_cases,
    write_baseline,
)
from rgaa_audit.checks.coverage import coverage_rows
from rgaa_audit.checks.registry import all_checks
from rgaa_audit.referential import load_referential

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "act-rules"
BASELINE = Path(__file__).resolve().parent / "act_baseline.toml"
# Speed is measured by bench/act_agreement.py, never asserted here: a page that piles up
# timeouts shows as a page not audited, which the test below does catch.


def _corpus():
    if not (CORPUS / "testcases.json").is_file():
        pytest.skip(f"ACT corpus absent ({CORPUS})")
    return load_corpus(CORPUS)


# --- without a browser: the reviewed data and the comparison


def test_mapped_tests_exist_and_rgaa_audit_can_make_them_nc() -> None:
    tests = load_referential().tests
    can_nc = {row.test for row in coverage_rows() if row.can_nc}
    for rule, mapped in load_mapping().tests.items():
        assert mapped and set(mapped) <= set(tests), rule
        assert set(mapped) & can_nc, f"{rule}: no check can make {mapped} NC"


def test_exceptions_and_pending_name_real_cases_and_checks() -> None:
    mapping = load_mapping()
    checks = {spec.id for spec in all_checks()}
    assert not set(mapping.exceptions) & set(mapping.pending)
    assert len(mapping.exceptions) <= 20, "keep the reviewed exceptions short"
    for check_id, reason in mapping.pending.values():
        assert check_id in checks and reason
    _, cases = _corpus()
    by_id = {c.case_id: c for c in cases}
    for case_id in [*mapping.exceptions, *mapping.pending]:
        case = by_id[case_id]
        assert case.expected in ("passed", "inapplicable"), case_id
        assert case.rule_id in mapping.tests or any(
            c.rule_id in mapping.tests for c in cases if c.case_id == case_id), case_id


def test_baseline_names_mapped_rules_only() -> None:
    assert set(read_baseline(BASELINE)) <= set(load_mapping().tests)


def _page(statuses: dict[str, str], source: str = "rgaa-audit:x") -> dict:
    criteria: dict[str, dict] = {}
    for test, status in statuses.items():
        verdict = criteria.setdefault(".".join(test.split(".")[:2]), {"tests": {}, "findings": []})
        verdict["tests"][test] = status
        if status == "NC":
            verdict["findings"].append({"test": test, "source": source})
    return {"status": "audited", "criteria": criteria}


def _case(case_id: str, expected: str, skip: str = "") -> ActCase:
    return ActCase("r1", case_id, expected, f"{expected} {case_id}", f"testcases/r1/{case_id}.html",
                   "html", skip)


def test_agreement_counts_found_false_nc_pending_and_false_c() -> None:
    rule = ActRule("r1", "Rule one", "https://example.org/r1", ("1.1.1",))
    cases = [_case("f1", "failed"), _case("f2", "failed"), _case("f3", "failed"),
             _case("p1", "passed"), _case("p2", "passed"), _case("p3", "passed"),
             _case("i1", "inapplicable"), _case("i2", "inapplicable"),
             _case("x", "failed", skip="media")]
    pages = {c.filename: _page({"1.1.1": s}) for c, s in zip(cases, [
        "NC", "C", "NT", "NC", "NC", "NT", "NA", "NC"], strict=False)}
    mapping = ActMapping({"r1": ("1.1.1",)}, {"p1": "RGAA asks more"},
                         {"i2": ("x", "known"), "p3": ("x", "fixed since")})
    [row] = agreement([rule], cases, pages, mapping)
    assert (row.failed_found, row.failed_total, row.skipped) == (1, 3, 1)
    assert [o.case.case_id for o in row.false_c] == ["f2"]
    assert row.false_na == []
    assert [o.case.case_id for o in row.false_nc] == ["p2"]
    assert [o.case.case_id for o in row.excused] == ["p1"]
    assert [o.case.case_id for o in row.pending] == ["i2"]
    assert [o.case.case_id for o in row.resolved] == ["p3"]
    assert (row.inapplicable_na, row.inapplicable_nc, row.inapplicable_other) == (1, 1, 0)
    assert row.false_nc[0].nc_sources == ("rgaa-audit:x",)
    text = agreement_markdown([row])
    assert "| [r1](https://example.org/r1) | Rule one | 1.1.1 | 1 / 3 | 1 / 3 |" in text
    assert "unexpected false NC: passed p2 (rgaa-audit:x)" in text


def test_a_case_not_audited_counts_as_not_found(tmp_path) -> None:
    rule = ActRule("r1", "Rule one", "https://example.org/r1", ("1.1.1",))
    cases = [_case("f1", "failed"), _case("f2", "failed")]
    pages = {cases[0].filename: {"status": "timeout"}}
    [row] = agreement([rule], cases, pages, ActMapping({"r1": ("1.1.1",)}, {}))
    assert row.failed_found == 0 and [o.page_status for o in row.missed] == ["timeout", "missing"]
    assert row.false_na == []
    write_baseline(tmp_path / "b.toml", [row])
    assert read_baseline(tmp_path / "b.toml") == {"r1": 0}


def test_a_failed_case_declared_na_is_listed() -> None:
    rule = ActRule("r1", "Rule one", "https://example.org/r1", ("1.1.1", "1.1.2"))
    cases = [_case("f1", "failed"), _case("f2", "failed")]
    pages = {cases[0].filename: _page({"1.1.1": "NA", "1.1.2": "NA"}),
             cases[1].filename: _page({"1.1.1": "NA", "1.1.2": "NT"})}
    [row] = agreement([rule], cases, pages, ActMapping({"r1": rule.tests}, {}))
    assert [o.case.case_id for o in row.false_na] == ["f1"]
    assert "## Failed cases declared NA" in agreement_markdown([row])


def test_non_html_and_offline_unavailable_cases_are_skipped() -> None:
    rules_data, cases = _corpus()
    rules = mapped_rules(rules_data, load_mapping())
    runnable = cases_to_run(cases, rules)
    assert runnable and all(c.language == "html" and not c.skip for c in runnable)
    assert any(c.skip for c in cases if c.language != "html")


# --- with a browser: the whole suite in one audit


@pytest.fixture(scope="module")
def act_table(browser_choice):
    rules_data, cases = _corpus()
    mapping = load_mapping()
    rules = mapped_rules(rules_data, mapping)
    runnable = cases_to_run(cases, rules)
    started = time.monotonic()
    pages = run_cases(browser_choice, CORPUS, runnable, page_timeout=10, concurrency=2)
    elapsed = time.monotonic() - started
    return agreement(rules, cases, pages, mapping), runnable, pages, elapsed


@pytest.mark.browser
@pytest.mark.slow
def test_every_case_is_audited(act_table) -> None:
    _, runnable, pages, elapsed = act_table
    not_audited = [c.filename for c in runnable if pages.get(c.filename, {}).get("status")
                   != "audited"]
    assert len(not_audited) <= len(runnable) // 100, not_audited[:10]
    print(f"\n{len(runnable)} ACT cases audited in {elapsed:.0f} s")


@pytest.mark.browser
@pytest.mark.slow
def test_no_nc_on_passed_or_inapplicable_cases(act_table) -> None:
    table, *_ = act_table
    wrong = [f"{row.rule.id} {o.case.title} ({o.case.case_id}): NC by {', '.join(o.nc_sources)}"
             for row in table for o in row.false_nc]
    assert not wrong, "\n".join(wrong)


@pytest.mark.browser
@pytest.mark.slow
def test_pending_false_nc_are_removed_once_fixed(act_table) -> None:
    table, *_ = act_table
    fixed = [o.case.case_id for row in table for o in row.resolved]
    assert not fixed, f"no NC any more: remove from [pending] in act-mapping.toml: {fixed}"


@pytest.mark.browser
@pytest.mark.slow
def test_agreement_on_failed_cases_does_not_drop(act_table) -> None:
    table, *_ = act_table
    baseline = read_baseline(BASELINE)
    assert baseline, "no baseline: run bench/act_agreement.py --update-baseline"
    dropped = [f"{row.rule.id}: {row.failed_found} < {baseline[row.rule.id]} "
               f"(missed: {', '.join(o.case.title for o in row.missed)})"
               for row in table if row.failed_found < baseline.get(row.rule.id, 0)]
    assert not dropped, "\n".join(dropped)


@pytest.mark.browser
@pytest.mark.slow
def test_no_false_c_on_failed_cases(act_table) -> None:
    table, *_ = act_table
    wrong = [f"{row.rule.id} {o.case.title}: {o.statuses}" for row in table for o in row.false_c]
    assert not wrong, "\n".join(wrong)
