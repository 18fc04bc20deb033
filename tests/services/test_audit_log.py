"""The audit viewer's reads: filters, newest first in blocks, one audit row per view, who may read, the chain check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.errors import PermissionDenied, ValidationError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import audit_log, children, identity, placements
from ospod_desktop.services.audit_log import AuditFilter
from ospod_desktop.storage import audit
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, facility_id, pm

SUPERVISOR_PASSWORD = "supervisor password 2026"


@pytest.fixture
def supervisor(admin_session, db_path):
    admin, _code = admin_session
    identity.create_user(admin, "vedouci", "Jana Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    us = identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD)
    yield us
    us.close()


def _all(us, view) -> list:
    """Every row of a view, block after block as the viewer reads them (keyset after the first)."""
    found = list(view.first)
    while len(found) < view.total:
        found += audit_log.rows(us, view, 0, 7, before_id=found[-1].id)
    return found


def test_newest_first_in_blocks_and_one_audit_row_per_view(admin_session):
    us, _code = admin_session
    for _ in range(30):
        identity.lock(us)
        identity.unlock(us, "admin password 2026")
    view = audit_log.open_view(us, AuditFilter(), block=10)
    with us.read() as session:
        head = audit.head(session)
        assert head.id == view.head_id and head.action == "read" and head.entity == "audit" and head.detail == "all"
    assert view.total == view.head_id and len(view.first) == 10
    assert [r.id for r in view.first] == list(range(view.head_id, view.head_id - 10, -1))
    by_offset = audit_log.rows(us, view, 10, 10)
    by_keyset = audit_log.rows(us, view, 0, 10, before_id=view.first[-1].id)
    assert by_offset == by_keyset and by_offset[0].id == view.head_id - 10
    everything = _all(us, view)
    assert [r.id for r in everything] == list(range(view.head_id, 0, -1))
    with us.read() as session:
        assert audit.head(session).id == view.head_id  # reading blocks wrote nothing
    # Rows written after the view opened are not in it: its blocks stay where they were.
    identity.lock(us)
    assert audit_log.rows(us, view, 0, 3) == view.first[:3]


def test_filters_by_user_action_child_and_days(admin_session, supervisor):
    admin, _code = admin_session
    a = children.register_child(supervisor, child_form("Amina", "Haidari", "F"))
    b = children.register_child(supervisor, child_form("Oleksandr", "Shevchenko", "M"))
    children.get_child(supervisor, a)
    pid = placements.place_child(supervisor, a, pm(facility_id(supervisor, RADLICKA), date.today()))
    placements.delete_placement(supervisor, pid, "entered for the wrong child")
    children.get_child(supervisor, b)

    def ids(**kw):
        view = audit_log.open_view(admin, AuditFilter(**kw))
        return [(r.action, r.entity, r.entity_id) for r in _all(admin, view)]

    about_a = ids(child_id=a)
    assert ("delete", "placement", pid) in about_a and ("read", "child", a) in about_a
    assert all(e == "placement" or i == a for _act, e, i in about_a)
    assert ("read", "child", b) not in about_a
    reads = ids(action="read", user_id=supervisor.actor.user_id)
    assert {(e, i) for _a, e, i in reads} >= {("child", a), ("child", b)}
    assert all(act == "read" for act, _e, _i in reads)
    assert ids(action="read", user_id=supervisor.actor.user_id, child_id=b) == [("read", "child", b)]
    today = date.today()
    assert ids(child_id=b, since=today, until=today) == ids(child_id=b)
    assert ids(child_id=b, since=today + timedelta(days=1)) == []
    assert ids(child_id=b, until=today - timedelta(days=1)) == []
    # Each view named its filter (ids and codes only) in its own audit row.
    with admin.read() as session:
        details = session.exec(text("SELECT detail FROM audit_log WHERE entity = 'audit' ORDER BY id")).scalars().all()
    assert f"user={supervisor.actor.user_id},child={b},action=read" in details
    assert f"child={b},from={today.isoformat()},to={today.isoformat()}" in details


def test_bad_filters_are_refused_by_field(admin_session):
    us, _code = admin_session
    for flt, field in ((AuditFilter(action="read' OR 1=1"), "action"), (AuditFilter(child_id=0), "child_id"),
                       (AuditFilter(since=date(2026, 2, 1), until=date(2026, 1, 1)), "since")):
        with pytest.raises(ValidationError) as info:
            audit_log.open_view(us, flt)
        assert info.value.field == field


def test_who_may_read_the_audit(admin_session, supervisor, officer_session):
    admin, _code = admin_session
    view = audit_log.open_view(supervisor, AuditFilter())
    assert view.total > 0 and audit_log.verify_chain(supervisor).ok
    names = {u.username: u for u in audit_log.users(supervisor)}
    assert names["admin"].display_name == "Alena Správcová" and names["officer"].role == "officer"
    for call in (lambda: audit_log.open_view(officer_session, AuditFilter()),
                 lambda: audit_log.rows(officer_session, view, 0), lambda: audit_log.users(officer_session),
                 lambda: audit_log.verify_chain(officer_session)):
        with pytest.raises(PermissionDenied):
            call()


def test_verify_chain_reports_ok_or_the_first_bad_row_and_is_audited(admin_session):
    us, _code = admin_session
    check = audit_log.verify_chain(us)
    with us.read() as session:
        head = audit.head(session)
        assert check.ok and check.rows == head.id - 1 and check.head_hash == head.prev_hash
        assert (head.action, head.entity, head.detail) == ("read", "audit", "verify")
    with us.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET detail = 'edited' WHERE id = 2")
    bad = audit_log.verify_chain(us)
    assert not bad.ok and bad.first_bad_id == 2 and bad.problem == "hash mismatch" and bad.rows == 1
    with us.read() as session:
        assert audit.head(session).detail == "verify:failed:2"
