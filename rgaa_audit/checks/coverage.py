"""How far rgaa-audit covers the 258 RGAA tests: which checks serve each test, and whether
one of them can make it NC, or C. Run `python -m rgaa_audit.checks.coverage` to rewrite
docs/coverage.md.

Three sources are combined:
- own checks (`checks.registry.all_checks()`): what each check declares in its data entry
  (`decides`: per test, the outcomes it may give; see `checks.declaration`), which the
  runner enforces; no code is read;
- axe-core: the `RGAA-x.y.z` tags of its rules, parsed with a regular expression from the
  bundled `axe.min.js` (so the table follows the installed axe-core), minus the rules
  `criteria/axe.toml` ignores; rules with a `verify` reason there and axe's `experimental`
  rules (not run: rgaa-audit runs the `RGAAv4` tag only) cannot make a test NC;
- the criteria table (`referential`): a test becomes C only when classed `auto`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rgaa_audit.checks.axe import TAG_PREFIX, axe_rules
from rgaa_audit.checks.declaration import NA, NC, VERIFY, C
from rgaa_audit.checks.registry import CheckSpec, all_checks
from rgaa_audit.i18n import table
from rgaa_audit.referential import Referential, load_referential

_AXE_RULE = re.compile(r'\{id:"([a-z0-9-]+)",(?:(?!\{id:").){0,800}?tags:\[([^\]]*)\]', re.S)


@dataclass(frozen=True)
class AxeRule:
    """One axe-core rule as rgaa-audit uses it."""

    id: str
    tests: tuple[str, ...]
    experimental: bool = False
    verify: bool = False
    ignored: bool = False

    @property
    def runs(self) -> bool:
        return not self.experimental and not self.ignored

    @property
    def can_fail(self) -> bool:
        return self.runs and not self.verify


@dataclass(frozen=True)
class CheckAbility:
    """The tests an own check can fail, pass, prove absent, or list for a human (declared)."""

    id: str
    fail: frozenset[str]
    passed: frozenset[str]
    inapplicable: frozenset[str]
    verify: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CoverageRow:
    """One RGAA test: who serves it and what verdicts a tool can reach on it."""

    test: str
    criterion: str
    automation: str
    checks: tuple[str, ...]
    axe: tuple[str, ...]
    nc_by: tuple[str, ...]
    c_by: tuple[str, ...]

    @property
    def served(self) -> bool:
        return bool(self.checks or self.axe)

    @property
    def can_nc(self) -> bool:
        return bool(self.nc_by)

    @property
    def can_c(self) -> bool:
        return self.automation == "auto" and bool(self.c_by)


@dataclass(frozen=True)
class CoverageTotals:
    """The figures at the top of the coverage table."""

    tests: int
    served: int
    can_nc: int
    can_c: int
    auto: int
    auto_without_c: tuple[str, ...]


def _axe_file() -> Path:
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH)


def parse_axe_rules(source: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """(rule id, RGAA tests, experimental) for each axe rule carrying RGAA tags."""
    found = {}
    for match in _AXE_RULE.finditer(source):
        tags = [t.strip().strip('"') for t in match.group(2).split(",")]
        tests = tuple(t[len(TAG_PREFIX):] for t in tags if t.startswith(TAG_PREFIX))
        if tests and match.group(1) not in found:
            found[match.group(1)] = (match.group(1), tests, "experimental" in tags)
    return list(found.values())


@cache
def axe_catalogue() -> tuple[AxeRule, ...]:
    """The RGAA-tagged rules of the bundled axe-core, with rgaa-audit's reviewed exceptions."""
    meta = axe_rules()
    return tuple(
        AxeRule(rule_id, tests, experimental, "verify" in meta.get(rule_id, {}),
                "ignore" in meta.get(rule_id, {}))
        for rule_id, tests, experimental in parse_axe_rules(_axe_file().read_text("utf-8"))
    )


def check_ability(spec: CheckSpec) -> CheckAbility:
    """What a check can decide, test by test, from its declaration."""
    declared = spec.declaration
    return CheckAbility(spec.id, declared.tests_with(NC), declared.tests_with(C),
                        declared.tests_with(NA), declared.tests_with(VERIFY))


