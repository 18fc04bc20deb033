"""Issue 14 item 3: sensitive free text sealed with the office key, which only OSPOD roles' slots and the recovery
slot wrap (storage.sealing, storage.sealing_orm, storage.office_slots, services.identity._office_key).

Every check of what "a script" reads opens the real SQLCipher file with the database key unwrapped from a
non-OSPOD password through the storage layer, and reads every row with raw SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from ospod_desktop.core.child_form import FamilyInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, placements
from ospod_desktop.storage import office_slots, sealing
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, child_form
from tests.services.placement_helpers import RADLICKA, TODAY, facility_id, pm, staff

NOTE = "MARKER-NOTE Ω čí"
WISH = "MARKER-WISH"
PHONE = "MARKER-PHONE-777"
SUPERVISOR_PASSWORD = "supervisor password 2026"
OWN_PASSWORD = "my own password 2026"


def _raw(db_path, username, password, sql=None):
    """What a script holding the database key (from `password`) reads: every text of every row, or `sql`'s rows."""
    slots = KeySlots.load(db_path)
    db = Database(db_path, slots.unlock_user(username, password))
    try:
        with db.engine.connect() as conn:
            if sql:
                return conn.exec_driver_sql(sql).fetchall()
            tables = [r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            found = []
            for table in tables:
                for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                    found.extend(str(v) for v in row if v is not None)
            return found
    finally:
        db.close()


def _exec(db_path, username, password, sql, params=()):
    slots = KeySlots.load(db_path)
    db = Database(db_path, slots.unlock_user(username, password))
    try:
        with db.write() as session:
            session.connection().exec_driver_sql(sql, params)
    finally:
        db.close()


def _register(us, given="Amir", **fields) -> int:
    fields = {"notes": NOTE, "wishes": WISH, **fields}
    form = child_form(given, "Haidari", family=(FamilyInput(relationship="mother", name="Fatima", phone=PHONE),),
                      **fields)
    return children.register_child(us, form)


def _markers(rows):
    return [v for v in rows if "MARKER" in v]


def _supervisor(admin, db_path):
    identity.create_user(admin, "vedouci", "Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    return identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD)


def test_officer_writes_sealed_and_reads_back(admin_session, officer_session, db_path):
    cid = _register(officer_session)
    view = children.get_child(officer_session, cid)
    assert (view.notes, view.wishes, view.family[0].phone) == (NOTE, WISH, PHONE)
    rows = _raw(db_path, "admin", ADMIN_PASSWORD)
    assert not _markers(rows)
    assert "Amir" in rows  # names stay readable
    assert sum(v.startswith(sealing.PREFIX) for v in rows) == 3


def test_edits_and_their_history_are_sealed(admin_session, officer_session, db_path):
    cid = _register(officer_session)
    form = children.get_child(officer_session, cid).form
    children.update_child(officer_session, cid, replace(form, notes="MARKER-SECOND"))
    view = children.get_child(officer_session, cid)
    assert view.notes == "MARKER-SECOND"
    notes_rows = [h for h in view.history if h.field == "notes"]
    assert [(h.old_value, h.new_value) for h in notes_rows] == [(NOTE, "MARKER-SECOND")]
    assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))
    stored = _raw(db_path, "admin", ADMIN_PASSWORD, "SELECT old_value, new_value FROM child_history WHERE field = 'notes'")
    assert all(v.startswith(sealing.PREFIX) for v in stored[0])


def test_facility_staff_password_reads_no_sealed_text(admin_session, officer_session, db_path):
    admin, _code = admin_session
    cid = _register(officer_session, found_on=TODAY - timedelta(days=5))
    placements.place_child(officer_session, cid, pm(facility_id(officer_session, RADLICKA), TODAY - timedelta(days=3)))
    worker = staff(admin, db_path, "vychovatel", RADLICKA)
    try:
        assert worker.db.office.key is None
        view = children.get_child(worker, cid)  # in scope: the child lives in their facility
        assert view.given_names == "Amir" and NOTE not in str(view)
    finally:
        worker.close()
    assert not _markers(_raw(db_path, "vychovatel", OFFICER_PASSWORD))
    assert "office_key" not in KeySlots.load(db_path).find_user_slot("vychovatel")
    assert "office_key" not in KeySlots.load(db_path).find_user_slot("admin")


