"""`rgaa-audit init`: write a commented starter configuration file."""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit.cli.config import CONFIG_FILE, STARTER
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.store.files import write_text_atomic


@click.command()
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(CONFIG_FILE), show_default=True)
@click.option("--force", is_flag=True, help="Remplacer un fichier existant.")
@fatal_on_errors
def init(output: Path, force: bool) -> None:
    """Écrit un fichier de configuration de départ, commenté."""
    if output.exists() and not force:
        raise FatalError(f"{output} existe déjà (--force pour le remplacer)")
    write_text_atomic(output, STARTER)
    click.echo(str(output))
