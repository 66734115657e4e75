"""Reading the history: the audits of a site, the previous one, what changed between two.

`History` is the handle `open_history` returns; every result is a frozen dataclass, so a
caller never holds a live ORM object or session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from rgaa_audit.store.history.db import HistoryError, shown
from rgaa_audit.store.history.models import Audit, FindingRow, Page, SiteCriterion
from rgaa_audit.store.history.record import read_report, record_document, site_of


@dataclass(frozen=True)
class AuditRow:
    """One recorded audit, as the trends table and the batch dashboard read it."""

    id: int
    site: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    start_url: str
    report_path: str
    tool_version: str
    axe_core_version: str
    pages_audited: int
    pages_failed: int
    pages_skipped: int
    global_rate: float | None
    average_rate: float | None
    conformance: str
    provisional: bool
    decided_criteria: int
    c_criteria: int
    nc_criteria: int
    na_criteria: int
    nt_criteria: int
    ecoindex_median: float | None
    ecoindex_grade: str | None
    transfer_bytes_median: float | None
    requests_median: float | None


@dataclass(frozen=True)
class PageRow:
    """One page of a recorded audit."""

    url: str
    status: str
    http_status: int | None
    rate: float | None
    ecoindex: float | None


_ROW_FIELDS = tuple(f.name for f in fields(AuditRow))


def _row(audit: Audit) -> AuditRow:
    return AuditRow(**{name: getattr(audit, name) for name in _ROW_FIELDS})


def site_filter(site: str) -> list[str]:
    """The origins a user's SITE means: an origin as given, a bare host over http and https."""
    text = site.strip()
    if "://" in text:
        return [site_of(text)]
    return [site_of("https://" + text), site_of("http://" + text)]


class History:
    """An open history database (schema up to date). Use it as a context manager or close()."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine, self.url = engine, url

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def failure(self, error: SQLAlchemyError) -> HistoryError:
        """The one-line HistoryError saying why the database failed."""
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        return HistoryError("history.unreachable", url=shown(self.url),
                            reason=(reason[0] if reason else type(error).__name__)[:200])

    def record(self, report_json: Path, key: str | None = None) -> int:
        """Record one report.json (see record.py for the identity); the audit id."""
        report, digest = read_report(report_json)
        try:
            with self._session() as session:
                return record_document(session, report, report_json, digest, key)
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def audits(self, site: str | None = None) -> list[AuditRow]:
        """Every audit (of `site` when given: an origin or a bare host), oldest first."""
        query = select(Audit).order_by(Audit.site, Audit.started_at, Audit.id)
        if site:
            query = query.where(Audit.site.in_(site_filter(site)))
        try:
            with self._session() as session:
                return [_row(audit) for audit in session.scalars(query)]
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def audit(self, audit_id: int) -> AuditRow | None:
        """One audit by id."""
        try:
            with self._session() as session:
                audit = session.get(Audit, audit_id)
                return _row(audit) if audit is not None else None
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def previous(self, site: str, before_audit_id: int) -> AuditRow | None:
        """The latest audit of `site` started before audit `before_audit_id` (None if none)."""
        try:
            with self._session() as session:
                current = session.get(Audit, before_audit_id)
                if current is None:
                    return None
                query = (select(Audit).where(Audit.site.in_(site_filter(site)),
                                             Audit.id != current.id)
                         .where((Audit.started_at < current.started_at)
                                | ((Audit.started_at == current.started_at)
                                   & (Audit.id < current.id)))
                         .order_by(Audit.started_at.desc(), Audit.id.desc()).limit(1))
                audit = session.scalars(query).first()
                return _row(audit) if audit is not None else None
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def criteria(self, audit_id: int) -> dict[str, str]:
        """The site-wide status of each criterion in audit `audit_id`."""
        query = select(SiteCriterion.criterion, SiteCriterion.status).where(
            SiteCriterion.audit_id == audit_id)
        try:
            with self._session() as session:
                return {c: s for c, s in session.execute(query)}
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def failures(self, audit_id: int) -> dict[str, dict[str, Any]]:
        """The failures of audit `audit_id` by fingerprint (page, criterion, test, source)."""
        query = (select(FindingRow).where(FindingRow.audit_id == audit_id,
                                          FindingRow.kind == "failure")
                 .order_by(FindingRow.id))
        try:
            with self._session() as session:
                return {row.fingerprint: {"page": row.page_url, "criterion": row.criterion,
                                          "test": row.test, "source": row.source}
                        for row in session.scalars(query)}
        except SQLAlchemyError as error:
            raise self.failure(error) from None

    def pages(self, audit_id: int) -> list[PageRow]:
        """The pages of audit `audit_id`, in report order."""
        query = select(Page).where(Page.audit_id == audit_id).order_by(Page.position)
        try:
            with self._session() as session:
                return [PageRow(p.url, p.status, p.http_status, p.rate, p.ecoindex)
                        for p in session.scalars(query)]
        except SQLAlchemyError as error:
            raise self.failure(error) from None
