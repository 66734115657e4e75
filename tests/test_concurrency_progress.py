"""`--concurrency auto` (one tab per usable core, fewer when memory is short) and the progress
line's pace and estimated end."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from rgaa_audit.cli.config import ConfigError, check_crawl
from rgaa_audit.cli.language import set_language
from rgaa_audit.cli.progress import Pace, PlainProgress
from rgaa_audit.crawl.concurrency import (
    BROWSER_MB,
    MARGIN_MB,
    MAX_TABS,
    TAB_MB,
    auto_concurrency,
    available_mb,
)
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    set_language(lang)
    try:
        yield
    finally:
        set_language(None)


def test_one_tab_per_core_when_memory_is_plentiful() -> None:
    assert auto_concurrency(cores=2, memory_mb=24_000) == 2
    assert auto_concurrency(cores=64, memory_mb=1_000_000) == MAX_TABS


def test_fewer_tabs_when_memory_is_short() -> None:
    room_for_three = MARGIN_MB + BROWSER_MB + 3 * TAB_MB + 10
    assert auto_concurrency(cores=8, memory_mb=room_for_three) == 3
    assert auto_concurrency(cores=8, memory_mb=100) == 1  # never zero


def test_unknown_memory_leaves_the_cores_to_decide() -> None:
    assert auto_concurrency(cores=3, memory_mb=None) in (1, 2, 3)  # None: read from /proc


def test_available_memory_is_read_from_meminfo(tmp_path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 24000000 kB\nMemAvailable: 2048000 kB\n", encoding="ascii")
    assert available_mb(meminfo) == 2000
    meminfo.write_text("nothing useful\n", encoding="ascii")
    assert available_mb(meminfo) is None
    assert available_mb(tmp_path / "absent") is None


def test_auto_is_accepted_in_the_config_and_bad_values_name_the_key() -> None:
    assert 1 <= check_crawl({"concurrency": "auto"})["concurrency"] <= MAX_TABS
    assert check_crawl({"concurrency": 4}) == {"concurrency": 4}
    for bad in ("many", 0, MAX_TABS + 1, 2.5):
        with pytest.raises(ConfigError) as raised:
            check_crawl({"concurrency": bad})
        assert "crawl.concurrency" in raised.value.text()


def test_a_bad_value_on_the_command_line_is_a_usage_error_naming_the_option() -> None:
    result = subprocess.run([sys.executable, str(REPO / "cli.py"), "audit", "--concurrency",
                             "plenty", "http://127.0.0.1:9/"], capture_output=True, text=True,
                            timeout=60, cwd=REPO)
    assert result.returncode == 2
    [error] = [line for line in result.stderr.splitlines() if "--concurrency" in line]
    assert "'plenty'" in error and "auto" in error
    assert "Traceback" not in result.stderr


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pace_counts_pages_per_minute_and_estimates_the_end() -> None:
    clock = Clock()
    pace = Pace(clock)
    assert pace.per_minute() is None
    pace.started()
    clock.now += 30
    pace.finished()
    pace.finished()  # two pages in 30 s
    assert pace.per_minute() == pytest.approx(4.0)
    with use_language("fr"):
        assert pace.rate_text() == "4.0 pages/min"
        assert pace.eta_text(8, now=datetime(2026, 12, 5, 10, 0)) == "vers 10:02 (≈ 2 min)"
    with use_language("en"):
        assert pace.eta_text(8, now=datetime(2026, 12, 5, 10, 0)) == "about 10:02 (≈ 2 min)"
        assert Pace(clock).eta_text(8) == "unknown"


def test_the_plain_progress_line_says_the_pace_and_the_end(capsys) -> None:
    progress = PlainProgress()
    progress.started("http://127.0.0.1/a")
    snapshot = PageSnapshot("http://127.0.0.1/a", "http://127.0.0.1/a", PageStatus.AUDITED)
    with use_language("en"):
        progress.finished(snapshot, done=1, queued=5, errors=0)
    line = capsys.readouterr().err
    assert "1 done, 5 queued, 0 errors;" in line and "pages/min" in line and "ends " in line
