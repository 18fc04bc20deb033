"""The forms that close the `ipod` and `guardian` clocks: days past and in order, text cleaned, errors that
name the field with its label."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ospod_desktop.core import care_form as CF
from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.limits import NAME_MAX

TODAY = date(2026, 12, 6)
FOUND = date(2026, 11, 2)


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        fn(*args, **kwargs)
    return exc.value


def test_an_ipod_is_a_day_between_the_finding_and_today():
    assert CF.validate_ipod(CF.IpodInput(FOUND, "  plán \r\n podepsán  "), TODAY, FOUND) == {
        "drawn_up_on": FOUND, "note": "plán \n podepsán"}
    e = _error(CF.validate_ipod, CF.IpodInput(FOUND - timedelta(days=1)), TODAY, FOUND)
    assert e.field == "drawn_up_on" and e.message.startswith("Date of the plan: ") and "before the child was found" in e.message
    assert _error(CF.validate_ipod, CF.IpodInput(TODAY + timedelta(days=1)), TODAY, FOUND).message.endswith("future.")
    assert _error(CF.validate_ipod, CF.IpodInput(None), TODAY, FOUND).field == "drawn_up_on"
    assert _error(CF.validate_ipod, CF.IpodInput(FOUND, "x" * 2001), TODAY, FOUND).field == "note"


def test_an_appointment_is_not_before_the_petition_and_names_the_court_and_guardian():
    petition = CF.validate_petition(CF.GuardianPetitionInput(date(2026, 11, 3), " OS Praha 5 "), TODAY, FOUND)
    assert petition["petition_court"] == "OS Praha 5"
    form = CF.GuardianAppointmentInput(date(2026, 11, 10), "Obvodní soud pro Prahu 5", "29 P 12/2026",
                                       "Mgr. Jana Dvořáková", "+420 777 123 456")
    values = CF.validate_appointment(form, TODAY, FOUND, date(2026, 11, 3))
    assert values["guardian_name"] == "Mgr. Jana Dvořáková" and values["appointed_on"] == date(2026, 11, 10)
    e = _error(CF.validate_appointment, form, TODAY, FOUND, date(2026, 11, 11))
    assert e.field == "appointed_on" and "before OSPOD's petition" in e.message
    assert _error(CF.validate_appointment, CF.GuardianAppointmentInput(date(2026, 11, 10), "soud"), TODAY,
                  FOUND).field == "guardian_name"
    assert _error(CF.validate_appointment, CF.GuardianAppointmentInput(date(2026, 11, 10), "", guardian_name="X"),
                  TODAY, FOUND).field == "court"
    too_long = CF.GuardianAppointmentInput(date(2026, 11, 10), "soud", guardian_name="x" * (NAME_MAX + 1))
    assert _error(CF.validate_appointment, too_long, TODAY, FOUND).field == "guardian_name"
    assert _error(CF.validate_appointment, CF.GuardianAppointmentInput(date(2026, 11, 10), "soud\u202e", guardian_name="X"),
                  TODAY, FOUND).field == "court"


def test_an_end_follows_the_appointment():
    assert CF.validate_end(date(2026, 12, 1), TODAY, date(2026, 11, 10)) == date(2026, 12, 1)
    assert "before the appointment" in _error(CF.validate_end, date(2026, 11, 9), TODAY, date(2026, 11, 10)).message
    assert _error(CF.validate_end, date(2026, 12, 1), TODAY, None).field == "ended_on"


def test_a_corrected_guardianship_is_checked_whole():
    assert CF.validate_guardianship(CF.GuardianshipInput(date(2026, 11, 3)), TODAY, FOUND)["appointed_on"] is None
    assert _error(CF.validate_guardianship, CF.GuardianshipInput(), TODAY, FOUND).field == "petition_on"
    half = CF.GuardianshipInput(date(2026, 11, 3), guardian_name="Dvořáková")
    assert _error(CF.validate_guardianship, half, TODAY, FOUND).field == "appointed_on"
    ended = CF.GuardianshipInput(None, "", date(2026, 11, 10), "soud", "", "Dvořáková", "", date(2026, 11, 9))
    assert _error(CF.validate_guardianship, ended, TODAY, FOUND).field == "ended_on"


def test_a_representative_is_not_before_the_application():
    values = CF.validate_asylum(CF.AsylumInput(date(2026, 11, 20)), TODAY, FOUND)
    assert values["representative_on"] is None and values["representative_name"] == ""
    e = _error(CF.validate_asylum, CF.AsylumInput(date(2026, 11, 20), date(2026, 11, 19), "OSPOD"), TODAY, FOUND)
    assert e.field == "representative_on" and "before the application" in e.message
    assert _error(CF.validate_asylum, CF.AsylumInput(date(2026, 11, 20), date(2026, 11, 21)), TODAY,
                  FOUND).field == "representative_name"
    assert _error(CF.validate_asylum, CF.AsylumInput(date(2026, 10, 1)), TODAY, FOUND).field == "applied_on"


def test_errors_are_translated(monkeypatch):
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    try:
        e = _error(CF.validate_ipod, CF.IpodInput(FOUND - timedelta(days=1)), TODAY, FOUND)
        assert e.message.startswith("Datum plánu: ")
    finally:
        i18n.set_language("en")
