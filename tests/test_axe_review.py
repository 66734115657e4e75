"""The review of axe-core's rules against the RGAA (criteria/axe.toml): every rule that runs
has a verdict, a reason in both languages and a decision consistent with the verdict; the
runner applies the decision; docs/axe-rules.md and .en.md are fresh."""

from __future__ import annotations

import re

import pytest

from rgaa_audit import i18n
from rgaa_audit.checks import axe_doc
from rgaa_audit.checks.axe import DECISIONS, REVIEWS, axe_results, axe_rules, review_of
from rgaa_audit.checks.coverage import AxeRule, axe_catalogue
from rgaa_audit.checks.registry import all_checks
from rgaa_audit.model import Outcome

LANGS = ("fr", "en")


def unreviewed(rules: list[AxeRule], recorded: dict[str, dict[str, str]]) -> list[str]:
    """Rules that run (can make NC or items to verify) without a valid review and reasons."""
    missing = []
    for rule in rules:
        if not rule.runs:
            continue
        verdict = recorded.get(rule.id, {}).get("review")
        key = review_of(rule.id).reason_key
        if verdict not in REVIEWS or not all(i18n.has(key, lang) for lang in LANGS):
            missing.append(rule.id)
    return missing


def inconsistent(rules: list[AxeRule], recorded: dict[str, dict[str, str]]) -> list[str]:
    """Rules whose decision does not follow from their verdict.

    axe agreeing with the test, or accepting more than it, makes a violation an RGAA failure:
    NC. axe rejecting what the test accepts, or judging another condition, may only make NC
    with a written reason for keeping it (axe-review.kept.<rule>)."""
    wrong = []
    for rule in rules:
        if not rule.runs:
            continue
        meta = recorded.get(rule.id, {})
        decides = "ignore" if "ignore" in meta else "advisory" if "verify" in meta else "nc"
        verdict = meta.get("review")
        kept = review_of(rule.id).kept_key
        softer = verdict in ("agrees", "looser")
        unexplained = decides == "nc" and not all(i18n.has(kept, lang) for lang in LANGS)
        if (softer and decides != "nc") or (not softer and unexplained):
            wrong.append(rule.id)
    return wrong


def test_every_rule_that_runs_has_a_review() -> None:
    assert unreviewed(list(axe_catalogue()), axe_rules()) == []


def test_the_review_meta_test_can_fail() -> None:
    fake = [AxeRule("made-up", ("1.1.1",)), AxeRule("image-alt", ("1.1.1",))]
    assert unreviewed(fake, {"image-alt": {"review": "agrees"}}) == ["made-up"]
    assert unreviewed(fake[1:], {"image-alt": {"review": "maybe"}}) == ["image-alt"]
    # experimental rules do not run: no review needed
    assert unreviewed([AxeRule("made-up", ("1.1.1",), experimental=True)], {}) == []


def test_decisions_follow_the_verdicts() -> None:
    assert inconsistent(list(axe_catalogue()), axe_rules()) == []
    rule = [AxeRule("image-alt", ("1.1.1",))]
    assert inconsistent(rule, {"image-alt": {"review": "agrees", "verify": "x"}}) == ["image-alt"]
    assert inconsistent(rule, {"image-alt": {"review": "stricter"}}) == ["image-alt"]
    assert inconsistent(rule, {"image-alt": {"review": "stricter", "verify": "x"}}) == []


def test_recorded_rules_exist_in_the_bundled_axe() -> None:
    known = {r.id for r in axe_catalogue()}
    assert set(axe_rules()) <= known
    assert {review_of(r).decides for r in axe_rules()} <= set(DECISIONS)


def test_rules_that_report_name_the_condition_of_their_test() -> None:
    for rule in axe_catalogue():
        if rule.runs:
            key = review_of(rule.id).condition_key
            assert all(i18n.has(key, lang) for lang in LANGS), rule.id
            assert f"{rule.tests[0].rsplit('.', 1)[0]}" in i18n.text(key, "en"), rule.id


def test_ignored_rules_name_a_registered_own_check() -> None:
    checks = {spec.id for spec in all_checks()}
    for rule_id in axe_rules():
        review = review_of(rule_id)
        if review.decides != "ignore":
            continue
        named = set(re.findall(r"check ([a-z][a-z0-9-]+)", i18n.text(review.reason_key, "en")))
        assert named and named <= checks, (rule_id, named)


def _rule(rule_id: str, test: str) -> dict:
    return {"id": rule_id, "tags": [f"RGAA-{test}"],
            "nodes": [{"target": "#x", "html": "<x>", "summary": ""}]}


def _outcomes(axe: dict) -> dict[tuple[str, str], Outcome]:
    return {(r.source, r.test): r.outcome for r in axe_results(axe)}


def test_the_runner_applies_the_decision() -> None:
    got = _outcomes({"violations": [
        _rule("image-alt", "1.1.1"),                 # agrees: NC
        _rule("autocomplete-valid", "11.13.1"),      # stricter: to verify
        _rule("meta-refresh", "13.1.2"),             # another scope: ignored
        _rule("aria-progressbar-name", "11.1.1"),    # no form field: ignored
        _rule("blink", "13.8.1")]})
    assert got == {("axe:image-alt", "1.1.1"): Outcome.FAILED,
                   ("axe:autocomplete-valid", "11.13.1"): Outcome.CANT_TELL}


def test_ignored_rules_give_no_pass_either() -> None:
    got = _outcomes({"passes": [_rule("meta-refresh", "13.1.2"), _rule("label", "11.1.1")]})
    assert got == {("axe:label", "11.1.1"): Outcome.PASSED}


def test_a_finding_names_the_failed_condition() -> None:
    [result] = axe_results({"violations": [_rule("frame-title", "2.1.1")]})
    [finding] = result.findings
    assert finding.key.startswith("axe-review.condition.frame-title+axe.rule.frame-title")
    assert finding.message.startswith("Test 2.1.1 (le cadre a un attribut title) : ")
    assert i18n.finding_text(finding, "en").startswith("Test 2.1.1 (the frame has a title")


@pytest.mark.parametrize("lang", LANGS)
def test_docs_axe_rules_are_fresh(lang: str) -> None:
    assert axe_doc.DOC_FILES[lang].read_text("utf-8") == axe_doc.axe_rules_markdown(lang), (
        "run: python -m rgaa_audit.checks.axe_doc")


def test_each_doc_is_in_its_language() -> None:
    fr, en = (axe_doc.axe_rules_markdown(lang) for lang in LANGS)
    assert "Raison" in fr and "Reason" not in fr and "plus strict" in fr
    assert "Reason" in en and "Raison" not in en and "stricter" in en and " le " not in en
    assert "&lt;img&gt;" in fr  # tags from the reasons are shown as text
