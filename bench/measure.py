"""Run one command and measure its whole process tree: wall time, CPU, peak memory.

CPU is user + sys of every process of the tree, taken from the kernel's rusage of
reaped children. This process makes itself a "child subreaper" (Linux prctl), so
descendants orphaned by their parent (Chromium helpers, for instance) are re-parented
here and reaped here, and their CPU is counted too. Memory is sampled from /proc
every `interval` seconds: the sum of RSS over the tree (counts shared pages once per
process, so it overstates) and the sum of PSS (shares them out; closer to the truth).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PR_SET_CHILD_SUBREAPER = 36
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
PSS_EVERY = 5  # PSS is dearer to read: once every 5 RSS samples
REAP_GRACE_S = 10.0


@dataclass(frozen=True)
class Measurement:
    """What one measured command cost."""

    wall_s: float
    user_s: float
    sys_s: float
    peak_rss_mb: float
    peak_pss_mb: float
    peak_processes: int
    samples: int
    returncode: int | None
    timed_out: bool
    runner_cpu_s: float  # this process (HTTP server + sampler) during the run

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


def become_subreaper() -> bool:
    """Ask Linux to re-parent our orphaned descendants to us; False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def parent_map() -> dict[int, int]:
    """pid -> parent pid for every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()  # the command name may hold spaces
        if len(fields) > 1:
            parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(root: int, parents: dict[int, int] | None = None) -> list[int]:
    """Every process below `root` (not `root` itself)."""
    parents = parent_map() if parents is None else parents
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found: list[int] = []
    stack = list(children.get(root, ()))
    while stack and len(found) < 100_000:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


class _Sampler(threading.Thread):
    """Samples the memory of every descendant of this process until stopped."""

    def __init__(self, interval: float) -> None:
        super().__init__(name="bench-sampler", daemon=True)
        self.interval = interval
        self.stop = threading.Event()
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self.samples = 0

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            pids = descendants(me)
            self.peak_processes = max(self.peak_processes, len(pids))
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss_kb(p) for p in pids))
            if self.samples % PSS_EVERY == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, sum(pss_kb(p) for p in pids))
            self.samples += 1
            self.stop.wait(self.interval)


def _reap_orphans() -> None:
    """Reap what the tool left behind (re-parented to us); kill it after a grace delay."""
    deadline = time.monotonic() + REAP_GRACE_S
    signalled = False
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            return
        if time.monotonic() > deadline and not signalled:
            for pid in descendants(os.getpid()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            signalled = True
            deadline = time.monotonic() + REAP_GRACE_S
        elif time.monotonic() > deadline:
            return
        time.sleep(0.05)


def run_measured(command: Sequence[str], *, stdout: IO[bytes], stderr: IO[bytes],
                 timeout_s: float, cwd: Path | None = None, env: dict[str, str] | None = None,
                 interval: float = 0.1) -> Measurement:
    """Run `command` to its end (killed after `timeout_s`) and measure its process tree.

    Run one measured command at a time: the sampler and the rusage count every
    child of this process.
    """
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    sampler = _Sampler(interval)
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=cwd, env=env,
                               start_new_session=True)
    sampler.start()
    timed_out = False
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    wall = time.monotonic() - started
    _reap_orphans()
    sampler.stop.set()
    sampler.join()
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    return Measurement(
        wall_s=wall,
        user_s=children_after.ru_utime - children_before.ru_utime,
        sys_s=children_after.ru_stime - children_before.ru_stime,
        peak_rss_mb=sampler.peak_rss_kb / 1024,
        peak_pss_mb=sampler.peak_pss_kb / 1024,
        peak_processes=sampler.peak_processes,
        samples=sampler.samples,
        returncode=process.returncode,
        timed_out=timed_out,
        runner_cpu_s=(self_after.ru_utime + self_after.ru_stime)
        - (self_before.ru_utime + self_before.ru_stime),
    )
