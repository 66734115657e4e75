"""`rgaa-audit demo`: serve the bundled demonstration portal on 127.0.0.1 and audit it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from rgaa_audit.cli.crawl_options import crawl_options, crawl_settings, split_crawl_options
from rgaa_audit.cli.errors import fatal_on_errors
from rgaa_audit.cli.language import say
from rgaa_audit.cli.options import gate_options, output_options
from rgaa_audit.cli.plan import make_plan
from rgaa_audit.cli.run import finish, run


@click.command()
@crawl_options
@output_options
@gate_options
@fatal_on_errors
def demo(out_dir: Path | None, browser_path: str | None, formats: str | None, lang: str | None,
         config_path: Path | None, fail_under: float | None, baseline_path: Path | None,
         verdicts_path: Path | None, exit_zero: bool, **options: Any) -> None:
    """Sert le portail de démonstration sur 127.0.0.1 et l'audite."""
    from rgaa_audit.demo.server import serve_demo

    plan = make_plan(config_path, out_dir, formats, lang, browser_path, fail_under,
                     baseline_path, exit_zero, verdicts_path=verdicts_path)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl, plan.config.crawl)
    with serve_demo() as base_url:
        click.echo(say("demo_served", url=base_url), err=True)
        report = run(base_url, [], plan.out_dir, settings, plan.browser_path, plan.lang)
    sys.exit(finish(report, plan))
