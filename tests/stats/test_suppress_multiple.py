"""The list of tables "that count a child more than once" (`Published.multiple`) in a suppressed export must not
tell the reader anything the cells do not: told that no child counts twice in a table, the reader knows that
its total is the sum of its cells, and a "<N" next to known cells is recomputed (labour 7, sexual "<5", total 9:
sexual = 2). So a suppressed export lists every table in which a child MAY count more than once (by the table's
spec, whatever the data); exact counts (N = 0, the office's own use) list the tables where it happened."""

from __future__ import annotations

from datetime import date

import pytest

from ospod_desktop.core.stats.model import Statistics
from ospod_desktop.core.stats.suppress import publish
from ospod_desktop.core.stats.tables import FORM_KEYS, SEX_KEYS, TABLES, TOTAL


def _form(**cells: int) -> dict[str, int]:
    return {**{k: cells.get(k, 0) for k in FORM_KEYS}, TOTAL: cells[TOTAL]}


TABLES_OF_A_PERIOD = {
    "presumed_by_form": _form(labour=7, sexual=2, total=9),  # no child with two forms: 7 + 2 = 9
    "presumed_by_sex": {**{k: 0 for k in SEX_KEYS}, "M": 9, TOTAL: 9},
    "registered_by_citizenship": {"UA": 12, "SY": 3, TOTAL: 14},  # one child with both
}


def _stats(multiple: set[str]) -> Statistics:
    return Statistics(date(2026, 1, 1), date(2026, 12, 31), dict(TABLES_OF_A_PERIOD), frozenset(multiple))


@pytest.mark.parametrize("n", [3, 5, 10])
def test_a_suppressed_export_lists_the_tables_by_their_spec_not_by_the_data(n):
    with_data = publish(_stats({"registered_by_citizenship"}), n)
    assert with_data.tables["presumed_by_form"]["sexual"] == f"<{n}"
    # the reader must not learn that presumed_by_form has no child in two rows (it would give sexual = 2)
    assert "presumed_by_form" in with_data.multiple
    expected = {t for t in TABLES_OF_A_PERIOD if TABLES[t].multi}
    assert with_data.multiple == expected == {"presumed_by_form", "registered_by_citizenship"}
    for other in (set(), {"presumed_by_form"}, {"presumed_by_form", "registered_by_citizenship"}):
        assert publish(_stats(other), n).multiple == with_data.multiple  # the same, whatever the data


def test_exact_counts_list_the_tables_where_a_child_counts_twice():
    assert publish(_stats({"registered_by_citizenship"}), 0).multiple == {"registered_by_citizenship"}
