"""Rows instead of joined strings, stricter tables, ready for synchronisation.

- A child's nationalities, languages and aliases become ordered rows (child_nationality, child_language,
  child_alias); the missing episode's informed parties become rows (missing_informed). Data moves, order kept.
- CHECK constraints on codes (lists generated from core's code tables) and on date order; one open placement
  per child (a partial unique index); indexes on placement.previous_id, missing_episode.placement_id,
  child.merged_into_id; ix_child_sort_name (covered by ix_child_list) and the unread child.search_text go.
- Every exchanged row gets a uuid and an updated_at (UTC); deletions leave a tombstone.
- Timestamps are declared with the models' type (UTCDateTime) where 0001/0002 said DateTime (the same
  DATETIME column and stored text on SQLite).

Runs with foreign keys off (storage.schema): tables that others refer to are rebuilt. Data that the new
constraints would refuse stops the upgrade before anything changes, naming the records by id.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from collections import defaultdict

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.errors import StorageError
from ospod_desktop.core.i18n import _
from ospod_desktop.storage.columns import NOW_SQL, UUID_SQL, new_uuid, not_before, one_of

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Exchanged tables and what their updated_at starts from.
SYNCED = {
    "office": "created_at", "facility": None, "user": "created_at", "child": "coalesce(updated_at, created_at)",
    "age_assessment": "created_at", "child_identifier": None, "family_contact": None, "child_history": "ts",
    "child_photo": "updated_at", "duplicate_dismissal": "ts", "placement": "coalesce(updated_at, created_at)",
    "placement_extension": "created_at", "missing_episode": "coalesce(updated_at, created_at)",
}
# Tables that had an updated_at before, and whether it was nullable then (set only on an edit).
HAD_UPDATED_AT = {"child": True, "placement": True, "missing_episode": True, "child_photo": False}
# The joined-string columns of `child` and their tables: (table, column, value column, separator, normalise).
LISTS = (("child_nationality", "nationalities", "code", ";", str.upper),
         ("child_language", "languages", "code", ";", str.lower),
         ("child_alias", "aliases", "name", "\n", None))
PARTIES = {"police": ("police_informed_at", "police_reference", "police_person"),
           "officer": ("officer_informed_at", None, "officer_person"),
           "guardian": ("guardian_informed_at", None, "guardian_person"),
           "line_116000": ("line_116000_informed_at", "line_116000_reference", None)}
CHECKS = {
    "child": [("ck_child_sex", one_of("sex", R.SEXES)), ("ck_child_status", one_of("status", R.STATUSES)),
              ("ck_child_urgency", one_of("urgency", R.URGENCIES)),
              ("ck_child_case_status", one_of("case_status", R.CASE_STATUSES)),
              ("ck_child_age_range", "age_min IS NULL OR age_max IS NULL OR age_min <= age_max")],
    "age_assessment": [("ck_age_assessment_range", "age_min <= age_max")],
    "placement": [("ck_placement_setting", one_of("setting", PR.FACILITY_TYPES)),
                  ("ck_placement_legal_basis", one_of("legal_basis", PR.LEGAL_BASES)),
                  ("ck_placement_end_reason", one_of("end_reason", PR.END_REASONS, empty=True)),
                  ("ck_placement_contract_party", one_of("contract_party", PR.CONTRACT_PARTIES, empty=True)),
                  ("ck_placement_dates", not_before("end_date", "start_date"))],
    "missing_episode": [("ck_missing_close_reason", one_of("close_reason", PR.MISSING_CLOSE_REASONS, empty=True)),
                        ("ck_missing_returned", not_before("returned_at", "last_seen_at")),
                        ("ck_missing_closed", not_before("closed_at", "last_seen_at"))],
}
# Timestamps 0001/0002 declared as DateTime: (table, column, nullable).
DATETIMES = {"office": [("created_at", False)], "user": [("created_at", False), ("last_login_at", True)],
             "child": [("created_at", False)]}
NEW_INDEXES = {"child": [("ix_child_merged_into_id", "merged_into_id")],
               "placement": [("ix_placement_previous_id", "previous_id")],
               "missing_episode": [("ix_missing_episode_placement_id", "placement_id")]}


def _uuid_column() -> sa.Column:
    return sa.Column('uuid', AutoString(), nullable=False, server_default=sa.text(f"({UUID_SQL})"))


def _updated_column() -> sa.Column:
    return sa.Column('updated_at', UTCDateTime(), nullable=False, server_default=sa.text(f"({NOW_SQL})"))


def _refuse(problem: str, ids: list) -> None:
    raise StorageError(_("The database cannot be upgraded: {problem} (records no. {ids}). Nothing was changed; "
                         "correct these records in the previous version of the application.").format(
        problem=problem, ids=", ".join(str(i) for i in ids[:20])))


def _check_data(conn) -> None:
    """Stop before any change when data breaks a new rule (never a name: ids only)."""
    twice = [r[0] for r in conn.execute(sa.text(
        "SELECT child_id FROM placement WHERE end_date IS NULL GROUP BY child_id HAVING count(*) > 1"))]
    if twice:
        _refuse("children with more than one current placement", twice)
    for table, checks in CHECKS.items():
        for name, condition in checks:
            bad = [r[0] for r in conn.execute(sa.text(f"SELECT rowid FROM {table} WHERE NOT ({condition})"))]
            if bad:
                _refuse(f"{table} {name}", bad)
    for party, (at, ref, person) in PARTIES.items():
        text_cols = " OR ".join(f"{c} != ''" for c in (ref, person) if c)
        bad = [r[0] for r in conn.execute(sa.text(f"SELECT id FROM missing_episode WHERE {at} IS NULL AND ({text_cols})"))]
        if bad:
            _refuse(f"missing_episode {party}: a reference without a time", bad)


def _create_new_tables() -> None:
    for table, _column, value, _sep, _norm in LISTS:
        op.create_table(table,
            sa.Column('child_id', sa.Integer(), nullable=False),
            sa.Column('position', sa.Integer(), nullable=False),
            sa.Column(value, AutoString(), nullable=False),
            _uuid_column(), _updated_column(),
            sa.ForeignKeyConstraint(['child_id'], ['child.id']),
            sa.PrimaryKeyConstraint('child_id', 'position'))
        op.create_index(f'ix_{table}_uuid', table, ['uuid'], unique=True)
        if value == "code":
            op.create_index(f'ix_{table}_code', table, ['code'])
    op.create_table('missing_informed',
        sa.Column('episode_id', sa.Integer(), nullable=False),
        sa.Column('party', AutoString(), nullable=False),
        sa.Column('informed_at', UTCDateTime(), nullable=False),
        sa.Column('reference', AutoString(), nullable=False),
        sa.Column('person', AutoString(), nullable=False),
        _uuid_column(), _updated_column(),
        sa.ForeignKeyConstraint(['episode_id'], ['missing_episode.id']),
        sa.PrimaryKeyConstraint('episode_id', 'party'),
        sa.CheckConstraint(one_of("party", PR.INFORMED_PARTIES), name="ck_missing_informed_party"))
    op.create_index('ix_missing_informed_uuid', 'missing_informed', ['uuid'], unique=True)
    op.create_table('tombstone',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('table_name', AutoString(), nullable=False),
        sa.Column('uuid', AutoString(), nullable=False),
        sa.Column('deleted_at', UTCDateTime(), nullable=False),
        sa.Column('deleted_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['deleted_by'], ['user.id']),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_tombstone_uuid', 'tombstone', ['uuid'], unique=True)
    op.create_index('ix_tombstone_deleted_at', 'tombstone', ['deleted_at'])


def _move_lists(conn) -> None:
    """Joined strings -> rows, order kept, codes normalised; each row starts with its child's updated_at."""
    rows = conn.execute(sa.text("SELECT id, nationalities, languages, aliases, updated_at FROM child ORDER BY id")).all()
    for table, column, value, sep, norm in LISTS:
        index = {"nationalities": 1, "languages": 2, "aliases": 3}[column]
        out = []
        for r in rows:
            items = [v.strip() if norm else v for v in (r[index] or "").split(sep)]
            for pos, item in enumerate(i for i in items if i):
                out.append({"c": r[0], "p": pos, "v": norm(item) if norm else item, "u": new_uuid(), "t": r[4]})
        if out:
            conn.execute(sa.text(f"INSERT INTO {table} (child_id, position, {value}, uuid, updated_at) "
                                 "VALUES (:c, :p, :v, :u, :t)"), out)


