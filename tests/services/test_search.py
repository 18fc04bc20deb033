"""Search on the case list: identifiers exactly first (never a short number inside a longer one), names tolerant,
best matches first."""

from __future__ import annotations

import pytest

from ospod_desktop.core.child_form import IdentifierInput
from ospod_desktop.core.child_names import identifier_key, identifier_runs, index_text
from ospod_desktop.services import children
from ospod_desktop.services.children import RELEVANCE, ListFilter
from tests.conftest import child_form

NAMES = [("Amina", "Haidari"), ("Oleksandr", "Shevchenko"), ("Mohammad", "Ahmadi"), ("Tesfay", "Gebremedhin"),
         ("Yusuf", "Hussain"), ("Dmytro", "Bondarenko"), ("Marie", "Nguyen"), ("Sergiy", "Kovalenko")]


@pytest.fixture
def register(officer_session):
    def add(given, surname, sex="U", **fields) -> int:
        return children.register_child(officer_session, child_form(given, surname, sex, **fields))
    return add


@pytest.fixture
def marks(register) -> dict[str, int]:
    """An office's year: Om 1/2025 … Om 70/2025, and Om 54/2026 of this year."""
    ids = {}
    for n in range(1, 71):
        given, surname = NAMES[n % len(NAMES)]
        ids[f"Om {n}/2025"] = register(given, surname, "M", case_mark=f"Om {n}/2025")
    ids["Om 54/2026"] = register("Olena", "Petrenko", "F", case_mark="Om 54/2026")
    return ids


def _find(us, query, sort=RELEVANCE, **flt):
    return children.child_ids(us, ListFilter(query=query, **flt), sort=sort)


def test_identifiers_are_compared_without_case_spaces_or_punctuation():
    assert identifier_key("Om 54/2026") == identifier_key("OM54 / 2026") == "om542026"
    assert identifier_key("050101/1234") == identifier_key("0501011234")
    assert identifier_runs("Om 54/2026") == identifier_runs("om54-2026") == "_om_54_2026"
    text = index_text({"given_names": "Olena", "family_names": "Petrenko", "case_mark": "Om 54/2026"}, ["FX123456"])
    assert text == " olena petrenko om542026 fx123456 _om_54_2026 _fx_123456 "


@pytest.mark.parametrize("query", ["Om 54/2026", "om 54/2026", "OM54/2026", "Om 54 / 2026", "om-54-2026"])
def test_a_file_mark_finds_that_file_only(officer_session, marks, query):
    assert _find(officer_session, query) == [marks["Om 54/2026"]]


@pytest.mark.parametrize("sort", [RELEVANCE, "name", "mark", "age"])
def test_a_short_number_is_not_a_part_of_a_longer_one(officer_session, marks, sort):
    assert _find(officer_session, "Om 5/2025", sort) == [marks["Om 5/2025"]]  # not Om 15, 25, 50…59/2025
    assert _find(officer_session, "Om 54/2025", sort) == [marks["Om 54/2025"]]
    assert _find(officer_session, "5/2025", sort) == [marks["Om 5/2025"]]
    assert _find(officer_session, "54/2026", sort) == [marks["Om 54/2026"]]


def test_a_missing_file_mark_finds_nothing_rather_than_its_neighbours(officer_session, marks):
    assert _find(officer_session, "Om 5/2026") == []  # not Om 54/2026
    assert _find(officer_session, "Om 71/2025") == []


def test_a_mark_typed_so_far_finds_the_marks_it_begins(officer_session, marks):
    found = set(_find(officer_session, "Om 5"))
    assert found == {marks[f"Om {n}/2025"] for n in (5, *range(50, 60))} | {marks["Om 54/2026"]}
    assert set(_find(officer_session, "2026")) == {marks["Om 54/2026"]}


