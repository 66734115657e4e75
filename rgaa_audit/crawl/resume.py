"""`crawl.sqlite`: the crawl's state committed as it happens, so a killed audit can resume.

One row per URL ever met: its depth, its state (queued, running, done, out, document,
skipped) and, when it was left out, why. Pages marked running when the process died are
queued again on resume; pages already in pages.jsonl are never audited twice (the log is
the source of truth for what is done, since it is written before the row is updated).
Site digests are kept too, so site-wide checks still see every page after a resume.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

STORE_FILE = "crawl.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT UNIQUE NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS digests (url TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
QUEUED, RUNNING, DONE, OUT, DOCUMENT, SKIPPED = (
    "queued", "running", "done", "out", "document", "skipped")


class CrawlStore:
    """Thin wrapper around the SQLite file (or an in-memory database when there is no folder)."""

    def __init__(self, out_dir: Path | None, resume: bool = False) -> None:
        if out_dir is None:
            path = ":memory:"
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            file = out_dir / STORE_FILE
            if not resume:
                for stale in (file, file.with_name(STORE_FILE + "-wal"),
                              file.with_name(STORE_FILE + "-shm")):
                    stale.unlink(missing_ok=True)
            path = str(file)
        self.db = sqlite3.connect(path, isolation_level="DEFERRED")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def rows(self) -> list[tuple[str, int, str, str | None]]:
        """(url, depth, state, reason) in the order the URLs were first met."""
        return list(self.db.execute("SELECT url, depth, state, reason FROM urls ORDER BY seq"))

    def add(self, url: str, depth: int, state: str, reason: str | None = None) -> None:
        self.db.execute("INSERT OR IGNORE INTO urls (url, depth, state, reason) VALUES (?,?,?,?)",
                        (url, depth, state, reason))

    def set_state(self, url: str, state: str, commit: bool = True) -> None:
        self.db.execute("INSERT INTO urls (url, state) VALUES (?, ?) "
                        "ON CONFLICT(url) DO UPDATE SET state = excluded.state", (url, state))
        if commit:
            self.commit()

    def mark_done(self, urls: Iterable[str]) -> None:
        for url in urls:
            self.set_state(url, DONE, commit=False)
        self.commit()

    def clear_queue(self, reason: str = "hors de l'échantillon") -> None:
        """Queued URLs that will not be audited (the sample chose others)."""
        self.db.execute("UPDATE urls SET state = ?, reason = ? WHERE state = ?",
                        (OUT, reason, QUEUED))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def add_digest(self, url: str, digest: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO digests VALUES (?, ?)", (url, digest))

    def digests(self) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT url, digest FROM digests"))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()
