"""`rgaa-audit worker --broker URL`: a Celery worker that audits the sites batches send.

Start one per machine (or several): each takes one site at a time per process
(`--concurrency`), records it in the history (`--db`, else the one the batch named) and writes
its folder on the storage the batch's output folder is on (the same path on every machine).
"""

from __future__ import annotations

import click

from rgaa_audit.cli.errors import fatal_on_errors


@click.command()
@click.option("--broker", required=True, metavar="URL",
              help="Courtier Celery : redis://hôte:6379/0 (ou amqp://… pour RabbitMQ).")
@click.option("--db", "db", default=None, metavar="URL",
              help="Base de l'historique de ce worker (sinon celle que le lot indique).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Sites audités en même temps par ce worker (un processus chacun).")
@click.option("--hostname", default=None, help="Nom du worker (par défaut : celery@machine).")
@click.option("--loglevel", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
              default="INFO", show_default=True)
@fatal_on_errors
def worker(broker: str, db: str | None, concurrency: int, hostname: str | None,
           loglevel: str) -> None:
    """Worker Celery qui audite les sites envoyés par « rgaa-audit batch --engine celery »."""
    from rgaa_audit.batch.celery_app import start_worker

    raise SystemExit(start_worker(broker, db, concurrency, hostname, loglevel))
