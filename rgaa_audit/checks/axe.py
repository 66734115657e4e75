"""Reading axe-core's results as RGAA check results, through its `RGAA-x.y.z` tags.

The reviewed exceptions and our French/English messages live in `criteria/axe.toml`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from rgaa_audit.model import CheckResult, Finding, Outcome
from rgaa_audit.paths import data_dir

TAG_PREFIX = "RGAA-"


@cache
def axe_rules() -> dict[str, dict[str, str]]:
    """Per axe rule: messages (fr, en) and the optional `verify` / `ignore` reasons."""
    data = tomllib.loads((data_dir("criteria") / "axe.toml").read_text(encoding="utf-8"))
    return data.get("rules", {})


def rgaa_tests(rule: dict[str, Any]) -> list[str]:
    """The RGAA tests an axe rule result serves, from its tags."""
    meta = axe_rules().get(rule["id"], {})
    if "ignore" in meta:
        return []
    return [tag[len(TAG_PREFIX):] for tag in rule.get("tags", []) if tag.startswith(TAG_PREFIX)]


def _message(rule: dict[str, Any], node: dict[str, Any]) -> str:
    meta = axe_rules().get(rule["id"], {})
    text = meta.get("fr") or rule.get("help", rule["id"])
    detail = node.get("summary", "").strip()
    return f"{text} (axe-core : {detail})" if detail else text


def _findings(rule: dict[str, Any], test: str, kind: str) -> tuple[Finding, ...]:
    source = f"axe:{rule['id']}"
    return tuple(
        Finding(test=test, selector=node.get("target", ""), snippet=node.get("html", ""),
                message=_message(rule, node), source=source, kind=kind)
        for node in rule.get("nodes", [])
    )


def axe_results(axe: dict[str, Any]) -> list[CheckResult]:
    """Turn the reduced axe result of one page into check results, test by test."""
    results: list[CheckResult] = []
    for rule in axe.get("violations", []):
        demoted = "verify" in axe_rules().get(rule["id"], {})
        for test in rgaa_tests(rule):
            if demoted:
                results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.CANT_TELL,
                                           _findings(rule, test, "to-verify")))
            else:
                results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.FAILED,
                                           _findings(rule, test, "failure")))
    for rule in axe.get("incomplete", []):
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.CANT_TELL,
                                       _findings(rule, test, "to-verify")))
    for rule in axe.get("passes", []):
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.PASSED))
    for rule in axe.get("inapplicable", []):
        for test in rgaa_tests(rule):
            results.append(CheckResult(f"axe:{rule['id']}", test, Outcome.INAPPLICABLE))
    return results
