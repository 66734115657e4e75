"""Scale-out with the real parts: PostgreSQL as the shared history, Celery workers on Redis.

- the same reports recorded in SQLite and in PostgreSQL leave the same rows in every table;
- `rgaa-audit batch --engine celery` with two `rgaa-audit worker` processes audits three
  small sites served on 127.0.0.1; one worker is killed (SIGKILL, with its pool and its
  Chromium) in the middle of an audit, its task is delivered again (late acknowledgement,
  a short Redis visibility timeout) and the batch still ends with every site stored once;
- a site with no audited page ends "failed" on the dashboard and is not recorded.

The servers are throw-away ones (tests/support/services.py, fixtures in conftest.py): a test
is skipped, saying which package is missing, only where the machine has no such server.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from rgaa_audit.store.history import open_history, record_report
from rgaa_audit.store.history.models import Base
from tests.support.history import make_report
from tests.support.routes import Route, serve_routes

pytestmark = pytest.mark.scale
REPO = Path(__file__).resolve().parents[1]
VOLATILE = {"recorded_at"}  # the moment of recording: the only column that may differ
VISIBILITY_S = 6


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every history table, columns in schema order, sorted, JSON as text."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with open_history(url) as history, history.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in VOLATILE]
            rows = connection.execute(select(*columns)).all()
            out[table.name] = sorted(
                (tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v
                       for v in row) for row in rows), key=repr)
    return out


def test_sqlite_and_postgresql_hold_the_same_rows(postgres, tmp_path: Path) -> None:
    reports = [
        make_report(tmp_path / "a", nc={"1.1", "3.2"}, c={"8.5"}, manual={"8.5"}, skipped=1),
        make_report(tmp_path / "b", started_at="2026-02-05T09:00:00+01:00", nc={"1.1"},
                    pages=4, extra_findings=2),
        make_report(tmp_path / "c", site="http://autre.example.org:8080", ecoindex=None),
    ]
    sqlite_url = str(tmp_path / "h.sqlite")
    pg_url = postgres.create_database("same_rows")
    for url in (sqlite_url, pg_url):
        with open_history(url) as history:
            ids = [record_report(history, r) for r in reports]
            assert ids == [record_report(history, r) for r in reports]  # idempotent
    lite, pg = table_rows(sqlite_url), table_rows(pg_url)
    assert set(lite) == {"audits", "pages", "cells", "site_criteria", "findings"}
    assert len(lite["audits"]) == 3 and len(lite["cells"]) == (3 + 4 + 3) * 106
    for name in lite:
        assert lite[name] == pg[name], name


# --- a Celery batch with two real workers -----------------------------------------------

def page(title: str, links: str = "") -> str:
    return (f"<!doctype html><html lang='fr'><head><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1><p>Texte.</p>{links}</main></body></html>")


def site_routes(name: str, delay: float) -> dict[str, Route]:
    links = "<a href='/a'>A</a> <a href='/b'>B</a>"
    return {"/": Route(page(f"{name} accueil", links), delay=delay),
            "/a": Route(page(f"{name} A", links), delay=delay),
            "/b": Route(page(f"{name} B", links), delay=delay),
            "/robots.txt": Route("User-agent: *\n", content_type="text/plain")}


def start_worker(name: str, broker: str, db: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "RGAA_AUDIT_VISIBILITY_TIMEOUT": str(VISIBILITY_S),
           "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "rgaa_audit.cli", "worker", "--broker", broker, "--db", db,
         "--hostname", f"{name}@test", "--loglevel", "INFO"],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, cwd=REPO,
        start_new_session=True)  # its own group: the kill takes its pool and browser too


def received(log: Path) -> list[str]:
    """The slugs of the tasks a worker's log says it received."""
    text = log.read_text(errors="replace") if log.exists() else ""
    return [line.split("]")[0].rsplit(":", 1)[-1] for line in text.split("[rgaa-audit:")[1:]
            if "] received" in line]


def marker(out: Path, slug: str) -> dict[str, Any]:
    try:
        return json.loads((out / "sites" / slug / "batch-site.json").read_text())
    except (OSError, ValueError):
        return {}


@pytest.mark.browser
@pytest.mark.slow
def test_celery_batch_with_a_killed_worker_stores_every_site_once(
        redis_url: str, postgres, browser_choice, tmp_path: Path) -> None:
    db = postgres.create_database("celery_batch")
    out = tmp_path / "out"
    with ExitStack() as stack:
        bases = [stack.enter_context(serve_routes(site_routes(n, d)))
                 for n, d in (("Alpha", 0.8), ("Bravo", 0.8), ("Charlie", 0.2))]
        portfolio = tmp_path / "portfolio.toml"
        portfolio.write_text("lang = \"en\"\n[defaults]\nmax_pages = 3\n" + "".join(
            f"[[site]]\nurl = \"{base}/\"\nlabel = \"{name}\"\nslug = \"{name.lower()}\"\n"
            for base, name in zip(bases, ("Alpha", "Bravo", "Charlie"), strict=True))
            + "[[site]]\nurl = \"http://127.0.0.1:9/\"\nlabel = \"Dead\"\nslug = \"dead\"\n")
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        workers = [start_worker(f"w{n + 1}", redis_url, db, log) for n, log in enumerate(logs)]
        stack.callback(lambda: [os.killpg(w.pid, signal.SIGKILL) for w in workers
                                if w.poll() is None])
        batch = subprocess.Popen(
            [sys.executable, "-m", "rgaa_audit.cli", "batch", str(portfolio), "--engine",
             "celery", "--broker", redis_url, "--db", db, "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)})
        stack.callback(lambda: batch.poll() is None and batch.kill())
        # Kill worker 1 while it audits a site: its task is received and the site's folder
        # says "running" (the slow sites take ~3 s to audit).
        deadline, victim = time.monotonic() + 60, None
        while time.monotonic() < deadline and victim is None:
            slugs = received(logs[0])
            if slugs and marker(out, slugs[0]).get("state") == "running":
                victim = slugs[0]
            else:
                time.sleep(0.1)
        assert victim is not None, logs[0].read_text(errors="replace")[-2000:]
        time.sleep(0.5)
        assert marker(out, victim).get("state") == "running"
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        _stdout, stderr = batch.communicate(timeout=120)
    assert batch.returncode == 0, stderr[-3000:]
    assert victim in received(logs[1]), "the killed worker's task was not delivered again"
    states = {s: marker(out, s).get("state") for s in ("alpha", "bravo", "charlie", "dead")}
    assert states == {"alpha": "done", "bravo": "done", "charlie": "done", "dead": "failed"}
    assert "no page audited" in marker(out, "dead")["error"]
    with open_history(db) as history:
        audits = history.audits()
    by_url = sorted(a.start_url for a in audits)
    assert by_url == sorted(f"{b}/" for b in bases), "every site stored exactly once"
    assert all(a.pages_audited == 3 for a in audits)
    csv = (out / "portfolio.csv").read_text().splitlines()
    assert [line.split(",")[2] for line in csv[1:]] == ["done", "done", "done", "failed"]
    dashboard = (out / "index.html").read_text()
    assert "Audit failed" in dashboard and "4 site(s): 3 audited, 1 without a result." in \
        dashboard
