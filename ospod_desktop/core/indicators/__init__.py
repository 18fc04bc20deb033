"""Child-trafficking indicators: the catalogue as data, checked, and an explainable engine over the answers.

Pure Python (no Qt, no storage). A catalogue (`resources/indicators/*.json`, schema beside it) holds
dimensions, indicators and the rules; `evaluate` gives a `Result` with its reasons and what unknown answers
could change; `check_finish` says what finishing an assessment needs.
"""

from __future__ import annotations

from ospod_desktop.core.indicators import codes
from ospod_desktop.core.indicators.answers import AnswerChange, AnswerInput, diff_answers
from ospod_desktop.core.indicators.check import FILE_MAX, check_catalogue, check_catalogue_text
from ospod_desktop.core.indicators.engine import DimensionResult, Possibility, Result, answer_values, evaluate
from ospod_desktop.core.indicators.explain import describe_rule
from ospod_desktop.core.indicators.finish import check_finish
from ospod_desktop.core.indicators.load import (
    default_catalogue,
    default_catalogue_text,
    load_catalogue,
    parse_catalogue,
)
from ospod_desktop.core.indicators.model import (
    Catalogue,
    CatalogueError,
    Cond,
    Dimension,
    DimensionRule,
    Indicator,
    Localized,
    OutcomeRule,
    Problem,
)

__all__ = [
    "FILE_MAX", "AnswerChange", "AnswerInput", "Catalogue", "CatalogueError", "Cond", "Dimension", "DimensionResult",
    "DimensionRule", "Indicator", "Localized", "OutcomeRule", "Possibility", "Problem", "Result", "answer_values",
    "check_catalogue", "check_catalogue_text", "check_finish", "codes", "default_catalogue",
    "default_catalogue_text", "describe_rule", "diff_answers", "evaluate", "load_catalogue", "parse_catalogue",
]
