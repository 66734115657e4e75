"""The per-test conditions table: for each RGAA test, the conditions and particular cases of
its official text and method (in our own words), what rgaa-audit says about each, the message
keys of the findings that report it failing and the fixtures that prove it.

Data: `criteria/conditions/NN-<theme>.toml` (format in the files' header comments):

    [test."9.1.3"]
    evidence = "rendered"            # "served" (the HTML the server sent), "rendered", "both"
    evidence_fr = "..."; evidence_en = "..."
    [[test."9.1.3".condition]]
    id = "role-heading-level"; kind = "condition"   # or "particular"
    fr = "..."; en = "..."
    says = ["NC"]                    # subset of NC, C, NA, verify, NT
    keys = ["headings.no-level"]     # <check id>.<message key> (reports/i18n [check.<id>])
    cases = ["headings/role heading without level", "redteam/<file>"]

The check runner names the condition of a failure from `condition_of(test, key)`. Run
`python -m rgaa_audit.checks.conditions` to rewrite docs/conditions.md (French) and
docs/conditions.en.md (English), with the checks that can prove each test NA and the
parent -> child NA links (`checks.na_links`).
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rgaa_audit.checks.declaration import NA, Declaration, parse_declaration
from rgaa_audit.checks.na_links import NaLink, load_na_links
from rgaa_audit.i18n import table
from rgaa_audit.paths import data_dir
from rgaa_audit.referential import load_referential, sort_key

EVIDENCE = ("served", "rendered", "both")
KINDS = ("condition", "particular")
SAYS = ("NC", "C", "NA", "verify", "NT")
_TEST_ID = re.compile(r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$")
_COND_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+$")
_FILE = re.compile(r"^[0-9]{2}-[a-z0-9-]+\.toml$")


class ConditionsError(ValueError):
    """A conditions file is malformed (the message names the file and the place)."""


@dataclass(frozen=True)
class Condition:
    """One condition (or particular case) of one RGAA test."""

    test: str
    id: str
    kind: str
    fr: str
    en: str
    says: tuple[str, ...]
    keys: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class TestConditions:
    """The conditions of one test and where its evidence comes from."""

    __test__ = False  # not a pytest class

    test: str
    evidence: str
    evidence_fr: str
    evidence_en: str
    conditions: tuple[Condition, ...]
    file: str = ""

    def evidence_text(self, lang: str = "fr") -> str:
        return self.evidence_en if lang == "en" else self.evidence_fr


def _text(where: str, raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ConditionsError(f"{where}: `{name}` must be a non-empty text")
    return value.strip()


def _strings(where: str, raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConditionsError(f"{where}: `{name}` must be a list of non-empty texts")
    if len(set(value)) != len(value):
        raise ConditionsError(f"{where}: `{name}` repeats an entry")
    return tuple(value)


def _condition(where: str, test: str, raw: Any) -> Condition:
    if not isinstance(raw, Mapping):
        raise ConditionsError(f"{where}: a condition must be a table")
    unknown = set(raw) - {"id", "kind", "fr", "en", "says", "keys", "cases"}
    if unknown:
        raise ConditionsError(f"{where}: unknown fields {sorted(unknown)}")
    cid = _text(where, raw, "id")
    if not _COND_ID.match(cid):
        raise ConditionsError(f"{where}: id {cid!r} is not kebab-case")
    where = f"{where} ({cid})"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ConditionsError(f"{where}: kind must be one of {KINDS}")
    says = _strings(where, raw, "says")
    if not says or set(says) - set(SAYS):
        raise ConditionsError(f"{where}: says must be a non-empty subset of {SAYS}")
    keys = _strings(where, raw, "keys")
    bad = [k for k in keys if not _KEY.match(k)]
    if bad:
        raise ConditionsError(f"{where}: keys must read <check id>.<message key>: {bad}")
    return Condition(test, cid, kind, _text(where, raw, "fr"), _text(where, raw, "en"), says,
                     keys, _strings(where, raw, "cases"))


def parse_conditions(name: str, data: Mapping[str, Any]) -> tuple[TestConditions, ...]:
    """The entries of one conditions file (`name` for messages); ConditionsError if bad."""
    tests = data.get("test", {})
    if set(data) - {"test"} or not isinstance(tests, Mapping):
        raise ConditionsError(f"{name}: only [test.\"x.y.z\"] tables are allowed")
    entries = []
    for test, raw in tests.items():
        where = f"{name}: test {test}"
        if not _TEST_ID.match(test) or not isinstance(raw, Mapping):
            raise ConditionsError(f"{where}: not a test id with its table")
        unknown = set(raw) - {"evidence", "evidence_fr", "evidence_en", "condition"}
        if unknown:
            raise ConditionsError(f"{where}: unknown fields {sorted(unknown)}")
        evidence = raw.get("evidence")
        if evidence not in EVIDENCE:
            raise ConditionsError(f"{where}: evidence must be one of {EVIDENCE}")
        conditions = raw.get("condition", [])
        if not isinstance(conditions, list) or not conditions:
            raise ConditionsError(f"{where}: at least one [[test.\"{test}\".condition]]")
        parsed = tuple(_condition(f"{where}, condition {i + 1}", test, c)
                       for i, c in enumerate(conditions))
        ids = [c.id for c in parsed]
        if len(set(ids)) != len(ids):
            raise ConditionsError(f"{where}: condition ids repeat")
        entries.append(TestConditions(test, evidence, _text(where, raw, "evidence_fr"),
                                      _text(where, raw, "evidence_en"), parsed, name))
    return tuple(entries)


def conditions_folder() -> Path:
    return data_dir("criteria") / "conditions"


def load_conditions(folder: Path | None = None) -> Mapping[str, TestConditions]:
    """Every test's conditions, by test id, from the conditions files of `folder`."""
    if folder is None:
        return _default_conditions()
    found: dict[str, TestConditions] = {}
    for path in sorted(folder.glob("*.toml")):
        if not _FILE.match(path.name):
            raise ConditionsError(f"criteria/conditions/{path.name}: name must be NN-<theme>.toml")
        where = f"criteria/conditions/{path.name}"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConditionsError(f"{where}: {error}") from None
        for entry in parse_conditions(where, data):
            if entry.test in found:
                raise ConditionsError(
                    f"{where}: test {entry.test} already in {found[entry.test].file}")
            if entry.test.split(".")[0] != str(int(path.name[:2])):
                raise ConditionsError(
                    f"{where}: test {entry.test} is not of theme {path.name[:2]}")
            found[entry.test] = entry
    return MappingProxyType(found)


