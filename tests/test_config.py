"""Configuration: lookup, checks with one-line errors (exit 2), overrides, starter file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rgaa_audit.cli.config import (
    STARTER,
    Config,
    ConfigError,
    find_config,
    load_config,
    parse_config,
)
from rgaa_audit.cli.plan import RunPlan, make_plan
from rgaa_audit.cli.run import finish
from rgaa_audit.conclude.waivers import Waiver
from rgaa_audit.eco.budgets import EcoBudget
from tests.test_baseline import HOME, finding, make_report, page

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, timeout=60, cwd=cwd)


def parse(text: str) -> Config:
    return parse_config(tomllib.loads(text))


def test_full_config_is_read() -> None:
    config = parse("""
start_url = "https://mairie.example/"
lang = "en"
formats = ["sarif", "junit"]
out = "rapports"
[crawl]
max_pages = 12
page_timeout = 20
[gates]
fail_under = 60
min_average_rate = { value = 70, level = "warn" }
max_nc_criteria = 5
never_nc = ["1.1", "11.1"]
[eco_budget]
max_requests = 40
min_grade = "c"
level = "warn"
[[waivers]]
criterion = "4.1"
reason = "transcriptions commandées"
expires = 2030-06-30
""")
    assert config.start_url == "https://mairie.example/" and config.lang == "en"
    assert config.formats == ("sarif", "junit") and config.out == Path.cwd() / "rapports"
    assert config.crawl == {"max_pages": 12, "page_timeout": 20.0}
    gates = {g.name: (g.limit, g.level) for g in config.gates}
    assert gates["fail-under"] == (60.0, "error")
    assert gates["min-average-rate"] == (70.0, "warn")
    assert gates["never-nc"] == (("1.1", "11.1"), "error")
    assert gates["eco-budget"] == (EcoBudget(max_requests=40, min_grade="C"), "warn")
    assert config.waivers == (Waiver("4.1", "transcriptions commandées", dt.date(2030, 6, 30)),)


@pytest.mark.parametrize(("text", "key"), [
    ("colour = 1", "colour"),
    ("[crawl]\nmax_pagez = 3", "crawl.max_pagez"),
    ('[crawl]\nmax_pages = "dix"', "crawl.max_pages"),
    ("[crawl]\nmax_pages = 0", "crawl.max_pages"),
    ("[crawl]\nconcurrency = true", "crawl.concurrency"),
    ('[crawl]\nfollow_links = "oui"', "crawl.follow_links"),
    ("[gates]\nfail_under = 120", "gates.fail_under"),
    ("[gates]\nfail_over = 50", "gates.fail_over"),
    ('[gates]\nfail_under = { value = 50, level = "fatal" }', "gates.fail_under.level"),
    ("[gates]\nmax_nc_criteria = -1", "gates.max_nc_criteria"),
    ('[gates]\nnever_nc = ["1.1", "99.9"]', "gates.never_nc"),
    ('[eco_budget]\nmin_grade = "Z"', "eco_budget.min_grade"),
    ("[eco_budget]\nmax_weight = 3", "eco_budget.max_weight"),
    ('start_url = "ftp://x"', "start_url"),
    ('lang = "de"', "lang"),
    ('formats = ["pdf"]', "formats"),
    ('[[waivers]]\ncriterion = "4.1"\nreason = "r"', "waivers[0].expires"),
    ('[[waivers]]\ncriterion = "4.1"\nreason = "r"\nexpires = "bientôt"', "waivers[0].expires"),
    ('[[waivers]]\ncriterion = "42.1"\nreason = "r"\nexpires = 2030-01-01',
     "waivers[0].criterion"),
])
def test_wrong_key_or_value_names_the_key(text: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse(text)
    message = str(caught.value)
    assert f" : {key} : " in message and "\n" not in message


@pytest.mark.parametrize("text", ["[crawl]\nmax_pagez = 3", "[gates]\nfail_under = 'x'",
                                  "lang = ", '[[waivers]]\ncriterion = "1.1"'])
def test_cli_bad_config_is_a_one_line_error_exit_2(tmp_path: Path, text: str) -> None:
    (tmp_path / "rgaa-audit.toml").write_text(text, encoding="utf-8")
    for args in (("audit", "http://127.0.0.1:9/"), ("demo",), ("page", "x.html")):
        result = run(*args, "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        errors = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(errors) == 1 and errors[0].startswith("rgaa-audit : erreur"), result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_named_config_missing_is_exit_2(tmp_path: Path) -> None:
    result = run("demo", "--config", "absent.toml", cwd=tmp_path)
    assert result.returncode == 2 and "absent.toml" in result.stderr


def test_lookup_prefers_rgaa_audit_toml_then_pyproject(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text(
        "[tool.rgaa-audit]\nlang = 'en'\n[tool.rgaa-audit.crawl]\nmax_pages = 3\n",
        encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    config = load_config(folder=tmp_path)
    assert config.lang == "en" and config.crawl == {"max_pages": 3}
    (tmp_path / "rgaa-audit.toml").write_text("lang = 'fr'\n", encoding="utf-8")
    assert load_config(folder=tmp_path).lang == "fr"


def test_command_line_overrides_the_config(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "rgaa-audit.toml").write_text(
        "lang = 'en'\nout = 'r'\nformats = ['html']\n[gates]\nfail_under = 50\n"
        "max_nc_criteria = 3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    plan = make_plan(None, None, None, None, None, None, None, False)
    assert (plan.lang, plan.out_dir, plan.formats) == ("en", tmp_path / "r", ("json", "html"))
    assert {g.name: g.limit for g in plan.gates} == {"fail-under": 50.0, "max-nc-criteria": 3}
    plan = make_plan(None, tmp_path / "o", "sarif", "fr", None, 90.0, None, True)
    assert (plan.lang, plan.out_dir, plan.formats) == ("fr", tmp_path / "o", ("json", "sarif"))
    assert {g.name: g.limit for g in plan.gates} == {"fail-under": 90.0, "max-nc-criteria": 3}


def test_config_urls_file_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("# pages\nhttp://127.0.0.1:8000/a\n\nhttp://127.0.0.1:8000/b\n",
                                       encoding="utf-8")
    path = tmp_path / "rgaa-audit.toml"
    path.write_text("urls_file = 'urls.txt'\nbaseline = 'bl.json'\n", encoding="utf-8")
    config = load_config(path)
    assert config.urls == ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert config.baseline == tmp_path / "bl.json"


def test_init_writes_a_commented_starter_that_loads(tmp_path: Path) -> None:
    result = run("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "rgaa-audit.toml").read_text(encoding="utf-8")
    assert text == STARTER and "# Dérogations" in text
    assert load_config(tmp_path / "rgaa-audit.toml").crawl == {"max_pages": 50}
    example = re.compile(r"^# (\[\[?[a-z_]+\]\]?$|(?!urls)[a-z_]+ = )")
    uncommented = "\n".join(line[2:] if example.match(line) else line
                            for line in text.splitlines())
    assert parse_config(tomllib.loads(uncommented)).gates  # every example is valid too
    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr


def _plan_with(waivers: tuple[Waiver, ...], gates) -> RunPlan:
    return RunPlan(None, ("json",), "fr", None, gates, waivers, None, "", False, Config())


def test_waivers_are_shown_excluded_from_gates_and_warn_when_expired(capsys) -> None:
    from rgaa_audit.conclude.gates import Gate

    report = make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt")]))
    today = dt.date(2026, 1, 1)
    active = (Waiver("1.1", "refonte en cours", dt.date(2026, 6, 30)),)
    gate = (Gate("never-nc", ("1.1",)),)
    assert finish(report, _plan_with(active, gate), write=False, today=today) == 0
    assert report["pages"][0]["criteria"]["1.1"]["waived"]["reason"] == "refonte en cours"
    expired = (Waiver("1.1", "refonte en cours", dt.date(2025, 12, 31)),)
    report = make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt")]))
    assert finish(report, _plan_with(expired, gate), write=False, today=today) == 1
    err = capsys.readouterr().err
    assert "dérogation expirée" in err and "1.1" in err and "never-nc" in err


def test_crawl_paths_are_read_from_the_config_files_folder(tmp_path: Path) -> None:
    from rgaa_audit.cli.config import load_config

    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "etat.json").write_text("{}", encoding="utf-8")
    (folder / "rgaa-audit.toml").write_text('[crawl]\nstorage_state = "etat.json"\n',
                                            encoding="utf-8")
    config = load_config(folder / "rgaa-audit.toml")
    assert config.crawl["storage_state"] == str(folder / "etat.json")
