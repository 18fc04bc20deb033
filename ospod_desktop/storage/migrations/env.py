"""Alembic environment: always run on the app's own keyed connection (never from a URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from ospod_desktop.storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
