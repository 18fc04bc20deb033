"""The hypothesis profile follows `--long`, and the scope state machine scales with it."""

from __future__ import annotations

from hypothesis import settings

from tests.hypothesis_profiles import CI_EXAMPLES, LONG_FACTOR, scaled


def test_the_profile_follows_the_long_option(request):
    if request.config.getoption("--hypothesis-profile", default=None):
        return  # the user chose a profile by name
    long = request.config.getoption("--long")
    assert settings.get_current_profile_name() == ("long" if long else "ci")
    assert settings.default.max_examples == CI_EXAMPLES * (LONG_FACTOR if long else 1)
    assert settings.default.deadline is None
    if long:
        assert scaled(10) >= 200 and settings.default.stateful_step_count >= 50


def test_the_scope_state_machine_scales_with_the_profile():
    from tests.services.test_scope_stateful import STATE_MACHINE_RUNS, TestFacilityStaffScope

    assert TestFacilityStaffScope.settings.max_examples == scaled(STATE_MACHINE_RUNS)
    assert TestFacilityStaffScope.settings.stateful_step_count == settings.default.stateful_step_count


def test_scaled_keeps_at_least_one_example():
    assert scaled(0) == 1 and scaled(CI_EXAMPLES) == settings.default.max_examples
