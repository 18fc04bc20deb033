"""How the trafficking-indicator codes read on screen (shared by the pages and the dialogs): a code's translated
label, never an error for an unknown one, and an outcome as a coloured badge."""

from __future__ import annotations

import html

from ospod_desktop.core.indicators import codes

OUTCOME_COLOURS = {"presumed_victim": ("#ffcdd2", "#7f0000"), "concern": ("#ffe0b2", "#5d3200"),
                   "no_indication": ("#e8f5e9", "#1b5e20")}


def label(kind: str, code: str | None) -> str:
    """A code's translated label ("" for none; an unknown code as itself, never an error on screen)."""
    if not code:
        return ""
    try:
        return codes.label(kind, code)
    except (KeyError, ValueError):
        return code


def outcome_badge(outcome: str | None) -> str:
    """An outcome as a coloured badge (HTML)."""
    if not outcome:
        return "—"
    bg, fg = OUTCOME_COLOURS.get(outcome, ("#eeeeee", "#333333"))
    return (f'<span style="background:{bg}; color:{fg}; font-weight:bold;">&nbsp;'
            f'{html.escape(label("outcome", outcome))}&nbsp;</span>')
