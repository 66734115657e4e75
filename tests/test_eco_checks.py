"""Every sobriety check against its cases (synthetic network entries and small HTML)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from rgaa_audit import i18n
from rgaa_audit.checks.declaration import (
    DeclarationError,
    UndeclaredOutcome,
    parse_single_declaration,
)
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.registry import (
    CRASH_KEY,
    MAX_EVIDENCE,
    MISSING_FACTS_KEY,
    OUTCOMES,
    EcoCheckSpec,
    Verdict,
    eco_check_specs,
    run_eco_check,
    run_eco_checks,
)
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry, PageSnapshot
from tests.support.cases import load_cases as load_cases_from

CASES_DIR = Path(__file__).parent / "eco_cases"
RGESN_JSON = Path(__file__).resolve().parents[2] / "shared/rgesn/referentiel-ecoconception.json"
PAGE_URL = "https://www.example.gouv.fr/"


def load_cases() -> list[dict]:
    return load_cases_from(CASES_DIR)


def snapshot_of(case: dict) -> PageSnapshot:
    """The snapshot a case describes: its HTML, its network entries, its DOM count, and the
    browser facts capture collected (`collected`)."""
    entries = []
    for raw in case.get("network", []):
        values = {"status": 200, **raw}
        repeat = values.pop("repeat", 1)
        entries.extend([NetworkEntry(**values)] * repeat)
    base = PageSnapshot.from_html(case.get("html", ""), case.get("url", PAGE_URL))
    return dataclasses.replace(base, network=tuple(entries),
                               dom_elements=case.get("dom_elements", 0),
                               collected=case.get("collected", {}))


CASES = load_cases()
SPECS = {spec.id: spec for spec in eco_check_specs()}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['check']}: {c['name']}" for c in CASES])
def test_eco_case(case: dict) -> None:
    assert case["check"] in SPECS, f"unknown eco check {case['check']}"
    result = run_eco_check(SPECS[case["check"]], _doc(case), strict=True)
    assert result.outcome.value == case["expect"], result.message_en
    if "evidence" in case:
        assert result.count == case["evidence"], [e.to_dict() for e in result.evidence]
    assert result.message_fr and result.message_en
    assert "?" not in result.message_fr + result.message_en, "a message value is missing"


def _doc(case: dict) -> PageDocument:
    return PageDocument(snapshot_of(case))


def checks_missing_cases(cases: list[dict], check_ids: set[str]) -> list[str]:
    """Checks without at least one failing case and one passing case."""
    missing = []
    for check_id in sorted(check_ids):
        expects = {c["expect"] for c in cases if c["check"] == check_id}
        if "failed" not in expects or "passed" not in expects:
            missing.append(check_id)
    return missing


def test_every_eco_check_has_pass_and_fail_cases() -> None:
    assert checks_missing_cases(CASES, set(SPECS)) == []


def unexercised(cases: list[dict], specs: dict[str, EcoCheckSpec]) -> list[tuple[str, str]]:
    """The (check, outcome) pairs a check declares that no case expects."""
    said = {(c["check"], c["expect"]) for c in cases}
    return [(spec.id, outcome) for spec in specs.values()
            for outcome in sorted(spec.declaration.decides[spec.id])
            if (spec.id, outcome) not in said]


def test_every_declared_eco_outcome_is_exercised_by_a_case() -> None:
    assert unexercised(CASES, SPECS) == []


def test_eco_completeness_meta_test_can_fail() -> None:
    dropped = CASES[0]
    others = [c for c in CASES if (c["check"], c["expect"]) != (dropped["check"],
                                                               dropped["expect"])]
    assert unexercised(others, SPECS) == [(dropped["check"], dropped["expect"])]


def _fake(decides: list[str], facts: list[str], verdict: Verdict,
          when_missing: dict | None = None) -> EcoCheckSpec:
    """A made-up sobriety check that always gives `verdict`."""
    meta = {"decides": decides, "facts": facts, "when-missing": when_missing or {}}
    return EcoCheckSpec("fake-check", (), {}, lambda doc, limits: verdict,
                        parse_single_declaration("fake-check", meta, OUTCOMES, "thresholds"))


def test_an_undeclared_eco_outcome_raises_in_tests_and_cannot_pass_in_audits() -> None:
    spec = _fake(["failed", "inapplicable"], [], Verdict(Outcome.PASSED))
    doc = _doc({"html": "<p>x</p>"})
    with pytest.raises(UndeclaredOutcome):
        run_eco_check(spec, doc, strict=True)
    result = run_eco_check(spec, doc)
    assert result.outcome is Outcome.CANT_TELL and result.key == CRASH_KEY
    assert dict(result.params) == {"check": "fake-check", "error": "UndeclaredOutcome"}
    assert "fake-check" in result.message_en and "fake-check" in result.message_fr
    declared = _fake(["passed"], [], Verdict(Outcome.PASSED))
    assert run_eco_check(declared, doc, strict=True).outcome is Outcome.PASSED


def test_a_missing_eco_fact_cannot_tell_without_running_the_check() -> None:
    def explodes(doc, limits) -> Verdict:
        raise AssertionError("must not run")

    spec = dataclasses.replace(_fake(["passed", "failed"], ["dom", "eco"],
                                     Verdict(Outcome.PASSED)), function=explodes)
    for strict in (True, False):
        result = run_eco_check(spec, _doc({"html": "<p>x</p>"}), strict=strict)
        assert result.outcome is Outcome.CANT_TELL and result.key == MISSING_FACTS_KEY
        assert dict(result.params) == {"check": "fake-check", "facts": "eco"}
        assert "eco" in result.message_en
    present = _fake(["passed"], ["dom", "eco"], Verdict(Outcome.PASSED))
    result = run_eco_check(present, _doc({"html": "<p>x</p>", "collected": {"eco": {}}}),
                           strict=True)
    assert result.outcome is Outcome.PASSED


def test_when_missing_gives_the_declared_outcome_without_running_the_check() -> None:
    def explodes(doc, limits) -> Verdict:
        raise AssertionError("must not run")

    spec = dataclasses.replace(
        _fake(["passed", "inapplicable"], ["network"], Verdict(Outcome.PASSED),
              {"network": "inapplicable"}), function=explodes)
    result = run_eco_check(spec, _doc({"html": "<p>x</p>"}), strict=True)
    assert result.outcome is Outcome.INAPPLICABLE


def test_eco_declarations_are_checked() -> None:
    good = {"decides": ["passed"], "facts": ["network"]}
    for bad in ({"facts": []}, {"decides": ["passed"]}, {**good, "decides": []},
                {**good, "decides": ["C"]}, {**good, "facts": ["weather"]},
                {**good, "when-missing": {"dom": "passed"}},
                {**good, "when-missing": {"network": "inapplicable"}}):
        with pytest.raises(DeclarationError):
            parse_single_declaration("x", bad, OUTCOMES, "thresholds")
    declaration = parse_single_declaration("x", {**good, "thresholds": {"n": 1}}, OUTCOMES,
                                           "thresholds")
    assert declaration.decides == {"x": frozenset({"passed"})}
    assert declaration.facts == ("network",) and declaration.limits == {"n": 1}


def test_every_eco_check_declares_what_it_reads() -> None:
    for spec in SPECS.values():
        assert spec.declaration.decides[spec.id] <= set(OUTCOMES), spec.id
        assert spec.declaration.limits == spec.thresholds, spec.id


def test_meta_test_can_fail() -> None:
    only_fail = [{"check": "x", "expect": "failed"}, {"check": "y", "expect": "passed"},
                 {"check": "y", "expect": "inapplicable"}]
    assert checks_missing_cases(only_fail, {"x", "y"}) == ["x", "y"]


def test_metadata_is_complete() -> None:
    for spec in SPECS.values():
        assert spec.title_fr and spec.title_en, spec.id
        for key in ("passed", "failed"):
            for lang in ("fr", "en"):
                assert i18n.catalogue(lang).get(spec.message_key(key)), (spec.id, key, lang)
        for rid in spec.rgesn:
            assert spec.rgesn_links and rid in spec.rgesn_links[spec.rgesn.index(rid)]


@pytest.mark.skipif(not RGESN_JSON.exists(), reason="RGESN reference data not present")
def test_rgesn_ids_exist() -> None:
    known = {c["numero"] for c in json.loads(RGESN_JSON.read_text(encoding="utf-8"))}
    unknown = {(s.id, r) for s in SPECS.values() for r in s.rgesn if r not in known}
    assert unknown == set()


def test_messages_carry_no_site_text() -> None:
    """Hostile URLs and markup go to bounded evidence, never into messages."""
    hostile = "https://www.example.gouv.fr/" + "<script>alert(1)</script>" + "x" * 5000
    case = {"html": "<html><body><img src=''><object data='x'></object></body></html>",
            "network": [{"url": hostile + str(i), "resource_type": "image", "status": 404,
                         "mime_type": "image/png", "transfer_bytes": 10**7}
                        for i in range(50)]}
    for result in run_eco_checks(snapshot_of(case)):
        assert "<script>" not in result.message_fr + result.message_en
        assert len(result.evidence) <= MAX_EVIDENCE
        for evidence in result.evidence:
            assert len(evidence.target) <= 300 and len(evidence.detail) <= 300
    by_id = {r.check: r for r in run_eco_checks(snapshot_of(case))}
    assert by_id["http-errors"].count == 50
    assert len(by_id["http-errors"].evidence) == MAX_EVIDENCE


def test_a_crashing_check_cannot_pass() -> None:
    def broken(doc, limits) -> Verdict:
        raise RuntimeError("boom")

    spec = dataclasses.replace(SPECS["plugins"], function=broken)
    assert isinstance(spec, EcoCheckSpec)
    result = run_eco_check(spec, _doc({"html": "<p>x</p>"}))
    assert result.outcome is Outcome.CANT_TELL


def test_result_dict_shape() -> None:
    case = {"html": "<html><body><embed src='a.swf'></body></html>"}
    result = run_eco_check(SPECS["plugins"], _doc(case)).to_dict()
    assert result["id"] == "plugins" and result["outcome"] == "failed"
    assert result["rgesn"] == ["1.9"]
    assert result["evidence"][0]["target"].endswith("embed")
    # Stored as a key and its parameters, rendered in either language; the French text is
    # kept for readers of report.json that predate keys.
    assert result["key"] == "eco.plugins.failed" and result["params"] == {"count": 1}
    assert set(result["message"]) == {"fr"}
    assert i18n.finding_text(result, "fr") == result["message"]["fr"]
    assert i18n.finding_text(result, "en").startswith("1 ")
    assert i18n.finding_text(result, "en") != result["message"]["fr"]
