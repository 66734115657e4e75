"""The history's tables, as SQLAlchemy 2 typed ORM classes.

One `Audit` row per recorded report.json, unique on (site, audit_key); below it the pages,
the page × criterion cells with their provenance, the site-wide criterion statuses and the
finding fingerprints. The schema itself is created and evolved only by the Alembic migrations
in `migrations/` (never by `create_all`), so SQLite and PostgreSQL databases stay alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the history tables."""


class Audit(Base):
    """One audit: what report.json says of the whole site."""

    __tablename__ = "audits"
    __table_args__ = (UniqueConstraint("site", "audit_key", name="uq_audits_site_key"),
                      Index("ix_audits_site_started", "site", "started_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(300))
    audit_key: Mapped[str] = mapped_column(String(64))
    content_digest: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    recorded_at: Mapped[dt.datetime]
    start_url: Mapped[str] = mapped_column(Text)
    report_path: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    rgaa_version: Mapped[str] = mapped_column(String(16))
    tool_version: Mapped[str] = mapped_column(String(40))
    axe_core_version: Mapped[str] = mapped_column(String(40))
    browser: Mapped[str] = mapped_column(String(120))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    pages_audited: Mapped[int]
    pages_failed: Mapped[int]
    pages_skipped: Mapped[int]
    global_rate: Mapped[float | None]
    average_rate: Mapped[float | None]
    conformance: Mapped[str] = mapped_column(String(40))
    provisional: Mapped[bool]
    decided_criteria: Mapped[int]
    c_criteria: Mapped[int]
    nc_criteria: Mapped[int]
    na_criteria: Mapped[int]
    nt_criteria: Mapped[int]
    ecoindex_median: Mapped[float | None]
    ecoindex_grade: Mapped[str | None] = mapped_column(String(2))
    transfer_bytes_median: Mapped[float | None]
    requests_median: Mapped[float | None]
    dom_elements_median: Mapped[float | None]
    obligations: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    pages: Mapped[list[Page]] = relationship(back_populates="audit", cascade="all, delete-orphan",
                                             passive_deletes=True)
    criteria: Mapped[list[SiteCriterion]] = relationship(cascade="all, delete-orphan",
                                                         passive_deletes=True)
    findings: Mapped[list[FindingRow]] = relationship(cascade="all, delete-orphan",
                                                      passive_deletes=True)


class Page(Base):
    """One page of an audit (audited, failed or skipped) and its page rate."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("audit_id", "position", name="uq_pages_audit_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"))
    position: Mapped[int]
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    http_status: Mapped[int | None]
    rate: Mapped[float | None]
    ecoindex: Mapped[float | None]
    transfer_bytes: Mapped[int | None]

    audit: Mapped[Audit] = relationship(back_populates="pages")
    cells: Mapped[list[Cell]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Cell(Base):
    """The status of one criterion on one page, and where it comes from (auto or manual)."""

    __tablename__ = "cells"

    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"),
                                         primary_key=True)
    criterion: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(2))
    provenance: Mapped[str] = mapped_column(String(10))


class SiteCriterion(Base):
    """The site-wide status of one criterion over the sample."""

    __tablename__ = "site_criteria"

    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"),
                                          primary_key=True)
    criterion: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(2))


class FindingRow(Base):
    """One finding (failure or item to verify) by its stable fingerprint."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_audit", "audit_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"))
    page_url: Mapped[str] = mapped_column(Text)
    criterion: Mapped[str] = mapped_column(String(8))
    test: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    fingerprint: Mapped[str] = mapped_column(String(64))
