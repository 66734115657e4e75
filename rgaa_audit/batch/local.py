"""The default engine: the sites of a batch in local worker processes.

`workers` processes (spawned, not forked: a clean interpreter each) audit one site at a time;
each one dies with the batch command (Linux `PR_SET_PDEATHSIG`), so a killed batch leaves no
orphan auditing on its own, and the next run resumes the site where it stopped.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from rgaa_audit.batch.portfolio import SiteJob
from rgaa_audit.batch.site import BatchContext, SiteOutcome, audit_site

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the batch command dies (no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:
            pass


def _run(job: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    return audit_site(SiteJob.from_dict(job), BatchContext.from_dict(context)).to_dict()


def run_local(jobs: Iterable[SiteJob], context: BatchContext, workers: int,
              on_done: Callable[[SiteOutcome], None] | None = None) -> list[SiteOutcome]:
    """Audit `jobs` in `workers` processes; the outcomes as they finish."""
    jobs = list(jobs)
    if not jobs:
        return []
    outcomes = []
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=spawn,
                             initializer=_die_with_parent) as pool:
        futures = {pool.submit(_run, job.to_dict(), context.to_dict()): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = SiteOutcome.from_dict(future.result())
            except Exception as error:  # the worker process itself died
                outcome = SiteOutcome(job.slug, "failed", error=f"{type(error).__name__}")
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    return outcomes
