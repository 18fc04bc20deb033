"""Codes of placements, facilities and missing episodes, with their translated labels (shared by UI and services)."""

from __future__ import annotations

from ospod_desktop.core import limits
from ospod_desktop.core.i18n import N_, _

# What kind of place a child lives in: a facility's type, or the setting of a placement with a named person.
FACILITY_TYPES = {
    "foreign_children_facility": N_("Facility for Foreign Children"),
    "zdvop": N_("ZDVOP (facility for children requiring immediate assistance)"),
    "childrens_home": N_("Children's home"),
    "childrens_home_school": N_("Children's home with school"),
    "diagnostic_institute": N_("Diagnostic institute"),
    "educational_institute": N_("Educational institute"),
    "foster_family": N_("Foster family"),
    "relatives": N_("Relatives"),
    "asylum_facility": N_("Asylum or reception facility"),
    "hospital": N_("Hospital"),
    "other": N_("Other"),
}
# A placement with a named person instead of a facility of the register.
PERSON_SETTINGS = ("foster_family", "relatives")

LEGAL_BASES = {
    "preliminary_measure": N_("Court preliminary measure"),
    "institutional_care": N_("Institutional-care order"),
    "protective_care": N_("Protective-care order"),
    "zdvop_contract": N_("ZDVOP by contract"),
    "urgent_care": N_("Urgent care"),
    "agreement": N_("Agreement"),
}
# Bases decided by a court: the court and its file number may be recorded (required for a preliminary measure).
COURT_BASES = ("preliminary_measure", "institutional_care", "protective_care")
# Bases whose expiry can be extended (by the court, or by a new contract).
EXTENDABLE_BASES = ("preliminary_measure", "zdvop_contract")

CONTRACT_PARTIES = {
    "ospod": N_("OSPOD"),
    "legal_representative": N_("the legal representative"),
    "child": N_("the child"),
}

END_REASONS = {
    "transfer": N_("Transfer"),
    "returned_to_family": N_("Returned to family"),
    "reunited_abroad": N_("Reunited with family abroad"),
    "turned_18": N_("Turned 18"),
    "absconded": N_("Absconded and not returned"),
    "repatriated": N_("Repatriated"),
    "other": N_("Other"),
}

# What facility staff record of a placement themselves: facts they see happen at the facility (who the facility
# of the placement is, `core.roles.PLACEMENT_RULES`). The rest is the legal side, and OSPOD's to record.
# - End reasons: the child ran away and did not come back, went home to the family (the facility hands the
#   child over), came of age and left, or something else the note explains. A transfer places the child
#   somewhere else, and a repatriation or a reunification abroad ends an international procedure OSPOD leads:
#   those are recorded by OSPOD.
STAFF_END_REASONS = ("absconded", "returned_to_family", "turned_18", "other")
# - Legal bases of an arrival they record: those that arise at the facility's door (urgent care, a ZDVOP
#   contract, an agreement), never a court's decision — OSPOD records a court's placement and its file number.
STAFF_BASES = tuple(b for b in LEGAL_BASES if b not in COURT_BASES)
# - Columns of a placement they correct: the days (the diagnostics completed too), the reason for the end (among
#   STAFF_END_REASONS) and the notes. The place, the legal basis, the court, its decision, the contract and the expiry are OSPOD's.
STAFF_CORRECTABLE = ("start_date", "end_date", "end_reason", "end_note", "notes", "diagnostics_completed_on")

# Who is informed of a missing child.
INFORMED_PARTIES = {
    "police": N_("Police"),
    "officer": N_("Responsible OSPOD officer"),
    "guardian": N_("Guardian"),
    "line_116000": N_("Missing children line 116 000"),
}
# How a missing episode ends without the child coming back.
MISSING_CLOSE_REASONS = {
    "located_abroad": N_("Located abroad"),
    "turned_18": N_("Turned 18 while missing"),
    "case_closed": N_("Case closed"),
    "other": N_("Other"),
}

