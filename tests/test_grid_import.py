"""`rgaa-audit grid import`: grids filled by a script in each official layout read back as
verdicts; export -> import -> render gives the same statuses and rates; bad grids are one
line, exit 2, and nothing written."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from rgaa_audit.conclude.grid_import import GridFileError, import_grid, load_grid
from rgaa_audit.conclude.grid_import.ods import CELL, Workbook, set_text
from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.conclude.verdicts_file import Verdicts, load_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.report.grid import render_grid
from rgaa_audit.report.grid.export import template_path
from tests.support.grid import completing_verdicts, demo_report, path_of

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared/rgaa/grid"
LAYOUTS = {
    "2026-20p": "rgaa4.1.2.modele-de-grille-d-audit.ods",
    "2023-20p": "rgaa4.1.modele-de-grille-d-audit.ods",
    "2023-40p": "rgaa4.1.modele-de-grille-d-audit_40p_v1.ods",
}
REF = load_referential()
CRITERIA = list(REF.criteria)
FIRST_ROW = 3  # 0-based row of criterion 1.1 on a page sheet


def _template(layout: str) -> Path:
    path = SHARED / LAYOUTS[layout] if layout in LAYOUTS else template_path()
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def _status(page: int, index: int) -> str:
    """A pattern every status appears in, different on each page."""
    return ("C", "NC", "NA", "C", "NT", "C")[(page + index) % 6]


def _fill(layout: str, pages: int, out: Path, *, old_labels: bool = False) -> Path:
    """A grid filled the way a person would: sample, statuses, one dérogation, a
    recommendation; unused page sheets all NA with their sample row emptied."""
    workbook = Workbook(_template(layout).read_bytes(), "template")
    sample = workbook.sheet("Échantillon")
    if old_labels:
        set_text(sample.cell(2, 0), "Date\u00a0: 03/12/2026")
        set_text(sample.cell(3, 0), "Auditeur\u00a0: Marie Curie")
    else:
        set_text(sample.cell(2, 1), "03/12/2026")
        set_text(sample.cell(3, 1), "Marie Curie")
    slots = sum(1 for name in workbook.sheets if name.startswith("P") and name[1:].isdigit())
    for number in range(1, slots + 1):
        used = number <= pages
        set_text(sample.cell(7 + number, 1), f"Page {number}" if used else "")
        set_text(sample.cell(7 + number, 2), f"https://www.ville.fr/p{number}" if used else "")
        sheet = workbook.sheet(f"P{number:02d}")
        for index in range(106):
            row = FIRST_ROW + index
            set_text(sheet.cell(row, 3), _status(number, index) if used else "NA")
        if used and number == 1:
            set_text(sheet.cell(FIRST_ROW, 4), "D")
            set_text(sheet.cell(FIRST_ROW, 6), "Archives de 2015\njusqu'au 2027-01-31\n"
                                                "alternative : version texte sur demande")
            set_text(sheet.cell(FIRST_ROW + 1, 5), "Donner un alt vide au logo")
    out.write_bytes(workbook.to_bytes())
    return out


def _expected(pages: int) -> dict[tuple[str, str], str]:
    return {(f"https://www.ville.fr/p{n}", c): _status(n, i)
            for n in range(1, pages + 1) for i, c in enumerate(CRITERIA)
            if _status(n, i) != "NT"}


@pytest.mark.parametrize(("layout", "pages", "old"), [
    ("2026-20p", 7, False), ("2023-20p", 20, True), ("2023-40p", 33, True)])
def test_each_official_layout_filled_by_a_script_is_read_back(tmp_path, layout, pages, old):
    path = _fill(layout, pages, tmp_path / "grid.ods", old_labels=old)
    imported = import_grid(path, REF)
    got = {(v.page, v.criterion): v.status for v in imported.verdicts}
    assert got == _expected(pages)
    assert imported.pages == pages
    assert imported.untested == sum(_status(n, i) == "NT" for n in range(1, pages + 1)
                                    for i in range(106))
    first = {v.criterion: v for v in imported.verdicts if v.page.endswith("/p1")}
    derogation = first["1.1"].derogation
    assert derogation is not None and derogation.justification == "Archives de 2015"
    assert (derogation.until, derogation.alternative) == ("2027-01-31", "version texte sur demande")
    assert first["1.2"].recommendation == "Donner un alt vide au logo"
    assert {v.auditor for v in imported.verdicts} == {"Marie Curie"}
    assert {v.date for v in imported.verdicts} == {"2026-12-03"}


def _insert_column(workbook: Workbook, sheet_name: str, before: int, label: str,
                   values: dict[int, str]) -> None:
    """Insert a column into a page sheet, as a team adding its own column would."""
    sheet = workbook.sheet(sheet_name)
    for row in range(0, FIRST_ROW + 106):
        target = sheet.cell(row, before)
        new = etree.Element(CELL)
        target.addprevious(new)
        text = label if row == FIRST_ROW - 1 else values.get(row, "")
        set_text(new, text)


def test_columns_are_found_by_their_labels_and_extra_columns_kept(tmp_path) -> None:
    path = _fill("2026-20p", 2, tmp_path / "grid.ods")
    workbook = Workbook(path.read_bytes(), str(path))
    _insert_column(workbook, "P02", 3, "Remarque", {FIRST_ROW + 4: "vu avec l'équipe"})
    _insert_column(workbook, "P02", 9, "Priorité", {FIRST_ROW + 4: "haute"})
    path.write_bytes(workbook.to_bytes())
    imported = import_grid(path, REF)
    assert {(v.page, v.criterion): v.status for v in imported.verdicts} == _expected(2)
    cell = next(v for v in imported.verdicts if v.page.endswith("/p2") and v.criterion == "1.5")
    assert cell.comment == "Remarque : vu avec l'équipe\nPriorité : haute"


def _without_site_findings(report):
    report = copy.deepcopy(report)
    report["site_findings"] = {}
    return report


def _cells(report):
    return {(p["url"], c): v["status"] for p in report["pages"] if p["status"] == "audited"
            for c, v in p["criteria"].items()}


@pytest.mark.parametrize("site_findings", [False, True])
def test_export_import_render_gives_the_same_statuses_and_rates(tmp_path, site_findings):
    automatic = demo_report() if site_findings else _without_site_findings(demo_report())
    completed = apply_verdicts(automatic, completing_verdicts(automatic), REF).report
    (tmp_path / "grid.ods").write_bytes(render_grid(completed))
    imported = import_grid(tmp_path / "grid.ods", REF, automatic, "report.json")
    assert imported.untested == 0
    again = apply_verdicts(automatic, Verdicts(imported.verdicts), REF).report
    assert again["manual"]["recheck"] == [] and again["manual"]["orphaned"] == []
    before, after = completed["summary"], again["summary"]
    assert after["complete"] and after["criteria"] == before["criteria"]
    assert after["global_rate"] == before["global_rate"]
    if not site_findings:
        assert _cells(again) == _cells(completed)
        assert [p["rate"] for p in again["pages"]] == [p["rate"] for p in completed["pages"]]
        assert after["average_rate"] == before["average_rate"]
    else:  # 8.6 (same title on two pages) is NC on those pages in the grid, hence after
        changed = {k for k in _cells(again) if _cells(again)[k] != _cells(completed)[k]}
        assert {(path_of(u), c) for u, c in changed} == {("/actualites.html", "8.6"),
                                                         ("/agenda.html", "8.6")}
    derogated = [v for v in imported.verdicts if v.derogation is not None]
    assert [(v.page, v.criterion) for v in derogated] == [("/carte.html", "1.6")]
    assert derogated[0].derogation.until == "2027-06-30"
    assert all(v.fingerprint for v in imported.verdicts)


def test_the_cli_writes_a_verdicts_file_that_render_applies(tmp_path) -> None:
    automatic = demo_report()
    completed = apply_verdicts(automatic, completing_verdicts(automatic), REF).report
    (tmp_path / "grid.ods").write_bytes(render_grid(completed))
    (tmp_path / "report.json").write_text(json.dumps(automatic), "utf-8")
    run = _cli("grid", "import", str(tmp_path / "grid.ods"), "--report",
               str(tmp_path / "report.json"), "--out", str(tmp_path / "v.toml"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "verdict(s) imported from 18 page(s)" in run.stdout
    verdicts = load_verdicts(tmp_path / "v.toml", REF)
    assert len(verdicts) > 1000 and {v.tool for v in verdicts} == {"rgaa-audit 0.1.0"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, timeout=120)


def _spoil(tmp_path: Path, change) -> Path:
    path = _fill("2026-20p", 3, tmp_path / "bad.ods")
    workbook = Workbook(path.read_bytes(), str(path))
    change(workbook)
    path.write_bytes(workbook.to_bytes())
    return path


def _renamed(workbook: Workbook) -> None:
    workbook.sheet("Échantillon").element.set(
        "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}name", "Sample")


BAD = {
    "status": (lambda wb: set_text(wb.sheet("P02").cell(12, 3), "OK"),
               "feuille P02, cellule D13 : statut « OK » inconnu"),
    "derogation": (lambda wb: set_text(wb.sheet("P03").cell(5, 4), "Oui"),
                   "feuille P03, cellule E6 : dérogation « OUI » inconnue"),
    "derogation_comment": (lambda wb: set_text(wb.sheet("P03").cell(5, 4), "D"),
                           "feuille P03, cellule E6 : dérogation D sans commentaire"),
    "no_url": (lambda wb: set_text(wb.sheet("Échantillon").cell(9, 2), ""),
               "ligne 10 : la page P02 n'a pas d'URL"),
    "criterion": (lambda wb: set_text(wb.sheet("P01").cell(FIRST_ROW + 105, 1), "14.1"),
                  "feuille P01, cellule B109 : critère « 14.1 » inconnu"),
    "missing": (lambda wb: set_text(wb.sheet("P01").cell(FIRST_ROW + 105, 1), ""),
                "feuille P01 : 1 critère(s) absent(s), dont 13.12"),
    "no_status_column": (lambda wb: set_text(wb.sheet("P01").cell(2, 3), "État"),
                         "feuille P01 : colonne « Statut » introuvable"),
    "not_a_grid": (_renamed, "ce n'est pas une grille d'audit RGAA"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_grid_is_one_line_exit_2_and_nothing_written(tmp_path, case) -> None:
    change, message = BAD[case]
    path = _spoil(tmp_path, change)
    with pytest.raises(GridFileError) as error:
        load_grid(path, REF)
    assert error.value.text("fr").startswith(str(path)) and message in error.value.text("fr")
    if case not in ("status", "no_url", "not_a_grid"):
        return  # the command line is run for a few cases (each run starts Python)
    out = tmp_path / "verdicts.toml"
    out.write_text("# the user's file\n", "utf-8")
    run = _cli("grid", "import", str(path), "--out", str(out))
    assert run.returncode == 2, run.stdout
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert str(path) in run.stderr and message in run.stderr
    assert out.read_text("utf-8") == "# the user's file\n"


def test_files_that_are_not_grids_are_refused(tmp_path) -> None:
    text = tmp_path / "notes.ods"
    text.write_text("not a spreadsheet", "utf-8")
    other = tmp_path / "other.ods"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    for path in (text, other):
        run = _cli("grid", "import", str(path), "--out", str(tmp_path / "v.toml"))
        assert run.returncode == 2 and "n'est pas un tableur OpenDocument" in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "v.toml").exists()


def test_a_page_missing_from_the_report_is_named(tmp_path) -> None:
    path = _fill("2026-20p", 2, tmp_path / "grid.ods")
    (tmp_path / "report.json").write_text(json.dumps(demo_report()), "utf-8")
    run = _cli("grid", "import", str(path), "--report", str(tmp_path / "report.json"),
               "--out", str(tmp_path / "v.toml"))
    assert run.returncode == 2
    assert "feuille P01 : la page https://www.ville.fr/p1 n'est pas dans le rapport" in run.stderr
    assert not (tmp_path / "v.toml").exists()
