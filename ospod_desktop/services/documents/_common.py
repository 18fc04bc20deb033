"""What every document's data shares: the issue block (office, officer, recipient, č.j.), the child's identity as
the reader's role may see it, the placement, contacts. Runs inside the caller's transaction and inside
`core.i18n.language(lang)` (the worded parts are in the document's language)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from ospod_desktop.core.documents import default_recipient
from ospod_desktop.core.i18n import _
from ospod_desktop.reports.documents.data import (
    AgeCheck,
    ChildIdentity,
    Contact,
    Finding,
    Identifier,
    Issue,
    PlacementInfo,
)  # fmt: skip
from ospod_desktop.services import chain_anchor
from ospod_desktop.services.children import ChildView
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.placements import PlacementView
from ospod_desktop.storage.child_tables import ChildPhoto
from ospod_desktop.storage.models import OFFICE_ID, Facility, Office, User


def issue_block(tx: Tx, us: UserSession, kind: str, lang: str, reference: str, issued_at: datetime,
                recipient: str, uuid: str = "") -> Issue:
    office = tx.session.get_one(Office, OFFICE_ID)
    return Issue(
        kind=kind, lang=lang, office=office.name, office_address=office.address,
        letterhead_lines=tuple(line for line in office.letterhead.splitlines() if line.strip()),
        reference=reference, issued_at=issued_at, issuer=us.actor.display_name, issuer_role=str(us.actor.role),
        recipient=recipient or default_recipient(kind), place=office.orp,
        document_uuid=uuid, anchor=chain_anchor.head_text(tx.session),
    )


def _text(value: object) -> str:
    """A view's value as text: a field withheld from the reader's role reads None → left out."""
    return value if isinstance(value, str) else ""


def identity(tx: Tx, view: ChildView, minimal: bool = False) -> ChildIdentity:
    """The child as the view shows it (the view is already reduced for facility staff: a withheld field is
    None, and is left out here). `minimal`: given names, family names and date of birth only."""
    if minimal:
        return ChildIdentity(id=view.id, given_names=view.form.given_names, family_names=view.form.family_names,
                             birth_date=view.form.birth_date)
    photo = tx.session.get(ChildPhoto, view.id)
    form = view.form
    return ChildIdentity(
        id=view.id, reference=_text(view.reference), case_mark=_text(view.case_mark),
        given_names=form.given_names, family_names=form.family_names,
        original_script_name=form.original_script_name, aliases=tuple(form.aliases), sex=form.sex,
        birth_date=form.birth_date, birth_year=form.birth_year, age_min=form.age_min, age_max=form.age_max,
        age_claimed=form.age_claimed, age_document=form.age_document,
        age_checks=tuple(AgeCheck(a.method, a.assessed_on, a.assessor, a.age_min, a.age_max)
                         for a in view.assessments),
        nationalities=tuple(form.nationalities), languages=tuple(form.languages),
        interpreter_language=form.interpreter_language, status=form.status,
        birth_number=_text(view.birth_number),
        identifiers=tuple(Identifier(i.kind, i.number, i.country, i.issuer) for i in form.identifiers),
        description=form.description, photo=photo.image if photo else None,
    )


def finding(view: ChildView) -> Finding:
    f = view.form
    return Finding(found_on=f.found_on, found_time=f.found_time, found_place=f.found_place, channel=f.channel,
                   reporter_agency=f.reporter_agency, reporter_person=f.reporter_person,
                   reporter_reference=f.reporter_reference, police_reference=f.police_reference,
                   urgency=f.urgency, urgency_reason=f.urgency_reason)


def facility_of(tx: Tx, facility_id: int | None) -> Facility | None:
    return tx.session.get(Facility, facility_id) if facility_id else None


def placement_info(tx: Tx, p: PlacementView | None) -> PlacementInfo | None:
    """A placement as documents print it; None for none, or one the reader sees only in outline."""
    if p is None or p.withheld:
        return None
    fac = facility_of(tx, p.facility_id)
    return PlacementInfo(
        facility=p.facility_name or p.carer_name or p.place, setting=p.setting, legal_basis=p.legal_basis,
        start_date=p.start_date, court=p.court, court_file_number=p.court_file_number,
        decision_date=p.decision_date, expiry_date=p.effective_expiry, end_date=p.end_date,
        end_reason=p.end_reason, address=fac.address if fac else p.carer_address,
        phone=fac.phone if fac else p.carer_contact, email=fac.email if fac else "",
        contact_person=fac.contact_person if fac else "",
    )


def facility_contact(fac: Facility) -> Contact:
    """The facility as a contact (with its further lines: night service, director…)."""
    notes = fac.other_contacts
    if fac.email:
        notes = "\n".join(x for x in (fac.email, notes) if x)
    return Contact(relationship=_("Facility"), name=fac.name, location=fac.address, phone=fac.phone,
                   notes="\n".join(x for x in (fac.contact_person, notes) if x))


def user_name(tx: Tx, user_id: int | None) -> str:
    if user_id is None:
        return ""
    user = tx.session.get(User, user_id)
    return user.display_name if user else ""


def names_of(tx: Tx, ids) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = tx.session.exec(select(User).where(col(User.id).in_(wanted))).all()
    return {u.id: u.display_name for u in rows if u.id is not None}
