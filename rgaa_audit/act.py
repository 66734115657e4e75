"""The W3C ACT Rules test cases as a conformance suite for rgaa-audit.

Each ACT rule listed in `criteria/act-mapping.toml` names the RGAA tests it bears on. Every
HTML case of those rules is audited in one run; then, per rule:
- a failed case should give NC on one of the mapped tests (agreement);
- a passed or inapplicable case must never give NC on them (ideally NA when inapplicable);
- a failed case must never give C on them (a false C).
The corpus is read from a local copy (shared/act-rules), never copied into the repository.

Where it sits: outside every stage, beside `cli/` and `pytest_plugin.py`, because it drives
the whole pipeline (`pipeline.run_audit`) as a client would and judges the verdicts from the
outside; no stage may import it. It stays a module of the installed package rather than
bench/ tooling because the test suite (tests/test_act_corpus.py) and bench/act_agreement.py
both import it, and the ACT agreement is part of what a release is checked against.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rgaa_audit.paths import data_dir
from rgaa_audit.referential import criterion_of

MAPPING_FILE = "act-mapping.toml"
RULE_PAGE = "https://www.w3.org/WAI/standards-guidelines/act/rules/{id}/"
OUTCOMES = ("passed", "failed", "inapplicable")


@dataclass(frozen=True)
class ActCase:
    """One ACT test case, as listed in testcases.json (the document stays on disk)."""

    rule_id: str
    case_id: str
    expected: str
    title: str
    filename: str
    language: str
    skip: str = ""


@dataclass(frozen=True)
class ActRule:
    """One ACT rule with the RGAA tests it is mapped to."""

    id: str
    name: str
    page: str
    tests: tuple[str, ...]


@dataclass(frozen=True)
class ActMapping:
    """The reviewed mapping: ACT rule -> RGAA tests, accepted exceptions, pending fixes."""

    tests: dict[str, tuple[str, ...]]
    exceptions: dict[str, str]
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseOutcome:
    """What the audit said about one case, on the tests its rule is mapped to."""

    case: ActCase
    page_status: str
    statuses: dict[str, str]
    nc_sources: tuple[str, ...] = ()

    @property
    def nc(self) -> bool:
        return "NC" in self.statuses.values()

    @property
    def conforming(self) -> bool:
        return "C" in self.statuses.values()

    @property
    def all_na(self) -> bool:
        return bool(self.statuses) and set(self.statuses.values()) == {"NA"}


@dataclass
class RuleAgreement:
    """Per ACT rule: how the audit's verdicts compare with the expected outcomes."""

    rule: ActRule
    failed_total: int = 0
    failed_found: int = 0
    passed_total: int = 0
    inapplicable_total: int = 0
    inapplicable_na: int = 0
    inapplicable_nc: int = 0
    skipped: int = 0
    false_nc: list[CaseOutcome] = field(default_factory=list)
    pending: list[CaseOutcome] = field(default_factory=list)
    resolved: list[CaseOutcome] = field(default_factory=list)
    excused: list[CaseOutcome] = field(default_factory=list)
    false_c: list[CaseOutcome] = field(default_factory=list)
    false_na: list[CaseOutcome] = field(default_factory=list)
    missed: list[CaseOutcome] = field(default_factory=list)

    @property
    def inapplicable_other(self) -> int:
        return self.inapplicable_total - self.inapplicable_na - self.inapplicable_nc

    @property
    def passed_nc(self) -> int:
        """Passed cases with a false NC (unexpected or pending a fix)."""
        return sum(1 for o in self.false_nc + self.pending if o.case.expected == "passed")


@cache
def load_mapping(path: Path | None = None) -> ActMapping:
    """Read `criteria/act-mapping.toml`."""
    path = path or data_dir("criteria") / MAPPING_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tests = {rule: tuple(meta["tests"]) for rule, meta in data.get("rules", {}).items()}
    exceptions = {case: meta["reason"] for case, meta in data.get("exceptions", {}).items()}
    pending = {case: (meta["check"], meta["reason"])
               for case, meta in data.get("pending", {}).items()}
    return ActMapping(tests, exceptions, pending)


