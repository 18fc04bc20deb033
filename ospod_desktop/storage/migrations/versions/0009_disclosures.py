"""The disclosure register, and the office's reference-number (č.j.) format.

Only a new table and one new column: nothing is rebuilt, nothing existing changes. The CHECK lists are the codes
of `core.documents.KINDS` and `storage.document_tables.CHANNELS` as they were when this revision was written.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

UPDATED_AT = "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"
UUID = ("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) "
        "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || "
        "lower(hex(randomblob(6))))")
INDEXES = ['ix_disclosure_uuid', 'ix_disclosure_child_id', 'ix_disclosure_sha256', 'ix_disclosure_ref_number']


def upgrade() -> None:
    op.create_table('disclosure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('child_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('issued_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('categories', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ref_year', sa.Integer(), nullable=True),
    sa.Column('ref_number', sa.Integer(), nullable=True),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text(UUID), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text(UPDATED_AT), nullable=False),
    sa.CheckConstraint("kind IN ('case_list', 'catalogue', 'due_list', 'facility', 'missing', 'police', "
                       "'statistics', 'summary')", name='ck_disclosure_kind'),
    sa.CheckConstraint("channel IN ('cli', 'printed', 'saved')", name='ck_disclosure_channel'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_uuid'), ['uuid'], unique=True)
        batch_op.create_index('ix_disclosure_ref_number', ['ref_year', 'ref_number'], unique=True,
                              sqlite_where=sa.text('ref_number IS NOT NULL'))

    # In place (no rebuild of office): the default fills the one existing row.
    op.execute("ALTER TABLE office ADD COLUMN reference_format VARCHAR DEFAULT 'OSPOD/{number}/{year}' NOT NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE office DROP COLUMN reference_format")
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
    op.drop_table('disclosure')
