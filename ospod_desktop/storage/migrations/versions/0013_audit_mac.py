"""The audit chain's forward-secure MACs: a `mac` column on audit_log (empty for the rows written before) and
the one-row `audit_key` table holding the key of the next row (`storage.audit_mac`). The MAC segment starts
when the recovery code is next entered (new databases: at init); nothing else changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mac', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_table(
        'audit_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('first_id', sa.Integer(), nullable=False),
        sa.Column('next_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('audit_key')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('mac')
