"""What finishing an assessment needs: a conclusion, the suspected forms of exploitation when the conclusion
is a concern or a presumed victim, and reasoning when the officer's conclusion differs from the engine's."""

from __future__ import annotations

from collections.abc import Sequence

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.indicators.codes import CONCLUSIONS, FORMS


def check_finish(engine_outcome: str, conclusion: str | None, forms: Sequence[str], reasoning: str) -> None:
    """Raise ValidationError naming `conclusion`, `forms` or `reasoning` when the assessment cannot be finished."""
    if not conclusion:
        raise ValidationError("conclusion", _("Record your conclusion."))
    if conclusion not in CONCLUSIONS:
        raise ValidationError("conclusion", _("Choose no concern, concern or presumed victim."))
    for form in forms:
        if form not in FORMS:
            raise ValidationError("forms", _("“{form}” is not a form of exploitation.").format(form=form))
    if len(set(forms)) != len(forms):
        raise ValidationError("forms", _("A form of exploitation is listed twice."))
    if conclusion != "no_indication" and not forms:
        raise ValidationError("forms", _("Choose at least one form of exploitation you suspect."))
    if conclusion != engine_outcome and not reasoning.strip():
        raise ValidationError("reasoning", _(
            "Explain your reasoning: your conclusion differs from the outcome the indicators give."))
