"""Renewing the recovery code (`ospod-desktop recovery-code renew`).

The recovery slot of the key file wraps the database key and — once a key holder has put it there — the office
key; the audit chain's forward-secure MAC root is sealed under the same code (`storage.audit_mac`). A renewal
makes a new code, seals all three under it and drops the old slot: the old code opens nothing afterwards.

Only a supervisor may renew it: the new recovery slot must hold the office key (`_office_key`), and only OSPOD
accounts hold it — an administrator renewing it would leave a recovery slot without the office key, so that a
recovery would lose the sealed fields. (A database upgraded from before the office key gets it into its recovery
slot by this renewal.) The current code is needed too: it opens the MAC root, which is re-sealed unchanged (the
segment and its k_1 stay the same, so `verify --recovery-code-stdin` goes on checking every row)."""

from __future__ import annotations

import logging
from pathlib import Path

from ospod_desktop.core.errors import OspodError, PermissionDenied, StorageError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity, Role
from ospod_desktop.services import chain_anchor
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.identity import _office_key
from ospod_desktop.services.identity._auth import active_actor, flush_pending_failures
from ospod_desktop.storage import audit_mac
from ospod_desktop.storage import office_slots as O
from ospod_desktop.storage.engine import Database
from ospod_desktop.storage.keyslots import KeySlots, new_recovery_code

log = logging.getLogger(__name__)
RENEW_ROLES = frozenset({Role.SUPERVISOR})


def wrong_code_message() -> str:
    return _("The current recovery code is not correct; nothing was changed.")


def renew_recovery_code(path: Path, username: str, password: str, current_code: str) -> str:
    """A new recovery code for the database (returned once, to be shown once): the recovery slot, the office key
    in it and the audit MAC root sealed under it; audited (UPDATE database, "recovery_code_renewed").

    Refused before anything changes — AuthenticationError (password), PermissionDenied (not a supervisor, or one
    without the office key), OspodError on field "recovery_code" (the current code is wrong), StorageError (the
    audit chain lost rows: the database is read-only)."""
    path = Path(path)
    slots = KeySlots.load(path)
    key = slots.unlock_user(username, password)
    db = Database(path, key)
    try:
        with db.read() as session:
            actor = active_actor(session, username)
        if actor.role not in RENEW_ROLES:
            raise PermissionDenied(_("Only a supervisor can renew the recovery code (the new recovery slot must "
                                     "also hold the office key). Ask a supervisor to renew it."))
        office_key = O.open_own(slots, O.user_slot(slots, actor.username))
        if office_key is None:
            raise PermissionDenied(_("Your account does not hold the office key yet (log in to the application "
                                     "once to receive it); the recovery code was not renewed."))
        if not slots.check_recovery(current_code):
            log.warning("recovery code renewal refused: wrong current code (user id %s)", actor.user_id)
            raise OspodError(wrong_code_message(), "recovery_code")
        record = slots.data.get(audit_mac.RECOVERY_RECORD)
        if record is not None and audit_mac.open_root(record, current_code, slots.db_uuid) is None:
            raise OspodError(_("The current recovery code does not open the audit chain's recovery record in the "
                               "key file; nothing was changed."), "recovery_code")
        if chain_anchor.open_checked(db, key) is not None:
            raise StorageError(db.read_only or "")
        code = new_recovery_code()
        if record is None and chain_anchor.set_up_mac(db, current_code) is not None:
            record = audit_mac.read_record(path)  # a database made before the MACs: they start now, then re-seal
        if record is not None:
            resealed = audit_mac.reseal_root(record, current_code, code, slots.db_uuid, key)
            assert resealed is not None  # opened with the same code above
            slots.replace_record(audit_mac.RECOVERY_RECORD, resealed)  # saved with the new slot, atomically
        slots.set_recovery(code, key)
        db.office.key = office_key
        wrapped = _office_key.after_recovery_renewed(UserSession(db, slots, actor))
        assert wrapped  # the office key is held and the new slot was sealed by this process
        # The audit row first: should the key file not be written after it, the old code still holds (and the
        # error says so); the other way round a new code could be in force but never shown.
        with db.write() as session:
            tx = Tx(session, actor)
            flush_pending_failures(tx, slots)
            tx.audit(Action.UPDATE, Entity.DATABASE, detail="recovery_code_renewed")
        slots.save()
    finally:
        db.office.key = None
        db.close()
    log.info("recovery code renewed by user id %s", actor.user_id)
    return code