def test_an_identifier_found_exactly_hides_the_longer_ones(officer_session, register):
    a = register("Amina", "Haidari", "F", reference="KACPU-2026-00042")
    b = register("Yusuf", "Hussain", "M", reference="KACPU-2026-000421")
    c = register("Dmytro", "Bondarenko", "M", police_reference="KRPA-12345-6/TČ-2026",
                 identifiers=(IdentifierInput("passport", "FX123456", "UA"),), birth_number="100101/1231")
    us = officer_session
    assert _find(us, "KACPU-2026-00042") == [a] and _find(us, "kacpu 2026 00042") == [a]
    assert _find(us, "KACPU-2026-000421") == [b]
    assert set(_find(us, "KACPU-2026-0004")) == {a, b}  # typed so far
    assert _find(us, "00042") == [a, b] and _find(us, "0042") == []  # the last part of a reference, from its start
    assert _find(us, "fx123456") == [c] and _find(us, "123456") == [c] and _find(us, "FX 123 456") == [c]
    assert _find(us, "1001011231") == [c] and _find(us, "100101/1231") == [c]
    assert _find(us, "KRPA-12345-6") == [c] and _find(us, "12345-6") == [c] and _find(us, "2345-6") == []


def test_an_exact_match_outside_the_filter_does_not_hide_the_rest(officer_session, register):
    closed = register("Amina", "Haidari", "F", reference="KACPU-2026-00042")
    longer = register("Yusuf", "Hussain", "M", reference="KACPU-2026-000421")
    view = children.get_child(officer_session, closed)
    children.update_child(officer_session, closed, children.with_form(
        view, case_status="closed", close_reason="returned_to_family", closed_on=view.found_on))
    assert _find(officer_session, "KACPU-2026-00042") == [longer]  # open cases only: the exact one is not shown
    assert _find(officer_session, "KACPU-2026-00042", case_status=None) == [closed]


@pytest.fixture
def petrenkos(register) -> dict[str, int]:
    return {
        "olena": register("Olena", "Petrenko", "F", original_script_name="Олена Петренко", nationalities=("UA",)),
        "ivan": register("Ivan", "Petrenco", "M", nationalities=("MD",)),  # the Romanian spelling of Петренко
        "oksana": register("Oksana", "Petrenková", "F", nationalities=("UA",)),
        "olga": register("Olga", "Bondarenko", "F"),
        "petr": register("Petr", "Novák", "M"),
        "alena": register("Alena", "Petrova", "F"),
    }


@pytest.mark.parametrize("query", ["Olena Petrenko", "Petrenko Olena", "PETRENKO olena", "Петренко Олена",
                                   "Olena Petrenco", "petrenco olena", "Olena Petremko", "olena petrenkо"])
def test_names_in_either_order_any_case_script_or_with_a_typo(officer_session, petrenkos, query):
    assert _find(officer_session, query)[0] == petrenkos["olena"]


def test_a_typo_or_another_spelling_finds_the_name(officer_session, petrenkos):
    us, p = officer_session, petrenkos
    assert _find(us, "Bondarenco") == [p["olga"]]  # c for k: the phonetic keys alone keep them apart
    assert p["olena"] in _find(us, "Petremko")  # a wrong consonant
    assert p["olena"] in _find(us, "Petrenco")


def test_exact_names_first_then_parts_of_names_then_typos(officer_session, petrenkos):
    us, p = officer_session, petrenkos
    assert _find(us, "petrenko") == [p["olena"], p["oksana"], p["ivan"]]
    assert _find(us, "petrenco") == [p["ivan"], p["olena"]]
    assert _find(us, "petr") == [p["petr"], p["ivan"], p["olena"], p["oksana"], p["alena"]]
    # The user's column keeps its order.
    assert _find(us, "petrenko", "name") == [p["ivan"], p["olena"], p["oksana"]]


def test_a_broad_search_shows_whole_names_first_and_says_how_many_matched(officer_session, register, monkeypatch):
    from ospod_desktop.services.children import _list

    ali = [register("Ali", family, "M") for family in ("Rahimi", "Ahmadi")]
    others = [register(given, family, "U") for given, family in (("Alina", "Hussain"), ("Khalil", "Nuri"),
                                                                  ("Natalia", "Bondarenko"))]
    monkeypatch.setattr(_list, "_DIRECT", 3)  # as if each group were thousands of children
    monkeypatch.setattr(_list, "SEARCH_LIMIT", 3)
    result = children.list_children(officer_session, ListFilter(query="ali"))
    assert result.ids[:2] == [ali[1], ali[0]] and result.ids[2] in others  # Ahmadi, Rahimi: whole names first
    assert (len(result.ids), result.matched, result.truncated) == (3, 5, True)
    monkeypatch.setattr(_list, "SEARCH_LIMIT", 2)
    result = children.list_children(officer_session, ListFilter(query="ali"))
    assert (result.ids, result.matched, result.truncated) == ([ali[1], ali[0]], 5, True)
