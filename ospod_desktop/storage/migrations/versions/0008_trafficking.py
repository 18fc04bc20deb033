"""Trafficking indicators: the indicator catalogue's versions, assessments (answers, forms of exploitation),
victim events, and the child's trafficking flag.

Only new tables and one new column: nothing is rebuilt, nothing existing changes. The CHECK lists are the codes
of `core.indicators.codes` (and `core.trafficking_flag.FLAGS`) as they were when this revision was written.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

UPDATED_AT = "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"
UUID = ("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) "
        "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || "
        "lower(hex(randomblob(6))))")


def _sync_columns() -> list[sa.Column]:
    return [sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text(UPDATED_AT), nullable=False),
            sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text(UUID), nullable=False)]


def _uuid_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_uuid'), ['uuid'], unique=True)


def upgrade() -> None:
    op.create_table('indicator_catalogue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalogue_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('content', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('imported_by', sa.Integer(), nullable=True),
    sa.Column('in_use', sa.Boolean(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['imported_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('catalogue_id', 'version', name='uq_indicator_catalogue_version')
    )
    with op.batch_alter_table('indicator_catalogue', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_catalogue_in_use', ['in_use'], unique=True, sqlite_where=sa.text('in_use'))
    _uuid_index('indicator_catalogue')

    op.create_table('trafficking_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('catalogue_pk', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('engine_outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('conclusion', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reasoning', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('exploitation_countries', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('finished_by', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reviewed_by', sa.Integer(), nullable=True),
    sa.Column('review_comment', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    *_sync_columns(),
    sa.CheckConstraint("status IN ('approved', 'draft', 'finished', 'returned')",
                       name='ck_trafficking_assessment_status'),
    sa.CheckConstraint("engine_outcome IN ('concern', 'no_indication', 'presumed_victim')",
                       name='ck_trafficking_assessment_engine_outcome'),
    sa.CheckConstraint("conclusion IS NULL OR conclusion IN ('concern', 'no_indication', 'presumed_victim')",
                       name='ck_trafficking_assessment_conclusion'),
    sa.ForeignKeyConstraint(['catalogue_pk'], ['indicator_catalogue.id'], ),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['finished_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['reviewed_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('trafficking_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trafficking_assessment_catalogue_pk'), ['catalogue_pk'], unique=False)
        batch_op.create_index(batch_op.f('ix_trafficking_assessment_child_id'), ['child_id'], unique=False)
    _uuid_index('trafficking_assessment')

    op.create_table('assessment_answer',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    *_sync_columns(),
    sa.CheckConstraint("answer IN ('absent', 'present', 'unknown')", name='ck_assessment_answer_answer'),
    sa.CheckConstraint("source IN ('', 'child_account', 'documents', 'observation', 'third_party')",
                       name='ck_assessment_answer_source'),
    sa.ForeignKeyConstraint(['assessment_id'], ['trafficking_assessment.id'], ),
    sa.PrimaryKeyConstraint('assessment_id', 'indicator_id')
    )
    _uuid_index('assessment_answer')

    op.create_table('assessment_form',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('form', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    *_sync_columns(),
    sa.CheckConstraint("form IN ('begging', 'criminal', 'forced_marriage', 'labour', 'organ_removal', 'other', "
                       "'sexual')", name='ck_assessment_form_form'),
    sa.ForeignKeyConstraint(['assessment_id'], ['trafficking_assessment.id'], ),
    sa.PrimaryKeyConstraint('assessment_id', 'form')
    )
    _uuid_index('assessment_form')

    op.create_table('victim_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    *_sync_columns(),
    sa.CheckConstraint("kind IN ('identified', 'police_report', 'referred', 'reflection_period')",
                       name='ck_victim_event_kind'),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= occurred_on', name='ck_victim_event_dates'),
    sa.ForeignKeyConstraint(['assessment_id'], ['trafficking_assessment.id'], ),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['recorded_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('victim_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victim_event_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_victim_event_child_id'), ['child_id'], unique=False)
    _uuid_index('victim_event')

    # ADD COLUMN with its CHECK: SQLite adds it in place (batch mode would rebuild the child table to add a
    # table-level constraint).
    op.execute("ALTER TABLE child ADD COLUMN trafficking_flag VARCHAR DEFAULT '' NOT NULL "
               "CONSTRAINT ck_child_trafficking_flag "
               "CHECK (trafficking_flag IN ('', 'concern', 'identified', 'presumed_victim'))")


def downgrade() -> None:
    # In place too (SQLite >= 3.35): a batch rebuild would copy the column's CHECK and fail without the column.
    op.execute("ALTER TABLE child DROP COLUMN trafficking_flag")

    for table, indexes in (('victim_event', ['ix_victim_event_uuid', 'ix_victim_event_child_id',
                                             'ix_victim_event_assessment_id']),
                           ('assessment_form', ['ix_assessment_form_uuid']),
                           ('assessment_answer', ['ix_assessment_answer_uuid']),
                           ('trafficking_assessment', ['ix_trafficking_assessment_uuid',
                                                       'ix_trafficking_assessment_child_id',
                                                       'ix_trafficking_assessment_catalogue_pk']),
                           ('indicator_catalogue', ['ix_indicator_catalogue_uuid', 'ix_indicator_catalogue_in_use'])):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in indexes:
                batch_op.drop_index(name)
        op.drop_table(table)
