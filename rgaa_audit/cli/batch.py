"""`rgaa-audit batch portfolio.toml`: audit every site of a portfolio, then its dashboard.

Each site is audited in OUT/sites/<slug>/ by local worker processes (`--engine local`, the
default) or by Celery workers (`--engine celery --broker redis://…`, started with
`rgaa-audit worker`), recorded in the history (`--db`), and summed up in OUT/index.html and
OUT/portfolio.csv. The same command started again after a kill resumes the batch.
"""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit import i18n
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.cli.language import language, set_language
from rgaa_audit.cli.portfolio import load_portfolio

DEFAULT_OUT = "rgaa-audit-batch"


def _say(key: str, **params: object) -> str:
    return i18n.text(f"batch.cli.{key}", language(), **params)


@click.command()
@click.argument("portfolio_path", metavar="PORTFOLIO",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db", default=None, metavar="URL",
              help="Base de l'historique : chemin SQLite ou URL (postgresql://…) ; "
                   "par défaut $RGAA_AUDIT_DB, sinon le fichier de l'utilisateur.")
@click.option("--engine", type=click.Choice(["local", "celery"]), default="local",
              show_default=True, help="local : processus de cette machine ; celery : "
                                      "tâches Celery pour les workers (rgaa-audit worker).")
@click.option("--broker", default=None, metavar="URL",
              help="Courtier Celery (redis://hôte:6379/0 ou amqp://…), avec --engine celery.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Processus locaux (--engine local) : sites audités en même temps.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=f"Dossier du lot (par défaut {DEFAULT_OUT}).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Langue du tableau de bord et des rapports (fr par défaut).")
@click.option("--browser-path", "browser_path", default=None,
              help="Chemin de l'exécutable Chromium.")
@fatal_on_errors
def batch(portfolio_path: Path, db: str | None, engine: str, broker: str | None,
          workers: int, out_dir: Path | None, lang: str | None,
          browser_path: str | None) -> None:
    """Audite chaque site d'un portefeuille ([[site]]) et écrit son tableau de bord."""
    from rgaa_audit.batch.dashboard import write_dashboard
    from rgaa_audit.batch.run import close_run, open_run
    from rgaa_audit.batch.site import SiteOutcome, finished_in

    set_language(lang)
    portfolio = load_portfolio(portfolio_path)
    lang = set_language(lang or portfolio.lang)
    if engine == "celery" and not broker:
        raise FatalError(_say("broker_needed"))
    out = out_dir or Path(DEFAULT_OUT)
    context, resumed = open_run(out, portfolio, lang, db, browser_path)
    todo = [job for job in portfolio.sites
            if not finished_in(context.site_dir(job.slug), context.run_id)]
    if resumed:
        click.echo(_say("resumed", run=context.run_id, done=len(portfolio.sites) - len(todo),
                        total=len(portfolio.sites)), err=True)
    by_slug = {job.slug: job for job in portfolio.sites}

    def report(outcome: SiteOutcome) -> None:
        job = by_slug[outcome.slug]
        if outcome.state == "done":
            click.echo(_say("site_done", label=job.label[:80], slug=job.slug), err=True)
        else:
            click.echo(_say("site_failed", label=job.label[:80], error=outcome.error[:200]),
                       err=True)

    if engine == "celery":
        from rgaa_audit.batch.celery_app import run_celery

        run_celery(todo, context, str(broker), on_done=report)
    else:
        from rgaa_audit.batch.local import run_local

        run_local(todo, context, workers, on_done=report)
    paths = write_dashboard(portfolio, context)
    close_run(context)
    for path in paths:
        click.echo(str(path))
