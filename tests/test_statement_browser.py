"""rgaa-audit's own audit of the statement it writes: no criterion NC, in French and English,
final and draft, with non-conformities, dérogations and exempt content listed.

Run as a script, it writes the screenshots of docs/statement/ (French and English, 1280 and
320 px) from a report folder:
    .venv/bin/python -m tests.test_statement_browser screenshots REPORT_DIR docs/statement
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from rgaa_audit.report.statement.render import render_statement
from rgaa_audit.report.statement.settings import parse_statement
from tests.test_statement import SETTINGS_TABLE, page, report, statuses_with

REPO = Path(__file__).resolve().parents[1]
FULL_SETTINGS = parse_statement({
    **SETTINGS_TABLE, "contact_form_url": "https://www.val-fleuri.fr/contact",
    "contact_page_url": "https://www.val-fleuri.fr/mairie", "average_rate": True,
    "report_url": "https://www.val-fleuri.fr/rapport.html", "arcom": True,
    "test_environments": ["NVDA 2024.4 et Firefox 133 (Windows 11)"],
    "exempt": [{"content": "Cartes IGN du centre-bourg", "reason": "Cartes en ligne",
                "alternative": "Adresses écrites sur la page Venir en mairie"}]})


def _sample_report() -> dict:
    statuses = statuses_with(70, 0)
    statuses.update({"1.1": "NC", "3.2": "NC", "11.1": "NC", "13.3": "NA"})
    rep = report(page("https://www.val-fleuri.fr/", "Accueil – Val-Fleuri", statuses),
                 page("https://www.val-fleuri.fr/actualites", "Actualités – Val-Fleuri",
                      {**statuses, "3.2": "C"}))
    rep["pages"][1]["criteria"]["13.3"]["manual"] = {
        "status": "NA", "page": "/actualites", "comment": "Archives en PDF image",
        "derogation": {"justification": "Numérisation de 4 000 pages", "until": "2027-06-30",
                       "alternative": "Version texte sur demande"}}
    return rep


def _audit(paths: list[Path], browser_choice) -> list[dict]:
    command = [sys.executable, str(REPO / "cli.py"), "page", *map(str, paths), "--format", "json"]
    if browser_choice.executable:
        command += ["--browser-path", str(browser_choice.executable)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    return json.loads(result.stdout)


def test_rgaa_audit_finds_no_nc_in_the_statement(tmp_path, browser_choice) -> None:
    rep = _sample_report()
    incomplete = _sample_report()
    incomplete["pages"][0]["criteria"]["9.1"]["status"] = "NT"
    from rgaa_audit.score.summary import build_summary
    incomplete["summary"] = build_summary(incomplete["pages"])
    paths = []
    for name, source, lang, draft in (("fr", rep, "fr", False), ("en", rep, "en", False),
                                      ("draft", incomplete, "fr", True),
                                      ("final-incomplete", incomplete, "en", False)):
        files = render_statement(source, FULL_SETTINGS, lang, draft, dt.date(2026, 12, 4))
        html = next(text for file, text in files.items() if file.endswith(".html"))
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    pages = _audit(paths, browser_choice)
    assert [p["status"] for p in pages] == ["audited"] * len(paths)
    failures = {(p["url"], cid): [f["message"] for f in cell["findings"]]
                for p in pages for cid, cell in p["criteria"].items() if cell["status"] == "NC"}
    assert failures == {}
    decided = {cid for p in pages for cid, cell in p["criteria"].items() if cell["status"] == "C"}
    assert {"8.3", "8.5"} <= decided  # the audit did read the pages


def screenshots(report_dir: Path, folder: Path, config: Path) -> list[Path]:
    """French and English statement of `report_dir` at 1280 and 320 px, as PNG in `folder`."""
    from playwright.sync_api import sync_playwright

    from rgaa_audit.capture.browser import find_browser
    from rgaa_audit.cli.config import load_config
    from rgaa_audit.store.files import load_report

    settings = load_config(config).statement
    assert settings is not None
    rep = load_report(report_dir)
    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    browser_path = find_browser().executable
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path or None)
        for lang in ("fr", "en"):
            files = render_statement(rep, settings, lang, draft=True)
            html_name = next(f for f in files if f.endswith(".html"))
            source = folder / html_name
            source.write_text(files[html_name], encoding="utf-8")
            for width in (1280, 320):
                tab = browser.new_page(viewport={"width": width, "height": 900})
                tab.goto(source.resolve().as_uri())
                shot = folder / f"statement-{lang}-{width}.png"
                tab.screenshot(path=str(shot), full_page=True)
                tab.close()
                shots.append(shot)
            source.unlink()
        browser.close()
    return shots


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "screenshots":
        config = Path(sys.argv[4]) if len(sys.argv) > 4 else Path("rgaa-audit.toml")
        for written in screenshots(Path(sys.argv[2]), Path(sys.argv[3]), config):
            print(written)
