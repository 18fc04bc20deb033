"""Tests of name folding, phonetic keys, blocking keys and duplicate scoring (ospod_desktop.core.names)."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ospod_desktop.core import matching
from ospod_desktop.core.matching import DEFAULT_THRESHOLD, MatchResult, Reason, match
from ospod_desktop.core.names import (
    NameRecord,
    blocking_keys,
    fold,
    name_keys,
    phonetic_key,
    prepare,
)

PAIRS_CSV = Path(__file__).parent / "data" / "duplicate_pairs.csv"


def _record(row: dict, prefix: str) -> NameRecord:
    """One side of a labelled CSV row."""

    def value(name: str) -> str:
        return row[f"{prefix}_{name}"].strip()

    def number(name: str) -> int | None:
        return int(value(name)) if value(name) else None

    def day(name: str) -> date | None:
        return date.fromisoformat(value(name)) if value(name) else None

    return NameRecord(
        given_names=value("given"),
        family_names=value("family"),
        original_script_name=value("original"),
        aliases=tuple(a for a in value("aliases").split("|") if a),
        sex=value("sex"),
        birth_date=day("birth_date"),
        birth_year=number("birth_year"),
        age_min=number("age_min"),
        age_max=number("age_max"),
        reference_date=day("reference_date"),
        nationalities=tuple(n for n in value("nationality").split(";") if n),
    )


@pytest.fixture(scope="module")
def labelled_pairs() -> list[tuple[NameRecord, NameRecord, bool, str]]:
    """The labelled pair set: (a, b, same, category)."""
    with PAIRS_CSV.open(encoding="utf-8", newline="") as f:
        return [(_record(r, "a"), _record(r, "b"), r["same"] == "1", r["category"]) for r in csv.DictReader(f)]


def same_key(*spellings: str) -> bool:
    """True if all spellings share at least one phonetic key."""
    key_sets = [{k for k, _ in name_keys(fold(s))} for s in spellings]
    return bool(set.intersection(*key_sets))


# --- fold -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ševčenko", "sevcenko"),
        ("Олександр Шевченко", "oleksandr shevchenko"),
        ("  Nguyễn   Văn\tAn ", "nguyen van an"),
        ("Al-Hassan", "al hassan"),
        ("Ol'ga O’Brien", "olga obrien"),
        ("ﬁdel ＡＢＣ", "fidel abc"),  # ligature and full-width letters (NFKC)
        ("STRASSE Straße", "strasse strasse"),
        ("ተስፋየ", "tesfaye"),
        ("", ""),
        ("---", ""),
    ],
)
def test_fold_examples(text, expected):
    assert fold(text) == expected


def test_fold_across_scripts_equals_latin():
    assert fold("Олександр Шевченко") == fold("oleksandr shevchenko")
    assert fold("Nguyễn Văn An") == fold("Nguyen Van An")


def test_fold_drops_bidi_and_control_characters():
    assert fold("\u202eAhmad\u202c \u2067Ali\u2069") == "ahmad ali"
    assert fold("Ali\u200b\u200dya\x00\x07") == "aliya"
    assert fold("\ud800Ali") == "ali"  # a lone surrogate does not crash


@given(st.text())
@settings(max_examples=400, deadline=None)
def test_fold_is_idempotent_ascii_and_total(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded


# --- phonetic keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Oleksandr", "Aleksandr", "Alexandr", "Olexandr", "Oleksander", "Олександр", "Александр"),
        ("Shevchenko", "Sevcenko", "Schewtschenko", "Chevtchenko", "Ševčenko", "Шевченко"),
        ("Mohammed", "Muhammad", "Mohamad", "Mohammad", "Muhamed", "Mukhammad", "مُحَمَّد"),
        ("Yusuf", "Jusuf", "Youssef", "Yousef", "Yousif"),
        ("Ahmad", "Ahmed", "Akhmed", "Achmed"),
        ("Hussein", "Husain", "Hossein", "Hussain", "Гусейн"),
        ("Nguyen", "Nguyễn"),
        ("Tesfaye", "Tesfay", "ተስፋየ"),
        ("Sergiy", "Serhii", "Sergej", "Sergey", "Sergei", "Сергій"),
        ("Yulia", "Julia", "Iuliia", "Juliya", "Yuliya", "Юлія"),
        ("Dmytro", "Dmitry", "Dmitrij", "Дмитро"),
        ("Olha", "Olga", "Ольга"),
        ("Kharkiv", "Charkiv", "Harkiv"),
        ("Alexei", "Aleksei", "Oleksii"),
        ("Philip", "Filip"),
        ("Wiktorija", "Viktoriia", "Viktoriya"),
        ("Nadeem", "Nadim"),
        ("Yegor", "Jegor", "Egor"),
        ("Maryam", "Mariam", "Meryem"),
        ("Polishchuk", "Poliščuk", "Polischuk", "Polichtchouk"),
    ],
)
def test_transliteration_variants_share_a_key(spellings):
    assert same_key(*spellings), [name_keys(fold(s)) for s in spellings]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hassan", "Hussein"), ("Mohammed", "Mahmoud"), ("Ali", "Alia"), ("Kovalenko", "Kovalchuk"),
     ("Anna", "Nina"), ("Huynh", "Hoang"), ("Ivan", "Ivanov")],
)
def test_different_names_keep_different_keys(a, b):
    assert not same_key(a, b)


def test_phonetic_key_folds_unfolded_input():
    assert phonetic_key("Ševčenko") == phonetic_key("shevchenko")
    assert phonetic_key("oleksandr") == phonetic_key("Олександр") == phonetic_key("aleksandr")
    assert phonetic_key("") == ""


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [("Ševčenková", "Shevchenko"), ("Shevchenkova", "Shevchenko"), ("Nováková", "Novák"),
     ("Ivanovová", "Ivanov"), ("Ivanova", "Ivanov"), ("Kowalska", "Kowalski"), ("Ostrovskaya", "Ostrovskiy"),
     ("Ostrovská", "Ostrovský"), ("Chomenková", "Khomenko")],
)
def test_feminine_surname_forms_share_a_key(feminine, masculine):
    assert same_key(feminine, masculine)


# --- blocking ---------------------------------------------------------------------------------------


def test_blocking_keys_are_few_and_short():
    rec = NameRecord("Oleksandr", "Shevchenko", "Олександр Шевченко", ("Sasha Shevchenko",))
    keys = blocking_keys(rec)
    assert 1 <= len(keys) <= 8
    assert all(0 < len(k) <= 6 for k in keys)
    assert blocking_keys(prepare(rec)) == keys


def test_every_true_duplicate_shares_a_blocking_key(labelled_pairs):
    missed = [(a, b) for a, b, same, _ in labelled_pairs if same and not blocking_keys(a) & blocking_keys(b)]
    assert not missed


def test_typical_records_have_a_handful_of_blocking_keys(labelled_pairs):
    sizes = sorted(len(blocking_keys(r)) for a, b, _, _ in labelled_pairs for r in (a, b))
    assert sizes[len(sizes) // 2] <= 4
    assert sizes[int(len(sizes) * 0.95)] <= 8


def test_names_written_together_share_a_blocking_key():
    a = NameRecord("Abdul Rahman", "Al-Khatib")
    b = NameRecord("Abdulrahman", "Alkhatib")
    assert blocking_keys(a) & blocking_keys(b)


def test_empty_record_has_no_blocking_keys():
    assert blocking_keys(NameRecord()) == set()


# --- match: reasons ---------------------------------------------------------------------------------

UA = ("UA",)


def test_exact_duplicate_with_same_birth_date():
    a = NameRecord("Oleksandr", "Shevchenko", sex="M", birth_date=date(2010, 3, 14), nationalities=UA)
    result = match(a, a)
    assert result.score == 1.0
    assert {Reason.NAME_EXACT, Reason.SAME_BIRTH_DATE, Reason.SAME_SEX, Reason.SAME_NATIONALITY} <= set(
        result.reasons)
    assert result.likely_duplicate


def test_cyrillic_original_against_another_transliteration():
    a = NameRecord("Oleksandr", "Shevchenko", "Олександр Шевченко", sex="M", birth_date=date(2010, 3, 14))
    b = NameRecord("Alexandr", "Sevcenko", sex="M", birth_date=date(2010, 3, 14))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAME_ACROSS_SCRIPTS in result.reasons


def test_arabic_script_against_latin_only():
    a = NameRecord(original_script_name="محمد أحمدي", sex="M", birth_year=2008)
    b = NameRecord("Mohammed", "Ahmadi", sex="M", birth_year=2008)
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAME_ACROSS_SCRIPTS in result.reasons


def test_geez_script_against_latin():
    a = NameRecord(original_script_name="ተስፋየ ሃይለ", sex="M")
    b = NameRecord("Tesfay", "Haile", sex="M")
    assert match(a, b).score >= DEFAULT_THRESHOLD


def test_feminine_surname_form_is_reported():
    a = NameRecord("Yuliia", "Shevchenko", sex="F", birth_date=date(2012, 7, 2), nationalities=UA)
    b = NameRecord("Julija", "Ševčenková", sex="F", birth_year=2012, nationalities=UA)
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.FEMININE_SURNAME_FORM in result.reasons


def test_swapped_names():
    a = NameRecord("Ali", "Hassan", sex="M", birth_date=date(2009, 4, 4))
    b = NameRecord("Hassan", "Ali", sex="M", birth_date=date(2009, 4, 4))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAMES_SWAPPED in result.reasons


def test_vietnamese_family_name_first_regrouped():
    a = NameRecord("Văn An", "Nguyễn", sex="M", birth_year=2010, nationalities=("VN",))
    b = NameRecord("An", "Nguyen Van", sex="M", birth_year=2010, nationalities=("VN",))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAMES_SWAPPED in result.reasons


def test_missing_middle_name_is_partial():
    a = NameRecord("Mohammed Ali", "Rahimi", sex="M", birth_date=date(2009, 1, 5))
    b = NameRecord("Mohammed", "Rahimi", sex="M", birth_date=date(2009, 1, 5))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAME_PARTIAL in result.reasons


def test_names_written_together():
    a = NameRecord("Abdul Rahman", "Haddad", sex="M")
    b = NameRecord("Abdulrahman", "Haddad", sex="M")
    assert match(a, b).score >= DEFAULT_THRESHOLD


def test_typo_is_similar():
    a = NameRecord("Oleksandr", "Shevchenko", sex="M", birth_date=date(2010, 3, 14))
    b = NameRecord("Oleksnadr", "Shevchenko", sex="M", birth_date=date(2010, 3, 14))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.NAME_SIMILAR in result.reasons


def test_alias_match():
    a = NameRecord("Yusuf", "Karimi", aliases=("Ahmad Rahimi",), sex="M")
    b = NameRecord("Ahmad", "Rahimi", sex="M")
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.ALIAS_MATCH in result.reasons


def test_siblings_do_not_match():
    a = NameRecord("Oleksandr", "Shevchenko", sex="M", birth_date=date(2010, 3, 14), nationalities=UA)
    b = NameRecord("Dmytro", "Shevchenko", sex="M", birth_date=date(2013, 10, 1), nationalities=UA)
    result = match(a, b)
    assert result.score < DEFAULT_THRESHOLD
    assert Reason.AGE_INCOMPATIBLE in result.reasons


def test_twins_with_similar_names_do_not_match():
    a = NameRecord("Hassan", "Rahimi", sex="M", birth_date=date(2011, 1, 1), nationalities=("AF",))
    b = NameRecord("Hussein", "Rahimi", sex="M", birth_date=date(2011, 1, 1), nationalities=("AF",))
    assert match(a, b).score < DEFAULT_THRESHOLD


def test_common_name_with_clearly_different_birth_years_does_not_match():
    a = NameRecord("Mohammed", "Ahmadi", sex="M", birth_year=2007, nationalities=("AF",))
    b = NameRecord("Muhammad", "Ahmadi", sex="M", birth_year=2012, nationalities=("AF",))
    result = match(a, b)
    assert result.score < DEFAULT_THRESHOLD
    assert Reason.AGE_INCOMPATIBLE in result.reasons


def test_same_name_unknown_birth_on_one_side_can_match():
    a = NameRecord("Mohammed", "Ahmadi", sex="M", birth_year=2007, nationalities=("AF",))
    b = NameRecord("Muhammad", "Ahmady", sex="M", nationalities=("AF",))
    assert match(a, b).score >= DEFAULT_THRESHOLD


def test_estimated_age_range_compatible_with_birth_date():
    a = NameRecord("Tesfaye", "Haile", sex="M", birth_date=date(2008, 12, 12))
    b = NameRecord("Tesfay", "Hayle", sex="M", age_min=16, age_max=18, reference_date=date(2025, 6, 1))
    result = match(a, b)
    assert result.score >= DEFAULT_THRESHOLD
    assert Reason.AGE_COMPATIBLE in result.reasons


def test_sex_and_nationality_differences_lower_the_score():
    a = NameRecord("Ali", "Karimi", sex="M", nationalities=("AF",))
    same = match(a, NameRecord("Ali", "Karimi", sex="M", nationalities=("AF",)))
    other_sex = match(a, NameRecord("Ali", "Karimi", sex="F", nationalities=("AF",)))
    other_nat = match(a, NameRecord("Ali", "Karimi", sex="M", nationalities=("SY",)))
    neighbour = match(a, NameRecord("Ali", "Karimi", sex="M", nationalities=("PK",)))
    assert Reason.SEX_DIFFERS in other_sex.reasons and other_sex.score < DEFAULT_THRESHOLD
    assert Reason.NATIONALITY_DIFFERS in other_nat.reasons and other_nat.score < same.score
    # A neighbouring country (Afghan children born in Pakistan or Iran) counts less against than another.
    assert Reason.NATIONALITY_NEIGHBOURING in neighbour.reasons and other_nat.score < neighbour.score < same.score


def test_same_given_name_different_family_does_not_match():
    a = NameRecord("Oleksandr", "Kovalenko", sex="M", nationalities=UA)
    b = NameRecord("Oleksandr", "Kovalchuk", sex="M", nationalities=UA)
    assert match(a, b).score < DEFAULT_THRESHOLD


def test_empty_records_score_low():
    assert match(NameRecord(), NameRecord()).score < DEFAULT_THRESHOLD


def test_match_accepts_prepared_records_and_lists():
    a = NameRecord("Ahmad", "Rahimi", aliases=["Ahmed Rahimi"], nationalities=["AF"])  # lists are coerced
    b = NameRecord("Ahmed", "Rahimy")
    assert isinstance(match(a, b), MatchResult)
    assert match(prepare(a), prepare(b)) == match(a, b)
    assert prepare(a) is prepare(NameRecord("Ahmad", "Rahimi", aliases=("Ahmed Rahimi",), nationalities=("AF",)))


def test_bidi_and_control_characters_do_not_crash():
    a = NameRecord("\u202eOleksandr\u202c", "Shev\u200bchenko\x00", "\u2067Олександр\u2069", ("\x1b[31m",))
    b = NameRecord("Oleksandr", "Shevchenko")
    assert match(a, b).score >= DEFAULT_THRESHOLD
    blocking_keys(a)


def test_scoring_api_and_its_threshold():
    from ospod_desktop.core import names

    assert not hasattr(names, "match")  # scoring lives in core.matching only; names has no re-export
    assert matching.DEFAULT_THRESHOLD == 0.75
    assert MatchResult(0.75, ()).likely_duplicate and not MatchResult(0.7499, ()).likely_duplicate
    assert Reason("SAME_BIRTH_DATE") is Reason.SAME_BIRTH_DATE and str(Reason.NAME_EXACT) == "NAME_EXACT"


def test_core_is_free_of_qt_and_database_imports():
    code = (
        "import sys, ospod_desktop.core.names, ospod_desktop.core.matching\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlmodel', 'sqlalchemy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- properties -------------------------------------------------------------------------------------

_names = st.text(max_size=24) | st.sampled_from(["Oleksandr", "Олександр", "محمد", "Nguyễn Văn", "ተስፋየ", ""])
_records = st.builds(
    NameRecord,
    given_names=_names,
    family_names=_names,
    original_script_name=_names,
    aliases=st.lists(_names, max_size=2).map(tuple),
    sex=st.sampled_from(["M", "F", "U", "", "x"]),
    birth_date=st.none() | st.dates(),
    birth_year=st.none() | st.integers(-10, 10_010),
    age_min=st.none() | st.integers(-5, 150),
    age_max=st.none() | st.integers(-5, 150),
    reference_date=st.none() | st.dates(),
    nationalities=st.lists(st.sampled_from(["UA", "AF", "SY", "ua", " "]), max_size=2).map(tuple),
)


@given(_records, _records)
@settings(max_examples=300, deadline=None)
def test_match_is_symmetric_bounded_and_total(a, b):
    ab, ba = match(a, b), match(b, a)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == pytest.approx(ba.score, abs=2e-6)
    assert all(isinstance(r, Reason) for r in ab.reasons)
    blocking_keys(a)


@given(_records)
@settings(max_examples=200, deadline=None)
def test_a_named_record_matches_itself(a):
    if any(fold(x) for x in (a.given_names, a.family_names, a.original_script_name)):
        assert match(a, a).name_score == pytest.approx(1.0)


# --- quality on the labelled set --------------------------------------------------------------------


def test_labelled_set_is_large_and_balanced(labelled_pairs):
    assert len(labelled_pairs) >= 300
    positives = sum(same for _, _, same, _ in labelled_pairs)
    assert 0.3 < positives / len(labelled_pairs) < 0.7


def test_precision_and_recall_on_labelled_set(labelled_pairs):
    tp = fp = fn = 0
    for a, b, same, _ in labelled_pairs:
        predicted = match(a, b).score >= DEFAULT_THRESHOLD
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


def test_every_match_reason_has_words_for_the_officer():
    from ospod_desktop.core import child_rules

    assert set(child_rules.REASONS) == {r.value for r in Reason}
