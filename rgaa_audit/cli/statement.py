"""`rgaa-audit statement REPORT`: write the déclaration d'accessibilité (HTML and Markdown).

The organisation's fields come from the `[statement]` block of the configuration; manual
verdicts (and their dérogations) from `--verdicts` or the configuration's `verdicts`. Both
files are rendered before either is written, each atomically: a wrong input writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit import i18n
from rgaa_audit.cli.config import CONFIG_FILE, ConfigError, load_config
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.cli.language import set_language
from rgaa_audit.cli.plan import read_verdicts
from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.report.statement.content import figures
from rgaa_audit.report.statement.render import render_statement
from rgaa_audit.report.statement.settings import StatementSettingsError
from rgaa_audit.store.files import load_report, write_text_atomic


@click.command()
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--verdicts", "verdicts_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Fichier de verdicts manuels (et dérogations) à appliquer.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Fichier de configuration (bloc [statement]).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (par défaut, celui du rapport).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="fr (par défaut) ; en : traduction d'aide, la version française fait foi.")
@click.option("--draft", is_flag=True,
              help="Projet : chiffres provisoires d'un audit incomplet, marqué PROJET.")
@fatal_on_errors
def statement(report_path: Path, verdicts_path: Path | None, config_path: Path | None,
              out_dir: Path | None, lang: str | None, draft: bool) -> None:
    """Rédige la déclaration d'accessibilité (HTML autonome et Markdown) d'un rapport."""
    set_language(lang)
    config = load_config(config_path)
    lang = set_language(lang or config.lang)
    source = config.path.name if config.path else CONFIG_FILE
    if config.path is None:
        raise FatalError(i18n.text("statement.cli.no_config", lang))
    if config.statement is None:
        raise FatalError(i18n.text("statement.cli.no_block", lang, source=source))
    try:
        settings = config.statement.require()
    except StatementSettingsError as error:
        raise FatalError(cause=ConfigError(error.problem, source, f"statement.{error.field}",
                                           **error.params)) from None
    report = load_report(report_path)
    verdicts_file = verdicts_path or config.verdicts
    if verdicts_file is not None:
        verdicts = read_verdicts(verdicts_file, lang)
        report = apply_verdicts(report, verdicts, load_referential(), verdicts_file.name).report
    files = render_statement(report, settings, lang, draft)
    folder = out_dir or (report_path if report_path.is_dir() else report_path.parent)
    found = figures(report)
    if not found.complete and not draft:
        click.echo(i18n.text("statement.cli.incomplete", lang, untested=found.untested), err=True)
    for name, text in files.items():
        write_text_atomic(folder / name, text)
        click.echo(str(folder / name))
