"""`rgaa-audit audit URL`: crawl a site from one address (same origin) and audit it."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

from rgaa_audit.cli.crawl_options import crawl_options, crawl_settings, split_crawl_options
from rgaa_audit.cli.errors import FatalError, check_url, fatal_on_errors
from rgaa_audit.cli.options import gate_options, output_options
from rgaa_audit.cli.plan import make_plan
from rgaa_audit.cli.run import finish, run
from rgaa_audit.store.history import resolve_url


@click.command()
@click.argument("url", required=False)
@crawl_options
@output_options
@gate_options
@click.option("--db", "history_db", metavar="PATH|URL", default=None,
              help="Base d'historique où enregistrer l'audit (fichier SQLite ou URL "
                   "postgresql://…) ; défaut : history_db, $RGAA_AUDIT_DB, sinon le fichier "
                   "de l'utilisateur.")
@click.option("--no-history", is_flag=True, default=False,
              help="Ne pas enregistrer l'audit dans l'historique.")
@fatal_on_errors
def audit(url: str | None, out_dir: Path | None, browser_path: str | None, formats: str | None,
          lang: str | None, config_path: Path | None, fail_under: float | None,
          baseline_path: Path | None, verdicts_path: Path | None, exit_zero: bool,
          history_db: str | None, no_history: bool, **options: Any) -> None:
    """Parcourt le site à partir de URL (même origine) et l'audite.

    Sans URL : l'adresse de départ (start_url) ou la liste (urls) de la configuration.
    """
    plan = make_plan(config_path, out_dir, formats, lang, browser_path, fail_under,
                     baseline_path, exit_zero, verdicts_path=verdicts_path)
    if history_db:
        resolve_url(history_db)  # a mistyped address fails now, not after the crawl
    plan = dataclasses.replace(
        plan, record_history=True,
        history_db=False if no_history else history_db or plan.config.history_db)
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
