"""The child's trafficking flag from the latest counting conclusion and the victim events."""

from __future__ import annotations

import pytest

from ospod_desktop.core.trafficking_flag import FLAGS, flag_label, flag_of


@pytest.mark.parametrize(("conclusion", "events", "flag"), [
    (None, (), ""),
    ("no_indication", (), ""),
    ("concern", (), "concern"),
    ("presumed_victim", ("police_report", "referred"), "presumed_victim"),
    ("no_indication", ("identified",), "identified"),
    (None, ("reflection_period", "identified"), "identified"),
])
def test_flag_of(conclusion, events, flag):
    assert flag_of(conclusion, events) == flag


def test_every_flag_has_a_label():
    assert all(flag_label(f) for f in FLAGS) and flag_label("") == ""
