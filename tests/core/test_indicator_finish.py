"""Finishing an assessment (conclusion, forms, reasoning), the codes' labels and the answer differences."""

from __future__ import annotations

import pytest

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.indicators import AnswerChange, AnswerInput, check_finish, codes, diff_answers

# (engine outcome, conclusion, forms, reasoning, the field named, or None: it may be finished)
FINISH = [
    ("concern", None, ["labour"], "", "conclusion"),
    ("concern", "", ["labour"], "", "conclusion"),
    ("concern", "victim", ["labour"], "", "conclusion"),
    ("concern", "concern", [], "", "forms"),
    ("presumed_victim", "presumed_victim", [], "", "forms"),
    ("concern", "concern", ["labour", "slavery"], "", "forms"),
    ("concern", "concern", ["labour", "labour"], "", "forms"),
    ("no_indication", "concern", ["begging"], "", "reasoning"),
    ("no_indication", "concern", ["begging"], "   ", "reasoning"),
    ("presumed_victim", "no_indication", [], "", "reasoning"),
    ("concern", "concern", ["labour"], "", None),
    ("no_indication", "no_indication", [], "", None),
    ("no_indication", "no_indication", ["other"], "", None),
    ("concern", "presumed_victim", ["sexual", "criminal"], "The child described the debt.", None),
    ("presumed_victim", "no_indication", [], "The police established the adult is a parent.", None),
]


@pytest.mark.parametrize(("engine", "conclusion", "forms", "reasoning", "field"), FINISH)
def test_check_finish(engine, conclusion, forms, reasoning, field):
    if field is None:
        check_finish(engine, conclusion, forms, reasoning)
        return
    with pytest.raises(ValidationError) as info:
        check_finish(engine, conclusion, forms, reasoning)
    assert info.value.field == field
    assert info.value.message


def test_finish_messages_are_czech():
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    with pytest.raises(ValidationError) as info:
        check_finish("concern", None, [], "")
    assert info.value.message == "Zapište svůj závěr."


def test_labels():
    from ospod_desktop.core import i18n

    assert codes.label("outcome", "presumed_victim") == "Presumed victim"
    assert codes.label("conclusion", "no_indication") == "No concern"
    assert codes.label("answer", "unknown") == "Not known"
    assert codes.label("outcome", "nonsense") == "nonsense"
    i18n.set_language("cs")
    assert codes.label("outcome", "presumed_victim") == "Předpokládaná oběť"
    assert codes.label("form", "begging") == "Nucené žebrání"
    for name, values in codes.CODES.items():
        for code in values:
            assert codes.label(name, code) != code, (name, code)


def test_code_lists():
    assert codes.OUTCOMES == ("no_indication", "concern", "presumed_victim")
    assert codes.CONCLUSIONS == codes.OUTCOMES
    assert [codes.rank(o) for o in codes.OUTCOMES] == [0, 1, 2]
    assert set(codes.LABELS) == set(codes.CODES)


def test_diff_answers():
    before = {"a": "present", "b": "absent", "c": AnswerInput("unknown", "asked")}
    after = {"a": AnswerInput("present", "note changed"), "b": "present", "d": "absent", "e": "unknown"}
    assert diff_answers(before, after) == (AnswerChange("b", "absent", "present"),
                                           AnswerChange("d", "unknown", "absent"))
    assert diff_answers({}, {}) == ()
    assert diff_answers({"x": "present"}, {}) == (AnswerChange("x", "present", "unknown"),)


def test_answer_input_defaults():
    assert AnswerInput("present") == AnswerInput("present", "", "")
