"""Issue 14 item 3: sensitive free text sealed with the office key (storage.sealing, storage.office_slots)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ospod_desktop.core.child_form import FamilyInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from ospod_desktop.storage import sealing
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form

NOTE = "MARKER-NOTE-Ω čí"
WISH = "MARKER-WISH"
PHONE = "MARKER-PHONE-777"
SUPERVISOR_PASSWORD = "supervisor password 2026"
STAFF_PASSWORD = "staff password 2026"


def _raw_rows(db_path, username, password):
    """What a script holding the database key (opened with any password) reads: every text of every row."""
    slots = KeySlots.load(db_path)
    db = Database(db_path, slots.unlock_user(username, password))
    try:
        with db.engine.connect() as conn:
            tables = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            found = []
            for table in tables:
                for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                    found.extend(str(v) for v in row if v is not None)
            return found
    finally:
        db.close()


def _register(us) -> int:
    form = child_form("Amir", "Haidari", notes=NOTE, wishes=WISH,
                      family=(FamilyInput(relationship="mother", name="Fatima", phone=PHONE),))
    return children.register_child(us, form)


def test_officer_writes_sealed_and_reads_back(admin_session, officer_session, db_path):
    cid = _register(officer_session)
    view = children.get_child(officer_session, cid)
    assert view.notes == NOTE and view.wishes == WISH
    assert view.family[0].phone == PHONE
    rows = _raw_rows(db_path, "admin", ADMIN_PASSWORD)
    assert not [v for v in rows if "MARKER" in v]
    assert "Amir" in rows  # names stay readable
    assert any(v.startswith(sealing.PREFIX) for v in rows)
