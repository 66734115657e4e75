"""`rgaa-audit render REPORT`: write other formats from an existing report.json."""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import set_language
from rgaa_audit.cli.plan import read_verdicts
from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.report.outputs import parse_formats, write_outputs
from rgaa_audit.store.files import load_report


@click.command()
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (par défaut, celui du rapport).")
@click.option("--format", "formats", default="html", show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--verdicts", "verdicts_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Fichier de verdicts manuels (verdicts.toml) à appliquer.")
@fatal_on_errors
def render(report_path: Path, out_dir: Path | None, formats: str, lang: str,
           verdicts_path: Path | None) -> None:
    """Produit d'autres formats à partir d'un report.json existant."""
    set_language(lang)
    report = load_report(report_path)
    if verdicts_path is not None:
        verdicts = read_verdicts(verdicts_path, lang)
        report = apply_verdicts(report, verdicts, load_referential(), verdicts_path.name).report
    folder = out_dir or (report_path if report_path.is_dir() else report_path.parent)
    for path in write_outputs(report, folder, parse_formats(formats), lang):
        click.echo(str(path))
