"""Login, lock and unlock, password change and recovery (the first run is `_setup`).

No account is ever locked by failed logins: the running app makes each further attempt of the same name wait
longer (1, 2, 4 … 30 s; `storage.slot_throttle`), an unknown name exactly like a known one, and every failure
reaches the audit chain at the next successful login (through the slot file, `storage.keyslots`)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlmodel import Session, col, select

from ospod_desktop.core.errors import (
    AccountDisabled,
    AuthenticationError,
    DatabaseCorrupt,
    DiskWriteFailed,
    OspodError,
    StorageError,
    WrongPassword,
)
from ospod_desktop.core.i18n import _
from ospod_desktop.core.passwords import check_new_password
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import chain_anchor
from ospod_desktop.services.context import Actor, Tx, UserSession
from ospod_desktop.services.identity import _office_key
from ospod_desktop.storage import busy, office_slots, schema
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, user_tag
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)


def actor_of(user: User) -> Actor:
    """Who a session acts as: the account's id, names, role and facility."""
    return Actor(saved_id(user), user.username, user.display_name, Role(user.role), user.facility_id)


def active_actor(session: Session, username: str) -> Actor:
    """The actor of the active account `username` in an open database (AuthenticationError when there is none,
    AccountDisabled when it is disabled): for commands that unlock the key file themselves."""
    user = session.exec(select(User).where(col(User.username) == username.strip().casefold())).first()
    if user is None:
        raise AuthenticationError()
    if user.disabled:
        raise AccountDisabled()
    return actor_of(user)


def _now() -> datetime:
    return datetime.now(UTC)


def flush_pending_failures(tx: Tx, slots: KeySlots) -> bool:
    """Copy the failed attempts waiting in the slot file into the audit chain (oldest first; a time stamp in the
    future — the file is not authenticated there — is written as now)."""
    from ospod_desktop.storage import audit

    events = slots.take_pending_events()
    if not events:
        return False
    by_tag = {user_tag(slots.db_uuid, u.username): u for u in tx.session.exec(select(User)).all()}
    now = _now()
    for ev in events:
        user = by_tag.get(ev["tag"])
        audit.append(
            tx.session,
            action=ev["action"],
            entity=Entity.SESSION,
            user_id=user.id if user else None,
            role=user.role if user else "",
            detail="" if user or ev["action"] == "recovery_failed" else "unknown_user",
            ts=min(datetime.fromisoformat(ev["ts"]), now),
        )
    return True


def _open(path: Path, key: bytes, backups_dir: Path | None) -> tuple[Database, str | None]:
    db = Database(Path(path), key)
    try:
        backup = schema.ensure_current(db, backups_dir)
        ensure_search_index(db)
    except (sa_exc.DatabaseError, MemoryError) as exc:
        db.close()
        if isinstance(exc, sa_exc.OperationalError):  # e.g. locked by another program: not damage
            raise
        # The first pages decrypted, but a later one does not: damaged (a MemoryError too, platform notes).
        raise DatabaseCorrupt(type(exc).__name__) from exc
    except BaseException:
        db.close()
        raise
    return db, backup


def ensure_search_index(db: Database) -> None:
    """Rebuild the search and duplicate keys when the matching rules or the indexed text changed
    (PRAGMA user_version)."""
    from ospod_desktop.storage import search

    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
    if version == search.PENDING_VERSION:  # an import committed children whose entries it writes after the commit
        if busy.holder_text(db.path):
            return  # it is still writing them (its note says so): it sets the version back itself
        with db.write() as session:  # it stopped before it had written them all: index the rest now
            conn = session.connection()
            ids = search.missing(conn)
            if ids:
                search.rebuild(session, ids)
            conn.exec_driver_sql(f"PRAGMA user_version = {int(search.INDEX_VERSION)}")
        log.info("search index completed for %d children an import left without entries", len(ids))
        return
    if version != search.INDEX_VERSION:
        with db.write() as session:
            count = search.rebuild(session)
            session.connection().exec_driver_sql(f"PRAGMA user_version = {int(search.INDEX_VERSION)}")
        log.info("search index rebuilt for %d children (index version %s)", count, search.INDEX_VERSION)


