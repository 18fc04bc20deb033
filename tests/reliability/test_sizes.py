"""`pytest --long` sizes every reliability suite up: the kills, the damaged copies, and the scope state machine
(>= 200 runs of 50 steps); the CI run keeps issue 14's minimums."""

from __future__ import annotations

from hypothesis import settings


def test_the_sizes_follow_the_long_option(request, sizes):
    long = request.config.getoption("--long")
    assert sizes.long == long
    assert (sizes.crash_kills, sizes.corrupt_copies) == ((1000, 500) if long else (60, 60))


def test_the_scope_state_machine_runs_at_full_size_with_long(request):
    from tests.services.test_scope_stateful import TestFacilityStaffScope

    if request.config.getoption("--hypothesis-profile", default=None):
        return  # the user chose a profile by name
    machine = TestFacilityStaffScope.settings
    if request.config.getoption("--long"):
        assert machine.max_examples >= 200 and settings.default.stateful_step_count >= 50
        assert machine.stateful_step_count >= 50
    else:
        assert machine.max_examples == 10 and machine.stateful_step_count == 15
