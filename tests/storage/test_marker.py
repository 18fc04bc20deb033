"""A child's name must appear in none of the bytes on disk: database, WAL, or key slots."""

from __future__ import annotations

from ospod_desktop.services import children, identity
from tests.conftest import OFFICER_PASSWORD, child_form

MARKER = "Zzmarkerqq Олександрмаркер"


def _all_bytes(folder):
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _encodings(text):
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.split()[0].encode("ascii")]


def test_marker_name_is_never_on_disk(officer_session, db_path):
    child_id = children.register_child(officer_session, child_form(MARKER.split()[0], MARKER.split()[1], "M"))
    assert children.get_child(officer_session, child_id).given_names == MARKER.split()[0]
    # While the session is open the record may sit in the WAL: check both files now...
    files = _all_bytes(db_path.parent)
    assert any(name.endswith("-wal") for name in files)
    for name, data in files.items():
        for needle in _encodings(MARKER):
            assert needle not in data, f"marker found in {name}"
    # ...and after a checkpoint folded it into the main file.
    officer_session.db.checkpoint()
    for name, data in _all_bytes(db_path.parent).items():
        for needle in _encodings(MARKER):
            assert needle not in data, f"marker found in {name}"


def test_deleted_record_is_wiped_from_pages(officer_session, db_path, admin_session):
    """secure_delete: after deletion, even decrypted pages no longer hold the name."""
    from ospod_desktop.core.roles import Role

    admin, _ = admin_session
    identity.create_user(admin, "boss", "Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    sup = identity.login(db_path, "boss", OFFICER_PASSWORD)
    cid = children.register_child(sup, child_form("Deletemarker", "Qq", "F"))
    children.delete_child(sup, cid)
    sup.db.checkpoint()
    import sqlcipher3.dbapi2 as sqlcipher

    con = sqlcipher.connect(":memory:")
    con.execute(f"ATTACH DATABASE '{db_path}' AS d KEY \"x'{sup.db.key_hex}'\"")
    con.execute("ATTACH DATABASE ':memory:' AS plain KEY ''")
    pages = con.execute("SELECT count(*) FROM d.child").fetchone()[0]
    assert pages == 0
    plain = db_path.parent / "plain.db"
    con.execute(f"ATTACH DATABASE '{plain}' AS p KEY ''")
    con.execute("SELECT sqlcipher_export('p', 'd')")
    con.close()
    assert b"Deletemarker" not in plain.read_bytes()
    sup.close()
