"""`render --format grid`: the official audit grid filled from a report, read back by an
independent reader (python-calamine), and recalculated by LibreOffice where it is installed."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.conclude.verdicts_file import Verdicts
from rgaa_audit.report.grid import render_grid
from rgaa_audit.report.grid.export import GridExportError, template_path
from rgaa_audit.report.grid.extend import MAX_PAGES, GridExtendError, shift_references
from rgaa_audit.report.outputs import write_outputs
from tests.support.grid import (
    NO_SOFFICE,
    REF,
    SOFFICE,
    cell,
    completed_demo,
    demo_report,
    percent,
    read_sheets,
    recalculated,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_TEMPLATE = REPO.parent / "shared/rgaa/grid/rgaa4.1.2.modele-de-grille-d-audit.ods"
FIRST_ROW = 4  # criterion 1.1 on a page sheet
THEME_ROWS = {1: 12, 2: 15, 3: 19, 4: 33, 5: 42, 6: 45, 7: 51, 8: 62, 9: 67, 10: 82, 11: 96,
              12: 108, 13: 121}  # BaseDeCalcul subtotal rows


def _audited(report):
    return [p for p in report["pages"] if p["status"] == "audited"]


def _expected_statuses(report):
    """Per page, the status the grid must show: the report's, with the site-wide failures
    (8.6: same title on actualites and agenda) written NC on the pages they name."""
    expected = []
    named = {}
    for test, findings in report["site_findings"].items():
        for finding in findings:
            if finding["kind"] == "failure":
                for url in finding["params"]["urls"].split(", "):
                    named.setdefault(url, set()).add(".".join(test.split(".")[:2]))
    for page in _audited(report):
        statuses = {c: v["status"] for c, v in page["criteria"].items()}
        for criterion in named.get(page["url"], ()):
            statuses[criterion] = "NC"
        expected.append(statuses)
    return expected


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    report = completed_demo()
    folder = tmp_path_factory.mktemp("grid")
    [path] = write_outputs(report, folder, ["grid"], "fr")
    return report, path, read_sheets(path)


def test_the_shipped_template_is_the_official_file_byte_for_byte() -> None:
    if not SHARED_TEMPLATE.exists():
        pytest.skip(f"{SHARED_TEMPLATE} not present")
    assert template_path().read_bytes() == SHARED_TEMPLATE.read_bytes()
    assert (template_path().parent / "SOURCE.txt").read_text("utf-8").count("Licence Ouverte")


def test_only_the_content_changes_and_the_file_is_a_valid_ods(exported) -> None:
    _, path, _ = exported
    ours = zipfile.ZipFile(path)
    official = zipfile.ZipFile(template_path())
    assert ours.namelist()[0] == "mimetype"
    assert ours.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert ours.namelist() == official.namelist()
    for name in official.namelist():
        if name != "content.xml":
            assert ours.read(name) == official.read(name), name
    assert ours.read("content.xml") != official.read("content.xml")


def test_the_sample_sheet_lists_every_audited_page(exported) -> None:
    report, _, sheets = exported
    pages = _audited(report)
    assert len(pages) == 18
    assert cell(sheets, "Échantillon", 3, 2) == "04/12/2026"
    assert cell(sheets, "Échantillon", 4, 2) == "Claire Test"
    assert "1420 verdict(s) manuel(s)" in cell(sheets, "Échantillon", 5, 2)
    assert cell(sheets, "Échantillon", 6, 2) == "127.0.0.1"
    for number, page in enumerate(pages, 1):
        row = 8 + number
        assert cell(sheets, "Échantillon", row, 1) == f"P{number:02d}"
        assert cell(sheets, "Échantillon", row, 2) == page["title"]
        assert cell(sheets, "Échantillon", row, 3) == page["final_url"]
        assert cell(sheets, f"P{number:02d}", 2, 1) == f"{page['title']} : {page['final_url']}"
    for row in (27, 28):  # P19, P20: not in the sample
        assert cell(sheets, "Échantillon", row, 2) == cell(sheets, "Échantillon", row, 3) == ""


def test_every_page_sheet_holds_the_report_s_statuses_cell_by_cell(exported) -> None:
    report, _, sheets = exported
    expected = _expected_statuses(report)
    for number, statuses in enumerate(expected, 1):
        sheet = f"P{number:02d}"
        for offset in range(106):
            criterion = cell(sheets, sheet, FIRST_ROW + offset, 2)
            assert cell(sheets, sheet, FIRST_ROW + offset, 4) == statuses[criterion], (
                sheet, criterion)
    for sheet in ("P19", "P20"):
        assert {cell(sheets, sheet, FIRST_ROW + o, 4) for o in range(106)} == {"NA"}
    assert expected[2]["8.6"] == expected[3]["8.6"] == "NC"  # the shared title
    assert "Actualités – Val-Fleuri-sur-Lène" in cell(sheets, "P03", 46 + 5, 6)


def test_findings_recommendations_and_derogations_are_written(exported) -> None:
    report, _, sheets = exported
    pages = _audited(report)
    number = next(n for n, p in enumerate(pages, 1) if p["url"].endswith("/carte.html"))
    sheet = f"P{number:02d}"
    row_1_6 = FIRST_ROW + 5
    assert cell(sheets, sheet, row_1_6, 2) == "1.6"
    assert cell(sheets, sheet, row_1_6, 4) == "NA"
    assert cell(sheets, sheet, row_1_6, 5) == "D"
    comment = cell(sheets, sheet, row_1_6, 7)
    assert "Carte fournie par un tiers" in comment and "2027-06-30" in comment
    assert "Plan accessible en PDF" in comment
    derogated = [(n, o) for n in range(1, 21) for o in range(106)
                 if cell(sheets, f"P{n:02d}", FIRST_ROW + o, 5) == "D"]
    assert derogated == [(number, row_1_6 - FIRST_ROW)]
    # a failure found by the checks, with its selector, and a manual recommendation
    failures = [(n, c, f) for n, p in enumerate(pages, 1) for c, v in p["criteria"].items()
                for f in v["findings"]]
    n, criterion, finding = failures[0]
    row = next(FIRST_ROW + o for o in range(106)
               if cell(sheets, f"P{n:02d}", FIRST_ROW + o, 2) == criterion)
    text = cell(sheets, f"P{n:02d}", row, 6)
    assert finding["test"] in text and finding["selector"] in text
    assert any("Recommandation : Décrire l'image" in str(cell(sheets, f"P{n:02d}", r, 6))
               for n in range(1, 19) for r in range(FIRST_ROW, FIRST_ROW + 106))


def test_the_grid_s_own_totals_and_rates_are_stored_and_equal_rgaa_audit_s(exported) -> None:
    report, _, sheets = exported
    expected = _expected_statuses(report)
    # Synthèse rows 6-10 (C, NC, NA, D, NT) count page x criterion cells per theme
    for column, theme in enumerate(range(1, 14), 3):
        for row, status in ((6, "C"), (7, "NC"), (8, "NA"), (10, "NT")):
            count = sum(s == status for page in expected for c, s in page.items()
                        if c.split(".")[0] == str(theme))
            if status == "NA":  # the two unused page sheets are all NA
                count += 2 * sum(1 for c in expected[0] if c.split(".")[0] == str(theme))
            assert cell(sheets, "Synthèse", row, column) == count, (theme, status)
    assert cell(sheets, "Synthèse", 10, 17) == 0
    summary = report["summary"]
    assert summary["complete"] is True
    assert percent(cell(sheets, "Synthèse", 15, 2)) == pytest.approx(summary["global_rate"],
                                                                       abs=0.005)
    rates = []
    for statuses in expected:
        values = list(statuses.values())
        c, nc = values.count("C"), values.count("NC")
        rates.append(c / (c + nc))
    average = round(100 * sum(rates) / len(rates), 1)
    assert percent(cell(sheets, "Synthèse", 18, 2)) == pytest.approx(average)
    # rgaa-audit's average differs only by the site-wide failure written on two pages
    assert abs(average - summary["average_rate"]) < 0.5


def test_an_unfinished_audit_gives_no_rate_as_the_grid_says(tmp_path) -> None:
    report = demo_report()
    (tmp_path / "g.ods").write_bytes(render_grid(report))
    sheets = read_sheets(tmp_path / "g.ods")
    nt = sum(s == "NT" for page in _expected_statuses(report) for s in page.values())
    assert nt > 1000 and cell(sheets, "Synthèse", 10, 17) == nt
    assert str(cell(sheets, "Synthèse", 15, 2)).startswith("Pourcentage indisponible")


def test_untrusted_titles_and_urls_stay_text_and_bounded(tmp_path) -> None:
    report = completed_demo()
    page = _audited(report)[0]
    page["title"] = "=HYPERLINK(\"http://x\")\x00\x07<b>&amp;</b>" + "é" * 5000
    page["final_url"] = "http://127.0.0.1/?q=<script>"
    path = tmp_path / "g.ods"
    path.write_bytes(render_grid(report))
    title = cell(read_sheets(path), "Échantillon", 9, 2)
    assert title.startswith("=HYPERLINK(\"http://x\")<b>&amp;</b>é") and len(title) <= 300
    content = zipfile.ZipFile(path).read("content.xml").decode()
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert 'table:formula="of:=HYPERLINK' not in content


def test_a_report_without_audited_pages_is_refused(tmp_path) -> None:
    report = demo_report()
    for page in report["pages"]:
        page["status"] = "timeout"
    with pytest.raises(GridExportError):
        render_grid(report)
    (tmp_path / "report.json").write_text(json.dumps(report), "utf-8")
    run = subprocess.run([sys.executable, str(REPO / "cli.py"), "render",
                          str(tmp_path / "report.json"), "--format", "grid"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "aucune page auditée" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "grille-audit.ods").exists()


def test_the_render_command_writes_the_grid(tmp_path) -> None:
    report = completed_demo()
    (tmp_path / "report.json").write_text(json.dumps(report), "utf-8")
    run = subprocess.run([sys.executable, str(REPO / "cli.py"), "render",
                          str(tmp_path / "report.json"), "--format", "grid"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("grille-audit.ods")
    assert zipfile.ZipFile(io.BytesIO((tmp_path / "grille-audit.ods").read_bytes())).testzip() \
        is None


def _differences(ours, theirs, only=None):
    """Cells whose value differs between two readings of a workbook (both ways)."""
    found = []
    for name in theirs if only is None else only:
        height = max(len(ours[name]), len(theirs[name]))
        for r in range(1, height + 1):
            width = max(len(ours[name][r - 1]) if r <= len(ours[name]) else 0,
                        len(theirs[name][r - 1]) if r <= len(theirs[name]) else 0)
            for c in range(1, width + 1):
                mine, value = cell(ours, name, r, c), cell(theirs, name, r, c)
                if value != mine and not (isinstance(value, float) and isinstance(mine, float)
                                          and abs(value - mine) < 1e-9):
                    found.append((name, r, c, mine, value))
    return found


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_recalculating_the_grid_finds_the_stored_values(exported, tmp_path) -> None:
    """Headless LibreOffice loads the grid recomputing every formula: each cell equals what
    rgaa-audit stored, and the grid's own global rate is rgaa-audit's."""
    report, path, ours = exported
    theirs = read_sheets(recalculated(path, tmp_path))
    assert _differences(ours, theirs) == []
    assert percent(cell(theirs, "Synthèse", 15, 2)) == pytest.approx(
        report["summary"]["global_rate"], abs=0.005)


def _bigger(pages: int) -> dict:
    """The completed demo grown to `pages` pages (copies under new URLs), the last copy
    with one more NC, so that the rate moves only if that page is counted."""
    report = completed_demo()
    audited = _audited(report)
    number = 0
    while len(_audited(report)) < pages:
        page = copy.deepcopy(audited[number % len(audited)])
        number += 1
        page["url"] = page["final_url"] = f"{page['url'].rstrip('/')}/copie-{number}"
        report["pages"].append(page)
    last = _audited(report)[-1]
    criterion = next(c for c, v in last["criteria"].items()
                     if v["status"] == "C" and report["summary"]["criteria"][c] == "C")
    last["criteria"][criterion]["status"] = "NC"
    return apply_verdicts(report, Verdicts(()), REF).report


def test_shifting_references_for_more_pages() -> None:
    assert shift_references('of:=COUNTIF([.D3:.W3];"C")', "BaseDeCalcul", 5) == \
        'of:=COUNTIF([.D3:.AB3];"C")'
    assert shift_references("of:=[BaseDeCalcul.$X12]", "Synthèse", 5) == \
        "of:=[BaseDeCalcul.$AC12]"
    assert shift_references("of:=SUM([.W3:.W11])", "BaseDeCalcul", 5) == "of:=SUM([.W3:.W11])"
    assert shift_references("of:=[.X3]", "Synthèse", 5) == "of:=[.X3]"
    assert shift_references("of:=[BaseDeCalcul.AB3:.AB120]", "Synthèse", 2) == \
        "of:=[BaseDeCalcul.AD3:.AD120]"


def test_more_than_20_pages_extend_the_sheets_and_the_calculation_base(tmp_path) -> None:
    report = _bigger(25)
    path = tmp_path / "grille-audit.ods"
    path.write_bytes(render_grid(report))
    sheets = read_sheets(path)
    assert [n for n in sheets if n.startswith("P")][-6:] == [f"P{n}" for n in range(20, 26)]
    assert [cell(sheets, "BaseDeCalcul", 1, c) for c in range(23, 33)] == [
        "P20", "P21", "P22", "P23", "P24", "P25", "C", "NC", "NA", "NT"]
    pages = _audited(report)
    assert cell(sheets, "Échantillon", 33, 1) == "P25"
    assert cell(sheets, "Échantillon", 33, 3) == pages[24]["final_url"]
    assert cell(sheets, "P25", 2, 1).endswith(pages[24]["final_url"])
    assert sum(cell(sheets, "Synthèse", r, 17) for r in (6, 7, 8, 10)) == 25 * 106
    assert percent(cell(sheets, "Synthèse", 15, 2)) == pytest.approx(
        report["summary"]["global_rate"], abs=0.005)
    assert report["summary"]["global_rate"] < completed_demo()["summary"]["global_rate"]
    if SOFFICE is not None:
        theirs = read_sheets(recalculated(path, tmp_path))
        assert cell(theirs, "Synthèse", 15, 2) == cell(sheets, "Synthèse", 15, 2)
        assert cell(theirs, "Synthèse", 18, 2) == cell(sheets, "Synthèse", 18, 2)
        assert _differences(sheets, theirs, ["BaseDeCalcul", "Synthèse", "P25"]) == []


def test_a_sample_beyond_the_limit_is_refused() -> None:
    report = completed_demo()
    page = _audited(report)[0]
    report["pages"] = [dict(page, url=f"{page['url']}x{n}", final_url=f"{page['url']}x{n}")
                       for n in range(MAX_PAGES + 1)]
    with pytest.raises(GridExtendError, match="201 pages"):
        render_grid(report)
