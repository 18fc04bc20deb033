"""`recovery-code renew` (services.identity.renew_recovery_code, cli_recovery): a supervisor makes a new recovery
code; the recovery slot, the office key in it and the audit MAC root are sealed under it and the old code opens
nothing. Refusals leave the key file byte-identical. Real SQLCipher, the CLI run in-process."""

from __future__ import annotations

import io
import json
import sys

import pytest

from ospod_desktop import cli
from ospod_desktop.core import i18n
from ospod_desktop.core.errors import AuthenticationError, OspodError
from ospod_desktop.core.roles import Role
from ospod_desktop.services import chain_anchor as C
from ospod_desktop.services import identity, maintenance
from ospod_desktop.storage import audit_mac, office_slots
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, keys_path
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.services.placement_helpers import RADLICKA, facility_id

SUPERVISOR_PASSWORD = "supervisor password 2026"


@pytest.fixture
def office(admin_session, db_path):
    """A database with a supervisor holding the office key (logged out) and an officer; the recovery code."""
    admin, code = admin_session
    identity.create_user(admin, "boss", "Marie Vedoucí", Role.SUPERVISOR, SUPERVISOR_PASSWORD)
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    identity.create_user(admin, "staff", "Staff", Role.FACILITY_STAFF, OFFICER_PASSWORD, facility_id(admin, RADLICKA))
    boss = identity.login(db_path, "boss", SUPERVISOR_PASSWORD)
    office_key = boss.db.office.key
    assert office_key is not None
    identity.logout(boss)
    return code, office_key


