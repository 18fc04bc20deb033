"""The child's `trafficking_flag` kept in step with its assessments and events, before every write commits.

Registered as before-commit work (`context.BEFORE_COMMIT`, like the due items): every child a transaction touched
gets the flag `core.trafficking_flag.flag_of` gives from its latest finished or approved assessment and its
victim events. So whatever moves or removes those rows — an assessment finished or returned, an event recorded,
a merge moving the rows to the record kept, a deletion — the case list's flag follows in the same commit.
Three queries per 500 touched children.
"""

from __future__ import annotations

from sqlmodel import col, select

from ospod_desktop.core.trafficking_flag import COUNTING_STATUSES, flag_of
from ospod_desktop.services.context import Tx, before_commit
from ospod_desktop.storage.models import Child
from ospod_desktop.storage.trafficking_tables import TraffickingAssessment, VictimEvent

CHUNK = 500


def flags_of(tx: Tx, ids: list[int]) -> dict[int, str]:
    """The flag each of `ids` should carry."""
    T = TraffickingAssessment
    latest: dict[int, str | None] = {}
    for cid, conclusion in tx.session.execute(select(col(T.child_id), col(T.conclusion)).where(
            col(T.child_id).in_(ids), col(T.status).in_(COUNTING_STATUSES))
            .order_by(col(T.child_id), col(T.finished_at), col(T.id))).all():
        latest[cid] = conclusion  # ordered: the last one read is the latest
    identified = set(tx.session.execute(select(col(VictimEvent.child_id)).where(
        col(VictimEvent.child_id).in_(ids), col(VictimEvent.kind) == "identified")).scalars())
    return {cid: flag_of(latest.get(cid), ("identified",) if cid in identified else ()) for cid in ids}


@before_commit("trafficking_flag")
def refresh_flags(tx: Tx) -> None:
    """Before the commit: set the flag of every touched child whose flag no longer follows its records."""
    ids = sorted(tx.touched())
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        wanted = flags_of(tx, chunk)
        for cid, current in tx.session.execute(select(col(Child.id), col(Child.trafficking_flag)).where(
                col(Child.id).in_(chunk))).all():
            if current != wanted[cid]:
                child = tx.session.get(Child, cid)
                assert child is not None
                child.trafficking_flag = wanted[cid]
                tx.session.add(child)
    tx.session.flush()
