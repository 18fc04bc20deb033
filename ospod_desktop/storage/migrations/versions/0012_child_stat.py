"""What the statistics count of a child that does not depend on the period, kept once per child
(`child_stat`), not worked out again on every count.

Each child's registration key (status, sex, channel, age key on the day found, nationalities), sex,
nationalities and whether its age is disputed: derived data, written with the due items by `services.due`
(`storage.stat_keys`). The table starts empty and every child's due state is dropped, so the next refresh of
the due list (after login, or before the statistics are counted) computes every child again and fills it.
Nothing else changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'child_stat',
        sa.Column('child_id', sa.Integer(), nullable=False),
        sa.Column('found_on', sa.Date(), nullable=True),
        sa.Column('reg', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('sex', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('nats', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('disputed', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
        sa.PrimaryKeyConstraint('child_id'),
    )
    with op.batch_alter_table('child_stat', schema=None) as batch_op:
        batch_op.create_index('ix_child_stat_period', ['found_on', 'reg'], unique=False)
    op.execute("DELETE FROM due_state")  # derived: every child is computed again, the new table with it


def downgrade() -> None:
    with op.batch_alter_table('child_stat', schema=None) as batch_op:
        batch_op.drop_index('ix_child_stat_period')
    op.drop_table('child_stat')
