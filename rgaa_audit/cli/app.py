"""The `rgaa-audit` command group: every command, one module each, gathered here.

Exit codes: 0 done; 1 done but a gate failed; 2 bad usage or fatal error (one line, no traceback).
"""

from __future__ import annotations

import click

from rgaa_audit import __version__
from rgaa_audit.cli.audit import audit
from rgaa_audit.cli.baseline import baseline
from rgaa_audit.cli.batch import batch
from rgaa_audit.cli.criteria import criteria
from rgaa_audit.cli.demo import demo
from rgaa_audit.cli.diff import diff
from rgaa_audit.cli.grid import grid
from rgaa_audit.cli.history import history
from rgaa_audit.cli.init import init
from rgaa_audit.cli.language import set_language
from rgaa_audit.cli.page import page
from rgaa_audit.cli.render import render
from rgaa_audit.cli.review import review
from rgaa_audit.cli.statement import statement
from rgaa_audit.cli.worker import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rgaa-audit")
def cli() -> None:
    """Audit d'accessibilité (RGAA 4.1.2) et d'écoconception de sites web."""
    set_language(None)


for command in (audit, demo, page, render, review, init, baseline, diff, criteria):
    cli.add_command(command)
cli.add_command(grid)
cli.add_command(statement)
cli.add_command(history)
cli.add_command(batch)
cli.add_command(worker)


def main() -> None:
    """Entry point of the `rgaa-audit` command."""
    cli(prog_name="rgaa-audit")