# Why an administrator opens children's records (break-glass access).
BREAK_GLASS_REASONS = {
    "data_subject_request": N_("Request of the data subject"),
    "legal_request": N_("Request of a court or the police"),
    "data_correction": N_("Correcting data on request"),
    "emergency": N_("Emergency: no officer available"),
    "other": N_("Other"),
}

DEADLINE_KINDS = {
    "preliminary_measure": N_("Preliminary measure expires"),
    "zdvop_contract": N_("ZDVOP contract ends"),
    "zdvop_total": N_("ZDVOP stay limit"),
    "diagnostic_stay": N_("Diagnostic stay ends"),
    "planned_end": N_("Planned end of the placement"),
    "missing_police": N_("Report the missing child to the police"),
    "missing_officer": N_("Inform the responsible officer"),
    "missing_guardian": N_("Inform the guardian"),
    "missing_line_116000": N_("Inform the missing children line 116 000"),
}
DEADLINE_STATUSES = {"ok": N_("on time"), "due_soon": N_("due soon"), "overdue": N_("overdue")}

# Explanations of a deadline; {months}, {weeks}, {days} and {hours} are already rendered with their plural forms.
EXPLANATIONS = {
    "pm_expires": N_("A preliminary measure runs {months} and expires on {due}, unless the court extends it."),
    "pm_extended": N_("The preliminary measure has been extended ({n}×); it now expires on {due}."),
    "pm_usual_total": N_("The preliminary measure reaches the usual {months} in total on {due}; "
                         "a decision on the merits is needed."),
    "pm_beyond_total": N_("The preliminary measure runs beyond the usual {months} in total; it expires on {due}."),
    "zdvop_contract": N_("A ZDVOP contract runs at most {months}; it ends on {due} unless it is extended."),
    "zdvop_contract_final": N_("The ZDVOP contract has already been extended and cannot be extended again; "
                               "it ends on {due}."),
    "zdvop_total": N_("A child may stay in ZDVOP at most {months} in total (earlier stays: {days}); "
                      "the limit is reached on {due}."),
    "diagnostic_stay": N_("A diagnostic stay normally lasts up to {weeks}, until {due}."),
    "planned_end": N_("The placement is planned to end on {due}."),
    "missing_inform_within": N_("To be informed within {hours} of the disappearance."),
    "missing_police_at_once": N_("A missing child must be reported to the police at once."),
}

# The same explanations once the deadline has passed (an overdue deadline): in the past tense.
EXPLANATIONS_PAST = {
    "pm_expires": N_("A preliminary measure runs {months}; it expired on {due}, unless the court extended it."),
    "pm_extended": N_("The preliminary measure was extended ({n}×); it expired on {due}."),
    "pm_usual_total": N_("The preliminary measure reached the usual {months} in total on {due}; "
                         "a decision on the merits is needed."),
    "pm_beyond_total": N_("The preliminary measure ran beyond the usual {months} in total; it expired on {due}."),
    "zdvop_contract": N_("A ZDVOP contract runs at most {months}; it ended on {due}, unless it was extended."),
    "zdvop_contract_final": N_("The ZDVOP contract had already been extended and could not be extended again; "
                               "it ended on {due}."),
    "zdvop_total": N_("A child may stay in ZDVOP at most {months} in total (earlier stays: {days}); "
                      "the limit was reached on {due}."),
    "diagnostic_stay": N_("A diagnostic stay normally lasts up to {weeks}; it was to end on {due}."),
    "planned_end": N_("The placement was planned to end on {due}."),
    "missing_inform_within": N_("Was to be informed within {hours} of the disappearance."),
}

LINE_MAX, TEXT_MAX = limits.LINE_MAX, limits.TEXT_MAX  # shared with every other form (`core.limits`)


def label(codes: dict[str, str], code: str) -> str:
    """The translated label of a code (the code itself if unknown)."""
    return _(codes[code]) if code in codes else code
