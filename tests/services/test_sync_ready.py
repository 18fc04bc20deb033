"""Ready for synchronisation, and the database's own rules: uuids, updated_at kept by storage alone, a tombstone
for every deletion of an exchanged row, one open placement per child, CHECK lists equal to core's codes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.child_form import IdentifierInput
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.storage.columns import one_of
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

NOW = datetime.now(UTC)
REASON = "Zapsáno omylem u jiného dítěte"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _all(us, sql: str, **params) -> list[tuple]:
    with us.read() as s:
        return [tuple(r) for r in s.execute(text(sql), params)]


def _one(us, sql: str, **params):
    return _all(us, sql, **params)[0][0]


def _tombstones(us) -> list[tuple]:
    return _all(us, "SELECT table_name, uuid, deleted_by FROM tombstone ORDER BY id")


def test_a_deletion_of_an_exchanged_row_leaves_a_tombstone_with_who_and_when(officer_session):
    us = officer_session
    me = us.actor.user_id
    cid = children.register_child(us, child_form("Ali", "Rahimi", "M", nationalities=("AF",), found_on=TODAY - timedelta(days=90),
                                                 identifiers=(IdentifierInput("passport", "P1"),)))
    old_identifier = _one(us, "SELECT uuid FROM child_identifier WHERE child_id = :c", c=cid)
    view = children.get_child(us, cid)
    children.update_child(us, cid, children.with_form(view, identifiers=(IdentifierInput("passport", "P2"),)))
    assert _tombstones(us) == [("child_identifier", old_identifier, me)]
    children.set_photo(us, cid, PNG)
    photo = _one(us, "SELECT uuid FROM child_photo WHERE child_id = :c", c=cid)
    children.set_photo(us, cid, None)
    assert _tombstones(us)[-1] == ("child_photo", photo, me)

    pid = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=40)))
    placements.extend_placement(us, pid, TODAY - timedelta(days=12), TODAY + timedelta(days=15))
    uuids = {_one(us, "SELECT uuid FROM placement WHERE id = :p", p=pid),
             _one(us, "SELECT uuid FROM placement_extension WHERE placement_id = :p", p=pid)}
    placements.delete_placement(us, pid, REASON)
    assert {u for _t, u, _by in _tombstones(us)[-2:]} == uuids

    eid = missing.report_missing(us, cid, MissingInput(last_seen_at=NOW - timedelta(hours=5), last_seen_place="Praha"))
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=4), "KRPA-1/2026", "npor. Dvořák")
    told = _one(us, "SELECT uuid FROM missing_informed WHERE episode_id = :e", e=eid)
    episode = _one(us, "SELECT uuid FROM missing_episode WHERE id = :e", e=eid)
    missing.delete_episode(us, eid, REASON)
    assert sorted(_tombstones(us)[-2:]) == sorted([("missing_episode", episode, me), ("missing_informed", told, me)])
    # The deleted rows are gone (secure_delete wipes them); the tombstone keeps no content.
    assert _all(us, "SELECT count(*) FROM missing_informed") == [(0,)]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", told)


def test_updated_at_is_kept_by_storage_on_every_change(officer_session, admin_session):
    us = officer_session
    cid = child(us)
    first = _one(us, "SELECT updated_at FROM child WHERE id = :c", c=cid)
    assert first is not None  # set on insert too
    view = children.get_child(us, cid)
    assert _one(us, "SELECT updated_at FROM child WHERE id = :c", c=cid) == first  # a read changes nothing
    children.update_child(us, cid, children.with_form(view, notes="Nová poznámka"))
    edited = _one(us, "SELECT updated_at FROM child WHERE id = :c", c=cid)
    assert edited > first
    # A list row changes in place: its uuid stays, its updated_at moves.
    children.update_child(us, cid, children.with_form(children.get_child(us, cid), nationalities=("AF",)))
    nat_uuid, nat_at = _all(us, "SELECT uuid, updated_at FROM child_nationality WHERE child_id = :c", c=cid)[0]
    children.update_child(us, cid, children.with_form(children.get_child(us, cid), nationalities=("IR",)))
    assert _all(us, "SELECT uuid, code FROM child_nationality WHERE child_id = :c", c=cid) == [(nat_uuid, "IR")]
    assert _one(us, "SELECT updated_at FROM child_nationality WHERE child_id = :c", c=cid) > nat_at
    # An UPDATE statement through the session (a facility's corrected type re-sets its placements) too.
    admin, _ = admin_session
    fid = facility_id(us, RADLICKA)
    pid = placements.place_child(us, cid, pm(fid, TODAY))
    placed = _one(us, "SELECT updated_at FROM placement WHERE id = :p", p=pid)
    form = placements.get_facility(admin, fid)
    placements.update_facility(admin, fid, placements.FacilityInput(
        form.code, form.name, "zdvop", form.address, form.capacity, form.phone, form.email, form.contact_person,
        form.other_contacts))
    assert _one(us, "SELECT updated_at FROM placement WHERE id = :p", p=pid) > placed


def test_one_open_placement_per_child_the_services_say_why_the_database_insists(officer_session):
    us = officer_session
    fid = facility_id(us, RADLICKA)
    a, b = child(us, "Oleksandr"), child(us, "Oleksandr")
    placements.place_child(us, a, pm(fid, TODAY - timedelta(days=10)))
    with pytest.raises(ValidationError) as err:  # the code path refuses first, with the reason
        placements.place_child(us, a, PlacementInput(start_date=TODAY, legal_basis="agreement", setting="relatives",
                                                     carer_name="Olena", carer_relationship="teta"))
    assert err.value.field == "start_date" and "overlaps" in err.value.message
    with pytest.raises(sa_exc.IntegrityError, match="UNIQUE"):  # the database refuses a second open placement
        with us.db.write() as s:
            s.execute(text("INSERT INTO placement (child_id, setting, carer_name, carer_relationship, carer_address, "
                           "carer_contact, legal_basis, court, court_file_number, contract_party, start_date, "
                           "end_reason, end_note, notes, created_at) VALUES (:c, 'relatives', 'x', 'teta', '', '', "
                           "'agreement', '', '', '', :s, '', '', '', '2026-01-01 00:00:00.000000')"),
                      {"c": a, "s": TODAY.isoformat()})
    placements.place_child(us, b, pm(fid, TODAY - timedelta(days=3)))
    with pytest.raises(ValidationError) as err:  # a merge would make two; the officer ends the wrong one first
        children.merge_children(us, a, b)
    assert err.value.field == "merge_id"
    assert children.get_child(us, b).merged_into_id is None


def test_the_database_checks_list_core_codes(officer_session):
    """The CHECK lists in the database are the ones core's code tables give today: a new code needs a migration."""
    us = officer_session
    expected = {
        "child": [one_of("sex", R.SEXES), one_of("status", R.STATUSES), one_of("urgency", R.URGENCIES),
                  one_of("case_status", R.CASE_STATUSES)],
        "placement": [one_of("setting", PR.FACILITY_TYPES), one_of("legal_basis", PR.LEGAL_BASES),
                      one_of("end_reason", PR.END_REASONS, empty=True),
                      one_of("contract_party", PR.CONTRACT_PARTIES, empty=True)],
        "missing_episode": [one_of("close_reason", PR.MISSING_CLOSE_REASONS, empty=True)],
        "missing_informed": [one_of("party", PR.INFORMED_PARTIES)],
    }
    for table, conditions in expected.items():
        sql = _one(us, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t", t=table)
        for condition in conditions:
            assert f"CHECK ({condition})" in sql, (table, condition)
    cid = child(us)
    for bad in ("UPDATE child SET sex = 'X' WHERE id = :c", "UPDATE child SET age_min = 16, age_max = 14 WHERE id = :c",
                "UPDATE child SET case_status = 'archived' WHERE id = :c"):
        with pytest.raises(sa_exc.IntegrityError, match="CHECK"):
            with us.db.write() as s:
                s.execute(text(bad), {"c": cid})