def coverage_rows(checks: Iterable[CheckSpec] | None = None,
                  axe: Iterable[AxeRule] | None = None,
                  referential: Referential | None = None) -> list[CoverageRow]:
    """One row per RGAA test (258), in the table's order."""
    checks = tuple(all_checks() if checks is None else checks)
    axe = tuple(axe_catalogue() if axe is None else axe)
    referential = referential or load_referential()
    abilities = [check_ability(spec) for spec in checks]
    rows = []
    for criterion in referential.criteria.values():
        for test in criterion.tests:
            own = tuple(s.id for s in checks if test.id in s.tests)
            axe_ids = tuple(r.id for r in axe if r.runs and test.id in r.tests)
            nc_by = tuple(a.id for a in abilities if test.id in a.fail) + tuple(
                f"axe:{r.id}" for r in axe if r.can_fail and test.id in r.tests)
            c_by = tuple(a.id for a in abilities if test.id in a.passed) + tuple(
                f"axe:{r.id}" for r in axe if r.runs and test.id in r.tests)
            rows.append(CoverageRow(test.id, criterion.id, test.automation, own, axe_ids,
                                    nc_by, c_by))
    return rows


def coverage_totals(rows: list[CoverageRow]) -> CoverageTotals:
    """Totals: tests served, able to be NC, able to be C; auto tests nothing can make C."""
    auto = [r for r in rows if r.automation == "auto"]
    return CoverageTotals(
        tests=len(rows),
        served=sum(r.served for r in rows),
        can_nc=sum(r.can_nc for r in rows),
        can_c=sum(r.can_c for r in rows),
        auto=len(auto),
        auto_without_c=tuple(r.test for r in auto if not r.can_c),
    )


def coverage_markdown(lang: str = "fr", rows: list[CoverageRow] | None = None) -> str:
    """The coverage table as Markdown (docs/coverage.md), in French or English."""
    words = table("coverage", lang)  # [coverage] in reports/i18n/<lang>.toml
    rows = coverage_rows() if rows is None else rows
    totals = coverage_totals(rows)
    missing = ", ".join(totals.auto_without_c) or words["none"]
    sep = ": " if lang == "en" else " : "
    out = [
        f"# {words['title']}",
        "",
        words["intro"],
        "",
        f"- {words['tests']}{sep}{totals.tests}",
        f"- {words['served']}{sep}{totals.served}",
        f"- {words['can_nc']}{sep}{totals.can_nc}",
        f"- {words['can_c']}{sep}{totals.can_c} / {totals.auto} `auto`",
        f"- {words['auto_missing']}{sep}{missing}",
        "",
        words["head"],
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        out.append(
            f"| {row.test} | {row.automation} | {', '.join(row.checks) or '–'} "
            f"| {', '.join(row.axe) or '–'} | {words['yes'] if row.can_nc else words['no']} "
            f"| {words['yes'] if row.can_c else words['no']} |")
    return "\n".join(out) + "\n"


def coverage_text(lang: str = "fr", rows: list[CoverageRow] | None = None) -> str:
    """The coverage table as aligned plain text, for a terminal."""
    words = table("coverage", lang)  # [coverage] in reports/i18n/<lang>.toml
    rows = coverage_rows() if rows is None else rows
    totals = coverage_totals(rows)
    lines = [
        f"{words['tests']}: {totals.tests}",
        f"{words['served']}: {totals.served}",
        f"{words['can_nc']}: {totals.can_nc}",
        f"{words['can_c']}: {totals.can_c} / {totals.auto} auto",
        f"{words['auto_missing']}: {', '.join(totals.auto_without_c) or words['none']}",
        "",
    ]
    for row in rows:
        sources = ", ".join(row.checks + tuple(f"axe:{a}" for a in row.axe)) or "-"
        flags = ("NC" if row.can_nc else "--") + " " + ("C" if row.can_c else "-")
        lines.append(f"{row.test:<8} {row.automation:<6} {flags:<5} {sources}")
    return "\n".join(lines) + "\n"


DOC = Path(__file__).resolve().parents[2] / "docs" / "coverage.md"  # in a source checkout


def main(argv: list[str] | None = None) -> int:
    """Write docs/coverage.md (French) from the declarations, or print it with `--print`."""
    args = sys.argv[1:] if argv is None else argv
    text = coverage_markdown("fr")
    if "--print" in args:
        sys.stdout.write(text)
    else:
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
