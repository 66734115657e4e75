"""The command line: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.routes import Route, serve_routes

REPO = Path(__file__).resolve().parents[1]
GOOD_PAGE = ("<!DOCTYPE html><html lang='fr'><head><title>Mairie</title></head>"
             "<body><main><h1>Bonjour</h1><img src='x.png'></main></body></html>")


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int = 2) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("rgaa-audit : erreur")]
    assert len(lines) == 1, result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and "rgaa-audit" in result.stdout


@pytest.mark.parametrize("url", ["pas-une-url", "ftp://example.org/", "http://"])
def test_bad_url_is_a_one_line_error(url: str) -> None:
    assert_one_line_error(run("audit", url, "--out", "/tmp/rgaa-never-written"))


def test_bad_format_is_a_one_line_error() -> None:
    assert_one_line_error(run("audit", "http://127.0.0.1:9/", "--format", "pdf"))


def test_missing_browser_path_is_a_one_line_error() -> None:
    assert_one_line_error(run("page", "--browser-path", "/nonexistent/chromium", "x.html"))


def test_missing_file_is_a_one_line_error() -> None:
    assert_one_line_error(run("page", "/nonexistent/page.html"))


@pytest.mark.browser
def test_unreachable_host_is_a_one_line_error(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    result = run("audit", "http://127.0.0.1:9/", "--out", str(tmp_path))
    assert_one_line_error(result)
    assert "injoignable" in result.stderr
    assert (tmp_path / "report.json").is_file()  # what was gathered is kept


@pytest.mark.browser
def test_non_html_start_page_is_a_one_line_error(tmp_path: Path) -> None:
    with serve_routes({"/": Route(b"%PDF-1.4", content_type="application/pdf"),
                       "/d": Route('{"a": 1}', content_type="application/json")}) as base:
        result = run("audit", base + "/d", "--out", str(tmp_path))
    assert_one_line_error(result)
    assert "non HTML" in result.stderr


@pytest.mark.browser
def test_page_json_on_a_saved_file(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(GOOD_PAGE, encoding="utf-8")
    result = run("page", str(saved), "--format", "json")
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert len(pages) == 1 and pages[0]["status"] == "audited"
    assert pages[0]["criteria"]["1.1"]["status"] == "NC"
    assert pages[0]["criteria"]["8.3"]["tests"]["8.3.1"] == "C"
