"""The visits of the statistics measured once, when they change (`visit_timeliness`), not on every count.

Every day a child was seen at a visit, with how many visits, its timeliness against the visit clock and the
child's previous day seen: derived data, written with the due items by `services.due` (and rebuilt with them).
The table starts empty and every child's due state is dropped, so the next refresh of the due list (after
login, or before the statistics are counted) computes every child again and fills it. And an index of the
placements by type (ix_placement_setting: setting, child, start): the children placed in each type of facility
in a period, read without a sort. Nothing else changes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'visit_timeliness',
        sa.Column('child_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('prev_day', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
        sa.PrimaryKeyConstraint('child_id', 'day'),
    )
    with op.batch_alter_table('visit_timeliness', schema=None) as batch_op:
        batch_op.create_index('ix_visit_timeliness_period', ['outcome', 'day', 'visits', 'prev_day'], unique=False)
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index('ix_placement_setting', ['setting', 'child_id', 'start_date'], unique=False)
    op.execute("DELETE FROM due_state")  # derived: every child is computed again, the new table with it


def downgrade() -> None:
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index('ix_placement_setting')
    with op.batch_alter_table('visit_timeliness', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_timeliness_period')
    op.drop_table('visit_timeliness')
