"""Reading axe-core's results as RGAA check results, through its `RGAA-x.y.z` tags.

The RGAA decides, not axe-core: `criteria/axe.toml` records, per rule, the review of what axe
rejects against the conditions of its RGAA test (`review`), and what decides: a violation makes
the test NC, or is only an item to verify (`verify`), or the mapping is dropped and an own check
decides (`ignore`). Our message for each rule is the key `axe.rule.<rule-id>` of
`reports/i18n/<lang>.toml`, preceded by the condition of the test it bears on
(`axe-review.condition.<rule-id>`). A finding stores those keys (joined with `axe.detail` when
axe-core summarises the element) and its parameters; its French text is kept in `message`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.model import CheckResult, Finding, Outcome
from rgaa_audit.paths import data_dir

TAG_PREFIX = "RGAA-"
CONTRAST_RULE = "color-contrast"
# RGAA 3.2: (bold, large) -> (test, minimum ratio). Large means >= 24px, or >= 18.5px in bold.
CONTRAST_TESTS = {(False, False): ("3.2.1", 4.5), (True, False): ("3.2.2", 4.5),
                  (False, True): ("3.2.3", 3.0), (True, True): ("3.2.4", 3.0)}
_PX = re.compile(r"\(([\d.]+)px\)")


REVIEWS = ("agrees", "looser", "stricter", "different-scope")
DECISIONS = ("nc", "advisory", "ignore")
REVIEW_PREFIX = "axe-review"


@cache
def axe_rules() -> dict[str, dict[str, str]]:
    """Per axe rule: its `review` verdict and the optional `verify` / `ignore` reasons."""
    data = tomllib.loads((data_dir("criteria") / "axe.toml").read_text(encoding="utf-8"))
    return data.get("rules", {})


@dataclass(frozen=True)
class AxeReview:
    """The review of one axe rule against its RGAA test: the verdict and what decides."""

    rule: str
    review: str | None

    @property
    def decides(self) -> str:
        """"ignore" (an own check decides), "advisory" (items to verify) or "nc"."""
        meta = axe_rules().get(self.rule, {})
        if "ignore" in meta:
            return "ignore"
        return "advisory" if "verify" in meta else "nc"

    @property
    def reason_key(self) -> str:
        return f"{REVIEW_PREFIX}.reason.{self.rule}"

    @property
    def kept_key(self) -> str:
        """Why a rule stricter than the RGAA, or about another condition, still makes NC."""
        return f"{REVIEW_PREFIX}.kept.{self.rule}"

    @property
    def condition_key(self) -> str:
        return f"{REVIEW_PREFIX}.condition.{self.rule}"


def review_of(rule_id: str) -> AxeReview:
    """The review recorded for one axe rule (verdict None when none is recorded)."""
    return AxeReview(rule_id, axe_rules().get(rule_id, {}).get("review"))


def rgaa_tests(rule: dict[str, Any]) -> list[str]:
    """The RGAA tests an axe rule result serves, from its tags."""
    meta = axe_rules().get(rule["id"], {})
    if "ignore" in meta:
        return []
    return [tag[len(TAG_PREFIX):] for tag in rule.get("tags", []) if tag.startswith(TAG_PREFIX)]


def _message(rule: dict[str, Any], node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The message key and parameters for one element of one rule."""
    key = f"axe.rule.{rule['id']}"
    params: dict[str, Any] = {}
    if not i18n.has(key):  # a rule we have no text for: axe-core's own help
        key, params = "axe.help", {"help": rule.get("help", rule["id"])}
    condition = review_of(rule["id"]).condition_key
    if i18n.has(condition):  # the finding names the condition of the test it bears on
        key = f"{condition}{i18n.JOIN}{key}"
    detail = node.get("summary", "").strip()
    if detail:
        key, params = f"{key}{i18n.JOIN}axe.detail", {**params, "detail": detail}
    return key, params


def _finding(test: str, node: dict[str, Any], source: str, kind: str, key: str,
             params: dict[str, Any]) -> Finding:
    return Finding(test=test, selector=node.get("target", ""), snippet=node.get("html", ""),
                   message=i18n.text(key, "fr", **params), source=source, kind=kind,
                   key=key, params=params)


