"""The policy as data the administrator edits: revision, round trip, and errors naming the field by path and label."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.core.policy import PolicyError, default_policy, load_policy, parse_policy, policy_to_data
from ospod_desktop.core.policy_fields import NUMBERS, field_label
from ospod_desktop.paths import resource


def _doc():
    return json.loads(resource("policy", "deadlines.json").read_text(encoding="utf-8"))


def _set(doc, path, value):
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


def test_the_shipped_file_is_revision_1_and_a_file_without_one_too():
    assert load_policy().revision == 1
    doc = _doc()
    del doc["revision"]
    assert parse_policy(doc).revision == 1
    assert parse_policy(_set(_doc(), ("revision",), 7)).revision == 7


@pytest.mark.parametrize("bad", [0, -1, "2", True, None])
def test_a_bad_revision_is_refused(bad):
    with pytest.raises(PolicyError) as err:
        parse_policy(_set(_doc(), ("revision",), bad))
    assert err.value.key == "revision"


def test_policy_to_data_round_trips():
    p = default_policy()
    data = policy_to_data(p)
    assert parse_policy(data) == p
    assert parse_policy(json.loads(json.dumps(data))) == p  # and through JSON text
    changed = parse_policy(_set(policy_to_data(p), ("visits", "by_setting", "relatives", "steps"),
                                [{"until_month": 3, "every_months": 1}, {"until_month": 12, "every_months": 2},
                                 {"every_months": 4}]))
    changed = replace(changed, revision=5)
    assert parse_policy(policy_to_data(changed)) == changed
    assert changed.visit_interval_months("relatives", 4) == 2


def test_every_number_of_the_file_is_in_the_table_and_written_back():
    data = policy_to_data(default_policy())
    for n in NUMBERS:
        node = data
        for part in n.path.split("."):
            node = node[part]
        assert set(node) == {"value", "basis", "kind"}, n.path
    assert data["missing"]["inform_within_hours"]["line_116000"]["value"] is None
    assert data["guardian"]["asylum_representative_from"] == "2026-06-12"
    assert data["zdvop"]["sum_earlier_stays"] == {"value": True, "basis": "office practice", "kind": "practice"}


@pytest.mark.parametrize("path, value, key, label, words", [
    (("visits", "by_setting", "foster_family", "steps", 1, "every_months"), 0,
     "visits.by_setting.foster_family.steps[1].every_months",
     "Supervision visits: Foster family, step 2: every (months)", "from 1 to 120"),
    (("visits", "default", "steps", 0, "every_months"), 0, "visits.default.steps[0].every_months",
     "Supervision visits: any other setting, step 1: every (months)", "from 1 to 120"),
    (("visits", "by_setting", "relatives", "steps"), [{"until_month": 6, "every_months": 3},
                                                      {"until_month": 6, "every_months": 4}, {"every_months": 6}],
     "visits.by_setting.relatives.steps[1].until_month", "Supervision visits: Relatives, step 2: until month",
     "later than the step before"),
    (("visits", "by_setting", "relatives", "steps"), [{"until_month": 9, "every_months": 3},
                                                      {"until_month": 6, "every_months": 4}, {"every_months": 6}],
     "visits.by_setting.relatives.steps[1].until_month", "Relatives, step 2", "later than the step before"),
    (("visits", "by_setting", "relatives", "steps"), [], "visits.by_setting.relatives.steps",
     "Supervision visits: Relatives", "at least one step"),
    (("zdvop", "total_stay_months", "value"), 0, "zdvop.total_stay_months.value", "ZDVOP: total stay",
     "from 1 to 120"),
    (("zdvop", "total_stay_months", "basis"), " ", "zdvop.total_stay_months.basis", "ZDVOP: total stay",
     "basis"),
    (("ipod", "months", "kind"), "custom", "ipod.months.kind", "Individual protection plan (IPOD)", "“law”"),
    (("missing", "inform_within_hours", "officer", "value"), -1, "missing.inform_within_hours.officer.value",
     "Missing child: inform Responsible OSPOD officer within", "from 0 to 336"),
    (("guardian", "asylum_representative_from"), "12. 6. 2026", "guardian.asylum_representative_from",
     "Asylum representative deadline applies from", "YYYY-MM-DD"),
    (("zdvop", "sum_earlier_stays", "value"), "yes", "zdvop.sum_earlier_stays.value",
     "ZDVOP: count earlier stays into the total", "true or false"),
    (("turns_18", "planning_months", "value"), 230, "turns_18.planning_months", "Release planning", "must be at most"),
])  # fmt: skip
def test_an_error_names_the_field_by_path_and_label(path, value, key, label, words):
    with pytest.raises(PolicyError) as err:
        parse_policy(_set(copy.deepcopy(_doc()), path, value))
    message = err.value.message
    assert err.value.key == key and err.value.field == key
    assert key in message and label in message and words in message


def test_a_zero_interval_is_named_in_czech():
    doc = _set(_doc(), ("visits", "by_setting", "foster_family", "steps", 0, "every_months"), 0)
    i18n.set_language("cs")
    with pytest.raises(PolicyError) as err:
        parse_policy(doc)
    message = err.value.message
    assert "visits.by_setting.foster_family.steps[0].every_months" in message
    assert "Pěstounská péče" in message and "krok 1" in message and "od 1 do 120" in message
    assert field_label("zdvop.total_stay_months.value") == "ZDVOP: celková doba pobytu"


def test_a_label_for_an_unknown_key_is_the_key():
    assert field_label("nonsense.key") == "nonsense.key"
