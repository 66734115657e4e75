"""The first history schema: audits, pages, cells, site criteria, findings.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site", sa.String(300), nullable=False),
        sa.Column("audit_key", sa.String(64), nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("start_url", sa.Text, nullable=False),
        sa.Column("report_path", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("rgaa_version", sa.String(16), nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Column("axe_core_version", sa.String(40), nullable=False),
        sa.Column("browser", sa.String(120), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("pages_audited", sa.Integer, nullable=False),
        sa.Column("pages_failed", sa.Integer, nullable=False),
        sa.Column("pages_skipped", sa.Integer, nullable=False),
        sa.Column("global_rate", sa.Float, nullable=True),
        sa.Column("average_rate", sa.Float, nullable=True),
        sa.Column("conformance", sa.String(40), nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("decided_criteria", sa.Integer, nullable=False),
        sa.Column("c_criteria", sa.Integer, nullable=False),
        sa.Column("nc_criteria", sa.Integer, nullable=False),
        sa.Column("na_criteria", sa.Integer, nullable=False),
        sa.Column("nt_criteria", sa.Integer, nullable=False),
        sa.Column("ecoindex_median", sa.Float, nullable=True),
        sa.Column("ecoindex_grade", sa.String(2), nullable=True),
        sa.Column("transfer_bytes_median", sa.Float, nullable=True),
        sa.Column("requests_median", sa.Float, nullable=True),
        sa.Column("dom_elements_median", sa.Float, nullable=True),
        sa.Column("obligations", sa.JSON, nullable=True),
        sa.UniqueConstraint("site", "audit_key", name="uq_audits_site_key"),
    )
    op.create_index("ix_audits_site_started", "audits", ["site", "started_at"])
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("audit_id", sa.Integer, sa.ForeignKey("audits.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("final_url", sa.Text, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("http_status", sa.Integer, nullable=True),
        sa.Column("rate", sa.Float, nullable=True),
        sa.Column("ecoindex", sa.Float, nullable=True),
        sa.Column("transfer_bytes", sa.Integer, nullable=True),
        sa.UniqueConstraint("audit_id", "position", name="uq_pages_audit_position"),
    )
    op.create_table(
        "cells",
        sa.Column("page_id", sa.Integer, sa.ForeignKey("pages.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("criterion", sa.String(8), primary_key=True),
        sa.Column("status", sa.String(2), nullable=False),
        sa.Column("provenance", sa.String(10), nullable=False),
    )
    op.create_table(
        "site_criteria",
        sa.Column("audit_id", sa.Integer, sa.ForeignKey("audits.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("criterion", sa.String(8), primary_key=True),
        sa.Column("status", sa.String(2), nullable=False),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("audit_id", sa.Integer, sa.ForeignKey("audits.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("page_url", sa.Text, nullable=False),
        sa.Column("criterion", sa.String(8), nullable=False),
        sa.Column("test", sa.String(12), nullable=False),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
    )
    op.create_index("ix_findings_audit", "findings", ["audit_id", "fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_findings_audit", table_name="findings")
    op.drop_table("findings")
    op.drop_table("site_criteria")
    op.drop_table("cells")
    op.drop_table("pages")
    op.drop_index("ix_audits_site_started", table_name="audits")
    op.drop_table("audits")