def _skip_reason(raw: Mapping[str, Any]) -> str:
    if raw.get("language", "html") != "html":
        return f"document {raw.get('language')}, not HTML"
    if raw.get("missingAssets"):
        return "media asset left out of the local corpus"
    if raw.get("externalResources"):
        return "loads a resource from the network"
    return ""


def load_corpus(folder: Path) -> tuple[dict[str, dict[str, Any]], list[ActCase]]:
    """The rules (id -> record) and every case of the local ACT corpus."""
    data = json.loads((folder / "testcases.json").read_text(encoding="utf-8"))
    rules_path = folder / "rules.json"
    rules = ({r["ruleId"]: r for r in json.loads(rules_path.read_text(encoding="utf-8"))}
             if rules_path.is_file() else {})
    cases = []
    for raw in data["testcases"]:
        rules.setdefault(raw["ruleId"], {"ruleId": raw["ruleId"], "ruleName": raw["ruleName"]})
        cases.append(ActCase(
            rule_id=raw["ruleId"], case_id=raw["testcaseId"], expected=raw["expected"],
            title=raw.get("title", ""), filename=raw["filename"],
            language=raw.get("language", "html"), skip=_skip_reason(raw)))
    return rules, cases


def mapped_rules(rules: Mapping[str, Mapping[str, Any]], mapping: ActMapping) -> list[ActRule]:
    """The ACT rules of the mapping that the corpus has, in mapping order."""
    return [
        ActRule(id=rule_id, name=str(rules[rule_id].get("ruleName", "")),
                page=str(rules[rule_id].get("rulePage") or RULE_PAGE.format(id=rule_id)),
                tests=tests)
        for rule_id, tests in mapping.tests.items() if rule_id in rules
    ]


def cases_to_run(cases: Iterable[ActCase], rules: Iterable[ActRule]) -> list[ActCase]:
    """The cases of the mapped rules that can be audited offline."""
    wanted = {r.id for r in rules}
    return [c for c in cases if c.rule_id in wanted and not c.skip]


def outcome_of(case: ActCase, tests: tuple[str, ...],
               page: Mapping[str, Any] | None) -> CaseOutcome:
    """Read the statuses of `tests` (and the sources of their NC) from one page result."""
    if page is None:
        return CaseOutcome(case, "missing", {})
    if page.get("status") != "audited":
        return CaseOutcome(case, str(page.get("status")), {})
    criteria = page.get("criteria", {})
    statuses: dict[str, str] = {}
    sources: set[str] = set()
    for test in tests:
        verdict = criteria.get(criterion_of(test), {})
        statuses[test] = verdict.get("tests", {}).get(test, "NT")
        if statuses[test] == "NC":
            sources.update(f["source"] for f in verdict.get("findings", []) if f["test"] == test)
    return CaseOutcome(case, "audited", statuses, tuple(sorted(sources)))


def agreement(rules: Iterable[ActRule], cases: Iterable[ActCase],
              pages: Mapping[str, Mapping[str, Any]], mapping: ActMapping) -> list[RuleAgreement]:
    """Compare, rule by rule, the audit's verdicts (pages by case file) with the corpus."""
    by_rule: dict[str, list[ActCase]] = {}
    for case in cases:
        by_rule.setdefault(case.rule_id, []).append(case)
    table = []
    for rule in rules:
        row = RuleAgreement(rule)
        for case in by_rule.get(rule.id, []):
            if case.skip:
                row.skipped += 1
                continue
            outcome = outcome_of(case, rule.tests, pages.get(case.filename))
            if case.expected == "failed":
                row.failed_total += 1
                if outcome.nc:
                    row.failed_found += 1
                else:
                    row.missed.append(outcome)
                if outcome.conforming:
                    row.false_c.append(outcome)
                if outcome.all_na:
                    row.false_na.append(outcome)
                continue
            if case.expected == "passed":
                row.passed_total += 1
            else:
                row.inapplicable_total += 1
                row.inapplicable_na += outcome.all_na
                row.inapplicable_nc += outcome.nc
            if not outcome.nc:
                if case.case_id in mapping.pending:
                    row.resolved.append(outcome)
            elif case.case_id in mapping.exceptions:
                row.excused.append(outcome)
            elif case.case_id in mapping.pending:
                row.pending.append(outcome)
            else:
                row.false_nc.append(outcome)
        table.append(row)
    return table


