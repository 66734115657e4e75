"""Shared fixtures: the browser, and audits run once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from rgaa_audit.capture.browser import find_browser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def browser_choice():
    """The Chromium the audits use (a missing browser is an error, not a skip)."""
    return find_browser()
