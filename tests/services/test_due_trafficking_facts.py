"""The trafficking clocks' facts read from the database (services.due facts builder), and the materialised
items following them when a transaction touches the child (the trafficking services do; here rows are written
straight into the real tables, as they would)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ospod_desktop.core.due_facts import ReflectionPeriod, TraffickingFacts
from ospod_desktop.services import due
from ospod_desktop.storage.trafficking_tables import IndicatorCatalogueVersion, TraffickingAssessment, VictimEvent
from tests.services.due_helpers import computed, state, stored
from tests.services.placement_helpers import TODAY, child

NOW = datetime.now(UTC)


def facts(us, *cids):
    with us.read() as s:
        return due.facts_of_many(s.connection(), cids)


def _catalogue(us) -> int:
    with us.tx() as tx:  # the clocks read no catalogue: any content does
        row = IndicatorCatalogueVersion(catalogue_id="test", version="1", digest="0" * 64, content="{}",
                                        imported_at=NOW, in_use=True)
        tx.session.add(row)
        tx.session.flush()
        assert row.id is not None
        return row.id


def _assessment(us, cid, cat, status, conclusion=None, finished=None) -> int:
    with us.tx() as tx:
        row = TraffickingAssessment(child_id=cid, catalogue_pk=cat, status=status, conclusion=conclusion,
                                    engine_outcome=conclusion or "no_indication", created_at=NOW,
                                    finished_at=finished)
        tx.session.add(row)
        tx.session.flush()
        tx.touch(cid)
        assert row.id is not None
        return row.id


def _event(us, cid, kind, on, ends_on=None) -> int:
    with us.tx() as tx:
        row = VictimEvent(child_id=cid, kind=kind, on=on, ends_on=ends_on, recorded_at=NOW)
        tx.session.add(row)
        tx.session.flush()
        tx.touch(cid)
        assert row.id is not None
        return row.id


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 11, 0, tzinfo=UTC)  # midday: the same local day anywhere in CZ


def test_the_latest_concluded_assessment_and_the_events(officer_session):
    us = officer_session
    cat = _catalogue(us)
    a, b, c = child(us), child(us, "Omid"), child(us, "Karim")
    d1, d2 = TODAY - timedelta(days=20), TODAY - timedelta(days=5)
    _assessment(us, a, cat, "approved", "concern", _at(d1))
    latest = _assessment(us, a, cat, "finished", "presumed_victim", _at(d2))
    _assessment(us, a, cat, "draft")  # a draft never counts…
    _assessment(us, a, cat, "returned", "no_indication", _at(TODAY))  # …nor a returned one
    r1 = _event(us, a, "reflection_period", d2, d2 + timedelta(days=40))
    _event(us, a, "police_report", d2 - timedelta(days=1))
    _event(us, a, "identified", d2)  # not read by the clocks
    _assessment(us, b, cat, "draft")
    got = facts(us, a, b, c)
    assert got[a].trafficking == TraffickingFacts("presumed_victim", d2, latest, (d2 - timedelta(days=1),),
                                                  (ReflectionPeriod(d2, d2 + timedelta(days=40), r1),))
    assert got[b].trafficking == TraffickingFacts() and got[c].trafficking == TraffickingFacts()
    # the report came the day before the assessment was finished: still due, at once, overdue
    assert [k for k in stored(us, a) if k[0] in ("police_report", "reflection_period", "reassessment")] == [
        ("police_report", d2.isoformat(), "trafficking_assessment", latest),
        ("reflection_period", (d2 + timedelta(days=40)).isoformat(), "victim_event", r1)]
    assert stored(us, a) == computed(us, a)
    _event(us, a, "police_report", d2)
    assert "police_report" not in {k[0] for k in stored(us, a)}
    assert stored(us, a) == computed(us, a)
    # the day after the reflection period ends the child is stale (its item goes)
    assert state(us, a).refresh_on is not None


def test_a_concern_asks_for_a_reassessment_until_a_later_finished_one(officer_session):
    us = officer_session
    cat = _catalogue(us)
    cid = child(us)
    d1 = TODAY - timedelta(days=3)
    aid = _assessment(us, cid, cat, "finished", "concern", _at(d1))
    assert ("reassessment", (d1 + timedelta(days=30)).isoformat(), "trafficking_assessment", aid) in stored(us, cid)
    _assessment(us, cid, cat, "draft")
    assert "reassessment" in {k[0] for k in stored(us, cid)}
    _assessment(us, cid, cat, "finished", "no_indication", _at(TODAY))
    assert "reassessment" not in {k[0] for k in stored(us, cid)}
    assert stored(us, cid) == computed(us, cid)


def test_the_reflection_period_refreshes_the_day_after_it_ends(officer_session):
    us = officer_session
    cid = child(us)
    start = TODAY - timedelta(days=10)
    eid = _event(us, cid, "reflection_period", start)  # no end recorded: one month
    (item,) = [k for k in stored(us, cid) if k[0] == "reflection_period"]
    end = date.fromisoformat(item[1])
    assert item == ("reflection_period", end.isoformat(), "victim_event", eid) and end > TODAY
    assert str(state(us, cid).refresh_on)[:10] == (end + timedelta(days=1)).isoformat()
    assert [k for k in computed(us, cid) if k[0] == "reflection_period"] == [item]
    assert due.refresh_stale(us, end) == 0 and due.refresh_stale(us, end + timedelta(days=1)) >= 1
    assert "reflection_period" not in {k[0] for k in stored(us, cid)}  # recomputed on the day after: gone
