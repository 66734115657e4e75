"""Finding and launching the Chromium that drives the audit."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

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
    # Element.computedName / computedRole: Chromium's own accessible names, for the checks.
    "--enable-blink-features=ComputedAccessibilityInfo",
)
INSTALL_HINT = (
    "aucun navigateur Chromium trouvé : installez-en un avec "
    "« apt-get install chromium » (Debian) ou « python -m playwright install chromium », "
    f"ou indiquez son chemin avec --browser-path ou la variable {ENV_VARIABLE}"
)


class BrowserNotFound(RuntimeError):
    """No usable Chromium: the message says how to install one."""


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
            raise BrowserNotFound(f"--browser-path {explicit} : fichier exécutable introuvable")
        return BrowserChoice(path, "--browser-path")
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        path = Path(from_env)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound(f"{ENV_VARIABLE}={from_env} : fichier exécutable introuvable")
        return BrowserChoice(path, ENV_VARIABLE)
    for candidate in (SYSTEM_CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return BrowserChoice(Path(candidate), "system")
    downloaded = _playwright_download()
    if downloaded:
        return BrowserChoice(downloaded, "playwright")
    raise BrowserNotFound(INSTALL_HINT)
