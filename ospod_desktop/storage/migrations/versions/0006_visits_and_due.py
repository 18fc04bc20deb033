"""Visits and one deadline engine: visits, information requests, IPODs, guardians, asylum applications; the
placement's enforceability, s. 460 exception, s. 461 flag and diagnostic stay; the extension's consent date;
an imported child's register date; the deadline policy's versions and the materialised due items.

Only new tables and new columns: nothing is rebuilt, nothing existing changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadline_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('data', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('revision')
    )
    with op.batch_alter_table('deadline_policy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_policy_uuid'), ['uuid'], unique=True)

    op.create_table('asylum_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('representative_on', sa.Date(), nullable=True),
    sa.Column('representative_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.CheckConstraint('representative_on IS NULL OR representative_on >= applied_on', name='ck_asylum_application_dates'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('asylum_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asylum_application_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_asylum_application_uuid'), ['uuid'], unique=True)

    op.create_table('due_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('due_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('source_table', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('msgid', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('params', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('basis', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('basis_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('policy_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_due_item_child_id'), ['child_id'], unique=False)
        batch_op.create_index('ix_due_item_due', ['due', 'child_id'], unique=False)

    op.create_table('due_state',
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('computed_on', sa.Date(), nullable=False),
    sa.Column('refresh_on', sa.Date(), nullable=True),
    sa.Column('policy_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('child_id')
    )
    with op.batch_alter_table('due_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_due_state_refresh_on'), ['refresh_on'], unique=False)

    op.create_table('guardianship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('petition_on', sa.Date(), nullable=True),
    sa.Column('petition_court', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=True),
    sa.Column('court', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('court_file_number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('guardian_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('guardian_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= appointed_on', name='ck_guardianship_dates'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('guardianship', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardianship_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guardianship_uuid'), ['uuid'], unique=True)

    op.create_table('ipod',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('drawn_up_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ipod', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ipod_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ipod_uuid'), ['uuid'], unique=True)

    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visited_time', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place_detail', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('present', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('child_seen', sa.Boolean(), nullable=False),
    sa.Column('not_seen_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('spoken_alone', sa.Boolean(), nullable=True),
    sa.Column('views', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('living_conditions', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('health', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('schooling', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('family_contact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('concerns', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('next_visit_on', sa.Date(), nullable=True),
    sa.Column('next_visit_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.CheckConstraint("kind IN ('after_return', 'planned', 'unannounced')", name='ck_visit_kind'),
    sa.CheckConstraint("place IN ('facility', 'home', 'other', 'school')", name='ck_visit_place'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_placement_id'), ['placement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_uuid'), ['uuid'], unique=True)

    op.create_table('information_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('addressee', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), server_default=sa.text("(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(), server_default=sa.text("(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"), nullable=False),
    sa.CheckConstraint('answered_on IS NULL OR answered_on >= asked_on', name='ck_information_request_dates'),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('information_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_information_request_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_information_request_uuid'), ['uuid'], unique=True)
        batch_op.create_index(batch_op.f('ix_information_request_visit_id'), ['visit_id'], unique=False)

    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_on', sa.Date(), nullable=True))

    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('enforceable_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('exception_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('section_461', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('diagnostic_stay', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('diagnostics_completed_on', sa.Date(), nullable=True))

    with op.batch_alter_table('placement_extension', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('placement_extension', schema=None) as batch_op:
        batch_op.drop_column('consent_on')

    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_column('diagnostics_completed_on')
        batch_op.drop_column('diagnostic_stay')
        batch_op.drop_column('section_461')
        batch_op.drop_column('exception_reason')
        batch_op.drop_column('enforceable_on')

    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_column('registered_on')

    with op.batch_alter_table('information_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_information_request_visit_id'))
        batch_op.drop_index(batch_op.f('ix_information_request_uuid'))
        batch_op.drop_index(batch_op.f('ix_information_request_child_id'))

    op.drop_table('information_request')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_uuid'))
        batch_op.drop_index(batch_op.f('ix_visit_placement_id'))
        batch_op.drop_index(batch_op.f('ix_visit_child_id'))

    op.drop_table('visit')
    with op.batch_alter_table('ipod', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ipod_uuid'))
        batch_op.drop_index(batch_op.f('ix_ipod_child_id'))

    op.drop_table('ipod')
    with op.batch_alter_table('guardianship', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardianship_uuid'))
        batch_op.drop_index(batch_op.f('ix_guardianship_child_id'))

    op.drop_table('guardianship')
    with op.batch_alter_table('due_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_due_state_refresh_on'))

    op.drop_table('due_state')
    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.drop_index('ix_due_item_due')
        batch_op.drop_index(batch_op.f('ix_due_item_child_id'))

    op.drop_table('due_item')
    with op.batch_alter_table('asylum_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asylum_application_uuid'))
        batch_op.drop_index(batch_op.f('ix_asylum_application_child_id'))

    op.drop_table('asylum_application')
    with op.batch_alter_table('deadline_policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_policy_uuid'))

    op.drop_table('deadline_policy')