def run_cases(browser: Any, folder: Path, cases: list[ActCase], page_timeout: float = 10,
              concurrency: int = 2) -> dict[str, dict[str, Any]]:
    """Audit every case in one run over a local server; page results by case file name.

    Identical documents (a composite rule reuses its atomic rules' cases) are audited once.
    """
    from rgaa_audit.crawl.ports import Progress
    from rgaa_audit.crawl.settings import CrawlSettings
    from rgaa_audit.demo.server import serve_directory
    from rgaa_audit.pipeline import AuditSettings, run_audit

    first_of: dict[str, str] = {}
    same_as: dict[str, str] = {}
    for case in cases:
        digest = hashlib.sha256((folder / case.filename).read_bytes()).hexdigest()
        same_as[case.filename] = first_of.setdefault(digest, case.filename)
    unique = sorted(set(same_as.values()))
    with serve_directory(folder) as base:
        settings = AuditSettings(CrawlSettings(
            max_pages=len(unique), page_timeout=page_timeout, concurrency=concurrency,
            follow_links=False, use_sitemaps=False, ignore_robots=True, retry_delay=0.2,
            idle_wait_ms=0, max_crops_per_page=0))
        report = run_audit(browser, settings, Progress(), None, urls=[base + f for f in unique])
        by_file = {p["url"].removeprefix(base): p for p in report["pages"]}
    return {name: by_file[first] for name, first in same_as.items() if first in by_file}


# --- baseline: the agreement reached so far, which must not drop

def read_baseline(path: Path) -> dict[str, int]:
    """ACT rule id -> failed cases found, as last recorded."""
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {rule: int(found) for rule, found in data.get("failed_found", {}).items()}


