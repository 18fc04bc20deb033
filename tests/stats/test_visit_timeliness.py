"""core.stats.visits: a seen visit against the due list's visit clock (pure)."""

from __future__ import annotations

from datetime import date

from ospod_desktop.core import due
from ospod_desktop.core.deadlines import PlacementFacts
from ospod_desktop.core.due_facts import CaseFacts, Visit
from ospod_desktop.core.policy import default_policy
from ospod_desktop.core.stats.visits import timeliness, timeliness_of_child

POLICY = default_policy()
HOME = PlacementFacts("childrens_home", "preliminary_measure", date(2025, 1, 31), id=1)


def test_on_the_due_day_is_on_time_the_day_after_is_late():
    # first clock from the stay's start: 31 January + 3 months = 30 April (the month's last day)
    assert timeliness([HOME], [], date(2025, 4, 30), POLICY) == "on_time"
    assert timeliness([HOME], [], date(2025, 5, 1), POLICY) == "late"
    # from a seen visit on 15 May: due 15 August
    assert timeliness([HOME], [date(2025, 5, 15)], date(2025, 8, 15), POLICY) == "on_time"
    assert timeliness([HOME], [date(2025, 5, 15)], date(2025, 8, 16), POLICY) == "late"


def test_no_placement_that_day_no_clock():
    assert timeliness([HOME], [], date(2025, 1, 30), POLICY) == "without_clock"
    ended = PlacementFacts("zdvop", "preliminary_measure", date(2025, 1, 1), date(2025, 3, 1))
    assert timeliness([ended], [], date(2025, 3, 1), POLICY) == "without_clock"  # it ended that day
    assert timeliness([ended], [], date(2025, 2, 28), POLICY) == "on_time"


def test_a_transfer_keeps_the_stay_and_the_anchor():
    first = PlacementFacts("zdvop", "preliminary_measure", date(2025, 1, 1), date(2025, 3, 1), id=1)
    second = PlacementFacts("childrens_home", "preliminary_measure", date(2025, 3, 1), id=2)
    # the stay began on 1 January: due 1 April, whatever the transfer
    assert timeliness([first, second], [], date(2025, 4, 2), POLICY) == "late"
    # a visit before an interruption does not count: a new stay from 1 June
    gap = PlacementFacts("childrens_home", "preliminary_measure", date(2025, 6, 1), id=3)
    assert timeliness([first, gap], [date(2025, 2, 1)], date(2025, 8, 31), POLICY) == "on_time"


def test_the_foster_family_interval_grows_after_six_months():
    foster = PlacementFacts("foster_family", "preliminary_measure", date(2025, 1, 1), id=1)
    assert timeliness([foster], [date(2025, 3, 1)], date(2025, 6, 2), POLICY) == "late"  # 3 months at first
    assert timeliness([foster], [date(2025, 7, 1)], date(2025, 12, 31), POLICY) == "on_time"  # then 6


def test_each_visit_is_measured_from_the_one_before_and_visits_of_a_day_share_a_clock():
    seen = [date(2025, 3, 1), date(2025, 3, 1), date(2025, 7, 1), date(2025, 9, 1)]
    assert timeliness_of_child([HOME], seen, date(2025, 1, 1), date(2025, 12, 31), POLICY) == [
        "on_time", "on_time", "late", "on_time"]
    assert timeliness_of_child([HOME], seen, date(2025, 7, 1), date(2025, 7, 31), POLICY) == ["late"]


def test_the_clock_is_the_due_lists_clock():
    """Measured on the day before a visit, the due list's visit item falls due on the day `timeliness` uses."""
    seen = [date(2025, 5, 15)]
    item = next(i for i in due.due_items(CaseFacts(placements=(HOME,), visits=(Visit(date(2025, 5, 15)),)),
                                          date(2025, 6, 1), policy=POLICY) if i.kind == "visit")
    assert item.due == date(2025, 8, 15)
    assert timeliness([HOME], seen, item.due, POLICY) == "on_time"
    assert timeliness([HOME], seen, date(2025, 8, 16), POLICY) == "late"
