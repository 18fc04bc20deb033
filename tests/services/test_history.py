"""The child's history is written only as typed entries (`Tx.history`) and read back as them (`HistoryEntry.entry`);
rows a database holds from before the entries were introduced read as the same kinds of entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from ospod_desktop.core import history as H
from ospod_desktop.core.history_decode import decode
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, missing, placements
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm

NOW = datetime.now(UTC)
REASON = "Překlep při zápisu"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _rows(us, cid) -> list[tuple[str, str, str]]:
    with us.read() as s:
        return [tuple(r) for r in s.exec(text("SELECT field, old_value, new_value FROM child_history WHERE child_id = :c "
                                              "ORDER BY id"), params={"c": cid}).all()]


def test_every_line_the_services_write_reads_back_as_an_entry(officer_session):
    us = officer_session
    cid = child(us, days_ago=60)
    children.update_child(us, cid, children.with_form(children.get_child(us, cid), family_names="Rahimy",
                                                      nationalities=("AF", "IR"), birth_year=2011))
    children.set_photo(us, cid, JPEG)
    children.set_photo(us, cid, None)
    children.add_age_assessment(us, cid, "medical", TODAY, "MUDr. Šťastná", 15, 16)
    first = placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=40)))
    placements.extend_placement(us, first, TODAY - timedelta(days=20), TODAY + timedelta(days=15))
    second = placements.transfer_child(us, cid, pm(facility_id(us, "ZDVOP-PRAHA4"), TODAY - timedelta(days=10)))
    placements.correct_placement(us, second, replace(placements.form_of(placements.get_placement(us, second)),
                                                     court_file_number="29 Nc 9/2026"), REASON)
    eid = missing.report_missing(us, cid, MissingInput(NOW - timedelta(hours=30), "Anděl"))
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=29), "KRPA-1")
    missing.record_informed(us, eid, "police", NOW - timedelta(hours=28), "KRPA-2")
    missing.record_return(us, eid, NOW - timedelta(hours=2), "Praha hl. n.")
    missing.reopen_episode(us, eid, REASON)
    missing.close_episode(us, eid, NOW - timedelta(hours=1), "located_abroad")
    missing.delete_episode(us, eid, REASON)
    placements.delete_placement(us, second, REASON)
    other = child(us, "Omar")
    children.merge_children(us, cid, other)

    kinds = set()
    for row in _rows(us, cid) + _rows(us, other):
        entry = decode(*row)
        assert not isinstance(entry, H.Unreadable), row
        assert entry.to_row() == row  # one format: what is written is what the entry writes
        kinds.add(type(entry))
    assert kinds == {H.Registered, H.FieldChanged, H.PhotoChanged, H.AgeAssessed, H.PlacementRecorded,
                     H.PlacementExtended, H.PlacementEnded, H.Corrected, H.Changes, H.CorrectionReason,
                     H.MissingReported, H.Informed, H.Returned, H.MissingClosed, H.Merged, H.MergedInto}
    view = children.get_child(us, cid)
    assert [type(h.entry) for h in view.history] == [type(decode(h.field, h.old_value, h.new_value)) for h in view.history]
    edit = next(h.entry for h in view.history if h.field == "nationalities")
    assert edit == H.FieldChanged("nationalities", None, ("AF", "IR"))


def test_rows_from_before_the_entries_read_as_entries(officer_session):
    us = officer_session
    cid = children.register_child(us, child_form("Ali", "Rahimi", "M"))
    legacy = [("placement", "", "Zařízení pro děti-cizince; preliminary_measure; 2026-01-05"),
              ("placement_end", "Zařízení pro děti-cizince; preliminary_measure; 2026-01-05", "2026-02-01; transfer"),
              ("missing_informed", "", "police; 2026-03-01T11:00+00:00"), ("photo", "", "odstraněna"),
              ("age_assessment", "12–14", "17–18 (medical)")]
    with us.read() as s:
        for field, old, new in legacy:
            s.exec(text("INSERT INTO child_history (child_id, ts, user_id, field, old_value, new_value) "
                        "VALUES (:c, :ts, NULL, :f, :o, :n)"),
                   params={"c": cid, "ts": datetime.now(UTC), "f": field, "o": old, "n": new})
        s.commit()
    entries = [h.entry for h in children.get_child(us, cid).history]
    assert [type(e) for e in entries] == [H.Registered, H.PlacementRecorded, H.PlacementEnded, H.Informed,
                                          H.PhotoChanged, H.AgeAssessed]
    assert entries[2].placement.facility == "Zařízení pro děti-cizince" and entries[4].removed  # type: ignore[attr-defined]


def test_the_writer_takes_only_entries(officer_session):
    us = officer_session
    cid = children.register_child(us, child_form("Ali", "Rahimi", "M"))
    with pytest.raises(TypeError):
        with us.tx() as tx:
            tx.history(cid, "notes", "", "x")  # type: ignore[arg-type]
    assert len(children.get_child(us, cid).history) == 1
