"""Every field the forms validate has one label (`core.field_labels`, and the placement and missing forms' tables),
and every validation message starts with it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from ospod_desktop.core import field_labels as FL
from ospod_desktop.core import missing_form, placement_form
from ospod_desktop.core.child_form import ChildForm, FamilyInput, IdentifierInput, validate
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import set_language

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
BASE = ChildForm(given_names="Ali", family_names="Rahimi", sex="M", found_on=TODAY - timedelta(days=2),
                 found_place="Praha hl. n.")


def _names(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_every_field_of_the_forms_has_a_label():
    assert _names(ChildForm) <= set(FL.CHILD)
    assert set(validate(BASE, TODAY).values) <= set(FL.CHILD)
    assert _names(IdentifierInput) == set(FL.IDENTIFIER) and _names(FamilyInput) == set(FL.FAMILY)
    assert _names(placement_form.PlacementInput) <= set(placement_form.FIELD_LABELS)
    values = placement_form.validate_placement(placement_form.PlacementInput(
        start_date=TODAY, legal_basis="agreement", setting="relatives", carer_name="Hasan"), TODAY, None, None)
    assert set(values) <= set(placement_form.FIELD_LABELS)
    assert _names(missing_form.MissingInput) <= set(missing_form.FIELD_LABELS)
    seen = NOW - timedelta(hours=5)
    for values in (missing_form.validate_missing(missing_form.MissingInput(seen, "Anděl"), NOW, None),
                   missing_form.validate_return(NOW - timedelta(hours=1), seen, NOW),
                   missing_form.validate_close(NOW, "other", seen, NOW)):
        assert set(values) <= set(missing_form.FIELD_LABELS)


BAD = [
    dict(birth_date=TODAY + timedelta(days=3)), dict(birth_date=date(1990, 1, 1)), dict(birth_year=TODAY.year + 1),
    dict(birth_year=1960), dict(age_min=16, age_max=14), dict(age_min=-1), dict(age_claimed=40),
    dict(age_document=40), dict(birth_number="1001010008"), dict(birth_number="12"),
    dict(birth_date=date(2012, 5, 4), birth_number="120504/0006"), dict(given_names="x" * 201),
    dict(given_names="", family_names=""), dict(found_on=None), dict(found_on=TODAY + timedelta(days=1)),
    dict(birth_date=TODAY - timedelta(days=1)), dict(found_place=""), dict(found_time="25:00"),
    dict(channel="fax"), dict(urgency="now"), dict(reference="x" * 101), dict(nationalities=("QQ",)),
    dict(languages=("zzz",)), dict(interpreter_language="zzz"), dict(status="separated"), dict(status="alone"),
    dict(case_mark="15/2026"), dict(case_status="closed", close_reason=""), dict(case_status="shut"),
    dict(case_status="closed", close_reason="other", closed_on=TODAY + timedelta(days=1)), dict(sex="X"),
    dict(aliases=("a",) * 21), dict(identifiers=(IdentifierInput("passport", ""),) * 51),
    dict(family=(FamilyInput("mother"),) * 51), dict(notes="x" * 10_001), dict(wishes="\x00"),
    dict(description="x" * 2001), dict(urgency_reason="x" * 2001), dict(police_reference="x" * 101),
]


@pytest.mark.parametrize("lang", ["en", "cs"])
def test_every_registration_message_starts_with_the_fields_label(lang):
    set_language(lang)
    try:
        for change in BAD:
            with pytest.raises(ValidationError) as err:
                validate(dataclasses.replace(BASE, **change), TODAY)
            field = err.value.field
            assert field in FL.CHILD, change
            assert err.value.message.startswith(FL.child_label(field) + ": "), (change, err.value.message)
    finally:
        set_language("en")


def test_a_documents_or_relatives_column_is_named_by_its_own_label():
    cases = [
        (dict(identifiers=(IdentifierInput("visa", "1"),)), FL.IDENTIFIER["kind"]),
        (dict(identifiers=(IdentifierInput("passport", ""),)), FL.IDENTIFIER["number"]),
        (dict(identifiers=(IdentifierInput("passport", "1", "QQ"),)), FL.IDENTIFIER["country"]),
        (dict(family=(FamilyInput(""),)), FL.FAMILY["relationship"]),
        (dict(family=(FamilyInput("mother", phone="1" * 51),)), FL.FAMILY["phone"]),
        (dict(family=(FamilyInput("mother", alive="maybe"),)), FL.FAMILY["alive"]),
    ]
    for change, label in cases:
        with pytest.raises(ValidationError) as err:
            validate(dataclasses.replace(BASE, **change), TODAY)
        assert err.value.message.startswith(label + ": "), err.value.message
