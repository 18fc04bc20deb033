"""The label of every registration field, spelled once.

A validation message starts with the field's label ("Date found: the date is in the future."), and the child's
page, its history and the import's error list name the same field: all of them read the label here, so an
officer sees one name for one field everywhere. Placements and missing episodes keep their tables beside their
forms (`core.placement_form.FIELD_LABELS`, `core.missing_form.FIELD_LABELS`), used the same way.
"""

from __future__ import annotations

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import N_, _

# Codes are the fields of `core.child_form.ChildForm` (and the `child` table's columns), plus the photo.
CHILD = {
    "given_names": N_("Given names"),
    "family_names": N_("Family names"),
    "original_script_name": N_("Name in the original script"),
    "aliases": N_("Aliases and earlier names"),
    "description": N_("Description"),
    "sex": N_("Sex"),
    "birth_date": N_("Date of birth"),
    "birth_year": N_("Year of birth"),
    "age_min": N_("Estimated age from"),
    "age_max": N_("Estimated age to"),
    "age_claimed": N_("Age the child states"),
    "age_document": N_("Age on a document"),
    "status": N_("Status"),
    "companion_name": N_("Accompanying adult"),
    "companion_relationship": N_("Relationship to the child"),
    "companion_document": N_("Adult's document"),
    "companion_contact": N_("Adult's contact"),
    "found_on": N_("Date found"),
    "found_time": N_("Time found"),
    "found_place": N_("Place found"),
    "channel": N_("How it reached OSPOD"),
    "reporter_agency": N_("Reporting agency"),
    "reporter_person": N_("Reporting person"),
    "reporter_reference": N_("Reporter's reference number"),
    "reference": N_("Reference"),
    "urgency": N_("Urgency"),
    "urgency_reason": N_("Reason for the urgency"),
    "nationalities": N_("Nationality"),
    "languages": N_("Languages"),
    "interpreter_language": N_("Interpreter needed for"),
    "birth_number": N_("Birth number"),
    "police_reference": N_("Police reference"),
    "asylum_reference": N_("Asylum / OAMP reference"),
    "case_mark": N_("Case file mark"),
    "identifiers": N_("Documents"),
    "family": N_("Family and contacts"),
    "wishes": N_("The child's wishes"),
    "notes": N_("Notes"),
    "responsible_officer_id": N_("Responsible officer"),
    "case_status": N_("Case status"),
    "close_reason": N_("Reason for closing"),
    "closed_on": N_("Closed on"),
    "photo": N_("Photo"),
    # Given by an import (`import children`): not fields of the registration form.
    "registered_on": N_("In the register since"),
    "ipod_on": N_("Latest IPOD"),
}
# The columns of one document (`core.child_form.IdentifierInput`) and of one relative (`FamilyInput`).
IDENTIFIER = {
    "kind": N_("Document type"),
    "number": N_("Document number"),
    "country": N_("Issuing country"),
    "issuer": N_("Issuer"),
}
FAMILY = {
    "relationship": N_("Relationship"),
    "name": N_("Name"),
    "location": N_("Where"),
    "phone": N_("Phone"),
    "alive": N_("Alive"),
    "notes": N_("Notes"),
}

# A formal age assessment (`services.children.add_age_assessment`); its range uses CHILD's age_min/age_max.
ASSESSMENT = {
    "method": N_("Method"),
    "assessed_on": N_("Date of the assessment"),
    "assessor": N_("Assessed by"),
    "notes": N_("Notes"),
}


def child_label(code: str) -> str:
    """The translated label of a registration field (the code itself if it has none)."""
    return _(CHILD[code]) if code in CHILD else code


def child_error(code: str, problem: str, label: str | None = None) -> ValidationError:
    """A ValidationError on a registration field, its message starting with the field's label."""
    return ValidationError(code, _("{field}: {problem}").format(field=label or child_label(code), problem=problem))
