"""Every create, read, update and delete of a child's record writes an audit row in the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from tests.conftest import OFFICER_PASSWORD, child_form


def _tail(us, n):
    with us.read() as s:
        return s.exec(text(f"SELECT user_id, role, action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT {n}")).all()[::-1]


def test_crud_is_audited_with_ids_only(officer_session, admin_session, db_path):
    us = officer_session
    cid = children.register_child(us, child_form("Oleksandr", "Шевченко", "M"))
    children.get_child(us, cid)
    children.update_child(us, cid, child_form("Oleksandr", "Ševčenko", "M"))
    uid = us.actor.user_id
    assert [tuple(r) for r in _tail(us, 3)] == [
        (uid, "officer", "create", "child", cid),
        (uid, "officer", "read", "child", cid),
        (uid, "officer", "update", "child", cid),
    ]
    admin, _ = admin_session
    identity.create_user(admin, "boss", "Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    sup = identity.login(db_path, "boss", OFFICER_PASSWORD)
    children.delete_child(sup, cid)
    assert tuple(_tail(sup, 1)[0])[2:] == ("delete", "child", cid)
    with pytest.raises(NotFound):
        children.get_child(sup, cid)
    sup.close()


def test_invalid_input_saves_nothing_and_audits_nothing(officer_session):
    us = officer_session
    with us.read() as s:
        before = s.exec(text("SELECT count(*) FROM audit_log")).scalar()
    for bad, field in (
        (child_form("", "", "M"), "given_names"),
        (child_form("A\u202eB", "", "M"), "given_names"),
        (child_form("Ok", "Bad\x07", "M"), "family_names"),
        (child_form("Ok", "", "X"), "sex"),
    ):
        with pytest.raises(ValidationError) as err:
            children.register_child(us, bad)
        assert err.value.field == field
    with us.read() as s:
        assert s.exec(text("SELECT count(*) FROM child")).scalar() == 0
        assert s.exec(text("SELECT count(*) FROM audit_log")).scalar() == before


def test_admin_sees_no_child_data(admin_session, officer_session):
    admin, _ = admin_session
    cid = children.register_child(officer_session, child_form("Amina", "", "F"))
    with pytest.raises(PermissionDenied):
        children.get_child(admin, cid)
    with pytest.raises(PermissionDenied):
        children.child_ids(admin)


def test_a_failure_after_the_audit_row_rolls_both_back(officer_session, monkeypatch):
    """The change and its audit row are one transaction: if the audit write fails, nothing is saved."""
    from ospod_desktop.storage import audit

    def broken(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(RuntimeError):
        children.register_child(officer_session, child_form("Amina", "", "F"))
    monkeypatch.undo()
    with officer_session.read() as s:
        assert s.exec(text("SELECT count(*) FROM child")).scalar() == 0
