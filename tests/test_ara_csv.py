"""--format ara-csv: Ara's exchange grid (Critères, Éléments transverses, pages; C/NC/NA/NT)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from rgaa_audit.report.ara_csv import render_ara_csv
from rgaa_audit.report.outputs import FORMATS, parse_formats
from rgaa_audit.store.files import write_json_atomic
from tests.test_statement import REF, REPO, page, report, statuses_with


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_header_rows_and_statuses() -> None:
    statuses = statuses_with(60, 20)
    statuses["1.1"] = "NT"
    rep = report(page("https://x.fr/", "Accueil", statuses),
                 page("https://x.fr/contact", "Contact", {**statuses, "11.1": "NC"}))
    rows = _rows(render_ara_csv(rep))
    assert rows[0] == ["Critères", "Éléments transverses", "Accueil", "Contact"]
    assert [r[0] for r in rows[1:]] == list(REF.criteria)  # 106 rows, RGAA order
    assert len(rows) == 107
    by_id = {r[0]: r[1:] for r in rows[1:]}
    assert by_id["1.1"] == ["NA", "NT", "NT"]
    assert by_id["11.1"][2] == "NC"
    assert {cell for r in rows[1:] for cell in r[1:]} <= {"C", "NC", "NA", "NT"}


def test_same_header_in_english() -> None:
    rep = report(page("https://x.fr/", "Accueil", statuses_with(60, 0)))
    assert _rows(render_ara_csv(rep, lang="en"))[0][:2] == ["Critères", "Éléments transverses"]


def test_transverse_column_holds_site_wide_and_transverse_verdicts() -> None:
    first = page("https://x.fr/", "Accueil", statuses_with(60, 0))
    second = page("https://x.fr/a", "A", statuses_with(60, 0))
    for item in (first, second):
        item["criteria"]["12.6"].update(status="C", transverse="header")
    second["criteria"]["12.6"]["status"] = "NC"
    findings = {"8.6.1": [{"test": "8.6.1", "kind": "failure", "selector": "html",
                           "snippet": "", "message": "", "source": "x"}]}
    by_id = {r[0]: r[1] for r in _rows(render_ara_csv(report(first, second,
                                                            site_findings=findings)))[1:]}
    assert by_id["8.6"] == "NC" and by_id["12.6"] == "NC" and by_id["1.1"] == "NA"


def test_page_names_are_neutralised_bounded_and_distinct() -> None:
    rep = report(page("https://x.fr/", '=HYPERLINK("http://evil")', statuses_with(1, 0)),
                 page("https://x.fr/b", "Actualités", statuses_with(1, 0)),
                 page("https://x.fr/c", "Actualités", statuses_with(1, 0)),
                 page("https://x.fr/d", "x" * 500 + ",\n\"y", statuses_with(1, 0)),
                 page("https://x.fr/e", "", statuses_with(1, 0)))
    header = _rows(render_ara_csv(rep))[0]
    assert header[2].startswith("'=")
    assert header[3:5] == ["Actualités", "Actualités (2)"]
    assert len(header[5]) <= 200 and "\n" not in header[5]
    assert header[6] == "https://x.fr/e"
    assert len(_rows(render_ara_csv(rep))) == 107  # quoting kept every row whole


def test_format_is_registered_and_rendered_by_the_cli(tmp_path) -> None:
    assert parse_formats("ara-csv") == ("ara-csv",)
    assert FORMATS["ara-csv"][0] == "report.ara.csv"
    write_json_atomic(tmp_path / "report.json",
                      report(page("https://x.fr/", "Accueil", statuses_with(60, 0))))
    result = subprocess.run([sys.executable, str(REPO / "cli.py"), "render",
                             str(tmp_path / "report.json"), "--format", "ara-csv"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "report.ara.csv").read_text(encoding="utf-8")
    assert text.startswith("Critères,Éléments transverses,Accueil\n1.1,NA,C\n")
