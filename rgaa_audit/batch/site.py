"""One site of a batch, audited in its own folder (OUT/sites/<slug>/), stored once.

Whichever engine runs it (a local process or a Celery worker, perhaps a second time after a
worker died), `audit_site` is safe to repeat:

- a lock on the folder (`flock`) lets one process at a time work in it;
- `batch-site.json` says which batch run the folder belongs to and whether its audit is done:
  done in this run, the stored outcome is returned without auditing again; started in this
  run but interrupted, the crawl resumes from the folder's `crawl.sqlite` and `pages.jsonl`
  (crawl/resume.py); from an older run, the audit starts afresh;
- every file is written atomically, and the history records a report once (its own
  idempotence), so a redelivered task never stores a site twice.

A site of which no page could be audited (unreachable, every page an error, nothing in scope)
ends "failed": its report is kept in the folder for diagnosis, but it is not recorded in the
history, whose rates would otherwise read an empty audit as a result.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.batch import history
from rgaa_audit.batch.portfolio import SiteJob
from rgaa_audit.store.files import REPORT_FILE, write_json_atomic

MARKER = "batch-site.json"
LOCK = ".batch.lock"
SITES = "sites"
RUNNING, DONE, FAILED = "running", "done", "failed"
ERROR_MAX = 300


class SiteFailed(Exception):
    """The audit ran but gave nothing to record (its text is already the user's message)."""


@dataclass(frozen=True)
class BatchContext:
    """What every site of one batch run shares (travels to the workers as JSON)."""

    out_dir: str  # absolute: the same path on every machine (shared storage)
    run_id: str
    lang: str = "fr"
    db: str | None = None
    browser_path: str | None = None

    def site_dir(self, slug: str) -> Path:
        return Path(self.out_dir) / SITES / slug

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchContext:
        return cls(**{k: data.get(k) for k in ("out_dir", "run_id", "lang", "db",
                                                "browser_path") if k in data})


@dataclass(frozen=True)
class SiteOutcome:
    """How one site ended in this run."""

    slug: str
    state: str  # done or failed
    audit_id: int | None = None
    error: str = ""
    resumed: bool = False  # its crawl went on from an interrupted attempt
    reused: bool = False  # already done in this run: nothing audited again

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteOutcome:
        return cls(**{k: data[k] for k in ("slug", "state", "audit_id", "error", "resumed",
                                            "reused") if k in data})


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The folder's batch marker, None when absent or unreadable."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def finished_in(folder: Path, run_id: str) -> bool:
    """Whether the folder's site is done (or failed for good) in this run."""
    marker = read_marker(folder)
    return bool(marker and marker.get("run") == run_id and marker.get("state") in (DONE, FAILED))


@contextmanager
def site_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock; released by the system if the holder dies."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def audit_site(job: SiteJob, context: BatchContext) -> SiteOutcome:
    """Audit `job` in its folder (resuming or reusing as the marker says) and record it."""
    folder = context.site_dir(job.slug)
    with site_lock(folder):
        marker = read_marker(folder) or {}
        if marker.get("run") == context.run_id and marker.get("state") in (DONE, FAILED):
            return SiteOutcome(job.slug, marker["state"], marker.get("audit_id"),
                               marker.get("error", ""), reused=True)
        resume = marker.get("run") == context.run_id  # interrupted in this run
        write_json_atomic(folder / MARKER, {"run": context.run_id, "state": RUNNING,
                                            "url": job.url, "slug": job.slug})
        try:
            audit_id = _audit_and_record(job, context, folder, resume)
            outcome = SiteOutcome(job.slug, DONE, audit_id, resumed=resume)
        except Exception as error:  # one site never stops the batch
            text = str(error) if isinstance(error, SiteFailed) \
                else f"{type(error).__name__}: {error}"
            text = (text.splitlines() or [""])[0][:ERROR_MAX]
            outcome = SiteOutcome(job.slug, FAILED, error=text, resumed=resume)
        write_json_atomic(folder / MARKER, {"run": context.run_id, "state": outcome.state,
                                            "url": job.url, "slug": job.slug,
                                            "audit_id": outcome.audit_id,
                                            "error": outcome.error})
        return outcome


def _audit_and_record(job: SiteJob, context: BatchContext, folder: Path, resume: bool) -> int:
    from rgaa_audit.capture.browser import find_browser
    from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
    from rgaa_audit.conclude.verdicts_file import load_verdicts
    from rgaa_audit.crawl.ports import Progress
    from rgaa_audit.pipeline import AuditSettings, run_audit
    from rgaa_audit.referential import load_referential
    from rgaa_audit.report.outputs import write_outputs

    browser = find_browser(context.browser_path)
    settings = AuditSettings(job.settings(resume), context.lang)
    report = run_audit(browser, settings, Progress(), folder, start_url=job.url)
    verdicts = load_verdicts(Path(job.verdicts), load_referential()) if job.verdicts else None
    concluded = conclude(report, ConclusionSettings(verdicts=verdicts,
                                                    verdicts_file=job.verdicts or "",
                                                    exit_zero=True)).report
    concluded.setdefault("site", {})["label"] = job.label
    write_json_atomic(folder / REPORT_FILE, concluded)
    write_outputs(concluded, folder, [f for f in job.formats if f != "json"], context.lang)
    nothing = no_page_audited(concluded, context.lang)
    if nothing:
        raise SiteFailed(nothing)
    return history.record(context.db, folder / REPORT_FILE, key=f"{context.run_id}:{job.slug}")


def no_page_audited(report: dict[str, Any], lang: str) -> str:
    """The failure message of a report with no audited page, else ""."""
    summary = report.get("summary") if isinstance(report.get("summary"), dict) else {}
    audited = summary.get("pages_audited")
    if isinstance(audited, int) and not isinstance(audited, bool) and audited > 0:
        return ""
    pages = [p for p in report.get("pages") or [] if isinstance(p, dict)]
    reason = next((str(p["error"]) for p in pages if p.get("error")), "")
    reason = (reason.splitlines() or [""])[0][:200]
    if reason:
        return i18n.text("batch.no_page_because", lang, count=len(pages), reason=reason)
    return i18n.text("batch.no_page", lang, count=len(pages))
