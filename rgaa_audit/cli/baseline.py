"""`rgaa-audit baseline save REPORT`: record a report's failures as the known ones."""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import say, set_language
from rgaa_audit.conclude.baseline import DEFAULT_BASELINE_FILE, save_baseline
from rgaa_audit.store.files import load_report


@click.group()
def baseline() -> None:
    """Fichier de référence : les constats déjà connus, pour ne bloquer que les nouveaux."""


@baseline.command("save")
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DEFAULT_BASELINE_FILE), show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def baseline_save(report_path: Path, output: Path, lang: str) -> None:
    """Enregistre les constats de REPORT (report.json ou son dossier) comme référence."""
    set_language(lang)
    saved = save_baseline(load_report(report_path), output)
    click.echo(say("baseline_saved", count=saved.total, pairs=len(saved.entries),
                   path=str(output)))
