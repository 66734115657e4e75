"""`render --verdicts` and `audit --verdicts`: manual verdicts through the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests/fixtures/sample_report.json"
HEAD = 'schema = "rgaa-audit/verdicts/1"\n'


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "report.json")
    return tmp_path


def test_render_applies_the_verdicts_and_keeps_report_json(folder: Path) -> None:
    (folder / "verdicts.toml").write_text(
        HEAD + '[[verdict]]\npage = "/"\ncriterion = "1.1"\nstatus = "C"\nauditor = "A. M."\n'
        '[[verdict]]\npage = "/contact?b=2&a=1"\ncriterion = "1.1"\nstatus = "C"\n'
        '[[verdict]]\npage = "/contact?b=2&a=1"\ncriterion = "11.1"\nstatus = "C"\n',
        encoding="utf-8")
    before = (folder / "report.json").read_bytes()
    result = _cli("render", str(folder / "report.json"), "--verdicts",
                  str(folder / "verdicts.toml"), "--format", "json,html", "--out",
                  str(folder / "merged"), cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "report.json").read_bytes() == before
    merged = json.loads((folder / "merged/report.json").read_text("utf-8"))
    home = merged["pages"][0]["criteria"]["1.1"]
    assert (home["status"], home["source"], home["decided_by"], home["contested"]) == (
        "C", "manual", "A. M.", True)
    assert merged["summary"]["global_rate"] == 66.67  # 1.1 now C; 8.5 and 11.1 still NC elsewhere
    assert merged["manual"]["applied"] == 3


@pytest.mark.parametrize(("text", "lang", "expected"), [
    (HEAD + '[[verdict]]\npage = "/"\ncriterion = "1.1"\nstatus = "OK"\n', "fr",
     "verdicts.toml:5: verdict 1 : le statut « OK » doit être C, NC ou NA"),
    (HEAD + '[[verdict]]\npage = "/"\ncriterion = "99.1"\nstatus = "C"\n', "en",
     "verdicts.toml:4: verdict 1: \"99.1\" is not an RGAA 4.1.2 criterion"),
    (None, "en", "verdicts.toml: file not found"),
])
def test_a_bad_verdicts_file_is_one_line_exit_2_and_writes_nothing(folder, text, lang, expected):
    if text is not None:
        (folder / "verdicts.toml").write_text(text, encoding="utf-8")
    result = _cli("render", str(folder / "report.json"), "--verdicts", "verdicts.toml",
                  "--lang", lang, "--out", str(folder / "out"), cwd=folder)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr and not (folder / "out").exists()
    if text is not None:
        assert (folder / "verdicts.toml").read_text("utf-8") == text


def test_the_configuration_can_name_the_verdicts_file(tmp_path: Path) -> None:
    (tmp_path / "rgaa-audit.toml").write_text('verdicts = "v.toml"\n', encoding="utf-8")
    result = _cli("page", "nowhere.html", cwd=tmp_path)
    assert result.returncode == 2
    assert "v.toml" in result.stderr and "introuvable" in result.stderr
