"""Options shared by the commands that audit: where to write, in what formats, which gates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from rgaa_audit.report.outputs import DEFAULT_FORMATS

DEFAULT_OUT = "rgaa-audit-report"


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where and how to write the reports (defaults: the configuration, then built-in)."""
    options = [
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=None, help=f"Dossier où écrire les rapports ({DEFAULT_OUT})."),
        click.option("--browser-path", type=str, default=None,
                     help="Chemin de l'exécutable Chromium à utiliser."),
        click.option("--format", "formats", default=None,
                     help="Formats de sortie, séparés par des virgules : json, html, sarif, "
                          f"junit, gitlab, markdown ({','.join(DEFAULT_FORMATS)})."),
        click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
                     help="Langue des rapports (fr)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def gate_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Configuration file, gates and baseline: the same on audit, demo and page."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     default=None, help="Fichier de configuration (par défaut : rgaa-audit.toml "
                                        "ou [tool.rgaa-audit] de pyproject.toml, s'ils existent)."),
        click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
                     help="Taux global minimal (%) ; en dessous, code de sortie 1."),
        click.option("--baseline", "baseline_path",
                     type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Fichier de référence : seuls les nouveaux constats comptent."),
        click.option("--verdicts", "verdicts_path",
                     type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Fichier de verdicts manuels (verdicts.toml) à appliquer au rapport."),
        click.option("--exit-zero", is_flag=True, default=False,
                     help="Toujours sortir avec 0 quand l'audit a pu se faire (seuils affichés)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
