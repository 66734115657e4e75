"""How many tabs to audit with when the user says `--concurrency auto`.

One tab per CPU core the process may use (a tab's page work is CPU-bound on pages served
nearby; more tabs than cores only share the same cores), fewer when the memory available
cannot hold them: the browser's own processes take about BROWSER_MB, each tab about TAB_MB at
its peak on heavy pages (measured with bench/run.py: peak PSS of the crawl's process tree
divided by its tabs), and a margin of MARGIN_MB is left to the rest of the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

BROWSER_MB = 350
TAB_MB = 250
MARGIN_MB = 512
MAX_TABS = 16


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity, e.g. a container's share)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def available_mb(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Memory available to new processes, in MiB (Linux's MemAvailable), if known."""
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def auto_concurrency(cores: int | None = None, memory_mb: int | None = None) -> int:
    """Tabs for `--concurrency auto`: min(cores, what memory holds), between 1 and MAX_TABS."""
    cores = usable_cores() if cores is None else cores
    memory_mb = available_mb() if memory_mb is None else memory_mb
    tabs = cores
    if memory_mb is not None:
        tabs = min(tabs, (memory_mb - MARGIN_MB - BROWSER_MB) // TAB_MB)
    return max(1, min(MAX_TABS, tabs))
