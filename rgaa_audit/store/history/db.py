"""Where the history lives and how it is opened: URL resolution, engine, migrations.

The database is, in this order: the `--db` value (a SQLAlchemy URL, or a path to a SQLite
file), `$RGAA_AUDIT_DB`, else `history.sqlite` in the user's data directory
(`platformdirs.user_data_path("rgaa-audit")`, ~/.local/share/rgaa-audit on Linux).
PostgreSQL is reached through psycopg 3: `postgresql://…` and `postgres://…` are read as
`postgresql+psycopg://…`. Opening always brings the schema to the latest Alembic revision, in
code (the migrations ship inside the package; no alembic.ini).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from rgaa_audit.errors import LocalisedError

ENV_VAR = "RGAA_AUDIT_DB"
DEFAULT_FILE = "history.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")
_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg",
            "postgresql+psycopg": "postgresql+psycopg", "sqlite": "sqlite",
            "sqlite+pysqlite": "sqlite+pysqlite"}
_LOCK_ID = 0x52474141  # "RGAA": PostgreSQL advisory lock held while migrating


class HistoryError(LocalisedError):
    """The history database cannot be used: a bad URL, or a server that does not answer."""


def default_path() -> Path:
    """The SQLite file used when neither --db nor $RGAA_AUDIT_DB is given."""
    return platformdirs.user_data_path("rgaa-audit") / DEFAULT_FILE


def shown(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def resolve_url(value: str | None) -> URL:
    """The SQLAlchemy URL of `value`, else of $RGAA_AUDIT_DB, else of the default file."""
    value = value if value else os.environ.get(ENV_VAR) or None
    if value is None:
        return make_url("sqlite:///" + str(default_path()))
    if "://" not in value:
        return make_url("sqlite:///" + str(Path(value).expanduser().resolve()))
    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        raise HistoryError("history.bad_url", url=value[:200]) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise HistoryError("history.bad_url", url=value[:200])
    return url.set(drivername=driver)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: URL) -> Engine:
    """An engine for `url`; a SQLite file's folder is created, foreign keys are enforced and
    several processes may write (WAL, 30 s busy timeout)."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            try:
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise HistoryError("history.unreachable", url=shown(url),
                                   reason=str(error)[:200]) from None
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _config(connection: Any) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The latest revision of the shipped migrations."""
    head = ScriptDirectory.from_config(_config(None)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it is empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision; several processes may call it at once."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
            if MigrationContext.configure(connection).get_current_revision() != head:
                command.upgrade(_config(connection), "head")
    except SQLAlchemyError:
        # SQLite has no lock to wait on: another process may have migrated meanwhile.
        if current_revision(engine) != head:
            raise


def connect(value: str | None) -> tuple[Engine, URL]:
    """An engine on the resolved database with its schema up to date, or a HistoryError."""
    url = resolve_url(value)
    engine = make_engine(url)
    try:
        migrate(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        raise HistoryError("history.unreachable", url=shown(url),
                           reason=(reason[0] if reason else type(error).__name__)[:200]) from None
    return engine, url
