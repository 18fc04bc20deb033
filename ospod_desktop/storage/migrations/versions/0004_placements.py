"""Placements: the facility register's contacts, placements and their extensions, missing episodes, break-glass.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('other_contacts', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))

    op.create_table('placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=True),
    sa.Column('setting', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('carer_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('carer_relationship', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('carer_address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('carer_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('legal_basis', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('court', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('court_file_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('contract_party', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('end_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], ),
    sa.ForeignKeyConstraint(['previous_id'], ['placement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_child_id'), ['child_id'], unique=False)
        # Facility staff's scope and occupancy are answered from this index alone.
        batch_op.create_index('ix_placement_facility', ['facility_id', 'end_date', 'start_date', 'child_id'], unique=False)

    op.create_table('placement_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('new_expiry', sa.Date(), nullable=False),
    sa.Column('court', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('court_file_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('placement_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_extension_placement_id'), ['placement_id'], unique=False)

    op.create_table('missing_episode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=True),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('seen_with', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('circumstances', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('clothing', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('risk_trafficking', sa.Boolean(), nullable=False),
    sa.Column('risk_medication', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('risk_notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('police_informed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('police_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('police_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('officer_informed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('officer_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('guardian_informed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('guardian_person', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('line_116000_informed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('line_116000_reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('returned_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('found_place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('condition', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('return_interview', sa.Boolean(), nullable=True),
    sa.Column('return_interview_on', sa.Date(), nullable=True),
    sa.Column('return_notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('close_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('missing_episode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_missing_episode_child_id'), ['child_id'], unique=False)
        # Who is missing now: open episodes have neither a return nor a closing time.
        batch_op.create_index('ix_missing_open', ['returned_at', 'closed_at', 'child_id'], unique=False)

    op.create_table('break_glass',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('reason_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('break_glass', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_break_glass_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('break_glass', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_break_glass_user_id'))
    op.drop_table('break_glass')

    with op.batch_alter_table('missing_episode', schema=None) as batch_op:
        batch_op.drop_index('ix_missing_open')
        batch_op.drop_index(batch_op.f('ix_missing_episode_child_id'))
    op.drop_table('missing_episode')

    with op.batch_alter_table('placement_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_extension_placement_id'))
    op.drop_table('placement_extension')

    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index('ix_placement_facility')
        batch_op.drop_index(batch_op.f('ix_placement_child_id'))
    op.drop_table('placement')

    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.drop_column('other_contacts')
        batch_op.drop_column('contact_person')
