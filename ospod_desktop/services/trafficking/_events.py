"""Later events of a child recognised as a (presumed) victim: the suspicion reported to the police, the police's
identification, a referral to assistance, a reflection period (Act 326/1999 s. 42e).

Officers and supervisors record and read them for the children of the office (`ROLES`); each is linked to the
child's latest finished or approved assessment, when there is one. Recording one writes the child's history line
(kind and days only: never the body's name or the note), an audit row (ids only), the trafficking flag
("identified" once the police identified the child) and touches the child for the due list.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import col, select

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.history_trafficking import VictimEventRecorded
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.codes import EVENT_KINDS
from ospod_desktop.core.limits import LINE_MAX, TEXT_MAX
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.core.text import clean_line, clean_text
from ospod_desktop.services import scope
from ospod_desktop.services.context import UserSession, requires
from ospod_desktop.services.trafficking._views import (
    ROLES,
    VictimEventView,
    latest_counting,
    load_child,
    names_of,
)
from ospod_desktop.storage.rows import saved_id
from ospod_desktop.storage.trafficking_tables import VictimEvent


def _view(r: VictimEvent, names: dict[int, str]) -> VictimEventView:
    return VictimEventView(saved_id(r), r.child_id, r.kind, r.on, r.body, r.channel, r.ends_on, r.note,
                           r.assessment_id, r.recorded_at, names.get(r.recorded_by, "") if r.recorded_by else "")


# Whom the event involved must be said: the police unit informed or that identified the child, the organisation
# the child was referred to (a reflection period is granted by the police on the unit's earlier report).
BODY_REQUIRED = frozenset({"police_report", "identified", "referred"})


def _body_label(kind: str) -> str:
    return _("Referred to (organisation)") if kind == "referred" else _("Police unit")


def _checked(kind: str, on: date, ends_on: date | None, today: date, found_on: date | None) -> None:
    if kind not in EVENT_KINDS:
        raise ValidationError("kind", _("Event: choose reported to the police, identified, referred or a reflection "
                                        "period."))
    if not isinstance(on, date):
        raise ValidationError("on", _("Date of the event: this field is required."))
    if on > today:
        raise ValidationError("on", _("Date of the event: it cannot be in the future."))
    if found_on is not None and on < found_on:
        raise ValidationError("on", _("Date of the event: it cannot be before the child was found."))
    if ends_on is not None:
        if kind != "reflection_period":
            raise ValidationError("ends_on", _("End of the period: only a reflection period has an end."))
        if ends_on < on:
            raise ValidationError("ends_on", _("End of the period: it cannot be before its start."))


@requires(*ROLES)
def record_victim_event(us: UserSession, child_id: int, kind: str, on: date, body: str = "", channel: str = "",
                        ends_on: date | None = None, note: str = "", today: date | None = None) -> VictimEventView:
    """Record a later event of the child (`body`: the police unit or organisation; `channel`: how a report was
    sent; `ends_on`: a reflection period's end, when known)."""
    today = today or scope.today()
    with us.tx() as tx:
        child = load_child(tx, us, child_id)
        if child.merged_into_id is not None:
            raise ValidationError("child_id", _("The record has been merged into another one; record it there."))
        _checked(kind, on, ends_on, today, child.found_on)
        body = clean_line(body, "body", _body_label(kind), LINE_MAX, required=kind in BODY_REQUIRED)
        channel = clean_line(channel, "channel", _("How it was reported"), LINE_MAX)
        note = clean_text(note, "note", _("Note"), TEXT_MAX)
        latest = latest_counting(tx.session, child_id)
        row = VictimEvent(child_id=child_id, kind=kind, on=on, ends_on=ends_on,
                          assessment_id=saved_id(latest) if latest else None, recorded_at=datetime.now(UTC),
                          recorded_by=us.actor.user_id, body=body, channel=channel, note=note)
        tx.session.add(row)
        tx.session.flush()
        tx.history(child_id, VictimEventRecorded(saved_id(row), kind, on, ends_on))
        tx.audit(Action.CREATE, Entity.VICTIM_EVENT, saved_id(row), detail=f"{kind}:child:{child_id}")
        tx.touch(child_id)  # the flag (`_flag`) and the due clocks follow
        return _view(row, names_of(tx.session, [row.recorded_by]))


@requires(*ROLES)
def victim_events_of(us: UserSession, child_id: int) -> list[VictimEventView]:
    """The child's events, newest first (an audited read)."""
    with us.tx() as tx:
        load_child(tx, us, child_id)
        tx.audit(Action.READ, Entity.CHILD, child_id, detail=scope.read_detail(us, "victim_events"))
        rows = list(tx.session.exec(select(VictimEvent).where(VictimEvent.child_id == child_id)
                                    .order_by(col(VictimEvent.on).desc(), col(VictimEvent.id).desc())).all())
        names = names_of(tx.session, (r.recorded_by for r in rows))
        return [_view(r, names) for r in rows]
