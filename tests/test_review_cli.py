"""`rgaa-audit review`: one clear line for a wrong folder or verdicts file, and a server on
127.0.0.1 whose printed URL (with its token) answers while other paths get 403."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from rgaa_audit.cli.app import cli
from tests.test_review_app import make_out_dir

REPO = Path(__file__).resolve().parents[1]


def test_a_folder_without_report_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path), "--no-open"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"rgaa-audit : erreur : {tmp_path} : pas de report.json ici (donnez le dossier d'un audit)"]


def test_a_bad_verdicts_file_is_one_line_naming_file_and_line(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    bad = tmp_path / "v.toml"
    bad.write_text('schema = "rgaa-audit/verdicts/1"\n[[verdict]]\npage = "/"\n'
                   'criterion = "1.1"\nstatus = "OK"\n', encoding="utf-8")
    before = bad.read_bytes()
    result = CliRunner().invoke(cli, ["review", str(out), "--verdicts", str(bad), "--no-open",
                                      "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.strip() == (f'rgaa-audit: error: {bad}:5: verdict 1: status "OK" '
                                     "must be C, NC or NA (NT is what no verdict means)")
    assert bad.read_bytes() == before


def test_the_command_serves_on_127_0_0_1_with_a_token(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    process = subprocess.Popen(
        [sys.executable, str(REPO / "cli.py"), "review", str(out), "--no-open", "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        line = process.stdout.readline()
        found = re.match(r"^Review served at (http://127\.0\.0\.1:(\d+)/([\w-]{20,})/)$",
                         line.strip())
        assert found, line
        url, port = found.group(1), found.group(2)
        deadline = time.monotonic() + 10
        while True:
            try:
                answer = httpx.get(url, timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status_code == 200 and '<html lang="en">' in answer.text
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 403
        assert httpx.get(f"http://127.0.0.1:{port}/{found.group(3)[:-1]}/",
                         timeout=5).status_code == 403
        assert httpx.get(url, headers={"host": "attacker.example"}, timeout=5).status_code == 403
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert not (out / "verdicts.toml").exists()


@pytest.mark.slow
def test_the_app_templates_and_static_files_ship_in_the_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path),
                    str(REPO)], check=True, capture_output=True, timeout=600)
    names = set(zipfile.ZipFile(next(tmp_path.glob("rgaa_audit-*.whl"))).namelist())
    package = REPO / "rgaa_audit" / "review"
    for folder in ("templates", "static"):
        for path in (package / folder).iterdir():
            assert f"rgaa_audit/review/{folder}/{path.name}" in names
    assert "rgaa_audit/cli/review.py" in names