def _cli(monkeypatch, capsys, db_path, user, stdin, lang="en"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    rc = cli.run_cli(["recovery-code", "renew", "--db", str(db_path), "--user", user, "--password-stdin",
                      "--lang", lang])
    out = capsys.readouterr()
    i18n.set_language("en")
    return rc, out.out, out.err


def _recovery_office_key(db_path, code):
    slots = KeySlots.load(db_path)
    slots.unlock_recovery(code)
    return office_slots.open_own(slots, office_slots.recovery_slot(slots))


def test_a_supervisor_renews_and_only_the_new_code_opens_anything(office, db_path, monkeypatch, capsys):
    old, office_key = office
    rc, out, err = _cli(monkeypatch, capsys, db_path, "boss", f"{SUPERVISOR_PASSWORD}\n{old}\n")
    assert rc == 0, err
    assert "shown only now" in out and "old code no longer opens anything" in out
    new = out.strip().splitlines()[-1]
    assert new != old and len(new.replace("-", "")) == 40
    # the new recovery slot opens the database key and the office key; the old code opens nothing
    assert _recovery_office_key(db_path, new) == office_key
    with pytest.raises(AuthenticationError):
        KeySlots.load(db_path).unlock_recovery(old)
    record = audit_mac.read_record(db_path)
    assert audit_mac.open_root(record, old, KeySlots.load(db_path).db_uuid) is None
    # full verification with the new code walks the same segment (from row 1); the old code fails it
    report = maintenance.verify(db_path, "boss", SUPERVISOR_PASSWORD, recovery_code=new)
    assert report.ok and report.mac is not None, report.problem
    assert report.mac.state == C.MAC_CHECKED and report.mac.ok and report.mac.first_id == 1 and report.mac.checked > 5
    with pytest.raises(OspodError, match="recovery code is not correct"):
        maintenance.verify(db_path, "boss", SUPERVISOR_PASSWORD, recovery_code=old)
    # `recover` with the new code works (and hands the supervisor the office key); with the old code it fails
    with pytest.raises(AuthenticationError):
        identity.recover(db_path, old, "boss", "a brand new password 2026")
    us = identity.recover(db_path, new, "boss", "a brand new password 2026")
    try:
        assert us.db.office.key == office_key
        with us.read() as session:
            rows = session.connection().exec_driver_sql(
                "SELECT action, entity, entity_id, detail FROM audit_log WHERE detail = 'recovery_code_renewed'").all()
        assert rows == [("update", "database", None, "recovery_code_renewed")]
    finally:
        identity.logout(us)


def test_an_upgraded_database_gets_the_office_key_into_its_recovery_slot(office, db_path):
    old, office_key = office
    slots = KeySlots.load(db_path)  # as before the office key: a recovery slot without it (MAC renewed)
    slots.unlock_user("admin", ADMIN_PASSWORD)
    slot = office_slots.recovery_slot(slots)
    del slot["office_key"]
    assert slots.remac(slot)
    slots.save()
    assert _recovery_office_key(db_path, old) is None
    new = identity.renew_recovery_code(db_path, "boss", SUPERVISOR_PASSWORD, old)
    assert _recovery_office_key(db_path, new) == office_key


def test_a_database_without_macs_starts_them_under_the_new_code(office, db_path):
    old, _key = office
    key = KeySlots.load(db_path).unlock_user("admin", ADMIN_PASSWORD)
    data = json.loads(keys_path(db_path).read_text())  # a key file from before the MACs: no record
    del data[audit_mac.RECOVERY_RECORD]
    keys_path(db_path).write_text(json.dumps(data))
    db = Database(db_path, key)
    with db.write() as session:
        session.connection().exec_driver_sql("DELETE FROM audit_key")
    db.close()
    new = identity.renew_recovery_code(db_path, "boss", SUPERVISOR_PASSWORD, old)
    report = maintenance.verify(db_path, "boss", SUPERVISOR_PASSWORD, recovery_code=new)
    assert report.ok and report.mac is not None and report.mac.state == C.MAC_CHECKED and report.mac.ok
    assert report.mac.first_id > 1 and report.mac.checked >= 1


@pytest.mark.parametrize("user,stdin,expected", [
    ("boss", f"{SUPERVISOR_PASSWORD}\nAAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ-KKKK\n",
     "The current recovery code is not correct; nothing was changed."),
    ("boss", f"{SUPERVISOR_PASSWORD}\n\n", "Give the current recovery code on the line after the password."),
    ("officer", f"{OFFICER_PASSWORD}\n{{code}}\n", "Only a supervisor can renew the recovery code"),
    ("staff", f"{OFFICER_PASSWORD}\n{{code}}\n", "Only a supervisor can renew the recovery code"),
    ("admin", f"{ADMIN_PASSWORD}\n{{code}}\n", "Only a supervisor can renew the recovery code"),
])
def test_refusals_change_nothing(office, db_path, monkeypatch, capsys, user, stdin, expected):
    old, _key = office
    before = keys_path(db_path).read_bytes()
    rc, out, err = _cli(monkeypatch, capsys, db_path, user, stdin.replace("{code}", old))
    assert rc == 2 and expected in err and out == "", (out, err)
    assert len(err.strip().splitlines()) == 1
    assert keys_path(db_path).read_bytes() == before
    assert KeySlots.load(db_path).unlock_recovery(old)


def test_a_wrong_password_changes_no_slot_and_is_said_in_czech(office, db_path, monkeypatch, capsys):
    old, office_key = office
    before = KeySlots.load(db_path).data
    rc, out, err = _cli(monkeypatch, capsys, db_path, "boss", f"wrong password\n{old}\n", lang="cs")
    assert rc == 2 and out == "" and err.strip().splitlines() == ["Chyba: Uživatelské jméno nebo heslo není správné."]
    after = KeySlots.load(db_path).data
    # only the failed attempt is recorded (for the audit chain); every slot and record is as it was
    assert {k: v for k, v in after.items() if k != "pending_events"} == {
        k: v for k, v in before.items() if k != "pending_events"}
    assert [e["action"] for e in after["pending_events"]] == ["login_failed"]
    assert _recovery_office_key(db_path, old) == office_key


def test_a_wrong_current_code_in_czech(office, db_path, monkeypatch, capsys):
    before = keys_path(db_path).read_bytes()
    rc, _out, err = _cli(monkeypatch, capsys, db_path, "boss", f"{SUPERVISOR_PASSWORD}\nWRONG-CODE\n", lang="cs")
    assert rc == 2 and "Současný kód pro obnovení není správný" in err, err
    assert keys_path(db_path).read_bytes() == before
