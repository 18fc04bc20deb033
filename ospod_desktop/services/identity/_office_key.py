"""The office key in a session (issue 14 item 3): who receives it at login, grants, and sealing older plaintext.

Only OSPOD roles (officer, supervisor) hold the office key; facility staff and administrators open the database
with the database key alone, so the sealed columns (`storage.sealing.SEALED`) read as withheld to them — scope
already withholds those fields from them. An OSPOD account receives the key:
- from its own slot (it held it before);
- from a grant a supervisor's session sealed to it (`storage.office_slots`): an account created or reset by an
  administrator asks for one at its first login with a password of its own, and the next supervisor login
  grants it to every asking active OSPOD account (audited per account);
- from the bootstrap of a new office, until the first supervisor holds the key.
An older database (no office key anywhere) gets one at its first OSPOD login; the plaintext already stored is then
sealed in batches by `seal_stored` (and at every later key holder's login, what a keyless session wrote).
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services.context import Actor, Tx, UserSession
from ospod_desktop.storage import office_slots as O
from ospod_desktop.storage import sealing
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots
from ospod_desktop.storage.models import User
from ospod_desktop.storage.rows import saved_id

log = logging.getLogger(__name__)
OSPOD_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})
SEAL_BATCH = 2000
RECENT_ROWS = 2_000  # an ordinary login looks at the newest rows of each sealed table only (constant cost)

HELD, PENDING, NOT_OSPOD = "held", "pending", "not_ospod"


def at_login(tx: Tx, slots: KeySlots, actor: Actor, db_key: bytes) -> tuple[bytes | None, bool]:
    """The office key for the account logging in (None: not an OSPOD account, or it has none yet), and whether
    all stored text should be checked for plaintext now (the key is new to this account or to the database, or
    accounts that wrote without it receive it). Changes to the slot file are saved by the caller."""
    if actor.role not in OSPOD_ROLES:
        return None, False
    slot = O.user_slot(slots, actor.username)
    key = O.open_own(slots, slot)
    whole = key is None
    key = key or O.accept_grant(slots, slot)
    if key is None:
        key = O.take_bootstrap(slots, db_key)
        if key is None and not O.anyone_holds(slots):  # an older database: the office key is made now
            key = O.new_office_key()
            O.put_bootstrap(slots, db_key, key)
            tx.audit(Action.CREATE, Entity.DATABASE, detail="office_key")
        if key is not None:
            O.wrap_own(slots, slot, key)
    if key is None:
        if not slots.must_change(actor.username):  # a password of its own: only its holder opens the request
            O.request(slots, slot)
        return None, False
    if actor.role is Role.SUPERVISOR and O.holds(slot):
        whole = bool(grant_pending(tx, slots, key)) or whole
        O.drop_bootstrap(slots)
    return key, whole


def grant_pending(tx: Tx, slots: KeySlots, office_key: bytes) -> list[int]:
    """Grant the office key to every active OSPOD account asking for it; their user ids (each audited)."""
    requests = O.pending_requests(slots)
    if not requests:
        return []
    users = tx.session.exec(select(User).where(col(User.disabled).is_(False),
                                               col(User.role).in_([r.value for r in OSPOD_ROLES]))).all()
    by_tag = O.granted_tags(slots, [u.username for u in users])
    ids = {u.username: saved_id(u) for u in users}
    granted = []
    for slot in requests:
        name = by_tag.get(slot["user_tag"])
        if name is not None and O.grant(slots, slot, office_key):
            tx.audit(Action.UPDATE, Entity.USER, ids[name], detail="office_key_granted")
            granted.append(ids[name])
    return granted


def after_password(us: UserSession) -> None:
    """The user's own slot was sealed anew (a password change, a recovery): the office key goes into it, or an
    OSPOD account without it asks for it. Saved by the caller."""
    if us.actor.role not in OSPOD_ROLES:
        return
    slot = O.user_slot(us.slots, us.actor.username)
    if us.db.office.key is not None:
        O.wrap_own(us.slots, slot, us.db.office.key)
    elif not us.slots.must_change(us.actor.username):
        O.request(us.slots, slot)


def after_recovery_renewed(us: UserSession) -> bool:
    """A new recovery code was set in this session (`KeySlots.set_recovery`): the office key goes into the new
    recovery slot when the session holds it (False: it does not, and the recovery slot has none). Saved by the
    caller."""
    if us.db.office.key is None:
        return False
    return O.wrap_own(us.slots, O.recovery_slot(us.slots), us.db.office.key)


def status(us: UserSession) -> str:
    """HELD, PENDING (an OSPOD account waiting for a supervisor's grant) or NOT_OSPOD."""
    if us.actor.role not in OSPOD_ROLES:
        return NOT_OSPOD
    return HELD if us.db.office.key is not None else PENDING


def notice(us: UserSession) -> str:
    """What to tell an OSPOD account without the office key at login ("" for everyone else)."""
    return sealing.explanation() if status(us) == PENDING else ""


def seal_stored(db: Database, office_key: bytes, actor: Actor | None = None, batch: int = SEAL_BATCH,
                recent: int | None = None) -> int:
    """Seal the plaintext still stored in sealed columns (of the newest `recent` rows of each table; None: all),
    `batch` rows per transaction (idempotent: a value already sealed is left alone); how many rows were sealed
    (audited once, as a count)."""
    todo: dict[str, int] = {}  # table -> the rowid before its first plaintext: looked up in one read first
    with db.read() as session:
        conn = session.connection()
        for table in sealing.tables():
            after = 0
            if recent is not None:
                last = conn.exec_driver_sql(f"SELECT max(rowid) FROM {table}").scalar() or 0
                after = max(0, int(last) - recent)
            first = sealing.first_plaintext(conn, table, after)
            if first is not None:
                todo[table] = first - 1
    total = 0
    for table, after in todo.items():
        while True:
            with db.write() as session:
                done, after = sealing.seal_batch(session.connection(), office_key, table, batch, after)
            total += done
            if done < batch:
                break
    if total:
        with db.write() as session:
            Tx(session, actor).audit(Action.MIGRATE, Entity.DATABASE, detail=f"sealed_rows:{total}")
        log.info("sealed %d rows of older plaintext", total)
    return total
