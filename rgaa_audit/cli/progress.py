"""Telling the user how the crawl goes, on stderr: a rich bar on a terminal, log lines otherwise."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rgaa_audit.cli.language import say
from rgaa_audit.crawl.ports import Progress as CrawlProgress
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot


class Pace:
    """Pages per minute since the first page started, and when the queue should be done.

    The estimate divides the pages still queued by the pace so far; the queue grows while
    links are found, so the end moves later during a crawl and settles once it stops growing.
    """

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.clock = clock
        self.began: float | None = None
        self.counted = 0  # pages finished since `began`

    def started(self) -> None:
        if self.began is None:
            self.began = self.clock()

    def finished(self) -> None:
        self.started()
        self.counted += 1

    def per_minute(self) -> float | None:
        if self.began is None or not self.counted:
            return None
        elapsed = self.clock() - self.began
        return 60 * self.counted / elapsed if elapsed > 0 else None

    def rate_text(self) -> str:
        rate = self.per_minute()
        return say("progress_rate", rate=f"{rate:.1f}" if rate is not None else "…")

    def eta_text(self, queued: int, now: datetime | None = None) -> str:
        rate = self.per_minute()
        if not rate:
            return say("progress_unknown")
        minutes = queued / rate
        end = (now or datetime.now()) + timedelta(minutes=minutes)
        return say("progress_eta", clock=end.strftime("%H:%M"), minutes=f"{minutes:.0f}")


class PlainProgress(CrawlProgress):
    """One line per page on stderr (logs, CI), with the pace and the estimated end."""

    def __init__(self) -> None:
        self.pace = Pace()

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def started(self, url: str) -> None:
        self.pace.started()

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None:
        self.pace.finished()
        state = say(f"status.{snapshot.status.value}")
        if snapshot.status is not PageStatus.AUDITED and snapshot.error:
            state += f" ({snapshot.error[:120]})"
        print(say("progress_line", done=done, queued=queued, errors=errors,
                  rate=self.pace.rate_text(), eta=self.pace.eta_text(queued),
                  url=snapshot.url[:200], state=state), file=sys.stderr, flush=True)


class RichProgress(CrawlProgress):
    """A live progress bar: pages done / queued, errors, pace, estimated end, current URL."""

    def __init__(self) -> None:
        self.pace = Pace()
        self.bar = Progress(
            TextColumn("[bold]Audit[/]"), BarColumn(), MofNCompleteColumn(),
            TextColumn(say("progress_errors", errors="{task.fields[errors]}")),
            TimeElapsedColumn(),
            TextColumn("{task.fields[pace]}", markup=False),
            TextColumn("{task.fields[current]}", markup=False),
            console=Console(stderr=True), transient=False,
        )
        self.task = self.bar.add_task("audit", total=1, errors=0, current="", pace="")

    def __enter__(self) -> RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.stop()

    def started(self, url: str) -> None:
        self.pace.started()
        self.bar.update(self.task, current=url[:80])

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None:
        self.pace.finished()
        self.bar.update(self.task, completed=done, total=done + queued, errors=errors,
                        pace=f"{self.pace.rate_text()}, {self.pace.eta_text(queued)}")


def make_progress() -> PlainProgress | RichProgress:
    return RichProgress() if sys.stderr.isatty() else PlainProgress()