@cache
def _default_conditions() -> Mapping[str, TestConditions]:
    return load_conditions(conditions_folder())


def key_map(entries: Mapping[str, TestConditions] | None = None
            ) -> Mapping[tuple[str, str], str]:
    """(test, full message key "check.<id>.<key>") -> the condition id that key reports."""
    entries = load_conditions() if entries is None else entries
    found: dict[tuple[str, str], str] = {}
    for entry in entries.values():
        for condition in entry.conditions:
            for key in condition.keys:
                found.setdefault((entry.test, f"check.{key}"), condition.id)
    return MappingProxyType(found)


@cache
def _default_key_map() -> Mapping[tuple[str, str], str]:
    return key_map()


def condition_of(test: str, key: str) -> str:
    """The id of the condition of `test` a finding with message key `key` reports ("" if
    none is recorded)."""
    return _default_key_map().get((test, key), "")


def condition(test: str, condition_id: str) -> Condition | None:
    """One condition by its test and id, None when unknown (say, an older report)."""
    entry = load_conditions().get(test)
    if entry is None:
        return None
    return next((c for c in entry.conditions if c.id == condition_id), None)


# --- the generated table ------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class DeclaredCheck:
    """A check's id, declaration and facts, read from criteria/checks/*.toml (no code)."""

    id: str
    declaration: Declaration