def login(path: Path, username: str, password: str, backups_dir: Path | None = None) -> UserSession:
    """Unlock the database with a user's password; every attempt ends up in the audit chain."""
    path = Path(path)
    slots = KeySlots.load(path)
    key = slots.unlock_user(username, password)
    db, backup = _open(path, key, backups_dir)
    try:
        loss = chain_anchor.open_checked(db, key)
        if loss is not None:  # read-only: not even the login is written over the finding (`chain_anchor`)
            return _read_only_session(db, slots, username, loss)
        refused: OspodError | None = None
        found: Actor | None = None
        whole = False
        with db.write() as session:
            tx = Tx(session, None)
            if backup:
                tx.audit(Action.BACKUP, Entity.DATABASE, detail="before_migration")
                tx.audit(Action.MIGRATE, Entity.DATABASE, detail=schema.head_revision())
            flush_pending_failures(tx, slots)
            try:
                found = active_actor(session, username)
            except (AuthenticationError, AccountDisabled) as exc:
                # Committed before the refusal is raised: the failures taken from the key file stay in the chain.
                tx.audit(Action.LOGIN_FAILED, Entity.SESSION, detail="disabled")
                refused = exc
            else:
                tx.actor = found
                user = session.get(User, found.user_id)  # the row active_actor read (the session's identity map)
                assert user is not None
                user.last_login_at = _now()
                session.add(user)
                tx.audit(Action.LOGIN_OK, Entity.SESSION)
                db.office.key, whole = _office_key.at_login(tx, slots, found, key)
        if refused is not None:
            raise refused
        assert found is not None
        actor = found
    except OspodError:
        slots.save()  # the pending events were written to the chain
        db.close()
        raise
    except (sa_exc.DatabaseError, MemoryError) as exc:
        db.close()
        if isinstance(exc, sa_exc.OperationalError):  # e.g. locked by another program: not damage
            raise
        # A page the login reads (the user, the audit head) is damaged although the first pages decrypted.
        raise DatabaseCorrupt(type(exc).__name__) from exc
    except BaseException:
        db.close()
        raise
    slots.save()
    log.info("user id %s logged in", actor.user_id)
    if db.office.key is not None:
        try:
            _office_key.seal_stored(db, db.office.key, actor, recent=None if whole else _office_key.RECENT_ROWS)
        except (OspodError, sa_exc.OperationalError) as exc:  # e.g. another process holds the write lock long
            log.warning("sealing stored text deferred to a later login (%s)", type(exc).__name__)
        except sa_exc.DatabaseError as exc:  # a page the sealing pass reads is damaged: the database is damaged
            db.close()
            raise DatabaseCorrupt(type(exc).__name__) from exc
        except BaseException:
            db.close()
            raise
    return UserSession(db, slots, actor, backup)


def _read_only_session(db: Database, slots: KeySlots, username: str, loss: object) -> UserSession:
    with db.read() as session:
        actor = active_actor(session, username)  # raising: `login` closes the database
    us = UserSession(db, slots, actor)
    us.chain_loss = loss
    log.warning("user id %s logged in read-only: the audit chain lost rows", us.actor.user_id)
    return us


def lock(us: UserSession) -> None:
    """The window hides child data; audited."""
    if not us.locked:
        us.locked = True
        if us.db.read_only is None:  # a read-only session (lost audit rows) writes nothing
            with us.tx() as tx:
                tx.audit(Action.LOCK, Entity.SESSION)


def unlock(us: UserSession, password: str) -> None:
    """Re-check the password of the locked session's user; repeated failures wait longer each time (in this
    process only: `storage.slot_throttle`), and each is audited."""
    try:
        us.slots.unlock_user(us.actor.username, password)
    except OspodError:
        if us.db.read_only is None:
            us.slots.reload()
            with us.tx() as tx:
                flush_pending_failures(tx, us.slots)
            us.slots.save()
        raise
    us.locked = False
    if us.db.read_only is None:
        with us.tx() as tx:
            tx.audit(Action.UNLOCK, Entity.SESSION)


def logout(us: UserSession) -> None:
    """End the session: the logout is audited, then the database is checkpointed and closed.

    On a full or read-only disk the logout row cannot be written: the session still ends (what the user did
    before was saved, or refused with its own message), and the trail lacks this logout as it would after a crash."""
    try:
        if us.db.read_only is None:  # a read-only session (lost audit rows) writes nothing
            with us.tx() as tx:
                tx.audit(Action.LOGOUT, Entity.SESSION)
    except DiskWriteFailed:
        log.info("the logout of user id %s could not be recorded: the disk refused the write", us.actor.user_id)
    finally:
        us.close()


def must_change_password(us: UserSession) -> bool:
    """True after an administrator's reset, until the user picks their own password."""
    return us.slots.must_change(us.actor.username)


def change_password(us: UserSession, old_password: str, new_password: str) -> None:
    """Re-wrap only this user's slot."""
    new = check_new_password(new_password, "new_password")
    if not us.slots.check_password(us.actor.username, old_password):
        raise WrongPassword("old_password")
    key = bytes.fromhex(us.db.key_hex)
    with us.tx() as tx:
        tx.audit(Action.PASSWORD_CHANGE, Entity.USER, us.actor.user_id)
        us.slots.reload()
        us.slots.set_user_password(us.actor.username, new, key)
        _office_key.after_password(us)
        us.slots.save()


def recover(path: Path, code: str, username: str, new_password: str) -> UserSession:
    """Set a new password for an account with the recovery code (e.g. a forgotten admin password)."""
    path = Path(path)
    new = check_new_password(new_password, "new_password")
    slots = KeySlots.load(path)
    key = slots.unlock_recovery(code)
    office_key = office_slots.open_own(slots, office_slots.recovery_slot(slots))
    db, backup = _open(path, key, None)
    try:
        if chain_anchor.open_checked(db, key) is not None:
            raise StorageError(db.read_only or "")
        chain_anchor.set_up_mac(db, code)  # a database made before the MACs: they start now (`storage.audit_mac`)
        with db.write() as session:
            tx = Tx(session, None)
            flush_pending_failures(tx, slots)
            user = session.exec(select(User).where(User.username == username.strip().casefold())).first()
            if user is None:
                raise OspodError(_("There is no account with this user name."), "username")
            user.disabled = False
            session.add(user)
            actor = actor_of(user)
            tx.actor = actor
            tx.audit(Action.RECOVERY, Entity.USER, user.id)
            tx.audit(Action.LOGIN_OK, Entity.SESSION, detail="recovery")
            slots.set_user_password(user.username, new, key)
            us = UserSession(db, slots, actor, backup)
            if actor.role in _office_key.OSPOD_ROLES:
                db.office.key = office_key
            _office_key.after_password(us)
    except BaseException:
        db.close()
        raise
    slots.save()
    return us
