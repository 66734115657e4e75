"""Alembic environment of the history database, run only from `db.migrate` (no alembic.ini).

`db.migrate` hands over an open connection in `config.attributes["connection"]`; the
migrations run on it, inside one transaction.
"""

from __future__ import annotations

from alembic import context

from rgaa_audit.store.history.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
