"""The due list, its badge counts and a child's items: scope per role, filters, materialised = on the fly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core.collation import czech_sort_key
from ospod_desktop.core.due import due_items
from ospod_desktop.core.errors import NotFound, PermissionDenied
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, due, missing, placements, scope
from tests.services.due_helpers import computed, office_of_two, stored
from tests.services.placement_helpers import TODAY, child, last_audit, pm

D = TODAY - timedelta(days=100)


@pytest.fixture
def office(admin_session, officer_session, db_path):
    """Two officers' children (both placed in Radlická, Omar missing), a supervisor, facility staff, the admin."""
    with office_of_two(admin_session[0], officer_session, db_path) as office:
        us, theirs = office["officer"], office["theirs"]
        placements.place_child(us, theirs, pm(office["fid"], D))
        missing.report_missing(us, theirs, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=2),
                                                        last_seen_place="Praha"))
        yield office


def pairs(rows) -> list[tuple]:
    return sorted((r.child_id, r.item.kind, r.item.due.isoformat(), r.item.status) for r in rows)


def on_the_fly(us, child_ids, day=None, kinds=None) -> list[tuple]:
    day = day or scope.today()
    with us.read() as s:
        conn = s.connection()
        policy = due.policy_in_use(conn)
        facts = due.facts_of_many(conn, child_ids)
    now = datetime.now(UTC) if day == scope.today() else None
    return sorted((cid, i.kind, i.due.isoformat(), i.status) for cid, f in facts.items()
                  for i in due_items(f, day, policy, now=now) if kinds is None or i.kind in kinds)


def test_the_supervisor_sees_the_office_and_the_list_equals_the_engine(office):
    rows = due.due_list(office["boss"])
    assert {r.child_id for r in rows} == {office["mine"], office["theirs"]}
    assert pairs(rows) == on_the_fly(office["boss"], [office["mine"], office["theirs"]])
    assert {r.officer for r in rows} == {"officer", "other"}
    assert all(r.reference is not None and r.name for r in rows)
    assert [(r.item.due, r.item.kind) for r in rows] == sorted((r.item.due, r.item.kind) for r in rows)
    assert last_audit(office["boss"])[:2] == ("read", "child") and last_audit(office["boss"])[3].startswith("due_list:")


def test_officers_see_their_own_children_unless_everyone(office):
    us = office["officer"]
    assert {r.child_id for r in due.due_list(us)} == {office["mine"]}
    assert {r.child_id for r in due.due_list(us, everyone=True)} == {office["mine"], office["theirs"]}
    assert {r.child_id for r in due.due_list(office["other"])} == {office["theirs"]}


def test_facility_staff_see_only_placement_missing_and_18th_birthday_clocks(office):
    rows = due.due_list(office["facility"])
    assert {r.child_id for r in rows} == {office["mine"], office["theirs"]}
    kinds = {r.item.kind for r in rows}
    assert kinds <= due.FACILITY_KINDS and "preliminary_measure" in kinds and "missing_police" in kinds
    assert not kinds & {"visit", "ipod", "guardian"}
    assert all(r.reference is None for r in rows)  # withheld from facility staff
    assert {i.kind for i in due.child_due(office["facility"], office["mine"])} <= due.FACILITY_KINDS


def test_administrators_are_refused_unless_they_break_the_glass(office):
    admin = office["admin"]
    with pytest.raises(PermissionDenied):
        due.due_list(admin)
    with pytest.raises(PermissionDenied):
        due.due_counts(admin)
    scope.break_glass(admin, "A court asks for the deadlines today.", "other")
    try:
        assert {r.child_id for r in due.due_list(admin)} == {office["mine"], office["theirs"]}
    finally:
        scope.end_break_glass(admin)


