"""`rgaa-audit history`: import, the table, the trends page, and one-line errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rgaa_audit.cli.app import cli
from tests.support.history import make_report


def test_import_table_and_page(tmp_path: Path) -> None:
    make_report(tmp_path / "r1", started_at="2026-01-05T09:00:00+00:00", nc={"1.1", "3.2"})
    make_report(tmp_path / "r2", started_at="2026-02-05T09:00:00+00:00", nc={"1.1"})
    db = str(tmp_path / "h.sqlite")
    runner = CliRunner()
    result = runner.invoke(cli, ["history", "import", str(tmp_path), "--db", db])
    assert result.exit_code == 0, result.output
    again = runner.invoke(cli, ["history", "import", str(tmp_path), "--db", db])
    assert "(2 audit(s) en tout)" in again.output  # idempotent
    out = tmp_path / "trends"
    result = runner.invoke(cli, ["history", "www.example-commune.fr", "--db", db,
                                 "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2026-01-05 09:00" in result.output and "2026-02-05 09:00" in result.output
    page = (out / "history.html").read_text()
    assert '<html lang="en">' in page and "Audit trends" in page
    assert page.count("<svg role=\"img\"") == 3 and "<desc" in page and "<table" in page
    assert "Taux global" not in page


def test_no_audit_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["history", "--db", str(tmp_path / "e.sqlite"),
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and "Aucun audit" in result.output
    assert "Aucun audit enregistré" in (tmp_path / "o" / "history.html").read_text()


def test_bad_db_url_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["history", "--db", "mysql://x/y", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "mysql://x/y" in result.output