def _move_informed(conn) -> None:
    for party, (at, ref, person) in PARTIES.items():
        conn.execute(sa.text(
            f"INSERT INTO missing_informed (episode_id, party, informed_at, reference, person, uuid, updated_at) "
            f"SELECT id, '{party}', {at}, {ref or repr('')}, {person or repr('')}, ({UUID_SQL}), updated_at "
            f"FROM missing_episode WHERE {at} IS NOT NULL ORDER BY id"))


def upgrade() -> None:
    conn = op.get_bind()
    _check_data(conn)
    # 1. uuid and updated_at on the exchanged tables, filled for the rows there are.
    for table, start in SYNCED.items():
        op.add_column(table, sa.Column('uuid', AutoString(), nullable=True))
        if table not in HAD_UPDATED_AT:
            op.add_column(table, sa.Column('updated_at', UTCDateTime(), nullable=True))
        conn.execute(sa.text(f'UPDATE "{table}" SET uuid = ({UUID_SQL}), updated_at = {start or f"({NOW_SQL})"}'))
    # 2. The new tables, and the data that moves into them.
    _create_new_tables()
    _move_lists(conn)
    _move_informed(conn)
    # 3. Rebuild each exchanged table: NOT NULL sync columns with their defaults, checks, indexes, dropped columns.
    for table in SYNCED:
        with op.batch_alter_table(table, recreate="always") as b:
            b.alter_column('uuid', existing_type=AutoString(), nullable=False, server_default=sa.text(f"({UUID_SQL})"))
            b.alter_column('updated_at', existing_type=UTCDateTime(), type_=UTCDateTime(), nullable=False,
                           server_default=sa.text(f"({NOW_SQL})"))
            b.create_index(f'ix_{table}_uuid', ['uuid'], unique=True)
            for column, nullable in DATETIMES.get(table, ()):
                b.alter_column(column, existing_type=sa.DateTime(), type_=UTCDateTime(), existing_nullable=nullable)
            for name, column in NEW_INDEXES.get(table, ()):
                b.create_index(name, [column], unique=False)
            for name, condition in CHECKS.get(table, ()):
                b.create_check_constraint(name, condition)
            if table == "child":
                b.drop_index('ix_child_sort_name')
                for column in ("aliases", "nationalities", "languages", "search_text"):
                    b.drop_column(column)
            if table == "missing_episode":
                for party_columns in PARTIES.values():
                    for party_column in party_columns:
                        if party_column:
                            b.drop_column(party_column)
    op.create_index('ix_placement_one_open', 'placement', ['child_id'], unique=True,
                    sqlite_where=sa.text("end_date IS NULL"))