def test_filters_kinds_statuses_and_within(office):
    us, ids = office["boss"], [office["mine"], office["theirs"]]
    every = on_the_fly(us, ids)
    assert pairs(due.due_list(us, kinds={"visit"})) == [p for p in every if p[1] == "visit"]
    for statuses in ({"overdue"}, {"due_soon"}, {"ok"}, {"overdue", "ok"}):
        expected = [p for p in every if p[3] in statuses]
        assert pairs(due.due_list(us, statuses=statuses)) == expected
        assert due.due_page(us, statuses=statuses, limit=1).total == len(expected)
    for within in (0, 1, 30, 400):
        limit = (TODAY + timedelta(days=within)).isoformat()
        expected = [p for p in every if p[3] == "overdue" or p[2] <= limit]
        assert pairs(due.due_list(us, within_days=within)) == expected
        assert due.due_page(us, within_days=within, limit=1).total == len(expected)
        page = due.due_page(us, within_days=within, statuses={"ok"}, limit=None)
        assert page.total == len(page.rows) == len([p for p in expected if p[3] == "ok"])


def test_pages_and_counts_agree_with_the_list(office):
    us = office["boss"]
    rows = due.due_list(us)
    page = due.due_page(us, offset=1, limit=2)
    assert page.total == len(rows) and page.rows == rows[1:3]
    counts = due.due_counts(us)
    assert counts == {"overdue": sum(r.item.status == "overdue" for r in rows),
                      "due_soon": sum(r.item.status == "due_soon" for r in rows)}
    assert due.due_counts(office["officer"])["overdue"] < counts["overdue"]


def test_another_day_is_computed_on_the_fly(office):
    us, ids = office["boss"], [office["mine"], office["theirs"]]
    later = TODAY + timedelta(days=200)
    assert pairs(due.due_list(us, later)) == on_the_fly(us, ids, later)
    assert due.due_counts(us, later)["overdue"] == sum(p[3] == "overdue" for p in on_the_fly(us, ids, later))


def test_stale_children_are_computed_on_the_fly_then_refreshed(office):
    us, mine = office["boss"], office["mine"]
    before = pairs(due.due_list(us))
    with us.tx() as tx:  # as if the child's items had never been computed
        tx.session.execute(text("DELETE FROM due_item WHERE child_id = :c"), {"c": mine})
        tx.session.execute(text("DELETE FROM due_state WHERE child_id = :c"), {"c": mine})
    assert stored(us, mine) == []
    assert due.due_counts(us)["overdue"] == sum(p[3] == "overdue" for p in before)
    assert pairs(due.due_list(us)) == before
    assert stored(us, mine) == computed(us, mine)  # refreshed in the list's own transaction


def test_child_due_is_audited_and_scoped(office):
    items = due.child_due(office["officer"], office["theirs"])
    assert {i.kind for i in items} >= {"visit", "missing_police"}
    assert last_audit(office["officer"]) == ("read", "child", office["theirs"], "due")
    with pytest.raises(NotFound):
        due.child_due(office["facility"], 999_999)


def test_a_merge_recomputes_the_kept_child_and_leaves_nothing_of_the_merged_one(office):
    us = office["boss"]
    keep, merged = office["mine"], child(us, "Alí")
    children.merge_children(us, keep, merged)
    assert stored(us, merged) == []
    with us.read() as s:
        assert s.execute(text("SELECT count(*) FROM due_state WHERE child_id = :c"), {"c": merged}).scalar() == 0
    assert stored(us, keep) == computed(us, keep)
    assert merged not in {r.child_id for r in due.due_list(us)}
    assert due.refresh_stale(us) == 0


def test_a_deleted_child_leaves_no_items(office):
    us = office["boss"]
    gone = child(us, "Test")
    assert stored(us, gone)
    children.delete_child(us, gone)
    assert stored(us, gone) == []
    assert due.refresh_stale(us) == 0


