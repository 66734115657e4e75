"""`rgaa-audit audit URL`: crawl a site from one address (same origin) and audit it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from rgaa_audit.cli.crawl_options import crawl_options, crawl_settings, split_crawl_options
from rgaa_audit.cli.errors import FatalError, check_url, fatal_on_errors
from rgaa_audit.cli.options import gate_options, output_options
from rgaa_audit.cli.plan import make_plan
from rgaa_audit.cli.run import finish, run


@click.command()
@click.argument("url", required=False)
@crawl_options
@output_options
@gate_options
@fatal_on_errors
def audit(url: str | None, out_dir: Path | None, browser_path: str | None, formats: str | None,
          lang: str | None, config_path: Path | None, fail_under: float | None,
          baseline_path: Path | None, verdicts_path: Path | None, exit_zero: bool,
          **options: Any) -> None:
    """Parcourt le site à partir de URL (même origine) et l'audite.

    Sans URL : l'adresse de départ (start_url) ou la liste (urls) de la configuration.
    """
    plan = make_plan(config_path, out_dir, formats, lang, browser_path, fail_under,
                     baseline_path, exit_zero, verdicts_path=verdicts_path)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl, plan.config.crawl)
    urls: list[str] = []
    if url is None and plan.config.urls:
        urls = list(plan.config.urls)
    elif url is None and not plan.config.start_url:
        raise FatalError(key="no_address")
    start = check_url(url or plan.config.start_url) if not urls else None
    report = run(start, urls, plan.out_dir, settings, plan.browser_path, plan.lang)
    sys.exit(finish(report, plan))