def _findings(rule: dict[str, Any], test: str, kind: str) -> tuple[Finding, ...]:
    source = f"axe:{rule['id']}"
    return tuple(_finding(test, node, source, kind, *_message(rule, node))
                 for node in rule.get("nodes", []))


def contrast_route(data: dict[str, Any] | None) -> tuple[str, float, float] | None:
    """The RGAA test and minimum ratio for a text node axe measured, with its size in px."""
    if not data:
        return None
    size = _PX.search(str(data.get("fontSize") or ""))
    if size is None:
        return None
    px = float(size.group(1))
    bold = str(data.get("fontWeight") or "").lower() == "bold"
    large = px >= (18.5 if bold else 24)
    test, minimum = CONTRAST_TESTS[(bold, large)]
    return test, minimum, px


def _contrast_findings(rule: dict[str, Any], kind: str) -> dict[str, list[Finding]]:
    """Per RGAA 3.2.x test, the nodes of axe's color-contrast that belong to it.

    A violation counts only when the measured ratio is below the RGAA minimum for the text's
    size (axe's "large" starts at 18.67px in bold, the RGAA's at 18.5px: in between, axe asks
    for more than the RGAA does). Nodes axe could not measure go to 3.2.1 as items to verify.
    """
    by_test: dict[str, list[Finding]] = {}
    for node in rule.get("nodes", []):
        data = node.get("contrast") or {}
        route = contrast_route(data)
        ratio = data.get("ratio")
        measured = isinstance(ratio, int | float)
        if route is None:
            test, kind_here = "3.2.1", "to-verify"
            key, params = _message(rule, node)
        else:
            test, minimum, px = route
            if kind == "failure" and measured and ratio >= minimum:
                continue  # fails axe's threshold, not the RGAA's
            kind_here = kind if measured else "to-verify"
            if measured:
                bold = str(data.get("fontWeight")).lower() == "bold"
                key = (f"axe.rule.{CONTRAST_RULE}{i18n.JOIN}"
                       f"axe.contrast-measured{'-bold' if bold else ''}")
                condition = review_of(CONTRAST_RULE).condition_key
                if i18n.has(condition):
                    key = f"{condition}{i18n.JOIN}{key}"
                params = {"ratio": ratio, "minimum": f"{minimum:g}", "fg": data.get("fg") or "?",
                          "bg": data.get("bg") or "?", "px": f"{px:g}"}
            else:
                key, params = _message(rule, node)
        by_test.setdefault(test, []).append(
            _finding(test, node, f"axe:{CONTRAST_RULE}", kind_here, key, params))
    return by_test


def _contrast_results(rule: dict[str, Any], kind: str) -> list[CheckResult]:
    results = []
    for test, findings in sorted(_contrast_findings(rule, kind).items()):
        failures = tuple(f for f in findings if f.kind == "failure")
        unsure = tuple(f for f in findings if f.kind != "failure")
        if failures:
            results.append(CheckResult(f"axe:{CONTRAST_RULE}", test, Outcome.FAILED, failures))
        if unsure:
            results.append(CheckResult(f"axe:{CONTRAST_RULE}", test, Outcome.CANT_TELL, unsure))
    return results


def axe_results(axe: dict[str, Any]) -> list[CheckResult]:
    """Turn the reduced axe result of one page into check results, test by test."""
    results: list[CheckResult] = []
    for rule in axe.get("violations", []):
        if rule["id"] == CONTRAST_RULE:
            results.extend(_contrast_results(rule, "failure"))
            continue
        demoted = review_of(rule["id"]).decides == "advisory"
        for test in rgaa_tests(rule):
            if demoted:
                results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.CANT_TELL,
                                           _findings(rule, test, "to-verify")))
            else:
                results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.FAILED,
                                           _findings(rule, test, "failure")))
    for rule in axe.get("incomplete", []):
        if rule["id"] == CONTRAST_RULE:
            results.extend(_contrast_results(rule, "to-verify"))
            continue
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.CANT_TELL,
                                       _findings(rule, test, "to-verify")))
    for rule in axe.get("passes", []):
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.PASSED))
    for rule in axe.get("inapplicable", []):
        if rule["id"] == CONTRAST_RULE:
            results.extend(CheckResult(f"axe:{CONTRAST_RULE}", test, Outcome.INAPPLICABLE)
                           for test, _minimum in CONTRAST_TESTS.values())
            continue
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.INAPPLICABLE))
    return results
