"""`rgaa-audit grid import FILE.ods --out verdicts.toml`: a filled audit grid as verdicts.

The export is `rgaa-audit render REPORT --format grid`. The import reads the whole grid and
checks it before anything is written; the verdicts file is then replaced atomically.
"""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit import i18n
from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import language, set_language
from rgaa_audit.conclude.grid_import import import_grid
from rgaa_audit.conclude.verdicts_file import write_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.store.files import load_report


@click.group()
def grid() -> None:
    """Grille d'audit officielle (ODS) : import des verdicts d'une grille remplie."""


@grid.command("import")
@click.argument("grid_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--report", "report_path", type=click.Path(exists=True, path_type=Path),
              default=None, help="report.json dont les pages sont associées par URL.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("verdicts.toml"), show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def grid_import(grid_path: Path, report_path: Path | None, out_path: Path, lang: str) -> None:
    """Lit une grille d'audit remplie (FILE.ods) et en écrit les verdicts manuels."""
    set_language(lang)
    report = load_report(report_path) if report_path is not None else None
    imported = import_grid(grid_path, load_referential(), report,
                           str(report_path) if report_path else "")
    write_verdicts(out_path, imported.verdicts)
    click.echo(i18n.text("grid.imported", language(), count=len(imported.verdicts),
                         pages=imported.pages, out=str(out_path)))
    if imported.untested:
        click.echo(i18n.text("grid.skipped_nt", language(), count=imported.untested))