def test_a_value_moved_to_another_row_does_not_open(admin_session, officer_session, db_path):
    first, second = _register(officer_session), _register(officer_session, "Omid", notes="MARKER-OTHER")
    stored = dict(_raw(db_path, "admin", ADMIN_PASSWORD, "SELECT id, notes FROM child"))
    _exec(db_path, "admin", ADMIN_PASSWORD, "UPDATE child SET notes = ? WHERE id = ?", (stored[first], second))
    key = officer_session.db.office.key
    uuid = _raw(db_path, "admin", ADMIN_PASSWORD, f"SELECT uuid FROM child WHERE id = {second}")[0][0]
    with pytest.raises(sealing.SealBroken):
        sealing.unseal(key, "child", "notes", uuid, stored[first])
    with pytest.raises(sealing.SealBroken):  # nor in another column of its own row
        sealing.unseal(key, "child", "wishes", uuid, stored[second])
    officer_session.db.engine.dispose()  # no cached rows: read the file again
    assert children.get_child(officer_session, second).notes == sealing.damaged()
    assert children.get_child(officer_session, first).notes == NOTE


def test_first_supervisor_ends_the_bootstrap_and_grants_new_accounts(admin_session, officer_session, db_path):
    admin, _code = admin_session
    cid = _register(officer_session)
    assert office_slots.has_bootstrap(KeySlots.load(db_path))
    boss = _supervisor(admin, db_path)
    assert boss.db.office.key == officer_session.db.office.key
    boss.close()
    assert not office_slots.has_bootstrap(KeySlots.load(db_path))  # no key left that the database key opens
    # A new officer: no key at the first login (withheld, nothing lost), asks once the password is their own.
    identity.create_user(admin, "novak", "Nový", Role.OFFICER, OFFICER_PASSWORD)
    new = identity.login(db_path, "novak", OFFICER_PASSWORD)
    assert new.db.office.key is None
    view = children.get_child(new, cid)
    assert view.notes == sealing.withheld() and view.family[0].phone == sealing.withheld()
    children.update_child(new, cid, replace(view.form, description="kluk, červená bunda"))  # saves the form back
    identity.change_password(new, OFFICER_PASSWORD, OWN_PASSWORD)
    new.close()
    assert "office_request" in KeySlots.load(db_path).find_user_slot("novak")
    assert identity.login(db_path, "novak", OWN_PASSWORD).db.office.key is None  # not granted yet
    boss = identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD)  # the supervisor's next login grants it
    boss.close()
    new = identity.login(db_path, "novak", OWN_PASSWORD)
    try:
        assert new.db.office.key == officer_session.db.office.key
        view = children.get_child(new, cid)
        assert (view.notes, view.family[0].phone) == (NOTE, PHONE)  # the keyless save lost nothing
        assert view.description == "kluk, červená bunda"
    finally:
        new.close()
    slot = KeySlots.load(db_path).find_user_slot("novak")
    assert "office_key" in slot and "office_request" not in slot and "office_grant" not in slot


def test_a_reset_password_loses_the_key_until_a_supervisor_grants_it(admin_session, officer_session, db_path):
    admin, _code = admin_session
    cid = _register(officer_session)
    _supervisor(admin, db_path).close()
    officer_id = officer_session.actor.user_id
    identity.reset_password(admin, officer_id, "temporary password 1")
    assert "office_key" not in KeySlots.load(db_path).find_user_slot("officer")
    reset = identity.login(db_path, "officer", "temporary password 1")
    assert reset.db.office.key is None and children.get_child(reset, cid).notes == sealing.withheld()
    assert "office_request" not in KeySlots.load(db_path).find_user_slot("officer")  # the admin knows it
    identity.change_password(reset, "temporary password 1", OWN_PASSWORD)
    reset.close()
    identity.login(db_path, "vedouci", SUPERVISOR_PASSWORD).close()
    again = identity.login(db_path, "officer", OWN_PASSWORD)
    try:
        assert children.get_child(again, cid).notes == NOTE
    finally:
        again.close()
    assert KeySlots.load(db_path).audit(bytes.fromhex(officer_session.db.key_hex)) == []


def test_recovery_code_gives_the_office_key(admin_session, officer_session, db_path):
    _admin, code = admin_session
    cid = _register(officer_session)
    us = identity.recover(db_path, code, "officer", OWN_PASSWORD)
    try:
        assert us.db.office.key == officer_session.db.office.key
        assert children.get_child(us, cid).notes == NOTE
    finally:
        us.close()
    again = identity.login(db_path, "officer", OWN_PASSWORD)
    assert again.db.office.key == officer_session.db.office.key
    again.close()


def _strip_office_fields(db_path, password):
    """The slot file as an older version wrote it: no office field anywhere (re-MACed by a key holder)."""
    slots = KeySlots.load(db_path)
    slots.unlock_user("admin", password)
    for slot in slots.slots:
        for name in list(slot):
            if name.startswith("office_"):
                del slot[name]
        slots.remac(slot)
    slots.save()