def _restore_lists(conn) -> None:
    joined: dict[int, dict[str, str]] = defaultdict(dict)
    for table, column, value, sep, _norm in LISTS:
        grouped: dict[int, list[str]] = defaultdict(list)
        for cid, item in conn.execute(sa.text(f"SELECT child_id, {value} FROM {table} ORDER BY child_id, position")):
            grouped[cid].append(item)
        for cid, items in grouped.items():
            joined[cid][column] = sep.join(items)
    for cid, values in joined.items():
        sets = ", ".join(f"{c} = :{c}" for c in values)
        conn.execute(sa.text(f"UPDATE child SET {sets} WHERE id = :id"), {"id": cid, **values})


def _restore_informed(conn) -> None:
    for party, (at, ref, person) in PARTIES.items():
        pairs = [(at, "informed_at")] + [(c, k) for c, k in ((ref, "reference"), (person, "person")) if c]
        sets = ", ".join(f"{c} = (SELECT {k} FROM missing_informed i WHERE i.episode_id = missing_episode.id "
                         f"AND i.party = '{party}')" for c, k in pairs)
        conn.execute(sa.text(f"UPDATE missing_episode SET {sets} WHERE id IN "
                             f"(SELECT episode_id FROM missing_informed WHERE party = '{party}')"))


def downgrade() -> None:
    conn = op.get_bind()
    op.drop_index('ix_placement_one_open', 'placement')
    for column in ("aliases", "nationalities", "languages", "search_text"):
        op.add_column('child', sa.Column(column, AutoString(), nullable=False, server_default=''))
    for party_columns in PARTIES.values():
        for party_column in party_columns:
            if party_column and party_column.endswith("_at"):
                op.add_column('missing_episode', sa.Column(party_column, UTCDateTime(), nullable=True))
            elif party_column:
                op.add_column('missing_episode', sa.Column(party_column, AutoString(), nullable=False, server_default=''))
    _restore_lists(conn)
    _restore_informed(conn)
    for table in ('tombstone', 'missing_informed', *(t for t, *_rest in LISTS)):
        op.drop_table(table)
    for table in SYNCED:
        with op.batch_alter_table(table, recreate="always") as b:
            b.drop_index(f'ix_{table}_uuid')
            b.drop_column('uuid')
            if table not in HAD_UPDATED_AT:
                b.drop_column('updated_at')
            elif HAD_UPDATED_AT[table]:
                b.alter_column('updated_at', existing_type=UTCDateTime(), nullable=True, server_default=None)
            else:
                b.alter_column('updated_at', existing_type=UTCDateTime(), nullable=False, server_default=None)
            for name, _column in NEW_INDEXES.get(table, ()):
                b.drop_index(name)
            for name, _condition in CHECKS.get(table, ()):
                b.drop_constraint(name, type_="check")
            if table == "child":
                b.create_index('ix_child_sort_name', ['sort_name'], unique=False)
