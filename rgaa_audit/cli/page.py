"""`rgaa-audit page TARGET…`: audit single pages (local files or URLs) without crawling."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from rgaa_audit.cli.crawl_options import Concurrency
from rgaa_audit.cli.errors import FatalError, check_url, fatal_on_errors
from rgaa_audit.cli.language import say, set_language
from rgaa_audit.cli.options import gate_options
from rgaa_audit.cli.plan import make_plan
from rgaa_audit.cli.run import finish, run
from rgaa_audit.crawl.settings import CrawlSettings


def _page_url(target: str) -> str:
    if target.startswith(("http://", "https://")):
        return check_url(target)
    path = Path(target)
    if not path.is_file():
        raise FatalError(key="no_such_file", path=target)
    return path.resolve().as_uri()


@click.command()
@click.argument("targets", nargs=-1)
@click.option("--format", "output", default="text", show_default=True,
              help="text ou json : résultat sur la sortie standard. Avec --out : formats des "
                   "fichiers (json, html, sarif, junit, gitlab, markdown), résumé en texte.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier où écrire les rapports (sinon rien n'est écrit).")
@click.option("--page-timeout", type=click.FloatRange(1, 600), default=None,
              help="Délai maximal par page, en secondes (30).")
@click.option("--concurrency", type=Concurrency(), default=None,
              help="Onglets qui auditent en parallèle (2 par défaut, ou auto).")
@click.option("--browser-path", type=str, default=None)
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None)
@gate_options
@fatal_on_errors
def page(targets: tuple[str, ...], output: str, out_dir: Path | None, page_timeout: float | None,
         concurrency: int | None, browser_path: str | None, lang: str | None,
         config_path: Path | None,
         fail_under: float | None, baseline_path: Path | None, verdicts_path: Path | None,
         exit_zero: bool) -> None:
    """Audite des pages isolées (fichiers locaux ou URL), sans parcourir le site."""
    set_language(lang)
    stdout_format = output.strip().lower()
    if out_dir is None and stdout_format not in ("text", "json"):
        raise FatalError(key="page_format", value=repr(output))
    file_formats = None if out_dir is None or stdout_format == "text" else output
    plan = make_plan(config_path, out_dir, file_formats, lang, browser_path, fail_under,
                     baseline_path, exit_zero, verdicts_path=verdicts_path)
    if out_dir is None:
        plan = dataclasses.replace(plan, out_dir=None)
    urls = [_page_url(t) for t in targets] or list(plan.config.urls)
    if not urls:
        raise FatalError(key="no_pages")
    timeout = page_timeout or plan.config.crawl.get("page_timeout", 30.0)
    tabs = concurrency or plan.config.crawl.get("concurrency", 2)
    settings = CrawlSettings(len(urls), timeout, concurrency=max(1, min(tabs, len(urls))),
                             follow_links=False)
    report = run(None, urls, plan.out_dir, settings, plan.browser_path, plan.lang)
    pages = report["pages"]
    if not any(p["status"] == "audited" for p in pages):
        first_error = next((p.get("error") for p in pages if p.get("error")), None)
        raise FatalError(key="nothing_audited", reason=first_error or say("unknown_reason"))
    if out_dir is None and stdout_format == "json":
        click.echo(json.dumps(pages, ensure_ascii=False, indent=1))
    else:
        for page_data in pages:
            rate = page_data.get("rate")
            nc = sorted(c for c, v in page_data.get("criteria", {}).items()
                        if v["status"] == "NC")
            click.echo(say("page_line", url=page_data["url"],
                           status=say(f"status.{page_data['status']}"))
                       + (say("page_rate", rate=f"{rate:.2f} %") if rate is not None else "")
                       + (say("page_nc", criteria=" ".join(nc)) if nc else "")
                       + (f" ({page_data['error']})" if page_data.get("error") else ""))
    sys.exit(finish(report, plan, write=out_dir is not None))
