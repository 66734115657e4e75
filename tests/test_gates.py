"""Gates: pure functions over report dicts; waivers and baseline change what they count."""

from __future__ import annotations

import pytest

from rgaa_audit.conclude.baseline import Baseline, compare
from rgaa_audit.conclude.gates import Gate, effective_page_rates, evaluate, exit_code
from rgaa_audit.eco.budgets import EcoBudget
from tests.test_baseline import FORM, HOME, finding, make_report, page

ECO_LIGHT = {"requests": 5, "transfer_bytes": 10_000, "decoded_bytes": 10_000,
             "dom_elements": 80, "by_type": {}}
ECO_HEAVY = {**ECO_LIGHT, "requests": 90, "transfer_bytes": 3_000_000}


def report():
    # Site: 1.1 NC, 11.1 NC, 8.5 C -> global rate 33.33; page rates 50 and 50.
    return make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt")], eco=ECO_LIGHT),
                       page(FORM, [finding("11.1.1", "#nom")], eco=ECO_HEAVY))


def outcome(gate: Gate, **kwargs):
    [result] = evaluate(report(), [gate], **kwargs)
    return result


@pytest.mark.parametrize(("limit", "passed"), [(33.0, True), (33.33, True), (34, False)])
def test_fail_under(limit: float, passed: bool) -> None:
    result = outcome(Gate("fail-under", limit))
    assert result.passed is passed
    assert "33,33 %" in result.detail


def test_min_average_rate() -> None:
    assert outcome(Gate("min-average-rate", 50)).passed
    assert not outcome(Gate("min-average-rate", 51)).passed


def test_max_nc_criteria_lists_them() -> None:
    result = outcome(Gate("max-nc-criteria", 1))
    assert not result.passed and "1.1 11.1" in result.detail
    assert outcome(Gate("max-nc-criteria", 2)).passed


def test_never_nc_names_the_criterion() -> None:
    result = outcome(Gate("never-nc", ("11.1", "8.5")))
    assert not result.passed and "11.1" in result.detail and "8.5" not in result.detail
    assert outcome(Gate("never-nc", ("8.5",))).passed


def test_eco_budget_names_the_page_and_metric() -> None:
    result = outcome(Gate("eco-budget", EcoBudget(max_transfer_bytes=1_000_000)))
    assert not result.passed and "/contact.html" in result.detail
    assert "transfer_bytes" in result.detail and "requests" not in result.detail
    assert outcome(Gate("eco-budget", EcoBudget(max_requests=100))).passed


def test_eco_grade_budget() -> None:
    heavy_grade = outcome(Gate("eco-budget", EcoBudget(min_grade="A")))
    assert not heavy_grade.passed and "grade" in heavy_grade.detail
    assert outcome(Gate("eco-budget", EcoBudget(min_grade="G"))).passed


def test_waived_criteria_leave_the_gates() -> None:
    assert outcome(Gate("never-nc", ("11.1",)), waived=["11.1"]).passed
    result = outcome(Gate("fail-under", 50), waived=["11.1"])
    assert result.passed and "50,00 %" in result.detail  # 1.1 NC, 8.5 C
    assert effective_page_rates(report(), waived=["1.1", "11.1"]) == [100.0, 100.0]


def test_baseline_counts_only_new_findings() -> None:
    baseline = Baseline.from_report(report())
    same = compare(report(), baseline)
    assert outcome(Gate("fail-under", 100), comparison=same).passed
    assert outcome(Gate("never-nc", ("1.1",)), comparison=same).passed
    grown = make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt"),
                                    finding("1.1.1", "#banner", "axe:image-alt")]),
                        page(FORM, [finding("11.1.1", "#nom")]))
    result = evaluate(grown, [Gate("fail-under", 100), Gate("never-nc", ("11.1",))],
                      comparison=compare(grown, baseline))
    assert [r.passed for r in result] == [False, True]
    assert "nouveaux constats seuls" in result[0].detail


def test_levels_and_exit_code() -> None:
    failing_warn = evaluate(report(), [Gate("fail-under", 90, "warn")])
    assert exit_code(failing_warn) == 0 and "avertissement" in failing_warn[0].line()
    failing_error = evaluate(report(), [Gate("fail-under", 90)])
    assert exit_code(failing_error) == 1
    assert exit_code(failing_error, exit_zero=True) == 0
    assert exit_code(evaluate(report(), [Gate("fail-under", 10)])) == 0


def test_recomputed_rates_match_the_stored_ones_without_adjustments() -> None:
    data = report()
    assert effective_page_rates(data) == [p["rate"] for p in data["pages"]]
    [result] = evaluate(data, [Gate("fail-under", data["summary"]["global_rate"])])
    assert result.passed


@pytest.mark.parametrize(("name", "level"), [("fail-over", "error"), ("fail-under", "fatal")])
def test_bad_gate_is_refused(name: str, level: str) -> None:
    with pytest.raises(ValueError):
        Gate(name, 1, level)
