"""`rgaa-audit criteria`: list the RGAA criteria, or with --coverage what the tool decides."""

from __future__ import annotations

import click

from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import set_language


@click.command()
@click.option("--coverage", is_flag=True,
              help="Quels contrôles servent chaque test, et s'ils peuvent conclure C ou NC.")
@click.option("--markdown", is_flag=True, help="Sortie en Markdown (sinon, texte).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def criteria(coverage: bool, markdown: bool, lang: str) -> None:
    """Liste les critères RGAA (ou, avec --coverage, ce que l'outil sait en décider)."""
    set_language(lang)
    if coverage:
        from rgaa_audit.checks.coverage import coverage_markdown, coverage_text

        text = coverage_markdown(lang) if markdown else coverage_text(lang)
        click.echo(text, nl=not text.endswith("\n"))
        return
    from rgaa_audit.referential import load_referential

    for theme in load_referential().themes:
        click.echo(f"{theme.number}. {theme.title(lang)}")
        for item in theme.criteria:
            classes = "".join(t.automation[0].upper() for t in item.tests)
            title = item.title(lang)
            click.echo(f"  {item.id:<6} {item.level:<3} {title}  [{classes}]  {item.url}")
