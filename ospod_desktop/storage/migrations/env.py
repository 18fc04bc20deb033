"""Alembic environment: always run on the app's own keyed connection (never from a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from ospod_desktop.storage import child_tables, models, placement_tables  # noqa: F401  (registers the tables)
from ospod_desktop.storage.migrations.env_filter import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True, include_object=include_object
)
with context.begin_transaction():
    context.run_migrations()
