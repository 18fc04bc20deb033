"""The child's history reads the same from rows written before the typed entries (`core.history`) as from rows
written now: the words on the page were taken from the previous version's rendering of each stored row."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core import history as H
from ospod_desktop.core import history_visits as HV
from ospod_desktop.core.history_decode import decode
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.pages.child_text import entry_label, history_values

NAMES = {2: "Petr Novák", 3: "Jana Malá"}

# (field, old_value, new_value) as the previous version stored them, and (label, before, after) as it showed them.
EXPECTED = [
    ('*created*', '', '',
     ('Registered', '', '')),
    ('*created*', '', 'import',
     ('Registered', '', '')),
    ('family_names', 'Haidari', 'Haidary',
     ('Family names', 'Haidari', 'Haidary')),
    ('urgency', 'standard', 'immediate',
     ('Urgency', 'Standard', 'Immediate')),
    ('nationalities', 'AF;IR', 'AF',
     ('Nationality', 'Afghanistan, Iran', 'Afghanistan')),
    ('languages', 'uk;ru', '',
     ('Languages', 'Ukrainian, Russian', '—')),
    ('interpreter_language', '', 'uk',
     ('Interpreter needed for', '—', 'Ukrainian')),
    ('birth_date', '', '2012-05-04',
     ('Date of birth', '—', 'May 4, 2012')),
    ('closed_on', '2026-01-01', 'None',
     ('Closed on', 'Jan 1, 2026', '—')),
    ('responsible_officer_id', '2', '3',
     ('Responsible officer', 'Petr Novák', 'Jana Malá')),
    ('responsible_officer_id', '', '99',
     ('Responsible officer', '—', '#99')),
    ('aliases', 'Sasha', 'Sasha\nSasa',
     ('Aliases and earlier names', 'Sasha', 'Sasha, Sasa')),
    ('birth_year', 'None', '2011',
     ('Year of birth', '—', '2011')),
    ('identifiers', 'passport FX1 UA', '',
     ('Documents', 'passport FX1 UA', '—')),
    ('sex', 'U', 'M',
     ('Sex', 'unknown', 'male')),
    ('status', 'unaccompanied', 'separated',
     ('Status', 'unaccompanied (no adult)', 'separated (with an adult who is not the legal guardian)')),
    ('case_status', 'open', 'closed',
     ('Case status', 'open', 'closed')),
    ('close_reason', '', 'turned_18',
     ('Reason for closing', '—', 'Turned 18')),
    ('channel', '', 'police',
     ('How it reached OSPOD', '—', 'Police')),
    ('notes', '{not json', 'x',
     ('Notes', '{not json', 'x')),
    ('found_time', '', '23:40',
     ('Time found', '—', '23:40')),
    ('photo', '', 'new photo',
     ('Photo', '—', 'new photo')),
    ('photo', '', 'removed',
     ('Photo', '—', 'removed')),
    ('age_assessment', '12–14', '17–18 (medical)',
     ('Age assessment', '12–14', '17–18 (Medical examination)')),
    ('age_assessment', '', '15–16 (interview)',
     ('Age assessment', '—', '15–16 (Interview)')),
    ('merged', '', '5',
     ('Record merged into this one', '—', 'record no. 5')),
    ('merged_into', '', '4',
     ('Merged into another record', '—', 'record no. 4')),
    ('placement', '', 'Zařízení pro děti-cizince, Radlická 30; preliminary_measure; 2026-01-05',
     ('Placement', '—', 'Zařízení pro děti-cizince, Radlická 30, Court preliminary measure, from Jan 5, 2026')),
    ('placement', '', 'relatives – strýc; agreement; 2026-02-01',
     ('Placement', '—', 'Relatives – strýc, Agreement, from Feb 1, 2026')),
    ('placement', '', 'foster_family; agreement; 2026-02-01',
     ('Placement', '—', 'Foster family, Agreement, from Feb 1, 2026')),
    ('placement_end', 'Zařízení pro děti-cizince, Radlická 30; preliminary_measure; 2026-01-05', '2026-02-01; transfer',
     ('End of a placement', 'Zařízení pro děti-cizince, Radlická 30, Court preliminary measure, from Jan 5, 2026', 'Feb 1, 2026 (Transfer)')),
    ('placement_end', '', '2026-02-01; turned_18',
     ('End of a placement', '—', 'Feb 1, 2026 (Turned 18)')),
    ('placement_extension', '2026-02-05', '2026-03-05',
     ('Extension of a placement', 'Feb 5, 2026', 'Mar 5, 2026')),
    ('placement_extension', '', '2026-03-05',
     ('Extension of a placement', '—', 'Mar 5, 2026')),
    ('placement_corrected', 'Zařízení pro děti-cizince, Radlická 30; preliminary_measure; 2026-01-05; 2026-02-01; transfer', 'Zařízení pro děti-cizince, Radlická 30; preliminary_measure; 2026-01-03; 2026-02-01; transfer',
     ('Placement corrected', 'Zařízení pro děti-cizince, Radlická 30, Court preliminary measure, from Jan 5, 2026, until Feb 1, 2026 (Transfer)', 'Zařízení pro děti-cizince, Radlická 30, Court preliminary measure, from Jan 3, 2026, until Feb 1, 2026 (Transfer)')),
    ('placement_corrected', 'Dětský domov; institutional_care; 2026-01-05', 'Dětský domov; urgent_care; 2026-01-05',
     ('Placement corrected', 'Dětský domov, Institutional-care order, from Jan 5, 2026', 'Dětský domov, Urgent care, from Jan 5, 2026')),
    ('placement_deleted', 'relatives – strýc; agreement; 2026-02-01', '',
     ('Placement deleted (recorded in error)', 'Relatives – strýc, Agreement, from Feb 1, 2026', '—')),
    ('placement_reopened', 'Zařízení pro děti-cizince, Radlická 30; preliminary_measure; 2026-01-05; 2026-02-01; transfer', '',
     ('Placement continues (the transfer was deleted)', 'Zařízení pro děti-cizince, Radlická 30, Court preliminary measure, from Jan 5, 2026, until Feb 1, 2026 (Transfer)', '—')),
    ('placement_changes', '{"court_file_number": "29 Nc 1/2026", "start_date": "2026-01-05"}', '{"court_file_number": "29 Nc 2/2026", "start_date": "2026-01-03"}',
     ('Placement: values before and after', 'Court file number: 29 Nc 1/2026; Start: Jan 5, 2026', 'Court file number: 29 Nc 2/2026; Start: Jan 3, 2026')),
    ('placement_changes', '{"facility": "ZDVOP Praha 4", "setting": "zdvop", "legal_basis": "urgent_care", "previous_id": 3, "extensions": [{"decided_on": "2026-02-01", "new_expiry": "2026-04-01", "court": "", "court_file_number": "", "note": ""}]}', '{}',
     ('Placement: values before and after', 'Facility: ZDVOP Praha 4; Placed with: ZDVOP (facility for children requiring immediate assistance); Legal basis: Urgent care; Extensions: until Apr 1, 2026', '—')),
    ('correction_reason', '', 'Překlep v datu',
     ('Reason for the correction', '—', 'Překlep v datu')),
    ('missing', '', '2026-03-01T10:00+00:00; Anděl',
     ('Reported missing', '—', 'Mar 1, 2026 10:00, Anděl')),
    ('missing_informed', '', 'police; 2026-03-01T11:00+00:00',
     ('Informed of the disappearance', '—', 'Police, Mar 1, 2026 11:00')),
    ('missing_return', '', '2026-03-02T08:00+00:00',
     ('Return after a disappearance', '—', 'Mar 2, 2026 08:00')),
    ('missing_closed', '', 'located_abroad',
     ('Missing episode closed', '—', 'Located abroad')),
    ('missing_corrected', '2026-03-01T10:00+00:00; Anděl; 2026-03-02T08:00+00:00', '2026-03-01T09:00+00:00; Anděl; 2026-03-02T08:00+00:00',
     ('Missing episode corrected', 'Mar 1, 2026 10:00, Anděl, until Mar 2, 2026 08:00', 'Mar 1, 2026 09:00, Anděl, until Mar 2, 2026 08:00')),
    ('missing_reopened', '2026-03-01T10:00+00:00; Anděl; 2026-03-02T08:00+00:00', '2026-03-01T10:00+00:00; Anděl',
     ('Missing episode reopened (the return or closing was a mistake)', 'Mar 1, 2026 10:00, Anděl, until Mar 2, 2026 08:00', 'Mar 1, 2026 10:00, Anděl')),
    ('missing_deleted', '2026-03-01T10:00+00:00; Anděl', '',
     ('Missing episode deleted (recorded in error)', 'Mar 1, 2026 10:00, Anděl', '—')),
    ('missing_changes', '{"last_seen_at": "2026-03-01T10:00+00:00", "clothing": "zelen\\u00e1", "risk_trafficking": true, "return_interview_on": "2026-03-03", "close_reason": "other", "placement_id": 4}', '{}',
     ('Missing episode: values before and after', 'Last seen: Mar 1, 2026 10:00; Clothing: zelená; Suspected trafficking: yes; Date of the return interview: Mar 3, 2026; Reason: Other', '—')),
    ('mystery', 'a', 'b',
     ('mystery', 'a', 'b')),
    ('placement', '', 'garbled',
     ('Placement', '—', 'garbled')),
]


@pytest.fixture
def english():
    apply_language("en")
    yield
    apply_language("en")


@pytest.mark.parametrize("field, old, new, shown", EXPECTED, ids=[f"{i}-{e[0]}" for i, e in enumerate(EXPECTED)])
def test_rows_written_before_read_as_they_did(english, field, old, new, shown):
    entry = decode(field, old, new)
    assert (entry_label(entry), *history_values(entry, NAMES)) == shown
    # The same entry written today (JSON where it has structure) reads the same.
    again = decode(*entry.to_row())
    assert (entry_label(again), *history_values(again, NAMES)) == shown


def test_old_rows_become_typed_entries(english):
    assert decode("placement", "", "relatives – strýc; agreement; 2026-02-01") == H.PlacementRecorded(
        H.PlacementSummary("", "relatives", "strýc", "agreement", H.day_of("2026-02-01")))
    assert isinstance(decode("missing_informed", "", "police; 2026-03-01T11:00+00:00"), H.Informed)
    assert decode("mystery", "a", "b") == H.FieldChanged("mystery", "a", "b")
    assert decode("placement", "", "garbled") == H.Unreadable("placement", "", "garbled")


def test_a_place_holding_a_semicolon_is_not_cut(english):
    """The old "; "-joined lines broke on such a name; the entries keep it whole, and old lines are read from the right."""
    name = "Zařízení pro děti-cizince; pavilon B"
    old = decode("placement", "", f"{name}; preliminary_measure; 2026-01-05")
    assert old.placement.facility == name  # type: ignore[attr-defined]
    words = history_values(decode(*old.to_row()), NAMES)[1]
    assert words == f"{name}, Court preliminary measure, from Jan 5, 2026"
    episode = decode("missing_corrected", "2026-03-01T10:00+00:00; Anděl; vchod B; 2026-03-02T08:00+00:00", "")
    assert episode.before.place == "Anděl; vchod B" and episode.before.ended_at is not None  # type: ignore[attr-defined]


def test_a_photo_line_is_in_the_readers_language():
    """It used to store the word in the language of whoever saved it."""
    apply_language("cs")
    try:
        assert history_values(decode("photo", "", "new photo"), NAMES)[1] == "nová fotografie"
        assert history_values(decode("photo", "", "odstraněna"), NAMES)[1] == "odstraněna"
        assert history_values(decode(*H.PhotoChanged(removed=True).to_row()), NAMES)[1] == "odstraněna"
    finally:
        apply_language("en")


def test_imported_visits_ipods_and_register_dates_read_in_words(english):
    day = H.day_of("2026-03-14")
    assert day is not None
    visit = decode(*HV.VisitRecorded(HV.VisitSummary(day, "home", "unannounced", False)).to_row())
    label, _before, after = (entry_label(visit), *history_values(visit, NAMES))
    assert label == "Visit of the child"
    assert "Mar 14, 2026" in after and "Home" in after and "Unannounced" in after and "not seen" in after
    ipod = decode(*H.CareRecorded("ipod", "recorded", H.CareSummary(day)).to_row())
    assert "Mar 14, 2026" in history_values(ipod, NAMES)[1]
    registered = decode(*H.FieldChanged("registered_on", None, day).to_row())
    assert (entry_label(registered), *history_values(registered, NAMES)) == ("In the register since", "—", "Mar 14, 2026")


def test_trafficking_lines_read_as_codes_in_words(english):
    from ospod_desktop.core import history_trafficking as HT

    finished = HT.AssessmentFinished(7, "concern", "presumed_victim", ("sexual", "begging"), "ospod-default 2026.1")
    assert (entry_label(finished), *history_values(decode(*finished.to_row()), NAMES)) == (
        "Trafficking assessment finished", "—",
        "by the indicators: Concern, conclusion: Presumed victim, Sexual exploitation, Forced begging, ospod-default 2026.1")
    returned = decode(*HT.AssessmentReviewed("returned", 7, "presumed_victim").to_row())
    assert entry_label(returned) == "Trafficking assessment returned to the officer"
    assert history_values(returned, NAMES) == ("—", "assessment no. 7: Presumed victim")
    event = decode(*HT.VictimEventRecorded(3, "reflection_period", date(2026, 5, 1), date(2026, 6, 1)).to_row())
    assert history_values(event, NAMES)[1] == "Reflection period, May 1, 2026 – Jun 1, 2026"
