"""Covering indexes for the statistics (`services.statistics`): every table is counted from indexes alone,
never from the rows (a child's row carries its story and notes; SQLCipher decrypts every page it reads).

- ix_child_stats (id, merged_into_id, found_on, status, sex, channel, birth_date, birth_year, age_min,
  age_max, age_claimed, age_document): the registered children of a period, and a child's sex and age
  evidence looked up by id for the trafficking stages.
- ix_child_nationality_stats (child_id, code): a child's nationalities.
- ix_trafficking_assessment_stats (child_id, status, finished_at, conclusion, exploitation_countries): the
  finished assessments and each child's latest.
- ix_placement_stats (child_id, setting, start_date, end_date, facility_id): placements begun in a period
  by child and type in index order, and the placement current on the day of a visit.
- ix_visit_stats (child_id, child_seen, visited_on): a child's seen visits in day order (the one before a
  period); ix_visit_period (visited_on, child_seen, child_id): the visits of a period.
- ix_missing_stats (last_seen_at, child_id, returned_at): disappearances of a period and their returns.

Only new indexes: nothing is rebuilt, nothing existing changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

INDEXES = [
    ('child', 'ix_child_stats', ['id', 'merged_into_id', 'found_on', 'status', 'sex', 'channel', 'birth_date',
                                 'birth_year', 'age_min', 'age_max', 'age_claimed', 'age_document']),
    ('child_nationality', 'ix_child_nationality_stats', ['child_id', 'code']),
    ('trafficking_assessment', 'ix_trafficking_assessment_stats',
     ['child_id', 'status', 'finished_at', 'conclusion', 'exploitation_countries']),
    ('placement', 'ix_placement_stats', ['child_id', 'setting', 'start_date', 'end_date', 'facility_id']),
    ('visit', 'ix_visit_stats', ['child_id', 'child_seen', 'visited_on']),
    ('visit', 'ix_visit_period', ['visited_on', 'child_seen', 'child_id']),
    ('missing_episode', 'ix_missing_stats', ['last_seen_at', 'child_id', 'returned_at']),
]


def upgrade() -> None:
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
