"""The Celery task: one site audit, as `audit_site` does it (resume, reuse, store once)."""

from __future__ import annotations

import dataclasses
from typing import Any

from celery import Celery, Task

from rgaa_audit.batch.portfolio import SiteJob
from rgaa_audit.batch.site import BatchContext, audit_site

TASK = "rgaa_audit.audit_site"
DB_SETTING = "rgaa_audit_db"  # the app setting holding a worker's own --db


def register(app: Celery) -> Task:
    """Add the audit task to `app` (its name is what the batch sends)."""
    @app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)
    def audit_site_task(self: Task, job: dict[str, Any], context: dict[str, Any]) -> dict:
        batch = BatchContext.from_dict(context)
        db = self.app.conf.get(DB_SETTING)
        if db:  # the worker's own --db wins: it knows where its database is
            batch = dataclasses.replace(batch, db=db)
        return audit_site(SiteJob.from_dict(job), batch).to_dict()

    return audit_site_task
