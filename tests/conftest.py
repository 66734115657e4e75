"""Shared fixtures: the browser, and audits run once per session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from rgaa_audit.capture.browser import find_browser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Audits run by the tests (CLI and subprocesses alike) record into a throw-away history
# database, never into the user's own file or server.
os.environ["RGAA_AUDIT_DB"] = str(Path(tempfile.mkdtemp(prefix="rgaa-history-")) / "h.sqlite")


@pytest.fixture(scope="session")
def browser_choice():
    """The Chromium the audits use (a missing browser is an error, not a skip)."""
    return find_browser()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `browser` every test that reaches the browser fixture, directly or through others.

    `pytest -m "not browser"` then runs the pure-logic suite alone, without anyone having to
    remember the marker on each new browser test.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser_choice" in fixtures and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def redis_url():
    """A throw-away redis-server on 127.0.0.1 for the whole session (skipped if not installed)."""
    from tests.support.services import Unavailable, redis_server

    try:
        server = redis_server()
        url = server.__enter__()
    except Unavailable as why:
        pytest.skip(str(why))
    yield url
    server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL cluster on 127.0.0.1 for the whole session (skipped if the
    server is not installed)."""
    from tests.support.services import Unavailable, postgres_cluster

    try:
        cluster = postgres_cluster()
        running = cluster.__enter__()
    except Unavailable as why:
        pytest.skip(str(why))
    yield running
    cluster.__exit__(None, None, None)