def test_officer_filter_descending_and_officer_counts(office):
    boss, us, other = office["boss"], office["officer"], office["other"]
    everything = due.due_list(boss)
    theirs = due.due_page(boss, officer=other.actor.user_id, limit=None).rows
    assert theirs and {r.child_id for r in theirs} == {office["theirs"]}
    assert {r.child_id for r in due.due_page(boss, officer=us.actor.user_id, limit=None).rows} == {office["mine"]}
    latest = due.due_page(boss, descending=True, limit=None).rows
    assert [r.item.due for r in latest] == sorted((r.item.due for r in everything), reverse=True)
    assert due.due_page(boss, descending=True, offset=1, limit=1).rows[0] == latest[1]
    counts = due.officer_counts(boss)
    for oid in (us.actor.user_id, other.actor.user_id):
        rows = due.due_list(boss, statuses=("overdue", "due_soon"))
        mine = [r for r in rows if r.officer_id == oid]
        assert counts.get(oid, {"overdue": 0, "due_soon": 0}) == {
            "overdue": sum(r.item.status == "overdue" for r in mine),
            "due_soon": sum(r.item.status == "due_soon" for r in mine)}
    assert sum(c["overdue"] for c in counts.values()) == due.due_counts(boss)["overdue"]
    names = dict(due.officers(boss))
    assert names[other.actor.user_id] == "Jan Jiný" and names[boss.actor.user_id] == "Eva Vedoucí"


def test_officer_counts_include_stale_children(office):
    boss = office["boss"]
    with boss.tx() as tx:  # every child's items gone stale with time (refresh_stale not run yet)
        tx.session.execute(text("UPDATE due_state SET refresh_on = :d"), {"d": TODAY - timedelta(days=1)})
    counts = due.officer_counts(boss)
    assert sum(c["overdue"] for c in counts.values()) == due.due_counts(boss)["overdue"] > 0
    assert sum(c["due_soon"] for c in counts.values()) == due.due_counts(boss)["due_soon"]


def audits(us) -> int:
    with us.read() as s:
        return s.execute(text("SELECT count(*) FROM audit_log")).scalar_one()


def grouped_order(us, rows) -> list:
    """The rows as grouped by officer should come: officer's name, then due, kind, child; no officer last."""
    with us.read() as s:
        names = dict(s.execute(text("SELECT id, coalesce(display_name, username) FROM user")).all())
    rank = {uid: n for n, uid in enumerate(sorted(names, key=lambda u: (czech_sort_key(names[u]), u)))}
    return sorted(rows, key=lambda r: (rank.get(r.officer_id, len(rank)) if r.officer_id is not None else len(rank) + 1,
                                       r.item.due, r.item.kind, r.child_id))


def test_grouped_by_officer_orders_by_officer_then_due_and_pages_alike(office):
    boss = office["boss"]
    nobody = child(office["officer"], "Nikdo")  # no responsible officer: last
    rows = due.due_page(boss, by_officer=True, limit=None).rows
    assert {r.child_id for r in rows} == {office["mine"], office["theirs"], nobody}
    assert rows == grouped_order(boss, rows) != due.due_list(boss)
    assert rows[-1].child_id == nobody and rows[0].officer_id == office["other"].actor.user_id  # "Jan Jiný" < "…"
    paged = [r for start in range(0, len(rows), 3) for r in due.due_page(boss, by_officer=True, offset=start,
                                                                         limit=3).rows]
    assert paged == rows and due.due_page(boss, by_officer=True, limit=3).total == len(rows)
    with boss.tx() as tx:  # stale children (computed on the fly) are merged in the same order
        tx.session.execute(text("UPDATE due_state SET refresh_on = :d WHERE child_id IN (:a, :b)"),
                           {"d": TODAY - timedelta(days=1), "a": office["theirs"], "b": nobody})
    assert [(r.child_id, r.item.kind, r.item.due) for r in due.due_page(boss, by_officer=True, limit=None).rows] == [
        (r.child_id, r.item.kind, r.item.due) for r in rows]


def test_only_the_first_block_of_a_list_is_audited(office):
    boss = office["boss"]
    before = audits(boss)
    page = due.due_page(boss, offset=0, limit=2)
    assert audits(boss) == before + 1 and last_audit(boss)[3] == f"due_list:{page.total}"
    due.due_page(boss, offset=2, limit=2)
    due.due_page(boss, by_officer=True, offset=4, limit=2)
    assert audits(boss) == before + 1
