"""Every sobriety check against its cases (synthetic network entries and small HTML)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from rgaa_audit import i18n
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.registry import (
    MAX_EVIDENCE,
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
    result = run_eco_check(SPECS[case["check"]], _doc(case))
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
