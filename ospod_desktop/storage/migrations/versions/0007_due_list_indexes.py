"""Indexes for the due list: its items read from an index alone, and an officer's children found by index.

- ix_due_item_list (due, kind, child_id, due_at): the list, its filters and the badge's counts scan this index
  and never the rows (an item's row carries its explanation and is read only for the rows on screen).
- ix_child_officer (responsible_officer_id, merged_into_id): an officer's own children.

Only new indexes: nothing is rebuilt, nothing existing changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.create_index('ix_due_item_list', ['due', 'kind', 'child_id', 'due_at'], unique=False)
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.create_index('ix_child_officer', ['responsible_officer_id', 'merged_into_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_index('ix_child_officer')
    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.drop_index('ix_due_item_list')