def declared_checks() -> tuple[DeclaredCheck, ...]:
    """Every own check's declaration, straight from the data files."""
    found = []
    for path in sorted((data_dir("criteria") / "checks").glob("*.toml")):
        for check_id, meta in tomllib.loads(path.read_text(encoding="utf-8")).items():
            found.append(DeclaredCheck(check_id, parse_declaration(
                check_id, tuple(meta["tests"]), meta)))
    return tuple(found)


def _na_provers(test: str, checks: Iterable[DeclaredCheck]) -> list[str]:
    return [s.id for s in checks if NA in s.declaration.decides.get(test, ())]


def conditions_markdown(lang: str = "fr", entries: Mapping[str, TestConditions] | None = None,
                        links: Iterable[NaLink] | None = None,
                        checks: Iterable[DeclaredCheck] | None = None) -> str:
    """docs/conditions.md (French) or docs/conditions.en.md (English)."""
    words = table("conditions", lang)  # [conditions] in reports/i18n/<lang>.toml
    entries = load_conditions() if entries is None else entries
    links = tuple(load_na_links() if links is None else links)
    checks = tuple(declared_checks() if checks is None else checks)
    tests = load_referential().tests
    sep = ": " if lang == "en" else " : "
    count = sum(len(e.conditions) for e in entries.values())
    cases = sum(len(c.cases) for e in entries.values() for c in e.conditions)
    out = [f"# {words['title']}", "", words["intro"], "",
           f"- {words['tests']}{sep}{len(entries)}",
           f"- {words['conditions']}{sep}{count}",
           f"- {words['cases']}{sep}{cases}", "",
           f"## {words['links_title']}", "", words["links_intro"], "",
           words["links_head"], "| --- | --- | --- | --- |"]
    for link in links:
        out.append(f"| {link.id} | {', '.join(link.parents)} | {', '.join(link.children)} "
                   f"| {_cell(link.reason(lang))} |")
    for test_id in sorted(entries, key=sort_key):
        entry = entries[test_id]
        known = tests.get(test_id)
        summary = (known.summary_en if lang == "en" else known.summary_fr) if known else ""
        out += ["", f"## {words['test']} {test_id}", ""]
        if summary:
            out += [_cell(summary), ""]
        out.append(f"- {words['evidence']}{sep}{words['evidence_' + entry.evidence]} — "
                   f"{_cell(entry.evidence_text(lang))}")
        provers = _na_provers(test_id, checks)
        out.append(f"- {words['na_by']}{sep}{', '.join(provers) or words['none']}")
        parents = [link.id for link in links if test_id in link.children]
        if parents:
            out.append(f"- {words['na_linked']}{sep}{', '.join(parents)}")
        out += ["", words["head"], "| --- | --- | --- | --- | --- | --- |"]
        for c in entry.conditions:
            out.append(
                f"| {c.id} | {words['kind_' + c.kind]} | {_cell(c.text(lang))} "
                f"| {', '.join(c.says)} | {', '.join(c.keys) or '–'} "
                f"| {_cell('; '.join(c.cases)) or '–'} |")
    return "\n".join(out) + "\n"


DOCS = Path(__file__).resolve().parents[2] / "docs"  # in a source checkout
DOC = {"fr": DOCS / "conditions.md", "en": DOCS / "conditions.en.md"}


def main(argv: list[str] | None = None) -> int:
    """Write docs/conditions.md and docs/conditions.en.md, or print the French one."""
    args = sys.argv[1:] if argv is None else argv
    if "--print" in args:
        sys.stdout.write(conditions_markdown("fr"))
        return 0
    for lang, path in DOC.items():
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(conditions_markdown(lang), encoding="utf-8")
        os.replace(temporary, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