def test_an_older_database_is_sealed_at_the_first_ospod_login(admin_session, db_path):
    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    _strip_office_fields(db_path, ADMIN_PASSWORD)
    older = identity.login(db_path, "officer", OFFICER_PASSWORD)
    older.db.office.key = None  # what the previous version did: no sealing at all
    cid = _register(older)
    children.update_child(older, cid, replace(children.get_child(older, cid).form, notes="MARKER-EDITED"))
    older.close()
    _strip_office_fields(db_path, ADMIN_PASSWORD)
    assert _markers(_raw(db_path, "admin", ADMIN_PASSWORD))  # plaintext, as an older database holds it
    assert KeySlots.load(db_path).audit(bytes.fromhex(admin.db.key_hex)) == []  # a v2 file without the fields
    us = identity.login(db_path, "officer", OFFICER_PASSWORD, )
    try:
        assert us.db.office.key is not None
        assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))
        view = children.get_child(us, cid)
        assert (view.notes, view.wishes, view.family[0].phone) == ("MARKER-EDITED", WISH, PHONE)
        assert [(h.old_value, h.new_value) for h in view.history if h.field == "notes"] == [(NOTE, "MARKER-EDITED")]
        with us.db.engine.connect() as conn:
            assert set(sealing.plaintext_left(conn).values()) == {0}
        assert identity._office_key.seal_stored(us.db, us.db.office.key) == 0  # idempotent
    finally:
        us.close()


def test_a_slot_file_without_office_fields_still_opens(admin_session, db_path):
    admin, _code = admin_session
    _strip_office_fields(db_path, ADMIN_PASSWORD)
    data = KeySlots.load(db_path).data
    assert not any(name.startswith("office_") for slot in data["slots"] for name in slot)
    us = identity.login(db_path, "admin", ADMIN_PASSWORD)
    try:
        assert KeySlots.load(db_path).audit(bytes.fromhex(us.db.key_hex)) == []
    finally:
        us.close()


def test_office_fields_are_authenticated(admin_session, officer_session, db_path):
    from ospod_desktop.storage import slot_format as F

    slots = KeySlots.load(db_path)
    slot = slots.find_user_slot("officer")
    slot["office_key"] = F.b64(bytes(60))  # swapped without the MAC key
    assert [d.code for d in slots.audit(bytes.fromhex(officer_session.db.key_hex))][:1] == [F.BAD_MAC]
    slot["office_key"] = F.b64(bytes(10))
    assert F.check_slot(slot, 1, 2).code == F.BAD_LENGTH
    slot.pop("office_key")
    slot["office_bootstrap"] = F.b64(bytes(60))  # a bootstrap belongs to the recovery slot only
    assert F.check_slot(slot, 1, 2).code == F.UNKNOWN_FIELD


def test_visits_and_their_corrections_are_sealed(admin_session, officer_session, db_path):
    from ospod_desktop.core.history_visits import VisitCorrected
    from ospod_desktop.services import visits
    from ospod_desktop.services.visits import VisitInput

    us = officer_session
    cid = _register(us, found_on=TODAY - timedelta(days=100))
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=90)))
    form = VisitInput(visited_on=TODAY - timedelta(days=5), present="vychovatelka", views="MARKER-VIEWS",
                      health="MARKER-HEALTH", note="MARKER-VISIT-NOTE", spoken_alone=True)
    vid = visits.record_visit(us, cid, form)
    visits.correct_visit(us, vid, replace(form, health="MARKER-HEALTH-2"), "Špatně zapsaný zdravotní stav")
    got = visits.get_visit(us, vid)
    assert (got.views, got.health, got.note) == ("MARKER-VIEWS", "MARKER-HEALTH-2", "MARKER-VISIT-NOTE")
    changes = [h for h in children.get_child(us, cid).history if h.field == "visit_changes"]
    assert changes and "MARKER-HEALTH" in changes[0].old_value  # the officer reads the old value back
    assert any(isinstance(h.entry, VisitCorrected) for h in children.get_child(us, cid).history)
    assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))


def test_a_keyless_account_cannot_replace_sealed_family_text(admin_session, officer_session, db_path):
    from ospod_desktop.core.errors import ValidationError

    admin, _code = admin_session
    cid = _register(officer_session)
    _supervisor(admin, db_path).close()
    identity.create_user(admin, "novak", "Nový", Role.OFFICER, OFFICER_PASSWORD)
    new = identity.login(db_path, "novak", OFFICER_PASSWORD)
    try:
        form = children.get_child(new, cid).form
        family = (*form.family, FamilyInput(relationship="brother", name="Ali"))
        with pytest.raises(ValidationError) as e:  # the rows are written anew: the sealed phone would be lost
            children.update_child(new, cid, replace(form, family=family))
        assert e.value.field == "phone"
    finally:
        new.close()
    view = children.get_child(officer_session, cid)
    assert [(f.name, f.phone) for f in view.family] == [("Fatima", PHONE)]


