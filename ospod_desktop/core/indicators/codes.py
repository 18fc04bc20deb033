"""The codes of the trafficking-indicator assessment, each with a translated label (`label("outcome", code)`).

Codes are stored and exchanged as written here; only their labels are shown. `OUTCOMES` is ranked low to
high: the engine's result is the highest outcome among the rules that fire.
"""

from __future__ import annotations

from ospod_desktop.core.i18n import N_, _

OUTCOMES = ("no_indication", "concern", "presumed_victim")
ANSWERS = ("present", "absent", "unknown")
ELEMENTS = ("act", "means", "exploitation", "vulnerability", "other")
STRENGTHS = ("strong", "medium", "weak")
FORMS = ("sexual", "labour", "begging", "criminal", "forced_marriage", "organ_removal", "other")
SOURCES = ("child_account", "observation", "documents", "third_party")
CONCLUSIONS = OUTCOMES  # the officer's conclusion uses the engine's three codes
STATUSES = ("draft", "finished", "approved", "returned")
EVENT_KINDS = ("police_report", "identified", "referred", "reflection_period")

RANK = {code: n for n, code in enumerate(OUTCOMES)}

LABELS: dict[str, dict[str, str]] = {
    "outcome": {
        "no_indication": N_("No indication"),
        "concern": N_("Concern"),
        "presumed_victim": N_("Presumed victim"),
    },
    "conclusion": {
        "no_indication": N_("No concern"),
        "concern": N_("Concern"),
        "presumed_victim": N_("Presumed victim"),
    },
    "answer": {
        "present": N_("Yes, present"),
        "absent": N_("No, absent"),
        "unknown": N_("Not known"),
    },
    "element": {
        "act": N_("Act"),
        "means": N_("Means"),
        "exploitation": N_("Purpose of exploitation"),
        "vulnerability": N_("Vulnerability"),
        "other": N_("Other signs"),
    },
    "strength": {
        "strong": N_("Strong"),
        "medium": N_("Medium"),
        "weak": N_("Weak"),
    },
    "form": {
        "sexual": N_("Sexual exploitation"),
        "labour": N_("Labour exploitation"),
        "begging": N_("Forced begging"),
        "criminal": N_("Forced criminal activities"),
        "forced_marriage": N_("Forced marriage"),
        "organ_removal": N_("Organ removal"),
        "other": N_("Other form"),
    },
    "source": {
        "child_account": N_("The child's account"),
        "observation": N_("Observation"),
        "documents": N_("Documents and records"),
        "third_party": N_("A third party"),
    },
    "status": {
        "draft": N_("Draft"),
        "finished": N_("Awaiting approval"),
        "approved": N_("Approved"),
        "returned": N_("Returned"),
    },
    "event_kind": {
        "police_report": N_("Reported to the police"),
        "identified": N_("Identified as a victim by the police"),
        "referred": N_("Referred to assistance"),
        "reflection_period": N_("Reflection period"),
    },
}

CODES: dict[str, tuple[str, ...]] = {
    "outcome": OUTCOMES,
    "conclusion": CONCLUSIONS,
    "answer": ANSWERS,
    "element": ELEMENTS,
    "strength": STRENGTHS,
    "form": FORMS,
    "source": SOURCES,
    "status": STATUSES,
    "event_kind": EVENT_KINDS,
}


def label(codes_name: str, code: str | None) -> str:
    """The translated label of `code` in the list `codes_name` ("outcome", "answer", "element", "strength",
    "form", "source", "status", "event_kind", "conclusion"); an unknown code is returned as written, none as ""."""
    if not code:
        return ""
    text = LABELS.get(codes_name, {}).get(code)
    return _(text) if text else code


def rank(outcome: str) -> int:
    """The position of `outcome` in `OUTCOMES` (no_indication 0 … presumed_victim 2)."""
    return RANK[outcome]
