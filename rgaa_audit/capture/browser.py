"""Finding and launching the Chromium that drives the audit, and measuring its processes."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.async_api import Browser, Playwright

from rgaa_audit.errors import LocalisedError

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
ENV_VARIABLE = "RGAA_AUDIT_CHROMIUM"
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
class BrowserNotFound(LocalisedError, RuntimeError):
    """No usable Chromium: the message ([browser] texts) says how to install one."""


@dataclass(frozen=True)
class BrowserChoice:
    """Which Chromium to launch: an executable path, or Playwright's own download (None)."""

    executable: Path | None
    origin: str


def _playwright_download() -> Path | None:
    """The Chromium that `playwright install chromium` put on disk, if any."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:
        return None
    return path if path.is_file() else None


def find_browser(explicit: str | None = None) -> BrowserChoice:
    """Find Chromium: --browser-path, $RGAA_AUDIT_CHROMIUM, /usr/bin/chromium, Playwright's."""
    if explicit:
        path = Path(explicit)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound("browser.not_executable", where=f"--browser-path {explicit}")
        return BrowserChoice(path, "--browser-path")
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        path = Path(from_env)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound("browser.not_executable", where=f"{ENV_VARIABLE}={from_env}")
        return BrowserChoice(path, ENV_VARIABLE)
    for candidate in (SYSTEM_CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return BrowserChoice(Path(candidate), "system")
    downloaded = _playwright_download()
    if downloaded:
        return BrowserChoice(downloaded, "playwright")
    raise BrowserNotFound("browser.none_found", variable=ENV_VARIABLE)


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc (Linux)."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def browser_tree_rss_mb(root_pid: int | None = None) -> float:
    """Resident memory (MiB) of every Chromium process descending from `root_pid` (this
    process by default: Python → Playwright driver → Chromium and its renderers)."""
    tree = _children()
    stack = list(tree.get(root_pid or os.getpid(), []))
    total_kb = 0
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        name = status.split("\n", 1)[0].removeprefix("Name:").strip().lower()
        if "chrom" not in name:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
                break
    return total_kb / 1024


def browser_pids(root_pid: int | None = None) -> list[int]:
    """Pids of the Chromium processes descending from `root_pid` (for tests and diagnostics)."""
    tree = _children()
    stack, found = list(tree.get(root_pid or os.getpid(), [])), []
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip().lower()
        except OSError:
            continue
        if "chrom" in name:
            found.append(pid)
    return found


class Chromium:
    """Playwright and the Chromium it launches (LAUNCH_ARGS, headless) for one run.

    `async with Chromium(choice):` starts Playwright and stops it at the end; `launch` may be
    called again after a browser is closed (restarts)."""

    def __init__(self, choice: BrowserChoice) -> None:
        self.choice = choice
        self._manager: Any = None
        self._playwright: Playwright | None = None

    async def __aenter__(self) -> Chromium:
        from playwright.async_api import async_playwright

        self._manager = async_playwright()
        self._playwright = await self._manager.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        manager, self._manager, self._playwright = self._manager, None, None
        if manager is not None:
            await manager.__aexit__(*exc)

    async def launch(self) -> Browser:
        if self._playwright is None:
            raise RuntimeError("Chromium.launch outside `async with`")
        executable = str(self.choice.executable) if self.choice.executable else None
        return await self._playwright.chromium.launch(
            executable_path=executable, args=list(LAUNCH_ARGS), headless=True)

    def memory_mb(self) -> float:
        """Resident memory (MiB) of every Chromium process this Python process started."""
        return browser_tree_rss_mb()
