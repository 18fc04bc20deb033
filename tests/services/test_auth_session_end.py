"""Service additions the GUI needs: an audited logout, and damage found while migrating reported as such."""

from __future__ import annotations

import pytest
from sqlmodel import select

from ospod_desktop.core.errors import DatabaseCorrupt
from ospod_desktop.services import identity
from ospod_desktop.storage.models import AuditEntry
from tests.conftest import ADMIN_PASSWORD


def test_logout_is_audited_and_closes_the_session(admin_session, db_path):
    us, _code = admin_session
    identity.logout(us)
    again = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        with again.read() as session:
            actions = [row.action for row in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]
        assert "logout" in actions
        assert actions.index("logout") < len(actions) - 1  # before the new login
    finally:
        again.close()


def test_damaged_pages_behind_a_readable_first_page_raise_database_corrupt(admin_session, db_path):
    us, _code = admin_session
    us.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, min(len(data), 4096 * 3)):
        data[offset] ^= 0x5A
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        identity.login(db_path, "admin", ADMIN_PASSWORD).close()
