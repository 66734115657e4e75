"""`rgaa-audit diff OLD NEW`: compare two report.json files (rates, criteria, findings, eco)."""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import set_language
from rgaa_audit.conclude.diff import diff_reports
from rgaa_audit.report.diff import render_diff_markdown, render_diff_text
from rgaa_audit.store.files import load_report


@click.command()
@click.argument("old_path", type=click.Path(exists=True, path_type=Path))
@click.argument("new_path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def diff(old_path: Path, new_path: Path, output: str, lang: str) -> None:
    """Compare deux report.json : taux, critères, constats nouveaux et corrigés, écoconception."""
    set_language(lang)
    old, new = load_report(old_path), load_report(new_path)
    changes = diff_reports(old, new)
    text = (render_diff_markdown(new, changes, lang) if output == "markdown"
            else render_diff_text(changes, lang))
    click.echo(text, nl=not text.endswith("\n"))
