"""The conclusion stage: waivers -> baseline -> gates in one call, shared by the CLI and the
pytest plugin (same report, same settings: same gate outcomes, same exit code)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from rgaa_audit.conclude.baseline import Baseline
from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
from rgaa_audit.conclude.gates import Gate
from rgaa_audit.conclude.waivers import Waiver, apply_waivers
from rgaa_audit.pytest_plugin import check_report, describe
from tests.test_baseline import FORM, HOME, finding, make_report, page

TODAY = dt.date(2026, 1, 1)
IN_FORCE = Waiver("1.1", "refonte en cours", dt.date(2026, 6, 30))
EXPIRED = Waiver("8.7", "traduction commandée", dt.date(2025, 12, 31))


def one_page() -> dict:
    return make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt"),
                                   finding("11.1.1", "#nom"),
                                   finding("8.7.1", "span.en", "rgaa-audit:lang-change")]))


def test_waivers_are_recorded_and_only_active_ones_mark_the_pages() -> None:
    report = apply_waivers(one_page(), (IN_FORCE, EXPIRED), TODAY)
    assert [w["active"] for w in report["waivers"]] == [True, False]
    criteria = report["pages"][0]["criteria"]
    assert criteria["1.1"]["waived"] == {"reason": "refonte en cours", "expires": "2026-06-30"}
    assert "waived" not in criteria["8.7"]


def test_conclude_runs_waivers_then_baseline_then_gates() -> None:
    known = make_report(page(HOME, [finding("11.1.1", "#nom")]))
    settings = ConclusionSettings(
        gates=(Gate("never-nc", ("1.1", "11.1")), Gate("max-nc-criteria", 0, "warn")),
        waivers=(IN_FORCE, EXPIRED), baseline=Baseline.from_report(known),
        baseline_file="bl.json")
    conclusion = conclude(one_page(), settings, TODAY)
    never_nc, max_nc = conclusion.outcomes
    assert never_nc.passed  # 1.1 waived, 11.1 only has a known failure
    assert not max_nc.passed and "8.7" in max_nc.detail  # the expired waiver counts again
    assert conclusion.exit_code == 0 and conclusion.expired == (EXPIRED,)
    assert conclusion.report["baseline"]["file"] == "bl.json"
    assert conclusion.report["gates"] == [o.to_dict() for o in conclusion.outcomes]
    assert conclusion.diff() == {"new": [f.to_dict() for f in conclusion.comparison.new],
                                 "fixed": 0, "still_open": 1}


def test_conclude_without_settings_changes_nothing_but_the_gates_entry() -> None:
    report = one_page()
    before = copy.deepcopy(report)
    conclusion = conclude(report, ConclusionSettings(), TODAY)
    assert conclusion.outcomes == () and conclusion.exit_code == 0
    assert conclusion.comparison is None and conclusion.diff() is None
    assert {k: v for k, v in conclusion.report.items() if k != "gates"} == before
    assert conclusion.report["gates"] == []


GATE_SETS = [
    (Gate("never-nc", ("1.1",)),),
    (Gate("fail-under", 90.0), Gate("max-nc-criteria", 1, "warn")),
    (Gate("max-nc-criteria", 5), Gate("min-average-rate", 10.0)),
]


@pytest.mark.parametrize("gates", GATE_SETS)
@pytest.mark.parametrize("waivers", [(), (IN_FORCE,), (IN_FORCE, EXPIRED)])
@pytest.mark.parametrize("with_baseline", [False, True])
def test_plugin_and_cli_give_the_same_gate_result(gates, waivers, with_baseline, tmp_path,
                                                  capsys) -> None:
    from rgaa_audit.cli.config import Config
    from rgaa_audit.cli.plan import RunPlan
    from rgaa_audit.cli.run import finish

    baseline = (Baseline.from_report(make_report(page(HOME, [finding("11.1.1", "#nom")])))
                if with_baseline else None)
    plan = RunPlan(tmp_path, ("json",), "fr", None, gates, waivers, baseline,
                   "bl.json" if baseline else "", False, Config())
    cli_code = finish(one_page(), plan, today=TODAY)
    cli_report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    printed = capsys.readouterr()
    cli_lines = [line.removeprefix("rgaa-audit : ")
                 for line in (printed.out + printed.err).splitlines() if "seuil" in line]

    conclusion, _ = check_report(one_page(), settings=plan.conclusion_settings, today=TODAY)
    assert conclusion.exit_code == cli_code
    assert sorted(o.line() for o in conclusion.outcomes) == sorted(cli_lines)
    assert conclusion.report["gates"] == cli_report["gates"]
    assert len(cli_lines) == len(gates)


def test_plugin_leaves_out_waived_and_known_failures_and_lists_failed_gates() -> None:
    _, problems = check_report(one_page(), today=TODAY)
    assert [p.criterion for p in problems] == ["1.1", "8.7", "11.1"]
    settings = ConclusionSettings(
        gates=(Gate("fail-under", 90.0),), waivers=(IN_FORCE,),
        baseline=Baseline.from_report(make_report(page(HOME, [finding("11.1.1", "#nom")]))))
    conclusion, problems = check_report(one_page(), settings=settings, today=TODAY)
    assert [p.criterion for p in problems] == ["8.7"]
    text = describe(FORM, problems, conclusion)
    assert "1 non-conformité(s)" in text and "seuil fail-under non respecté" in text