def test_a_renewed_recovery_code_keeps_the_office_key(admin_session, officer_session, db_path):
    from ospod_desktop.storage.keyslots import new_recovery_code

    cid = _register(officer_session)
    code = new_recovery_code()
    officer_session.slots.set_recovery(code, bytes.fromhex(officer_session.db.key_hex))
    assert identity.after_recovery_renewed(officer_session)
    officer_session.slots.save()
    us = identity.recover(db_path, code, "officer", OWN_PASSWORD)
    try:
        assert children.get_child(us, cid).notes == NOTE
    finally:
        us.close()


def test_sealing_in_batches_walks_each_table_once(admin_session, officer_session, db_path):
    for given in ("Amir", "Omid", "Reza", "Sina", "Navid"):
        _register(officer_session, given)
    key = officer_session.db.office.key
    _exec(db_path, "admin", ADMIN_PASSWORD, "UPDATE child SET notes = 'MARKER-PLAIN'")
    assert identity.seal_stored(officer_session.db, key, batch=2) == 5
    assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))
    officer_session.db.engine.dispose()
    assert {children.get_child(officer_session, c).notes for c in range(1, 6)} == {"MARKER-PLAIN"}


def test_a_damaged_office_field_is_named(admin_session, officer_session, db_path):
    from ospod_desktop.storage import slot_format as F
    from ospod_desktop.storage import slot_messages as M

    slot = KeySlots.load(db_path).find_user_slot("officer")
    slot["office_key"] = F.b64(bytes(10))
    damage = F.check_slot(slot, 2, 2)
    assert "wrapped office key" in M.describe(damage) and "10" in M.describe(damage)


def test_an_account_moved_out_of_the_ospod_roles_loses_the_key(admin_session, officer_session, db_path):
    admin, _code = admin_session
    assert "office_key" in KeySlots.load(db_path).find_user_slot("officer")
    identity.update_user(admin, officer_session.actor.user_id, "Petr Novák", Role.ADMIN, None)
    assert "office_key" not in KeySlots.load(db_path).find_user_slot("officer")
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    assert us.db.office.key is None
    us.close()
    assert KeySlots.load(db_path).audit(bytes.fromhex(admin.db.key_hex)) == []


def test_bulk_inserts_seal_with_the_sessions_key(admin_session, officer_session, db_path):
    from ospod_desktop.core import history as H

    cid = _register(officer_session)
    with officer_session.tx() as tx:  # the import's path: many history lines in one executemany
        tx.history_bulk([(cid, H.FieldChanged("notes", "MARKER-BULK-OLD", "MARKER-BULK-NEW"))])
    assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))
    lines = [h for h in children.get_child(officer_session, cid).history if h.field == "notes"]
    assert [(h.old_value, h.new_value) for h in lines] == [("MARKER-BULK-OLD", "MARKER-BULK-NEW")]


def test_imported_visit_notes_are_sealed(admin_session, officer_session, db_path, tmp_path):
    from ospod_desktop.services import imports, visits
    from tests.services.test_import_visits import cz, czech_csv, placed_child

    cid = placed_child(officer_session)
    day = TODAY - timedelta(days=3)
    path = czech_csv(tmp_path / "navstevy.csv", f"KRPA-1;{cz(day)};zařízení;plánovaná;1;1;MARKER-IMPORTED")
    assert imports.import_visits(officer_session, path).saved
    assert not _markers(_raw(db_path, "admin", ADMIN_PASSWORD))
    assert [v.note for v in visits.list_visits(officer_session, cid)] == ["MARKER-IMPORTED"]


def test_a_stale_session_does_not_write_back_other_slots(admin_session, officer_session, db_path):
    from ospod_desktop.core.errors import AuthenticationError

    admin, _code = admin_session
    stale = identity.login(db_path, "officer", OFFICER_PASSWORD)  # open since the morning
    boss = _supervisor(admin, db_path)  # the supervisor's login wraps the key in their slot, ends the bootstrap
    boss.close()
    with pytest.raises(AuthenticationError):
        identity.unlock(stale, "wrong password")  # a failure is recorded in the slot file
    stale.close()
    slots = KeySlots.load(db_path)
    assert "office_key" in slots.find_user_slot("vedouci") and not office_slots.has_bootstrap(slots)
