"""3. The missing-child report to the police, marked urgent. Facility staff's version holds only the child's
identity, photo and description, the last sighting, the circumstances and their facility's contacts; the
officer's version adds the risk factors (trafficking concern, medication, notes) and the trafficking flag."""

from __future__ import annotations

from collections.abc import Sequence

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.reports.documents.data import Contact, Episode, Issue, MissingData
from ospod_desktop.services import scope
from ospod_desktop.services.children import ChildView
from ospod_desktop.services.context import Tx, UserSession
from ospod_desktop.services.documents._common import facility_contact, facility_of, identity, placement_info, user_name
from ospod_desktop.services.missing import MissingView


def episode_of(episodes: Sequence[MissingView], episode_id: int | None) -> MissingView:
    """The episode asked for among the child's `episodes` (it must be one of them and still open), else the
    child's open one (none → ValidationError). Called first outside the document's language (`load`), so the
    message is in the user's."""
    if episode_id is None:
        found = next((e for e in reversed(episodes) if e.open), None)
        if found is None:
            raise ValidationError("episode_id", _("The child is not reported missing: there is no open disappearance."))
        return found
    found = next((e for e in episodes if e.id == episode_id), None)
    if found is None:
        raise ValidationError("episode_id", _("Disappearance: this child has no such record."))
    if not found.open:  # the child is back: an urgent report that the child is missing would be false
        raise ValidationError("episode_id", _("Disappearance: the child has returned; a missing-child report is "
                                              "made for an open disappearance only."))
    return found


def episode_data(e: MissingView, risks: bool) -> Episode:
    """An episode; `risks` False: the risk fields are left out (None), as in facility staff's version."""
    police = next((i for i in e.informed if i.party == "police"), None)
    return Episode(
        id=e.id, last_seen_at=e.last_seen_at, last_seen_place=e.last_seen_place, seen_with=e.seen_with,
        circumstances=e.circumstances, description=e.description, clothing=e.clothing,
        risk_trafficking=e.risk_trafficking if risks else None,
        risk_medication=e.risk_medication if risks else None,
        risk_notes=e.risk_notes if risks else None,
        returned_at=e.returned_at, closed_at=e.closed_at,
        police_informed_at=police.at if police else None, police_reference=police.reference if police else "",
    )


def gather_missing(tx: Tx, us: UserSession, view: ChildView, issue: Issue, episode_id: int | None) -> MissingData:
    e = episode_of(view.missing, episode_id)
    placement = next((p for p in view.placements if p.id == e.placement_id), None) or view.current_placement
    if scope.reduced(us):  # facility staff: their facility's contacts; no risk factors, flag or placement details
        own = facility_of(tx, us.actor.facility_id)
        contacts = (facility_contact(own),) if own else ()
        return MissingData(issue=issue, child=identity(tx, view), episode=episode_data(e, risks=False),
                           placement=None, trafficking_flag=None, contacts=contacts)
    contacts_list: list[Contact] = []
    fac = facility_of(tx, placement.facility_id) if placement is not None else None
    if fac is not None:
        contacts_list.append(facility_contact(fac))
    officer = user_name(tx, view.form.responsible_officer_id)
    if officer:
        contacts_list.append(Contact(relationship=_("Responsible officer"), name=officer, location=issue.office))
    if us.actor.display_name != officer:
        contacts_list.append(Contact(relationship=_("Issued by"), name=us.actor.display_name, location=issue.office))
    return MissingData(issue=issue, child=identity(tx, view), episode=episode_data(e, risks=True),
                       placement=placement_info(tx, placement), trafficking_flag=view.trafficking_flag or "",
                       contacts=tuple(contacts_list))
