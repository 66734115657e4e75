"""The history database on SQLite: migration from empty, recording, idempotence, queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from rgaa_audit.store.history import HistoryError, open_history, record_report, resolve_url
from rgaa_audit.store.history.db import head_revision
from rgaa_audit.store.history.record import site_of
from tests.support.history import make_report

SITE = "https://www.example-commune.fr"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "h" / "history.sqlite")


def count(history, table: str) -> int:
    with history.engine.connect() as connection:
        return connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_migration_from_empty_creates_every_table(db: str) -> None:
    with open_history(db) as history:
        names = set(inspect(history.engine).get_table_names())
        with history.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert {"audits", "pages", "cells", "site_criteria", "findings", "alembic_version"} <= names
    assert version == head_revision()
    with open_history(db) as again:  # opening a migrated database again changes nothing
        assert again.audits() == []


def test_record_reads_the_report(tmp_path: Path, db: str) -> None:
    report = make_report(tmp_path / "a", pages=3, nc={"1.1", "3.2"}, c={"8.5"},
                         manual={"8.5"}, skipped=1)
    with open_history(db) as history:
        audit_id = record_report(history, report)
        (row,) = history.audits(SITE)
        assert row.id == audit_id and row.site == SITE
        assert row.global_rate == pytest.approx(33.33) and row.nc_criteria == 2
        assert row.c_criteria == 1 and row.pages_audited == 3 and row.pages_skipped == 1
        assert row.ecoindex_median == 80.0 and row.axe_core_version == "4.12.1"
        assert row.started_at.isoformat() == "2026-01-05T09:00:00"
        assert count(history, "pages") == 4
        assert count(history, "cells") == 3 * 106
        assert count(history, "findings") == 3 * 2
        assert history.criteria(audit_id)["1.1"] == "NC"
        with history.engine.connect() as connection:
            provenance = {c: p for c, p in connection.execute(text(
                "SELECT criterion, provenance FROM cells WHERE criterion IN ('8.5', '1.1')"))}
            settings = connection.execute(text("SELECT settings FROM audits")).scalar_one()
    assert provenance == {"8.5": "manual", "1.1": "auto"}
    assert "secret" not in str(settings)  # header values never reach the database


def test_recording_twice_stores_once(tmp_path: Path, db: str) -> None:
    report = make_report(tmp_path / "a")
    with open_history(db) as history:
        first = record_report(history, report)
        second = record_report(history, report)
        copy = tmp_path / "copy" / "report.json"
        copy.parent.mkdir()
        copy.write_bytes(report.read_bytes())
        third = record_report(history, copy)  # the folder moved: still the same audit
        assert first == second == third
        assert count(history, "audits") == 1 and count(history, "cells") == 3 * 106


def test_changed_report_replaces_its_rows(tmp_path: Path, db: str) -> None:
    report = make_report(tmp_path / "a", nc={"1.1"})
    with open_history(db) as history:
        first = record_report(history, report)
        data = json.loads(report.read_text())
        data["summary"]["global_rate"] = 99.0
        data["pages"] = data["pages"][:1]
        report.write_text(json.dumps(data))
        assert record_report(history, report) == first
        (row,) = history.audits()
        assert row.global_rate == 99.0
        assert count(history, "pages") == 1 and count(history, "cells") == 106


def test_audits_and_previous(tmp_path: Path, db: str) -> None:
    older = make_report(tmp_path / "1", started_at="2026-01-05T09:00:00+00:00")
    newer = make_report(tmp_path / "2", started_at="2026-03-05T09:00:00+01:00")
    other = make_report(tmp_path / "3", site="http://other.example.org:8080")
    with open_history(db) as history:
        new_id = record_report(history, newer)
        old_id = record_report(history, older)
        record_report(history, other)
        assert [a.id for a in history.audits(SITE)] == [old_id, new_id]
        assert [a.id for a in history.audits("www.example-commune.fr")] == [old_id, new_id]
        assert len(history.audits()) == 3
        previous = history.previous(SITE, new_id)
        assert previous is not None and previous.id == old_id
        assert history.previous(SITE, old_id) is None


@pytest.mark.parametrize(("url", "origin"), [
    ("HTTPS://Www.X.fr:443/a?b", "https://www.x.fr"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
])
def test_site_is_the_origin(url: str, origin: str) -> None:
    assert site_of(url) == origin


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RGAA_AUDIT_DB", raising=False)
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url(str(tmp_path / "x.sqlite")).database == str(tmp_path / "x.sqlite")
    monkeypatch.setenv("RGAA_AUDIT_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite")
    monkeypatch.delenv("RGAA_AUDIT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None).database == str(tmp_path / "data" / "rgaa-audit" / "history.sqlite")


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense://", "postgresql://u@h:notaport/x"])
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(HistoryError) as caught:
        open_history(url)
    assert "history" in caught.value.text("en").lower()


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(HistoryError) as caught:
        open_history("postgresql://nobody@127.0.0.1:1/none")
    message = caught.value.text("en")
    assert message.startswith("History database postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "\n" not in message


@pytest.mark.parametrize("content", ["{", "[]", '{"schema": "other"}'])
def test_bad_report_is_refused(tmp_path: Path, db: str, content: str) -> None:
    bad = tmp_path / "report.json"
    bad.write_text(content)
    with open_history(db) as history, pytest.raises(HistoryError) as caught:
        record_report(history, bad)
    assert str(bad) in caught.value.text("en")
