"""Typed history entries: every kind is written as a row and read back as the same entry; rows written before
the entries existed are read by the same decoder; and no stored text makes the decoder fail."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from ospod_desktop.core import history as H
from ospod_desktop.core import history_trafficking as HT
from ospod_desktop.core import history_visits as HV
from ospod_desktop.core.history_decode import JSON_KINDS, decode

D = date(2026, 1, 5)
T = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
PLACE = H.PlacementSummary("Zařízení pro děti-cizince; pavilon B", "", "", "preliminary_measure", D)
PERSON = H.PlacementSummary("", "relatives", "strýc", "agreement", D, date(2026, 2, 1), "transfer")
EPISODE = H.EpisodeSummary(T, "Anděl; vchod B", datetime(2026, 3, 2, 8, 0, tzinfo=UTC))

ENTRIES = [
    H.Registered(), H.Registered("import"),
    H.FieldChanged("family_names", "Haidari", "Haidary"), H.FieldChanged("birth_date", None, date(2012, 5, 4)),
    H.FieldChanged("birth_year", 2010, 2011), H.FieldChanged("nationalities", ("AF", "IR"), ("AF",)),
    H.FieldChanged("aliases", ("Sasha",), ("Sasha", "Саша")), H.FieldChanged("responsible_officer_id", None, 3),
    H.PhotoChanged(), H.PhotoChanged(removed=True),
    H.AgeAssessed(17, 18, "medical", (12, None)), H.AgeAssessed(15, 16, "interview"),
    H.Merged(5), H.MergedInto(4),
    H.PlacementRecorded(PLACE), H.PlacementEnded(PLACE, date(2026, 2, 1), "transfer"),
    H.PlacementEnded(None, date(2026, 2, 1), "turned_18"),
    H.PlacementExtended(None, date(2026, 3, 5)), H.PlacementExtended(date(2026, 2, 5), date(2026, 3, 5)),
    H.DiagnosticsCompleted(PLACE, date(2026, 3, 1)),
    H.Corrected("placement", "corrected", PERSON, PLACE), H.Corrected("placement", "deleted", PERSON),
    H.Corrected("placement", "reopened", PERSON), H.Corrected("missing", "reopened", EPISODE, H.EpisodeSummary(T, "x")),
    H.Changes("placement", {"facility": "ZDVOP", "start_date": D, "previous_id": 3,
                            "extensions": (H.ExtensionRecord(D, date(2026, 4, 1), "OS Praha 5", "29 Nc 1/2026"),)}, {}),
    H.Changes("missing", {"last_seen_at": T, "risk_trafficking": True, "return_interview_on": D},
              {"last_seen_at": datetime(2026, 3, 1, 9, 0, tzinfo=UTC), "clothing": "zelená"}),
    H.CorrectionReason("Překlep v datu"),
    H.MissingReported(H.EpisodeSummary(T, "Smíchovské nádraží")), H.Informed("police", T), H.Returned(T),
    H.MissingClosed("located_abroad"),
    H.Unreadable("placement", "", "garbled"),
    H.CareRecorded("ipod", "recorded", H.CareSummary(D)),
    H.CareRecorded("guardianship", "petition", H.CareSummary(D, court="Obvodní soud pro Prahu 5")),
    H.CareRecorded("guardianship", "appointed", H.CareSummary(D, "Mgr. Jana Dvořáková", "OS Praha 5")),
    H.CareRecorded("guardianship", "ended", H.CareSummary(D, "Mgr. Jana Dvořáková", "OS Praha 5", date(2026, 4, 1))),
    H.CareRecorded("asylum", "recorded", H.CareSummary(D)),
    H.CareRecorded("asylum", "representative", H.CareSummary(D, "OSPOD Praha 5", end=date(2026, 1, 9))),
    H.CareCorrected("ipod", "corrected", H.CareSummary(D), H.CareSummary(date(2026, 1, 6))),
    H.CareCorrected("guardianship", "deleted", H.CareSummary(D, "Dvořáková")),
    H.CareCorrected("asylum", "corrected", H.CareSummary(D), H.CareSummary(D, "x", end=D)),
    H.Changes("ipod", {"drawn_up_on": D, "note": "první plán"}, {"drawn_up_on": date(2026, 1, 6)}),
    H.Changes("guardianship", {"appointed_on": D, "guardian_name": "Dvořáková"}, {}),
    H.Changes("asylum", {"representative_on": None}, {"representative_on": D}),
    HV.VisitRecorded(HV.VisitSummary(D, "facility", "planned")),
    H.FieldChanged("registered_on", None, D),
    HV.VisitCorrected("corrected", HV.VisitSummary(D, "home", "unannounced", False), HV.VisitSummary(D, "school", "planned")),
    HV.VisitCorrected("deleted", HV.VisitSummary(D, "other", "after_return")),
    H.Changes("visit", {"visited_on": D, "child_seen": False, "views": "Chce do školy"}, {"visited_on": date(2026, 1, 6)}),
    HV.InformationRequested("ZŠ Radlická", D), HV.InformationAnswered("ZŠ Radlická", date(2026, 1, 20)),
    HT.AssessmentFinished(7, "concern", "presumed_victim", ("begging", "criminal"), "ospod-default 2026.1"),
    HT.AssessmentFinished(7, "no_indication", "no_indication", again=True),
    HT.AssessmentReviewed("approved", 7, "presumed_victim"), HT.AssessmentReviewed("returned", 8),
    HT.VictimEventRecorded(3, "identified", D), HT.VictimEventRecorded(4, "reflection_period", D, date(2026, 2, 5)),
]


def _kinds(cls) -> set[type]:
    return {c for sub in cls.__subclasses__() for c in (sub, *_kinds(sub))}


def test_every_kind_reads_back_as_written():
    assert {type(e) for e in ENTRIES} == _kinds(H.HistoryItem)
    for entry in ENTRIES:
        field, old, new = entry.to_row()
        assert field == entry.code
        assert decode(field, old, new) == entry, entry


def test_codes_are_stable():
    """The codes are stored in every database: renaming one would orphan its rows."""
    assert {e.code for e in ENTRIES if not isinstance(e, (H.FieldChanged, H.Unreadable))} == {
        "*created*", "photo", "age_assessment", "merged", "merged_into", "placement", "placement_end",
        "placement_extension", "placement_diagnostics", "placement_corrected", "placement_deleted",
        "placement_reopened", "placement_changes",
        "missing_reopened", "missing_changes", "correction_reason", "missing", "missing_informed", "missing_return",
        "missing_closed", "ipod_recorded", "guardianship_petition", "guardianship_appointed", "guardianship_ended",
        "asylum_recorded", "asylum_representative", "ipod_corrected", "guardianship_deleted", "asylum_corrected",
        "ipod_changes", "guardianship_changes", "asylum_changes",
        "visit", "visit_corrected", "visit_deleted", "visit_changes", "information_request", "information_answer",
        "trafficking_assessment_finished", "trafficking_assessment_approved", "trafficking_assessment_returned",
        "victim_event"}


def test_rows_written_before_the_entries():
    assert decode("*created*", "", "demo") == H.Registered("demo")
    assert decode("birth_year", "None", "2011") == H.FieldChanged("birth_year", None, 2011)
    assert decode("photo", "", "new photo") == H.PhotoChanged() and decode("photo", "", "removed").removed  # type: ignore[attr-defined]
    assert decode("age_assessment", "12–None", "17–18 (medical)") == H.AgeAssessed(17, 18, "medical", (12, None))
    assert decode("placement", "", "relatives – strýc; agreement; 2026-01-05") == H.PlacementRecorded(
        H.PlacementSummary("", "relatives", "strýc", "agreement", D))
    assert decode("placement_end", "", "2026-02-01; turned_18") == H.PlacementEnded(None, date(2026, 2, 1), "turned_18")
    assert decode("placement_extension", "", "2026-03-05") == H.PlacementExtended(None, date(2026, 3, 5))
    assert decode("placement_deleted", "relatives – strýc; agreement; 2026-01-05; 2026-02-01; transfer", "") == \
        H.Corrected("placement", "deleted", PERSON)
    assert decode("missing", "", "2026-03-01T10:00+00:00; Anděl") == H.MissingReported(H.EpisodeSummary(T, "Anděl"))
    assert decode("missing_informed", "", "police; 2026-03-01T10:00+00:00") == H.Informed("police", T)
    assert decode("missing_return", "", "2026-03-01T10:00+00:00") == H.Returned(T)


@given(st.sampled_from(sorted(JSON_KINDS | {"*created*", "photo", "merged", "placement_changes", "birth_date",
                                             "missing_return", "missing_changes", "age_min",
                                             "ipod_changes", "asylum_changes", "visit_changes"} | HV.CODES | HT.CODES)),
       st.text(max_size=60), st.text(max_size=60))
def test_no_stored_text_breaks_the_decoder(code, old, new):
    entry = decode(code, old, new)
    assert isinstance(entry, H.HistoryItem) and entry.code == code
