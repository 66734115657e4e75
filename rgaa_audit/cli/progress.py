"""Telling the user how the crawl goes, on stderr: a rich bar on a terminal, log lines otherwise."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rgaa_audit.cli.language import say
from rgaa_audit.crawl.ports import Progress as CrawlProgress
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot


class PlainProgress(CrawlProgress):
    """One line per page on stderr (logs, CI)."""

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None:
        state = say(f"status.{snapshot.status.value}")
        if snapshot.status is not PageStatus.AUDITED and snapshot.error:
            state += f" ({snapshot.error[:120]})"
        print(say("progress_line", done=done, queued=queued, errors=errors,
                  url=snapshot.url[:200], state=state), file=sys.stderr, flush=True)


class RichProgress(CrawlProgress):
    """A live progress bar: pages done / queued, errors, current URL."""

    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("[bold]Audit[/]"), BarColumn(), MofNCompleteColumn(),
            TextColumn(say("progress_errors", errors="{task.fields[errors]}")),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            console=Console(stderr=True), transient=False,
        )
        self.task = self.bar.add_task("audit", total=1, errors=0, current="")

    def __enter__(self) -> RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.stop()

    def started(self, url: str) -> None:
        self.bar.update(self.task, current=url[:80])

    def finished(self, snapshot: PageSnapshot, done: int, queued: int, errors: int) -> None:
        self.bar.update(self.task, completed=done, total=done + queued, errors=errors)


def make_progress() -> PlainProgress | RichProgress:
    return RichProgress() if sys.stderr.isatty() else PlainProgress()
