"""Alembic environment: always run on the app's own keyed connection (never from a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from ospod_desktop.storage import (  # noqa: F401  (registers the tables)
    care_tables,
    child_tables,
    document_tables,
    due_tables,
    models,
    placement_tables,
    trafficking_tables,
)
from ospod_desktop.storage.migrations.env_filter import include_object

connection = context.config.attributes["connection"]
if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
    # Rebuilding a table others refer to would delete their rows' parents (or fail): go through storage.schema.
    raise RuntimeError("migrations run with foreign keys off: use storage.schema.upgrade / downgrade")
context.configure(
    connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True, include_object=include_object
)
with context.begin_transaction():
    context.run_migrations()
