"""The command line speaks the language asked, entirely: `--lang en` prints no French and the
French default no English, on a failing gate, a bad configuration key and a bad URL; a bad
input is still one line and exit code 2, whatever the language."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rgaa_audit.cli.language import set_language
from rgaa_audit.conclude.baseline import Baseline
from rgaa_audit.conclude.gates import Gate
from rgaa_audit.conclude.waivers import Waiver
from tests.test_baseline import FORM, HOME, finding, make_report, page

REPO = Path(__file__).resolve().parents[1]
PAGE = ("<!DOCTYPE html><html lang='fr'><head><title>Mairie</title></head>"
        "<body><main><h1>Bonjour</h1><img src='x.png'></main></body></html>")

# Words that only one of the two languages uses in rgaa-audit's messages.
FRENCH = {"le", "la", "les", "des", "du", "et", "sur", "aucun", "seuil", "taux", "erreur",
          "erreurs", "attention", "respecté", "auditée", "auditées", "critère", "critères",
          "décidés", "testés", "échec", "inconnue", "clé", "valeur", "invalide", "attendu",
          "dérogation", "nouveau", "référence", "faites", "corrigé", "inchangé", "constat",
          "nombre", "avertissement", "introuvable", "fichier"}
ENGLISH = {"the", "of", "and", "no", "error", "errors", "gate", "rate", "failed", "passed",
           "audited", "invalid", "unknown", "key", "expected", "found", "warning", "done",
           "queued", "criteria", "decided", "tested", "overall", "new", "fixed", "unchanged",
           "number", "finding", "baseline", "waiver", "ended", "counts"}
LINE_PREFIX = {"fr": "rgaa-audit : erreur :", "en": "rgaa-audit: error:"}


def words(text: str) -> set[str]:
    """The words of `text`; paths, URLs, quoted values and identifiers (fail-under) left out."""
    kept = [token for token in text.split() if not re.search(r"[/:='-]|\.toml|\.html", token)]
    return {w.lower() for w in re.findall(r"[^\W\d_]+", " ".join(kept))}


def assert_speaks(text: str, lang: str) -> None:
    other = ENGLISH if lang == "fr" else FRENCH
    assert text.strip()
    assert not words(text) & other, (sorted(words(text) & other), text)
    if lang == "en":
        assert not re.search("[éèêàùçâîôû«»]", text), text


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def assert_one_line_error(result: subprocess.CompletedProcess, lang: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(LINE_PREFIX[lang]), result.stderr
    assert_speaks(result.stderr, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("url", ["xyz-123", "ftp://example.org/"])
def test_bad_url(lang: str, url: str) -> None:
    assert_one_line_error(run("audit", url, "--lang", lang, "--out", "/tmp/rgaa-never"), lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("text", ["nonsense = 1\n", "[gates]\nfail_under = 'x'\n",
                                  "[[waivers]]\ncriterion = '1.1'\nreason = 'r'\nexpires = 'x'\n",
                                  "formats = ['pdf']\n", "[gates\n"])
def test_bad_config(tmp_path: Path, lang: str, text: str) -> None:
    (tmp_path / "rgaa-audit.toml").write_text(text, encoding="utf-8")
    assert_one_line_error(run("audit", "http://127.0.0.1:9/", "--lang", lang, cwd=tmp_path),
                          lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_other_bad_inputs(tmp_path: Path, lang: str) -> None:
    assert_one_line_error(run("page", "/nonexistent/x.html", "--lang", lang), lang)
    assert_one_line_error(run("audit", "http://127.0.0.1:9/", "--format", "pdf", "--lang", lang),
                          lang)
    assert_one_line_error(run("page", "--browser-path", "/nonexistent/chromium", "--lang", lang,
                              "x.html"), lang)
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert_one_line_error(run("audit", "http://127.0.0.1:9/", "--baseline",
                              str(tmp_path / "bad.json"), "--lang", lang), lang)


def test_configuration_language_applies_when_no_lang_is_given(tmp_path: Path) -> None:
    (tmp_path / "rgaa-audit.toml").write_text("lang = 'en'\n", encoding="utf-8")
    assert_one_line_error(run("audit", "xyz-123", cwd=tmp_path), "en")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_failing_gates_baseline_and_waivers_are_said_in_one_language(lang, tmp_path,
                                                                     capsys) -> None:
    from rgaa_audit.cli.config import Config
    from rgaa_audit.cli.plan import RunPlan
    from rgaa_audit.cli.run import finish

    eco_heavy = {"requests": 90, "transfer_bytes": 3_000_000, "decoded_bytes": 10,
                 "dom_elements": 80, "by_type": {}}
    def keyed(test: str, selector: str) -> dict:  # a finding as checks store it: key, params
        return {**finding(test, selector), "key": "check.field-label.no-label", "params": {}}

    report = make_report(page(HOME, [keyed("1.1.1", "#logo")], eco=eco_heavy),
                         page(FORM, [keyed("11.1.1", "#nom"), keyed("8.7.1", "#en")]))
    known = Baseline.from_report(make_report(page(FORM, [finding("11.1.1", "#nom")])))
    from rgaa_audit.eco.budgets import EcoBudget

    gates = (Gate("fail-under", 90.0), Gate("min-average-rate", 90.0, "warn"),
             Gate("max-nc-criteria", 0), Gate("never-nc", ("1.1",)),
             Gate("eco-budget", EcoBudget(max_requests=10, min_grade="A")))
    waivers = (Waiver("8.7", "r", dt.date(2020, 1, 1)),)
    plan = RunPlan(tmp_path, ("json",), lang, None, gates, waivers, known, "bl.json", False,
                   Config())
    set_language(lang)
    try:
        assert finish(report, plan, today=dt.date(2026, 1, 1)) == 1
    finally:
        set_language(None)
    printed = capsys.readouterr()
    assert printed.err.count("rgaa-audit") >= 8
    assert_speaks(printed.out + printed.err, lang)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_failing_gate_on_a_real_page(tmp_path: Path, lang: str) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    result = run("page", str(saved), "--fail-under", "100", "--lang", lang, "--out",
                 str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "fail-under" in result.stderr
    assert_speaks(result.stdout + result.stderr, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plugin_failure_text_is_in_one_language(lang: str) -> None:
    from rgaa_audit.pytest_plugin import check_report, describe

    report = make_report(page(HOME, [{**finding("11.1.1", "#nom"),
                                      "key": "check.field-label.no-label", "params": {}}]))
    _, problems = check_report(report, settings=None, lang=lang)
    assert [p.criterion for p in problems] == ["11.1"]
    from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude

    failing = conclude(make_report(page(HOME, [finding("11.1.1", "#nom")])),
                       ConclusionSettings(gates=(Gate("fail-under", 90.0),)))
    assert_speaks(describe(HOME, problems, failing, lang), lang)


def test_own_tables_have_the_same_keys_and_parameters_in_both_languages() -> None:
    from rgaa_audit.i18n import catalogue, parameters

    tables = ("cli.", "config.", "gate.", "diff.", "browser.", "outputs.", "baseline.",
              "plugin.")
    french = {k: v for k, v in catalogue("fr").items() if k.startswith(tables)}
    english = {k: v for k, v in catalogue("en").items() if k.startswith(tables)}
    assert french.keys() == english.keys() and len(french) > 100
    assert all(parameters(french[k]) == parameters(english[k]) for k in french), [
        k for k in french if parameters(french[k]) != parameters(english[k])]


def test_reports_show_the_gate_detail_in_their_language() -> None:
    from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
    from rgaa_audit.report.markdown import render_markdown

    report = conclude(make_report(page(HOME, [finding("11.1.1", "#nom")])),
                      ConclusionSettings(gates=(Gate("never-nc", ("11.1",)),))).report
    assert "critère(s) interdits en NC : 11.1" in report["gates"][0]["detail"]  # stored in French
    english, french = render_markdown(report, "en"), render_markdown(report, "fr")
    assert "criteria that must never be NC: 11.1" in english and "interdits" not in english
    assert "critère(s) interdits en NC : 11.1" in french
    report["gates"][0]["params"] = {"hit": 5}  # a hand-edited report: the stored text is shown
    assert "critère(s) interdits en NC : 11.1" in render_markdown(report, "en")
