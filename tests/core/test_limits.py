"""Length limits live in `core.limits`: the forms' maximum lengths (forms/*.ui) are the limits the validation applies.

A field whose widget accepts more than the validation allows only fails on saving; one that accepts less cuts off
what the validation would take. Fields whose length is bound by their format (a time "HH:MM", a birth number)
and the search box are not validated fields and are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ospod_desktop.core import limits as L

FORMS = Path(__file__).resolve().parents[2] / "forms"

# form -> {widget: the limit its field is validated with}
EXPECTED = {
    "admin_page.ui": {"office_name_edit": L.NAME_MAX, "office_orp_edit": L.DISPLAY_NAME_MAX,
                      "office_reference_format_edit": L.CASE_MARK_MAX},  # the č.j. format (services.identity)
    "first_run_wizard.ui": {"office_name_edit": L.NAME_MAX, "office_orp_edit": L.DISPLAY_NAME_MAX,
                            "username_edit": L.USERNAME_MAX, "display_name_edit": L.DISPLAY_NAME_MAX},
    "login_dialog.ui": {"username_edit": L.USERNAME_MAX},
    "recovery_dialog.ui": {"username_edit": L.USERNAME_MAX},
    "user_dialog.ui": {"username_edit": L.USERNAME_MAX, "display_name_edit": L.DISPLAY_NAME_MAX},
    "age_assessment_dialog.ui": {"assessor_edit": L.LINE_MAX},
    "child_dialog.ui": {
        "given_names_edit": L.NAME_MAX, "family_names_edit": L.NAME_MAX, "original_script_name_edit": L.NAME_MAX,
        "companion_name_edit": L.NAME_MAX, "companion_relationship_edit": L.LINE_MAX,
        "companion_document_edit": L.LINE_MAX, "companion_contact_edit": L.LINE_MAX, "found_place_edit": L.LINE_MAX,
        "reporter_agency_edit": L.LINE_MAX, "reporter_person_edit": L.LINE_MAX, "reporter_reference_edit": L.LINE_MAX,
        "reference_edit": L.REFERENCE_MAX, "police_reference_edit": L.REFERENCE_MAX,
        "asylum_reference_edit": L.REFERENCE_MAX, "case_mark_edit": L.CASE_MARK_MAX,
    },
    "extend_dialog.ui": {"court": L.LINE_MAX, "court_file_number": L.LINE_MAX},
    "facility_dialog.ui": {"name": L.LINE_MAX, "code": L.FACILITY_CODE_MAX, "phone": L.FACILITY_PHONE_MAX,
                           "email": L.NAME_MAX, "contact_person": L.NAME_MAX},
    "informed_dialog.ui": {"reference": L.LINE_MAX, "person": L.LINE_MAX},
    "missing_dialog.ui": {"last_seen_place": L.LINE_MAX, "seen_with": L.LINE_MAX, "risk_medication": L.LINE_MAX},
    "missing_return_dialog.ui": {"found_place": L.LINE_MAX},
    "placement_dialog.ui": {name: L.LINE_MAX for name in ("carer_name", "carer_relationship", "carer_address",
                                                          "carer_contact", "court", "court_file_number")},
    "policy_tab.ui": {"reason_edit": L.LINE_MAX},
}
FORMAT_BOUND = {("child_dialog.ui", "found_time_edit"), ("child_dialog.ui", "birth_number_edit"),
                ("children_page.ui", "search_edit")}


def _max_lengths(path: Path) -> dict[str, int]:
    out = {}
    for widget in ET.parse(path).iter("widget"):
        for prop in widget.findall("property"):
            if prop.get("name") == "maxLength":
                out[widget.get("name")] = int(prop.find("number").text)  # type: ignore[union-attr,arg-type]
    return out


def test_every_max_length_in_the_forms_is_a_validation_limit():
    seen = {}
    for path in sorted(FORMS.glob("*.ui")):
        for widget, n in _max_lengths(path).items():
            if (path.name, widget) not in FORMAT_BOUND:
                seen.setdefault(path.name, {})[widget] = n
    assert seen == EXPECTED


def test_the_rule_modules_share_the_limits():
    from ospod_desktop.core import child_rules, placement_rules

    assert (child_rules.LINE_MAX, child_rules.TEXT_MAX, child_rules.NAME_MAX) == (L.LINE_MAX, L.TEXT_MAX, L.NAME_MAX)
    assert (placement_rules.LINE_MAX, placement_rules.TEXT_MAX) == (L.LINE_MAX, L.TEXT_MAX)
