"""Guardians (the `guardian` clock): an unaccompanied or separated child needs one at once. OSPOD's petition to
the court is recorded on the way; the court's appointment (date, court, guardian) closes the clock; a
guardianship that ends opens it again until the next appointment.

One row per guardianship: a petition opens it, the appointment fills it (or creates it when no petition was
recorded), an end closes it. A new petition while a petition waits is refused (correct that one instead), and
so is a second appointment while a guardian is in office (record the end first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from ospod_desktop.core import history as H
from ospod_desktop.core.care_form import (
    GuardianAppointmentInput,
    GuardianPetitionInput,
    GuardianshipInput,
    fail,
    validate_appointment,
    validate_end,
    validate_guardianship,
    validate_petition,
)  # fmt: skip
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.services.care._common import (
    WRITERS,
    correct,
    delete,
    found_on,
    load_row,
    now,
    today,
    writable_child,
    write_record,
)  # fmt: skip
from ospod_desktop.services.context import Tx, UserSession, requires
from ospod_desktop.storage.care_tables import Guardianship
from ospod_desktop.storage.rows import saved_id

COLUMNS = ["petition_on", "petition_court", "appointed_on", "court", "court_file_number", "guardian_name",
           "guardian_contact", "ended_on", "note"]
WHAT = "guardianship"


@dataclass(frozen=True)
class GuardianshipView:
    id: int
    child_id: int
    petition_on: date | None
    petition_court: str
    appointed_on: date | None
    court: str
    court_file_number: str
    guardian_name: str
    guardian_contact: str
    ended_on: date | None
    note: str

    @property
    def state(self) -> str:
        """"petitioned" (waiting for the court), "appointed" (a guardian in office) or "ended"."""
        if self.ended_on is not None:
            return "ended"
        return "appointed" if self.appointed_on is not None else "petitioned"


def summary_of(row) -> H.CareSummary:
    return H.CareSummary(row.appointed_on or row.petition_on, row.guardian_name, row.court or row.petition_court,
                         row.ended_on)


def _view(r: Guardianship) -> GuardianshipView:
    return GuardianshipView(saved_id(r), r.child_id, r.petition_on, r.petition_court, r.appointed_on, r.court,
                            r.court_file_number, r.guardian_name, r.guardian_contact, r.ended_on, r.note)


def _rows(tx: Tx, child_id: int) -> list[Guardianship]:
    return list(tx.session.exec(select(Guardianship).where(Guardianship.child_id == child_id)
                                .order_by(col(Guardianship.id))).all())


def guardianships_of(tx: Tx, child_id: int) -> list[GuardianshipView]:
    """The child's guardianships, newest first."""
    return [_view(r) for r in reversed(_rows(tx, child_id))]


def _waiting(rows: list[Guardianship]) -> Guardianship | None:
    """The guardianship petitioned for and not yet appointed."""
    return next((r for r in reversed(rows) if r.appointed_on is None and r.ended_on is None), None)


def _in_office(rows: list[Guardianship]) -> Guardianship | None:
    return next((r for r in reversed(rows) if r.appointed_on is not None and r.ended_on is None), None)


@requires(*WRITERS)
def record_guardian_petition(us: UserSession, child_id: int, form: GuardianPetitionInput) -> int:
    """Record OSPOD's petition to the court for a guardian; returns the guardianship's id."""
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        values = validate_petition(form, today(), child.found_on)
        if _waiting(_rows(tx, child_id)) is not None:
            raise fail("petition_on", _("a petition already waits for the court's appointment; correct it instead."))
        row = Guardianship(child_id=child_id, created_at=now(), created_by=us.actor.user_id, **values)
        return write_record(tx, row, WHAT, "petition", H.CareSummary(row.petition_on, court=row.petition_court),
                            Entity.GUARDIANSHIP, detail=":petition")


@requires(*WRITERS)
def record_guardian_appointment(us: UserSession, child_id: int, form: GuardianAppointmentInput) -> int:
    """Record the court's appointment of a guardian: fills the guardianship petitioned for, or creates one.
    Returns the guardianship's id."""
    with us.tx() as tx:
        child = writable_child(tx, us, child_id)
        rows = _rows(tx, child_id)
        if _in_office(rows) is not None:
            raise fail("appointed_on", _("a guardian is already in office; record the end of that guardianship first."))
        row = _waiting(rows)
        values = validate_appointment(form, today(), child.found_on, row.petition_on if row else None)
        if row is None:
            row = Guardianship(child_id=child_id, created_at=now(), created_by=us.actor.user_id, **values)
            action = Action.CREATE
        else:
            if values["note"] == "":
                values["note"] = row.note  # an appointment without a note keeps the petition's
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = now()
            action = Action.UPDATE
        return write_record(tx, row, WHAT, "appointed", H.CareSummary(row.appointed_on, row.guardian_name, row.court),
                            Entity.GUARDIANSHIP, action, ":appointed")


@requires(*WRITERS)
def end_guardianship(us: UserSession, guardianship_id: int, ended_on: date | None) -> None:
    """The guardian's office ended (the court released the guardian, the child came of age or left)."""
    with us.tx() as tx:
        row = load_row(tx, us, Guardianship, guardianship_id, Entity.GUARDIANSHIP)
        writable_child(tx, us, row.child_id)
        if row.ended_on is not None:
            raise fail("ended_on", _("this guardianship has already ended."))
        row.ended_on = validate_end(ended_on, today(), row.appointed_on)
        row.updated_at = now()
        tx.session.add(row)
        tx.history(row.child_id, H.CareRecorded(WHAT, "ended", summary_of(row)))
        tx.audit(Action.UPDATE, Entity.GUARDIANSHIP, guardianship_id, detail=f"child:{row.child_id}:ended_on")


@requires(*WRITERS)
def correct_guardianship(us: UserSession, guardianship_id: int, form: GuardianshipInput, reason: str) -> list[str]:
    """Correct a guardianship (petition, appointment, end); the old values stay in the history with the reason."""
    with us.tx() as tx:
        row = load_row(tx, us, Guardianship, guardianship_id, Entity.GUARDIANSHIP)
        values = validate_guardianship(form, today(), found_on(tx, row.child_id))
        others = [r for r in _rows(tx, row.child_id) if r.id != row.id]
        if values["ended_on"] is None and (values["appointed_on"] is None and _waiting(others) is not None
                                           or values["appointed_on"] is not None and _in_office(others) is not None):
            raise fail("ended_on", _("another guardianship of the child is still open."))
        return correct(tx, row, values, reason, WHAT, Entity.GUARDIANSHIP, summary_of)


@requires(*WRITERS)
def delete_guardianship(us: UserSession, guardianship_id: int, reason: str) -> None:
    """Delete a guardianship recorded in error; the history keeps all of it."""
    with us.tx() as tx:
        row = load_row(tx, us, Guardianship, guardianship_id, Entity.GUARDIANSHIP)
        delete(tx, row, COLUMNS, reason, WHAT, Entity.GUARDIANSHIP, summary_of)
