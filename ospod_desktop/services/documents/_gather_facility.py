"""1. The admission request to the Facility for Foreign Children: the child, how found, the placement's legal
basis, health, family, risk flags, the responsible officer (officers and supervisors only)."""

from __future__ import annotations

from sqlmodel import col, select

from ospod_desktop.reports.documents.data import Contact, FacilityData, Health, Issue
from ospod_desktop.services.children import ChildView
from ospod_desktop.services.context import Tx
from ospod_desktop.services.documents._common import finding, identity, placement_info, user_name
from ospod_desktop.storage.care_tables import Visit


def health(tx: Tx, view: ChildView) -> Health:
    """The latest visit's health note, and the medication the latest missing report named."""
    visit = tx.session.exec(select(Visit).where(Visit.child_id == view.id, col(Visit.health) != "")
                            .order_by(col(Visit.visited_on).desc(), col(Visit.id).desc())).first()
    medication = next((e.risk_medication for e in reversed(view.missing) if e.risk_medication), "")
    return Health(notes=visit.health if visit else "", noted_on=visit.visited_on if visit else None,
                  medication=medication)


def family(view: ChildView) -> tuple[tuple[Contact, ...], Contact | None]:
    f = view.form
    people = tuple(Contact(m.relationship, m.name, m.location, m.phone, m.alive, m.notes) for m in f.family)
    companion = None
    if f.companion_name or f.companion_relationship:
        companion = Contact(relationship=f.companion_relationship, name=f.companion_name,
                            phone=f.companion_contact, notes=f.companion_document)
    return people, companion


def gather_facility(tx: Tx, view: ChildView, issue: Issue) -> FacilityData:
    placement = view.current_placement or (view.placements[-1] if view.placements else None)
    people, companion = family(view)
    return FacilityData(
        issue=issue, child=identity(tx, view), finding=finding(view), placement=placement_info(tx, placement),
        health=health(tx, view), family=people, companion=companion,
        trafficking_flag=view.trafficking_flag or "",
        disappearances=sum(1 for e in view.missing if not e.open),  # one open now is no "earlier" one
        responsible_officer=user_name(tx, view.form.responsible_officer_id),
        wishes=view.form.wishes, notes=view.form.notes,
    )
