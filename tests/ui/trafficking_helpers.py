"""Trafficking-indicator assessments made through the services for the UI tests: answer sets that give each outcome
of the catalogue in use (found with the engine, so they follow the shipped catalogue), and a finished assessment."""

from __future__ import annotations

from ospod_desktop.core.indicators import AnswerInput, evaluate
from ospod_desktop.services import trafficking

FORMS = {"no_indication": (), "concern": ("labour",), "presumed_victim": ("criminal", "begging")}


def answers_for(catalogue, outcome: str) -> dict[str, str]:
    """Answers giving `outcome`: every indicator absent; present all (presumed victim); or the first single
    indicator that alone gives a concern."""
    ids = [i.id for i in catalogue.indicators]
    if outcome == "no_indication":
        return dict.fromkeys(ids, "absent")
    if outcome == "presumed_victim":
        answers = dict.fromkeys(ids, "present")
        assert evaluate(catalogue, answers).outcome == "presumed_victim"
        return answers
    for indicator_id in ids:
        answers = {**dict.fromkeys(ids, "absent"), indicator_id: "present"}
        if evaluate(catalogue, answers).outcome == outcome:
            return answers
    raise AssertionError(f"no single indicator gives {outcome}")


def finished(us, child_id: int, outcome: str, conclusion: str | None = None, reasoning: str = "") -> object:
    """A finished assessment of `child_id` whose answers give `outcome`; the officer concludes `conclusion`
    (default: the same)."""
    view = trafficking.start_assessment(us, child_id)
    catalogue = trafficking.catalogue_in_use(us).catalogue
    answers = {k: AnswerInput(v, note="Podle výpovědi dítěte" if v == "present" else "",
                              source="child_account" if v == "present" else "")
               for k, v in answers_for(catalogue, outcome).items()}
    conclusion = conclusion or outcome
    reasoning = reasoning or ("" if conclusion == outcome else "Úsudek pracovníka se liší od výsledku.")
    return trafficking.finish_assessment(us, view.id, answers, conclusion, FORMS[conclusion] if conclusion in FORMS
                                         else ("other",), reasoning or "Odůvodnění závěru.")
