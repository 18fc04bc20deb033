"""Registration: intake, identifiers, age assessments, family, field history, photo, search and name keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('age_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('age_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_age_assessment_child_id'), ['child_id'], unique=False)

    op.create_table('child_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('ts', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('old_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('new_value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('child_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_history_child_id'), ['child_id'], unique=False)

    op.create_table('child_identifier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('issuer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('child_identifier', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_identifier_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_child_identifier_number'), ['number'], unique=False)

    op.create_table('child_name_key',
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('child_id', 'key')
    )
    with op.batch_alter_table('child_name_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_name_key_key'), ['key'], unique=False)

    op.create_table('child_photo',
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('child_id')
    )
    op.create_table('duplicate_dismissal',
    sa.Column('a_id', sa.Integer(), nullable=False),
    sa.Column('b_id', sa.Integer(), nullable=False),
    sa.Column('dismissed_by', sa.Integer(), nullable=True),
    sa.Column('ts', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['a_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['b_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['dismissed_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('a_id', 'b_id')
    )
    op.create_table('family_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('relationship', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('alive', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('family_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_contact_child_id'), ['child_id'], unique=False)

    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('found_time', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reporter_agency', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reporter_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reporter_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('urgency', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='standard'))
        batch_op.add_column(sa.Column('urgency_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('age_claimed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('age_document', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('birth_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('police_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('asylum_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('case_mark', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('languages', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interpreter_language', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('companion_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('companion_relationship', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('companion_document', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('companion_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('wishes', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('responsible_officer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('case_status', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('close_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('closed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('search_text', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sort_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_child_case_mark'), ['case_mark'], unique=False)
        batch_op.create_index(batch_op.f('ix_child_sort_name'), ['sort_name'], unique=False)
        batch_op.create_foreign_key('fk_child_responsible_officer', 'user', ['responsible_officer_id'], ['id'])
        batch_op.create_foreign_key('fk_child_merged_into', 'child', ['merged_into_id'], ['id'])

    # The case list reads ids in name order with its filters from this index alone (no row lookups).
    op.execute("CREATE INDEX ix_child_list ON child (sort_name, id, case_status, status, urgency, merged_into_id, birth_year)")

    # Search: a trigram index over folded names and identifiers (rowid = child id).
    op.execute("CREATE VIRTUAL TABLE child_fts USING fts5(search_text, tokenize='trigram')")



def downgrade() -> None:
    op.execute("DROP TABLE child_fts")
    op.execute("DROP INDEX ix_child_list")
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_constraint('fk_child_merged_into', type_='foreignkey')
        batch_op.drop_constraint('fk_child_responsible_officer', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_child_sort_name'))
        batch_op.drop_index(batch_op.f('ix_child_case_mark'))
        batch_op.drop_column('sort_name')
        batch_op.drop_column('search_text')
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('closed_on')
        batch_op.drop_column('close_reason')
        batch_op.drop_column('case_status')
        batch_op.drop_column('responsible_officer_id')
        batch_op.drop_column('notes')
        batch_op.drop_column('wishes')
        batch_op.drop_column('companion_contact')
        batch_op.drop_column('companion_document')
        batch_op.drop_column('companion_relationship')
        batch_op.drop_column('companion_name')
        batch_op.drop_column('interpreter_language')
        batch_op.drop_column('languages')
        batch_op.drop_column('case_mark')
        batch_op.drop_column('asylum_reference')
        batch_op.drop_column('police_reference')
        batch_op.drop_column('birth_number')
        batch_op.drop_column('age_document')
        batch_op.drop_column('age_claimed')
        batch_op.drop_column('urgency_reason')
        batch_op.drop_column('urgency')
        batch_op.drop_column('reporter_reference')
        batch_op.drop_column('reporter_person')
        batch_op.drop_column('reporter_agency')
        batch_op.drop_column('channel')
        batch_op.drop_column('found_time')
        batch_op.drop_column('description')

    with op.batch_alter_table('family_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_contact_child_id'))

    op.drop_table('family_contact')
    op.drop_table('duplicate_dismissal')
    op.drop_table('child_photo')
    with op.batch_alter_table('child_name_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_name_key_key'))

    op.drop_table('child_name_key')
    with op.batch_alter_table('child_identifier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_identifier_number'))
        batch_op.drop_index(batch_op.f('ix_child_identifier_child_id'))

    op.drop_table('child_identifier')
    with op.batch_alter_table('child_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_history_child_id'))

    op.drop_table('child_history')
    with op.batch_alter_table('age_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_age_assessment_child_id'))

    op.drop_table('age_assessment')
