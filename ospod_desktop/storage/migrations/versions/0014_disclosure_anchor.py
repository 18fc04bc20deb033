"""The disclosure register keeps the audit chain's anchor of the moment of each export: an `anchor` column on
`disclosure` ("ID:MAC", `services.chain_anchor.head_text`), written with every new entry. The entries recorded
before keep an empty anchor; nothing else changes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anchor', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+; SQLCipher bundles a newer one), not a batch rebuild: the table keeps its
    # CHECK constraints, its partial unique index of č.j. numbers and its foreign keys exactly as created.
    op.execute("ALTER TABLE disclosure DROP COLUMN anchor")