def write_baseline(path: Path, table: Iterable[RuleAgreement]) -> None:
    """Record, per rule, how many failed cases the audit finds (rewritten by the bench)."""
    lines = [
        "# Generated by `bench/act_agreement.py --update-baseline`: per ACT rule, how many of",
        "# its failed cases rgaa-audit turns into an NC on the mapped RGAA tests.",
        "# tests/test_act_corpus.py fails when a rule finds fewer than recorded here.",
        "",
        "[failed_found]",
    ]
    for row in table:
        lines.append(f'"{row.rule.id}" = {row.failed_found}  # of {row.failed_total}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- report

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _sources(outcomes: Iterable[CaseOutcome]) -> str:
    return "; ".join(f"{o.case.title} ({', '.join(o.nc_sources) or '?'})" for o in outcomes)


def _statuses(outcome: CaseOutcome) -> str:
    return ", ".join(f"{k} {v}" for k, v in outcome.statuses.items()) or outcome.page_status


def agreement_markdown(table: list[RuleAgreement], corpus_note: str = "") -> str:
    """docs/act-agreement.md: the per-rule table with totals and the disagreements."""
    totals = RuleAgreement(ActRule("", "", "", ()))
    for row in table:
        for name in ("failed_total", "failed_found", "passed_total", "inapplicable_total",
                     "inapplicable_na", "inapplicable_nc", "skipped"):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
        totals.false_nc += row.false_nc
        totals.pending += row.pending
        totals.false_c += row.false_c
        totals.excused += row.excused
    out = [
        "# Agreement with the W3C ACT Rules test cases",
        "",
        "Generated by `.venv/bin/python bench/act_agreement.py` (do not edit by hand). "
        "Each ACT rule below is mapped to the RGAA tests it bears on "
        "(`criteria/act-mapping.toml`); every HTML case of these rules is audited once by "
        "rgaa-audit (axe-core and its own checks) from a local copy of the corpus. "
        "Cases whose media or network resources are not available offline are skipped.",
        "",
        "- *failed found*: failed cases that get an NC on a mapped test;",
        "- *passed NC*: passed cases that wrongly get an NC on a mapped test (including the "
        "false NC of own checks awaiting a fix);",
        "- *inapplicable NA / NC / other*: inapplicable cases whose mapped tests are all NA, "
        "get an NC, or anything else (NT or C);",
        "- *accepted*: passed or inapplicable cases whose NC is right for RGAA, or where "
        "axe-core is known to disagree (reviewed list in `criteria/act-mapping.toml`);",
        "- *false C*: failed cases that get a C on a mapped test.",
        "",
    ]
    if corpus_note:
        out += [corpus_note, ""]
    out += [
        "| ACT rule | name | RGAA tests | failed found | passed NC | inapplicable NA / NC / other"
        " | accepted | false C | skipped |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in table:
        r = row.rule
        out.append(
            f"| [{r.id}]({r.page}) | {_cell(r.name)} | {', '.join(r.tests)} "
            f"| {row.failed_found} / {row.failed_total} | {row.passed_nc} / {row.passed_total} "
            f"| {row.inapplicable_na} / {row.inapplicable_nc} / {row.inapplicable_other} "
            f"(of {row.inapplicable_total}) | {len(row.excused)} | {len(row.false_c)} "
            f"| {row.skipped} |")
    t = totals
    out.append(
        f"| **total** | {len(table)} rules | | **{t.failed_found} / {t.failed_total}** "
        f"| **{t.passed_nc} / {t.passed_total}** "
        f"| **{t.inapplicable_na} / {t.inapplicable_nc} / {t.inapplicable_other}** "
        f"(of {t.inapplicable_total}) | {len(t.excused)} | **{len(t.false_c)}** "
        f"| {t.skipped} |")
    problems = [row for row in table
                if row.false_nc or row.pending or row.false_c or row.excused or row.resolved]
    if problems:
        out += ["", "## Disagreements on passed and inapplicable cases, and false C", "",
                "Per case: its title in the ACT rule, and the sources of the NC.", ""]
        for row in problems:
            if row.false_nc:
                out.append(f"- {row.rule.id}, unexpected false NC: {_cell(_sources(row.false_nc))}")
            if row.pending:
                out.append(f"- {row.rule.id}, false NC awaiting a fix: "
                           f"{_cell(_sources(row.pending))}")
            if row.resolved:
                titles = ", ".join(o.case.title for o in row.resolved)
                out.append(f"- {row.rule.id}, fixed (remove from the pending list): {titles}")
            if row.excused:
                out.append(f"- {row.rule.id}, accepted: {_cell(_sources(row.excused))}")
            if row.false_c:
                titles = ", ".join(o.case.title for o in row.false_c)
                out.append(f"- {row.rule.id}, false C: {_cell(titles)}")
    false_na = [row for row in table if row.false_na]
    if false_na:
        out += ["", "## Failed cases declared NA", "",
                "The content the rule is about is there, yet every mapped test is NA: a check "
                "claimed the page has nothing that test covers.", ""]
        for row in false_na:
            out.append(f"- {row.rule.id}: {', '.join(o.case.title for o in row.false_na)}")
    missed = [row for row in table if row.missed]
    if missed:
        out += ["", "## Failed cases not found", "",
                "Per case: its title and the statuses of the mapped tests.", ""]
        for row in missed:
            items = "; ".join(f"{o.case.title} ({_statuses(o)})" for o in row.missed)
            out.append(f"- {row.rule.id}: {_cell(items)}")
    return "\n".join(out) + "\n"
