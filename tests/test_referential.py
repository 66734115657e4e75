"""The RGAA criteria table (criteria/rgaa/*.toml) against the official RGAA 4.1.2 data.

Proves that ids, WCAG references and levels match the official table, that every test has an
automation class, and that our own-words texts copy no official sentence.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from rgaa_audit.paths import data_dir
from rgaa_audit.referential import AUTOMATION_CLASSES, OFFICIAL_BASE, load_referential

OFFICIAL_JSON = Path(__file__).resolve().parents[2] / "shared" / "rgaa" / "criteres.json"
TABLE_DIR = data_dir("criteria") / "rgaa"
COPY_RUN = 60  # longest run of official text an own text may share

# Official test texts that carry one of these words need a human: such a test is never `auto`.
JUDGEMENT_MARKERS = (
    "pertinent",
    "si nécessaire",
    "porteuse d'information",
    "porteur d'information",
)
# Tests kept `auto` although their official text says "hors cas particuliers"; reason in the TOML.
AUTO_DESPITE_SPECIAL_CASES = {"13.1.2"}


# --- helpers -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Drop markdown links and code marks, unify quotes and spaces, lower-case."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def copied_run(own: str, official_runs: set[str], size: int = COPY_RUN) -> str | None:
    """The first `size`-character run of `own` found in the official runs, or None."""
    text = normalise(own)
    for start in range(len(text) - size + 1):
        run = text[start : start + size]
        if run in official_runs:
            return run
    return None


def runs_of(texts: list[str], size: int = COPY_RUN) -> set[str]:
    runs: set[str] = set()
    for text in texts:
        norm = normalise(text)
        runs.update(norm[i : i + size] for i in range(len(norm) - size + 1))
    return runs


def wcag_level(reference: str) -> str:
    return re.search(r"\((A{1,3})\)\s*$", reference).group(1)


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official() -> dict:
    """Official table as {criterion id: {theme, title, wcag, level, tests{id: text}}}."""
    if not OFFICIAL_JSON.is_file():
        pytest.skip(f"official RGAA data not found at {OFFICIAL_JSON}")
    data = json.loads(OFFICIAL_JSON.read_text(encoding="utf-8"))
    table = {}
    for topic in data["topics"]:
        for entry in topic["criteria"]:
            crit = entry["criterium"]
            cid = f"{topic['number']}.{crit['number']}"
            refs = [w for ref in crit["references"] for w in ref.get("wcag", [])]
            levels = {wcag_level(r) for r in refs}
            table[cid] = {
                "theme": topic["number"],
                "title": crit["title"],
                "wcag": [r.split()[0] for r in refs],
                "level": "A" if "A" in levels else "AA",
                "tests": {f"{cid}.{n}": " ".join(lines) for n, lines in crit["tests"].items()},
            }
    return table


@pytest.fixture(scope="module")
def raw_files() -> list[dict]:
    """Every theme file as parsed TOML, to see keys exactly as written."""
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(TABLE_DIR.glob("*.toml"))]


@pytest.fixture(scope="module")
def raw_criteria(raw_files) -> list[dict]:
    return [c for f in raw_files for c in f.get("criterion", [])]


@pytest.fixture(scope="module")
def raw_tests(raw_criteria) -> list[dict]:
    return [t for c in raw_criteria for t in c.get("test", [])]


# --- counts and ids ------------------------------------------------------------------------


def test_counts_match_rgaa_4_1_2(raw_files, raw_criteria, raw_tests):
    assert len(raw_files) == 13
    assert sorted(f["theme"]["number"] for f in raw_files) == list(range(1, 14))
    assert len(raw_criteria) == 106
    assert len(raw_tests) == 258


def test_ids_are_exactly_the_official_ones(official, raw_files):
    ours_criteria = {}
    ours_tests = {}
    for f in raw_files:
        for c in f["criterion"]:
            assert c["id"] not in ours_criteria, f"duplicate criterion {c['id']}"
            ours_criteria[c["id"]] = f["theme"]["number"]
            for t in c["test"]:
                assert t["id"] not in ours_tests, f"duplicate test {t['id']}"
                ours_tests[t["id"]] = c["id"]
    assert set(ours_criteria) == set(official)
    assert all(ours_criteria[cid] == official[cid]["theme"] for cid in official)
    official_tests = {tid: cid for cid, c in official.items() for tid in c["tests"]}
    assert ours_tests == official_tests


def test_wcag_references_match_official(official, raw_criteria):
    wrong = {c["id"]: c["wcag"] for c in raw_criteria if c["wcag"] != official[c["id"]]["wcag"]}
    assert not wrong


def test_levels_follow_the_lowest_wcag_level(official, raw_criteria):
    for c in raw_criteria:
        assert c["level"] in {"A", "AA"}, c["id"]
        assert c["level"] == official[c["id"]]["level"], c["id"]


def test_every_test_has_an_automation_class(raw_tests):
    missing = [t["id"] for t in raw_tests if t.get("automation") not in AUTOMATION_CLASSES]
    assert not missing


def test_urls_point_to_the_official_anchor(raw_criteria):
    for c in raw_criteria:
        assert c["url"].startswith(OFFICIAL_BASE), c["id"]
        assert c["url"].endswith("#" + c["id"]), c["id"]


# --- automation classes --------------------------------------------------------------------


def test_tests_needing_judgement_are_never_auto(official, raw_tests):
    texts = {tid: normalise(txt) for c in official.values() for tid, txt in c["tests"].items()}

    def needs_judgement(tid: str) -> bool:
        if any(marker in texts[tid] for marker in JUDGEMENT_MARKERS):
            return True
        return "hors cas particuliers" in texts[tid] and tid not in AUTO_DESPITE_SPECIAL_CASES

    autos = [t["id"] for t in raw_tests if t["automation"] == "auto"]
    wrongly_auto = [tid for tid in autos if needs_judgement(tid)]
    assert not wrongly_auto


def test_reference_examples_have_the_expected_class(raw_tests):
    by_id = {t["id"]: t["automation"] for t in raw_tests}
    for tid in ("8.1.1", "8.1.3", "8.3.1", "8.5.1", "2.1.1", "1.1.3", "6.2.1", "11.1.1"):
        assert by_id[tid] == "auto", tid
    for tid in ("1.1.1", "1.2.1", "3.2.1", "8.2.1", "8.4.1", "8.6.1", "9.1.1"):
        assert by_id[tid] == "semi", tid
    for tid in ("4.4.1", "4.6.1", "13.7.1"):
        assert by_id[tid] == "manual", tid


def test_automation_split_is_strict(raw_tests):
    counts = {cls: sum(t["automation"] == cls for t in raw_tests) for cls in AUTOMATION_CLASSES}
    assert 10 <= counts["auto"] <= 30, counts
    assert counts["semi"] <= 150, counts


# --- own words -----------------------------------------------------------------------------


def own_texts(raw_criteria):
    """(where, text) for every title, guidance and summary we wrote."""
    for c in raw_criteria:
        for key in ("title_fr", "title_en", "guidance_fr", "guidance_en"):
            yield f"{c['id']} {key}", c[key]
        for t in c["test"]:
            for key in ("summary_fr", "summary_en"):
                yield f"{t['id']} {key}", t[key]


def test_every_text_is_filled_in_both_languages(raw_criteria):
    empty = [where for where, text in own_texts(raw_criteria) if not text.strip()]
    assert not empty


def test_titles_are_short(raw_criteria):
    for c in raw_criteria:
        for key in ("title_fr", "title_en"):
            assert 3 <= len(c[key].split()) <= 12, (c["id"], key, c[key])


def test_no_text_equals_an_official_sentence(official, raw_criteria):
    sentences = {normalise(c["title"]) for c in official.values()}
    sentences |= {normalise(t) for c in official.values() for t in c["tests"].values()}
    equal = [where for where, text in own_texts(raw_criteria) if normalise(text) in sentences]
    assert not equal


def test_no_text_copies_a_long_run_of_official_text(official, raw_criteria):
    runs = runs_of([c["title"] for c in official.values()])
    runs |= runs_of([t for c in official.values() for t in c["tests"].values()])
    copied = {}
    for where, text in own_texts(raw_criteria):
        if run := copied_run(text, runs):
            copied[where] = run
    assert not copied


def test_copy_detector_catches_a_copied_sentence(official):
    """The two tests above must be able to fail: feed them official text."""
    title = official["1.1"]["title"]
    runs = runs_of([title])
    assert copied_run("Voir : " + title.replace("’", "'") + " Fin.", runs)
    assert copied_run("Chaque image porteuse d'information a une alternative.", runs) is None
    assert normalise(title) == normalise(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title))


# --- the loader ----------------------------------------------------------------------------


def test_loader_returns_the_whole_table():
    ref = load_referential()
    assert len(ref.themes) == 13
    assert [t.number for t in ref.themes] == list(range(1, 14))
    assert len(ref.criteria) == 106
    assert len(ref.tests) == 258
    assert ref.criteria["8.5"].level == "A"
    assert ref.criteria["8.7"].level == "AA"
    assert ref.tests["8.1.1"].automation == "auto"
    assert ref.tests["1.1.1"].criterion == "1.1"
    assert all(c.theme == int(c.id.split(".")[0]) for c in ref.criteria.values())
    assert all(c.title("en") and c.title("fr") for c in ref.criteria.values())
