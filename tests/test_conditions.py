"""The per-test conditions table (criteria/conditions/*.toml) against the declarations, the
check cases, the red-team pages and the message catalogue, with the NA links
(criteria/na-links.toml); docs/conditions*.md are fresh. Every rule is a function returning
its problems, run on the real data (no problem) and on a tampered copy (a problem): each rule
is shown able to fail.

Themes not written yet are listed in PENDING_THEMES: their decidable tests may lack an entry
(every other rule holds for what their files already say), and a listed theme whose every
decidable test has an entry must leave the list.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest

from rgaa_audit import i18n
from rgaa_audit.checks import conditions as conditions_module
from rgaa_audit.checks.conditions import (
    Condition,
    ConditionsError,
    TestConditions,
    conditions_markdown,
    key_map,
    load_conditions,
    parse_conditions,
)
from rgaa_audit.checks.declaration import NA, NC, C
from rgaa_audit.checks.na_links import NaLink, NaLinksError, load_na_links, parse_na_links
from rgaa_audit.checks.registry import CheckSpec, all_checks
from rgaa_audit.referential import load_referential
from tests.support.cases import load_cases
from tests.test_check_cases import results_of

ROOT = Path(__file__).resolve().parents[1]
CASES = {f"{c['check']}/{c['name']}": c for c in load_cases(ROOT / "tests" / "check_cases")}
REDTEAM = tomllib.loads((ROOT / "tests" / "redteam" / "expected.toml").read_text("utf-8"))
SPECS = {s.id: s for s in all_checks()}
ENTRIES = load_conditions()

# Themes whose conditions file is not written yet (two digits). Shrinks to empty: the lead
# removes the last ones; a listed theme that is complete fails the test below.
PENDING_THEMES: frozenset[str] = frozenset(
    set())

EXPECT_OF = {"NC": "failed", "C": "passed", "NA": "inapplicable", "verify": "cant-tell",
             "NT": "none"}  # "none": the check says nothing on that test
STATUS_OF = {"NC": "NC", "C": "C", "NA": "NA", "verify": "NT", "NT": "NT"}
ENTRIES_OF = Mapping[str, TestConditions]


def theme(test: str) -> str:
    return f"{int(test.split('.')[0]):02d}"


def decidable_tests(specs: Mapping[str, CheckSpec] = SPECS) -> set[str]:
    """Tests for which some own check declares NC, C or NA."""
    return {t for s in specs.values() for t, outs in s.declaration.decides.items()
            if outs & {NC, C, NA}}


# --- the rules ------------------------------------------------------------------------------


def missing_entries(entries: ENTRIES_OF, pending: frozenset[str] = PENDING_THEMES,
                    specs: Mapping[str, CheckSpec] = SPECS) -> list[str]:
    """Decidable tests of written themes without an entry."""
    return sorted(t for t in decidable_tests(specs)
                  if t not in entries and theme(t) not in pending)


def complete_pending(entries: ENTRIES_OF, pending: frozenset[str] = PENDING_THEMES,
                     specs: Mapping[str, CheckSpec] = SPECS) -> list[str]:
    """Listed themes every decidable test of which has an entry: they must leave the list."""
    decidable = decidable_tests(specs)
    return sorted(p for p in pending
                  if all(t in entries for t in decidable if theme(t) == p)
                  and any(theme(t) == p for t in entries))


def unknown_tests(entries: ENTRIES_OF) -> list[str]:
    known = load_referential().tests
    return sorted(t for t in entries if t not in known)


def case_problems(entries: ENTRIES_OF, cases: Mapping[str, dict] = CASES,
                  redteam: Mapping = REDTEAM) -> list[str]:
    """Conditions saying NC/C/NA without a case; cases that do not exist or disagree."""
    pages = {(p["file"], p["test"]): p for p in redteam.get("page", [])}
    problems = []
    for entry in entries.values():
        for cond in entry.conditions:
            where = f"{entry.test}/{cond.id}"
            if set(cond.says) & {"NC", "C", "NA"} and not cond.cases:
                problems.append(f"{where}: says {cond.says} without a case")
            for name in cond.cases:
                if name.startswith("redteam/"):
                    page = pages.get((name[len("redteam/"):], entry.test))
                    if page is None:
                        problems.append(f"{where}: no red-team page {name} for this test")
                    elif not ({page["status"], *page.get("acceptable", [])}
                              & {STATUS_OF[s] for s in cond.says}):
                        problems.append(f"{where}: {name} expects {page['status']}")
                    continue
                case = cases.get(name)
                if case is None:
                    problems.append(f"{where}: no check case {name!r}")
                    continue
                expected = case["expect"].get(entry.test)
                if expected not in {EXPECT_OF.get(s) for s in cond.says}:
                    problems.append(f"{where}: case {name!r} expects {expected} on "
                                    f"{entry.test}, not one of {cond.says}")
    return problems


def key_problems(entries: ENTRIES_OF, specs: Mapping[str, CheckSpec] = SPECS) -> list[str]:
    """Keys missing from the catalogue, or of a check that does not serve the test."""
    problems = []
    for entry in entries.values():
        for cond in entry.conditions:
            for key in cond.keys:
                check_id = key.split(".")[0]
                for lang in i18n.LANGUAGES:
                    if f"check.{key}" not in i18n.catalogue(lang):
                        problems.append(f"{entry.test}/{cond.id}: no check.{key} in {lang}")
                if check_id not in specs or entry.test not in specs[check_id].tests:
                    problems.append(f"{entry.test}/{cond.id}: {check_id} does not serve "
                                    f"{entry.test}")
    return problems


def evidence_problems(entries: ENTRIES_OF, specs: Mapping[str, CheckSpec] = SPECS) -> list[str]:
    """`served` evidence without a check of the test reading the served HTML."""
    return sorted(e.test for e in entries.values() if e.evidence == "served"
                  and not any(e.test in s.tests and "source-html" in s.declaration.facts
                              for s in specs.values()))


def emitted_failure_keys() -> set[tuple[str, str]]:
    """(test, full key) of every failure the check cases produce."""
    found = set()
    for case in CASES.values():
        for result in results_of(case).values():
            for finding in result.findings:
                if finding.kind == "failure" and finding.key.startswith("check."):
                    found.add((result.test, finding.key))
    return found


def source_failure_keys(specs: Mapping[str, CheckSpec] = SPECS) -> dict[str, set[str]]:
    """check id -> the message keys its module passes to `ctx.fail` (literal or f-string
    prefix), read from the source: there is no data listing failure keys apart from
    verify keys, and the catalogue tables hold both (allowed in tests only)."""
    literal: dict[str, set[str]] = {}
    prefixes: dict[str, set[str]] = {}
    for spec in specs.values():
        module = spec.function.__module__
        if module in literal:
            continue
        path = ROOT / (module.replace(".", "/") + ".py")
        literal[module], prefixes[module] = set(), set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "fail" and len(node.args) >= 3):
                arg = node.args[2]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal[module].add(arg.value)
                elif (isinstance(arg, ast.JoinedStr) and arg.values
                      and isinstance(arg.values[0], ast.Constant)):
                    prefixes[module].add(str(arg.values[0].value))
    keys: dict[str, set[str]] = {}
    catalogue = i18n.catalogue("fr")
    for spec in specs.values():
        module = spec.function.__module__
        own = {k[len(f"check.{spec.id}."):] for k in catalogue
               if k.startswith(f"check.{spec.id}.")}
        keys[spec.id] = {k for k in own if k in literal[module]
                         or any(k.startswith(p) for p in prefixes[module])}
    return keys


def unlinked_failure_keys(entries: ENTRIES_OF, emitted: set[tuple[str, str]],
                          declared: Mapping[str, set[str]],
                          pending: frozenset[str] = PENDING_THEMES,
                          specs: Mapping[str, CheckSpec] = SPECS) -> list[str]:
    """Failure keys of decidable tests that name no condition: each key a case emits on a
    test must be linked to a condition of that test; each failure key in a check's source
    must be linked to a condition of some test the check can fail."""
    linked = key_map(entries)
    problems = [f"{test}: {key}" for test, key in sorted(emitted)
                if theme(test) not in pending and (test, key) not in linked]
    for check_id, keys in sorted(declared.items()):
        fails = [t for t in specs[check_id].declaration.tests_with(NC) if theme(t) not in pending]
        if not fails:
            continue
        for key in sorted(keys):
            if not any((t, f"check.{check_id}.{key}") in linked for t in fails):
                problems.append(f"{check_id}.{key}: linked to no condition of {sorted(fails)}")
    return problems


def link_problems(links: tuple[NaLink, ...]) -> list[str]:
    """NA links naming unknown tests, or a child no own check and no link could reach."""
    known = load_referential().tests
    return [f"{link.id}: unknown test {t}" for link in links
            for t in link.parents + link.children if t not in known]


# --- the rules on the real data ---------------------------------------------------------------


def test_every_decidable_test_of_written_themes_has_an_entry() -> None:
    assert missing_entries(ENTRIES) == []
    assert unknown_tests(ENTRIES) == []


def test_pending_themes_only_shrink() -> None:
    assert complete_pending(ENTRIES) == [], "remove these themes from PENDING_THEMES"


def test_conditions_are_proved_by_existing_cases() -> None:
    assert case_problems(ENTRIES) == []


def test_keys_exist_and_belong_to_the_test() -> None:
    assert key_problems(ENTRIES) == []


def test_served_evidence_needs_a_source_html_check() -> None:
    assert evidence_problems(ENTRIES) == []


def test_every_failure_key_names_a_condition() -> None:
    assert unlinked_failure_keys(ENTRIES, emitted_failure_keys(), source_failure_keys()) == []


def test_na_links_name_known_tests() -> None:
    assert link_problems(load_na_links()) == []


def test_docs_conditions_are_fresh() -> None:
    for lang, path in conditions_module.DOC.items():
        assert path.read_text("utf-8") == conditions_markdown(lang), (
            f"{path.name} is stale: run `python -m rgaa_audit.checks.conditions`")


def test_docs_are_each_in_one_language() -> None:
    french, english = conditions_markdown("fr"), conditions_markdown("en")
    assert "Preuve" in french and "Evidence" not in french
    assert "Evidence" in english and "Preuve" not in english
    for entry in ENTRIES.values():
        for cond in entry.conditions:
            assert cond.fr in french and cond.en in english


def test_conditions_read_no_python_source() -> None:
    for module in ("conditions", "na_links"):
        source = (ROOT / "rgaa_audit" / "checks" / f"{module}.py").read_text("utf-8")
        for word in ("import ast", "inspect", "getsource"):
            assert word not in source


# --- each rule can fail -------------------------------------------------------------------------


def _tampered(test: str, **changes: object) -> dict[str, TestConditions]:
    entry = ENTRIES[test]
    first = dataclasses.replace(entry.conditions[0], **changes)
    rest = entry.conditions[1:]
    return {**ENTRIES, test: dataclasses.replace(entry, conditions=(first, *rest))}


def test_rule_missing_entry_can_fail() -> None:
    assert "2.1.1" in missing_entries({k: v for k, v in ENTRIES.items() if k != "2.1.1"})
    assert missing_entries({}, pending=frozenset()) != []


def test_rule_pending_can_fail() -> None:
    assert complete_pending(ENTRIES, pending=frozenset({"02"})) == ["02"]


def test_rule_unknown_test_can_fail() -> None:
    assert unknown_tests({"2.9.9": ENTRIES["2.1.1"]}) == ["2.9.9"]


def test_rule_cases_can_fail() -> None:
    assert case_problems(_tampered("2.1.1", cases=()))  # says NC/C without a case
    assert case_problems(_tampered("2.1.1", cases=("frame-title-present/nope",)))
    # a case that says something else than the condition
    assert case_problems(_tampered("2.1.1", says=("NA",)))
    redteam = {"page": [{"file": "x.html", "test": "2.1.1", "status": "NC"}]}
    assert case_problems({"2.1.1": _tampered("2.1.1", cases=("redteam/x.html",))["2.1.1"]},
                         redteam=redteam) == []
    assert case_problems(_tampered("2.1.1", cases=("redteam/x.html",), says=("C",)),
                         redteam=redteam)
    assert case_problems(_tampered("2.1.1", cases=("redteam/y.html",)), redteam=redteam)


def test_rule_keys_can_fail() -> None:
    assert key_problems(_tampered("2.1.1", keys=("frame-title-present.nope",)))
    assert key_problems(_tampered("2.1.1", keys=("frame-title-relevant.empty",)))


def test_rule_evidence_can_fail() -> None:
    entries = {"2.1.1": dataclasses.replace(ENTRIES["2.1.1"], evidence="served")}
    assert evidence_problems(entries) == ["2.1.1"]


def test_rule_failure_keys_can_fail() -> None:
    stripped = {t: dataclasses.replace(e, conditions=tuple(
        dataclasses.replace(c, keys=()) for c in e.conditions)) for t, e in ENTRIES.items()}
    emitted = {("2.1.1", "check.frame-title-present.missing")}
    declared = {"frame-title-present": {"missing"}}
    assert unlinked_failure_keys(ENTRIES, emitted, declared, pending=frozenset()) == []
    assert len(unlinked_failure_keys(stripped, emitted, declared, pending=frozenset())) == 2
    # the source reading finds a literal key of a real check
    assert "missing" in source_failure_keys()["frame-title-present"]


def test_rule_links_can_fail() -> None:
    assert link_problems((NaLink("x", ("1.1.1",), ("99.1.1",), "a", "b"),)) != []


def test_rule_docs_freshness_can_fail() -> None:
    entries = _tampered("2.1.1", fr="Autre texte.")
    assert conditions_markdown("fr", entries) != conditions_markdown("fr")


# --- the loaders refuse malformed data --------------------------------------------------------

GOOD = {"test": {"2.1.1": {"evidence": "rendered", "evidence_fr": "a", "evidence_en": "b",
                           "condition": [{"id": "c", "kind": "condition", "fr": "x", "en": "y",
                                          "says": ["NC"], "keys": ["a.b"], "cases": ["a/b"]}]}}}


def _with(**changes: object) -> dict:
    cond = {**GOOD["test"]["2.1.1"]["condition"][0], **changes}
    return {"test": {"2.1.1": {**GOOD["test"]["2.1.1"], "condition": [cond]}}}


def test_a_good_file_loads() -> None:
    (entry,) = parse_conditions("f", GOOD)
    assert entry.conditions == (Condition("2.1.1", "c", "condition", "x", "y", ("NC",),
                                          ("a.b",), ("a/b",)),)


@pytest.mark.parametrize("bad", [
    _with(fr=""), _with(en="  "), _with(id="Not Kebab"), _with(kind="other"), _with(says=[]),
    _with(says=["maybe"]), _with(keys=["nodot"]), _with(cases=[1]), _with(extra=1),
    {"test": {"2.1.1": {**GOOD["test"]["2.1.1"], "evidence": "guess"}}},
    {"test": {"2.1.1": {**GOOD["test"]["2.1.1"], "evidence_en": ""}}},
    {"test": {"2.1.1": {**GOOD["test"]["2.1.1"], "condition": []}}},
    {"test": {"x": GOOD["test"]["2.1.1"]}}, {"other": 1},
])
def test_malformed_conditions_are_refused(bad: dict) -> None:
    with pytest.raises(ConditionsError, match=r"^f"):
        parse_conditions("f", bad)


def test_a_test_in_the_wrong_theme_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "03-couleurs.toml").write_text(
        (ROOT / "criteria" / "conditions" / "02-cadres.toml").read_text("utf-8"), "utf-8")
    with pytest.raises(ConditionsError, match=r"03-couleurs\.toml"):
        load_conditions(tmp_path)


LINK = {"id": "no-x", "parents": ["1.1.1"], "children": ["1.2.1"], "fr": "a", "en": "b"}


@pytest.mark.parametrize("bad", [
    {**LINK, "fr": ""}, {**LINK, "id": "No"}, {**LINK, "parents": []},
    {**LINK, "children": ["1.1.1"]}, {**LINK, "children": ["x"]}, {**LINK, "why": 1},
])
def test_malformed_na_links_are_refused(bad: dict) -> None:
    assert parse_na_links("n", {"link": [LINK]})[0].children == ("1.2.1",)
    with pytest.raises(NaLinksError, match=r"^n"):
        parse_na_links("n", {"link": [bad]})
    with pytest.raises(NaLinksError, match="repeats"):
        parse_na_links("n", {"link": [LINK, LINK]})


# --- a failure names its condition, up to the reports -------------------------------------------


def test_a_failure_carries_its_condition_to_the_reports() -> None:
    from rgaa_audit.model import Finding
    from rgaa_audit.report.html.criteria import finding_view
    from rgaa_audit.report.markdown import _finding_line

    (result,) = [r for r in results_of(CASES["frame-title-present/iframe without title"])
                 .values() if r.test == "2.1.1"]
    finding = result.findings[0]
    assert finding.condition == "frame-has-title"
    stored = finding.to_dict()
    assert stored["condition"] == "frame-has-title"
    assert Finding.from_dict(stored) == finding
    old = {k: v for k, v in stored.items() if k != "condition"}
    assert Finding.from_dict(old).condition == ""  # older reports still load
    french = ENTRIES["2.1.1"].conditions[0]
    assert finding_view(stored, lang="fr").condition == (
        f"Condition non satisfaite : {french.fr}")
    assert finding_view(stored, lang="en").condition == f"Condition not met: {french.en}"
    assert french.en in _finding_line(stored, "en")
    assert finding_view(old).condition == ""
    assert finding_view({**stored, "condition": "nope"}).condition == ""
    # items to verify name none
    verify = results_of(CASES["frame-title-relevant/vague title goes to a human"])["2.2.1"]
    assert all(f.condition == "" for f in verify.findings)


def wrong_language_texts(entries: ENTRIES_OF, links: tuple[NaLink, ...]) -> list[str]:
    """French texts with English words and English texts with French ones (the words the
    report language tests look for)."""
    from tests.test_i18n import ENGLISH_WORDS, FRENCH_WORDS

    pairs = [(f"{e.test} evidence", e.evidence_fr, e.evidence_en) for e in entries.values()]
    pairs += [(f"{e.test}/{c.id}", c.fr, c.en) for e in entries.values() for c in e.conditions]
    pairs += [(f"link {link.id}", link.fr, link.en) for link in links]
    def words(text: str) -> str:  # file paths (criteria/axe.toml) are names, not words
        return re.sub(r"\S+/\S+", " ", text)

    return [where for where, fr, en in pairs
            if ENGLISH_WORDS.search(words(fr)) or FRENCH_WORDS.search(words(en))]


def test_texts_are_each_in_their_language() -> None:
    assert wrong_language_texts(ENTRIES, load_na_links()) == []


def test_rule_language_can_fail() -> None:
    assert wrong_language_texts(_tampered("2.1.1", fr="Chaque link a un titre."), ()) != []
    assert wrong_language_texts({}, (NaLink("x", ("1.1.1",), ("1.2.1",), "r", "sans"),)) != []
