"""Registration: the minimum to save, every rule of bad input, field history, search, duplicates, merge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from ospod_desktop.core.child_form import FamilyInput, IdentifierInput
from ospod_desktop.core.errors import NotFound, PermissionDenied, ValidationError
from ospod_desktop.core.matching import Reason
from ospod_desktop.services import children
from ospod_desktop.services.children import ListFilter
from tests.conftest import child_form
from tests.hypothesis_profiles import scaled

TODAY = date.today()


def _count(us, table):
    with us.read() as s:
        return s.exec(text(f"SELECT count(*) FROM {table}")).scalar()


def test_minimum_is_a_description_sex_date_and_place(officer_session):
    cid = children.register_child(officer_session, child_form(description="boy, about 14, red jacket", sex="M"))
    view = children.get_child(officer_session, cid)
    assert view.description.startswith("boy") and view.age.presumed_minor and view.age.label == "?"


def test_full_registration_round_trip(officer_session):
    form = child_form(
        "Oleksandr", "Shevchenko", "M", original_script_name="Олександр Шевченко", aliases=("Sasha",),
        birth_year=2010, age_claimed=15, status="separated", companion_name="Ivan Petrenko",
        companion_relationship="uncle (claimed)", found_time="23:40", channel="police",
        reporter_agency="Policie ČR, KŘP hl. m. Prahy", reporter_reference="KRPA-1234/ČJ-2026",
        urgency="immediate", urgency_reason="night, no adult", nationalities=("ua",), languages=("uk", "ru"),
        interpreter_language="uk", identifiers=(IdentifierInput("passport", "FX123456", "UA"),),
        family=(FamilyInput("mother", "Olena", "Kharkiv", "+380 50 000 0000", "yes"),), case_mark="Om 15/2026",
        wishes="wants to call his mother",
    )
    cid = children.register_child(officer_session, form)
    view = children.get_child(officer_session, cid)
    assert view.nationalities == ("UA",) and view.languages == ("uk", "ru")
    assert view.identifiers[0].number == "FX123456" and view.family[0].name == "Olena"
    assert view.found_time == "23:40" and view.case_mark == "Om 15/2026"
    assert [h.field for h in view.history] == ["*created*"]


def test_edit_keeps_a_field_history_and_is_audited(officer_session):
    cid = children.register_child(officer_session, child_form("Amina", "Haidari", "F", nationalities=("AF",)))
    view = children.get_child(officer_session, cid)
    changed = children.update_child(officer_session, cid, children.with_form(view, family_names="Haidary", birth_year=2011))
    assert changed == 2
    assert children.update_child(officer_session, cid, children.with_form(children.get_child(officer_session, cid))) == 0
    history = children.get_child(officer_session, cid).history
    assert {(h.field, h.old_value, h.new_value) for h in history[1:]} == {
        ("family_names", "Haidari", "Haidary"), ("birth_year", "", "2011")}
    with officer_session.read() as s:
        actions = [r[0] for r in s.exec(text("SELECT action FROM audit_log WHERE entity='child' ORDER BY id")).all()]
    assert actions.count("update") == 1


BAD = [
    (dict(birth_date=TODAY + timedelta(days=3)), "birth_date"),
    (dict(birth_date=date(1990, 1, 1)), "birth_date"),
    (dict(age_min=16, age_max=14), "age_max"),
    (dict(age_min=-1), "age_min"),
    (dict(age_max=30), "age_max"),
    (dict(birth_number="1001010008"), "birth_number"),
    (dict(given_names="Ali\u202e"), "given_names"),
    (dict(family_names="Ali\u2066x"), "family_names"),
    (dict(given_names="Ali\x00"), "given_names"),
    (dict(given_names="x" * 201), "given_names"),
    (dict(found_on=None), "found_on"),
    (dict(found_on=TODAY + timedelta(days=1)), "found_on"),
    (dict(found_place=""), "found_place"),
    (dict(found_time="25:00"), "found_time"),
    (dict(nationalities=("QQ",)), "nationalities"),
    (dict(languages=("zzz",)), "languages"),
    (dict(status="separated"), "companion_name"),
    (dict(case_mark="15/2026"), "case_mark"),
    (dict(case_status="closed", close_reason=""), "close_reason"),
    (dict(sex="X"), "sex"),
    (dict(identifiers=(IdentifierInput("passport", ""),)), "identifiers"),
    (dict(notes="x" * 10_001), "notes"),
]


@pytest.mark.parametrize("fields, field", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_input_names_the_field_and_saves_nothing(officer_session, fields, field):
    fields = {"given_names": "Ali", "family_names": "Rahimi", "sex": "M", **fields}
    form = child_form(fields.pop("given_names"), fields.pop("family_names"), fields.pop("sex"), **fields)
    before = (_count(officer_session, "child"), _count(officer_session, "audit_log"))
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, form)
    assert err.value.field == field and err.value.message
    assert (_count(officer_session, "child"), _count(officer_session, "audit_log")) == before


def test_messages_are_translated(officer_session):
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    with pytest.raises(ValidationError) as err:
        children.register_child(officer_session, child_form("Ali", "", "M", birth_date=TODAY + timedelta(days=1)))
    assert "Datum narození" in err.value.message


@settings(max_examples=scaled(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp")), min_size=1, max_size=60))
def test_names_in_any_script_round_trip_in_nfc(officer_session, name):
    import unicodedata

    from ospod_desktop.core.text import BIDI_CONTROLS, invisible_at

    stripped = unicodedata.normalize("NFC", name).strip()
    if not stripped or any(ch in BIDI_CONTROLS for ch in stripped) or invisible_at(stripped) >= 0:
        return
    cid = children.register_child(officer_session, child_form(name, "", "U"))
    assert children.get_child(officer_session, cid).given_names == stripped


def test_search_ignores_case_diacritics_and_script(officer_session):
    a = children.register_child(officer_session, child_form("Олександр", "Шевченко", "M", reference="KACPU-2026-00042"))
    b = children.register_child(officer_session, child_form("Jiří", "Dvořák", "M", case_mark="Om 7/2026"))
    c = children.register_child(officer_session, child_form("Amina", "Haidari", "F"))

    def find(q):
        return set(children.child_ids(officer_session, ListFilter(query=q)))

    assert find("sevcenko") == {a} and find("OLEKSANDR") == {a} and find("Шевч") == {a}
    assert find("dvorak jiri") == {b} and find("om 7/2026") == {b}
    assert find("kacpu-2026-00042") == {a} and find("00042") == {a}
    assert find("haydari") == {c}  # a typo still finds her
    assert find("") == {a, b, c}


def test_list_rows_and_czech_order(officer_session):
    for first, family in (("Adam", "Chalupa"), ("Eva", "Hrubá"), ("Petr", "Čermák"), ("Jan", "Cibulka")):
        children.register_child(officer_session, child_form(first, family, "M", birth_year=TODAY.year - 15))
    rows = children.child_rows(officer_session, children.child_ids(officer_session))
    assert [r.name.split()[0] for r in rows] == ["Cibulka", "Čermák", "Hrubá", "Chalupa"]
    assert rows[0].age in ("14–15", "15")


def test_duplicates_found_across_scripts_before_saving(officer_session):
    first = children.register_child(officer_session, child_form(
        "Олександр", "Шевченко", "M", birth_year=2010, nationalities=("UA",)))
    children.register_child(officer_session, child_form("Mykola", "Shevchenko", "M", birth_year=2014, nationalities=("UA",)))
    found = children.find_duplicates(officer_session, child_form(
        "Oleksandr", "Ševčenko", "M", birth_year=2010, nationalities=("UA",)))
    assert [c.child_id for c in found] == [first]
    assert Reason.NAME_ACROSS_SCRIPTS in found[0].reasons or Reason.NAME_EXACT in found[0].reasons
    assert found[0].score >= 0.75


def test_merge_keeps_both_histories_and_hides_the_duplicate(officer_session):
    a = children.register_child(officer_session, child_form("Oleksandr", "Shevchenko", "M", birth_year=2010))
    b = children.register_child(officer_session, child_form("Alexandr", "Sevcenko", "M", birth_year=2010,
                                                             identifiers=(IdentifierInput("passport", "EK777"),)))
    report = children.duplicate_report(officer_session)
    assert [(p.a_id, p.b_id) for p in report] == [(a, b)]
    children.merge_children(officer_session, a, b)
    view = children.get_child(officer_session, a)
    assert "Alexandr Sevcenko" in view.aliases and view.identifiers[0].number == "EK777"
    assert {h.child_id for h in view.history} == {a, b}
    assert children.child_ids(officer_session, ListFilter(case_status=None)) == [a]
    assert children.duplicate_report(officer_session) == []
    assert set(children.child_ids(officer_session, ListFilter(query="ek777"))) == {a}


def test_dismissed_pair_leaves_the_report(officer_session):
    a = children.register_child(officer_session, child_form("Oleksandr", "Shevchenko", "M", birth_year=2010))
    b = children.register_child(officer_session, child_form("Oleksandr", "Shevchenko", "M", birth_year=2010))
    assert len(children.duplicate_report(officer_session)) == 1
    children.dismiss_pair(officer_session, b, a)
    assert children.duplicate_report(officer_session) == []


def test_admin_and_missing_records(admin_session, officer_session):
    admin, _ = admin_session
    with pytest.raises(PermissionDenied):
        children.register_child(admin, child_form("Ali", "", "M"))
    with pytest.raises(NotFound):
        children.get_child(officer_session, 999)
    with officer_session.read() as s:
        row = s.exec(text("SELECT action, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1")).one()
    assert tuple(row) == ("read", 999, "refused")


def test_index_is_rebuilt_when_rules_change(officer_session, db_path):
    from ospod_desktop.services import identity
    from tests.conftest import OFFICER_PASSWORD

    cid = children.register_child(officer_session, child_form("Олександр", "Шевченко", "M"))
    with officer_session.db.engine.begin() as conn:  # as if the rows were written by older rules
        conn.exec_driver_sql("DELETE FROM child_fts")
        conn.exec_driver_sql("DELETE FROM child_name_key")
        conn.exec_driver_sql("PRAGMA user_version = 0")
    again = identity.login(db_path, "officer", OFFICER_PASSWORD)
    try:
        assert children.child_ids(again, ListFilter(query="sevcenko")) == [cid]
        assert children.find_duplicates(again, child_form("Oleksandr", "Shevchenko", "M"))[0].child_id == cid
    finally:
        again.close()


def test_age_assessment_sets_the_range_and_is_listed(officer_session):
    found = TODAY - timedelta(days=400)
    cid = children.register_child(officer_session, child_form("Ali", "Rahimi", "M", found_on=found, age_claimed=15))
    children.add_age_assessment(officer_session, cid, "medical", TODAY, "MUDr. Nováková", 16, 18, "X-ray of the wrist")
    view = children.get_child(officer_session, cid)
    assert view.assessments[0].method == "medical" and (view.assessments[0].age_min, view.assessments[0].age_max) == (16, 18)
    assert (view.age.low, view.age.high) == (16, 18) and view.age.presumed_minor
    assert (view.age_min, view.age_max) == (15, 17)  # stored as of the day found, a year earlier
    with pytest.raises(ValidationError) as err:
        children.add_age_assessment(officer_session, cid, "medical", TODAY, "", 18, 16)
    assert err.value.field == "age_max"
    with pytest.raises(ValidationError) as err:
        children.add_age_assessment(officer_session, cid, "guess", TODAY, "", 14, 16)
    assert err.value.field == "method"


def test_supervisor_can_delete_a_child_with_a_dismissed_pair(officer_session, admin_session, db_path):
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity
    from tests.conftest import OFFICER_PASSWORD

    admin, _ = admin_session
    identity.create_user(admin, "boss", "Vedoucí", Role.SUPERVISOR, OFFICER_PASSWORD)
    a = children.register_child(officer_session, child_form("Oleksandr", "Shevchenko", "M", birth_year=2010))
    b = children.register_child(officer_session, child_form("Oleksandr", "Shevchenko", "M", birth_year=2010))
    children.dismiss_pair(officer_session, a, b)
    sup = identity.login(db_path, "boss", OFFICER_PASSWORD)
    try:
        children.delete_child(sup, b)
        assert children.child_ids(sup, ListFilter(case_status=None)) == [a]
    finally:
        sup.close()
