"""The Celery engine: each site audit is a task on a broker (Redis, or RabbitMQ alike).

Delivery is at least once and storage is idempotent:
- `task_acks_late`: a task is acknowledged when it ends, not when a worker takes it, so a
  worker that dies mid-audit leaves it to be delivered again (`task_reject_on_worker_lost`
  when only its pool process died; Redis's visibility timeout when the whole machine did);
- `worker_prefetch_multiplier = 1`: a worker reserves one audit per process, never a stack
  that would wait behind a long site;
- the task id names the batch run and the site, and `audit_site` (batch/site.py) resumes or
  reuses the site's folder, so a task delivered twice stores its site once.

`RGAA_AUDIT_VISIBILITY_TIMEOUT` (seconds, default 3600) sets how long Redis waits before it
gives an unacknowledged task of a vanished worker to another; a longer audit is delivered
again while it runs, which the folder lock makes harmless (the copy waits, then reuses).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from celery import Celery

from rgaa_audit.batch.portfolio import SiteJob
from rgaa_audit.batch.site import BatchContext, SiteOutcome, finished_in, read_marker
from rgaa_audit.batch.tasks import DB_SETTING, TASK, register

QUEUE = "rgaa-audit"
VISIBILITY_ENV = "RGAA_AUDIT_VISIBILITY_TIMEOUT"


def result_backend(broker: str) -> str:
    """Redis keeps the results itself; with RabbitMQ they come back as RPC messages."""
    return broker if broker.startswith(("redis://", "rediss://")) else "rpc://"


def make_app(broker: str, db: str | None = None) -> Celery:
    """A Celery app on `broker` with the audit task; `db`: the worker's own history URL."""
    visibility = max(1, int(os.environ.get(VISIBILITY_ENV, "3600")))
    app = Celery("rgaa_audit")
    app.conf.update(
        broker_url=broker,
        result_backend=result_backend(broker),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_track_started=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_default_queue=QUEUE,
        result_expires=7 * 24 * 3600,
        broker_connection_retry_on_startup=True,
        worker_max_tasks_per_child=50,
        worker_hijack_root_logger=False,
        broker_transport_options={"visibility_timeout": visibility,
                                  "unacked_restore_interval": max(1, min(10, visibility // 4)),
                                  "unacked_restore_throttle": 1},
    )
    app.conf[DB_SETTING] = db
    register(app)
    return app


def task_id(context: BatchContext, job: SiteJob) -> str:
    """One id per site and batch run: sent again on resume, it is the same task."""
    return f"rgaa-audit:{context.run_id}:{job.slug}"


def _outcome(app: Celery, ident: str, job: SiteJob, context: BatchContext) -> SiteOutcome | None:
    """The site's outcome if it ended: its folder's marker first (the truth on disk), else
    the task's result (a task that failed before it could write one)."""
    if finished_in(context.site_dir(job.slug), context.run_id):
        marker = read_marker(context.site_dir(job.slug)) or {}
        return SiteOutcome(job.slug, str(marker.get("state")), marker.get("audit_id"),
                           str(marker.get("error") or ""))
    result = app.AsyncResult(ident)
    if result.state == "FAILURE":
        return SiteOutcome(job.slug, "failed", error=repr(result.result)[:300])
    return None


def run_celery(jobs: Iterable[SiteJob], context: BatchContext, broker: str,
               on_done: Callable[[SiteOutcome], None] | None = None,
               poll_s: float = 1.0) -> list[SiteOutcome]:
    """Send one task per site, then wait until every site has ended."""
    app = make_app(broker)
    pending: dict[str, SiteJob] = {}
    for job in jobs:
        ident = task_id(context, job)
        app.send_task(TASK, args=[job.to_dict(), context.to_dict()], task_id=ident,
                      queue=QUEUE)
        pending[ident] = job
    outcomes = []
    while pending:
        for ident, job in list(pending.items()):
            outcome = _outcome(app, ident, job, context)
            if outcome is not None:
                outcomes.append(outcome)
                del pending[ident]
                if on_done is not None:
                    on_done(outcome)
        if pending:
            time.sleep(poll_s)
    return outcomes


def start_worker(broker: str, db: str | None, concurrency: int, hostname: str | None = None,
                 loglevel: str = "INFO") -> int:
    """Run a Celery worker on the audit queue until it is stopped; its exit code."""
    app = make_app(broker, db)
    options: dict[str, Any] = {"concurrency": concurrency, "loglevel": loglevel,
                               "queues": [QUEUE]}
    if hostname:
        options["hostname"] = hostname
    worker = app.Worker(**options)
    worker.start()
    return int(worker.exitcode or 0)
