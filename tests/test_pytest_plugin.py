"""pytest plugin: finding selection and messages without a browser; one run in a real suite."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from rgaa_audit.pytest_plugin import describe, page_problems
from tests.test_baseline import finding, page

REPO = Path(__file__).resolve().parents[1]


def sample_page() -> dict:
    return page("http://127.0.0.1:8000/contact.html", [
        finding("1.1.1", "#logo", "axe:image-alt", snippet="<img id=logo>",
                message="image sans alternative"),
        finding("11.1.1", "#nom", snippet="<input id=nom>"),
        finding("8.7.1", "span.en", "rgaa-audit:lang-change"),
    ])


def test_criteria_filter_and_allow() -> None:
    assert [p.criterion for p in page_problems(sample_page())] == ["1.1", "8.7", "11.1"]
    assert [p.test for p in page_problems(sample_page(), ["1.1", "11.1"])] == ["1.1.1", "11.1.1"]
    assert [p.criterion for p in page_problems(sample_page(), allow=["axe:image-alt", "8.7"])] \
        == ["11.1"]
    assert page_problems(sample_page(), ["11.1"], allow=["11.1.1"]) == []


def test_message_has_criterion_selector_snippet_message_and_link() -> None:
    text = describe("http://127.0.0.1:8000/contact.html", page_problems(sample_page(), ["1.1"]))
    assert "1 non-conformité(s)" in text
    for part in ("1.1 (test 1.1.1, axe:image-alt)", "image sans alternative", "#logo",
                 "<img id=logo>", "https://accessibilite.numerique.gouv.fr/"):
        assert part in text


def test_entry_point_is_declared() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pytest11]\nrgaa_audit = "rgaa_audit.pytest_plugin"' in text


USER_TESTS = '''
from pathlib import Path

from playwright.sync_api import sync_playwright

from rgaa_audit.capture.browser import find_browser

BAD = "<!DOCTYPE html><html lang='fr'><head><title>T</title></head><body><main>" \\
      "<h1>Essai</h1><img src='x.png'><label>Nom <input name=n></label></main></body></html>"


def test_file_fails_on_image(rgaa_check, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(BAD, encoding="utf-8")
    rgaa_check(path, criteria=["1.1"])


def test_file_passes_on_forms(rgaa_check, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(BAD, encoding="utf-8")
    rgaa_check(str(path), criteria=["11.1"])


def test_playwright_page_content(rgaa_check):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_browser().executable))
        page = browser.new_page()
        page.set_content(BAD)
        try:
            rgaa_check(page, criteria=["1.1"], allow=["axe:image-alt"])
            rgaa_check(page, criteria=["1.1"])
        finally:
            browser.close()
'''


@pytest.mark.browser
@pytest.mark.slow
def test_fixture_in_a_user_suite(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(USER_TESTS, encoding="utf-8")
    installed = any(ep.name == "rgaa_audit" for ep in entry_points(group="pytest11"))
    load = [] if installed else ["-p", "rgaa_audit.pytest_plugin"]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *load, "test_user.py"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    out = result.stdout
    assert "2 failed, 1 passed" in out, out
    assert "RGAA : " in out and "non-conformité(s)" in out
    assert "1.1 (test 1.1." in out and "img" in out
    assert "https://accessibilite.numerique.gouv.fr/" in out
    failed = {line.split("::")[1].split()[0] for line in out.splitlines()
              if line.startswith("FAILED")}
    assert failed == {"test_file_fails_on_image", "test_playwright_page_content"}
