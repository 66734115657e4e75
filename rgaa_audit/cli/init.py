"""`rgaa-audit init`: write a commented starter configuration file."""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit.cli.config import CONFIG_FILE, STARTER
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.cli.language import set_language
from rgaa_audit.store.files import write_text_atomic


@click.command()
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(CONFIG_FILE), show_default=True)
@click.option("--force", is_flag=True, help="Remplacer un fichier existant.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def init(output: Path, force: bool, lang: str) -> None:
    """Écrit un fichier de configuration de départ, commenté."""
    set_language(lang)
    if output.exists() and not force:
        raise FatalError(key="file_exists", path=str(output))
    write_text_atomic(output, STARTER)
    click.echo(str(output))
