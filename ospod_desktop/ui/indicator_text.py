"""How an outcome of the trafficking indicators looks on screen (shared by the pages and the dialogs): one set of
colours for the badge in texts and the outcome panel's box. A code's label is `core.indicators.codes.label`."""

from __future__ import annotations

import html

from ospod_desktop.core.indicators.codes import label

# background, text, border
OUTCOME_COLOURS = {"presumed_victim": ("#ffcdd2", "#7f0000", "#e57373"), "concern": ("#fff3cd", "#5d4200", "#e0b000"),
                   "no_indication": ("#e8f5e9", "#1b5e20", "#81c784")}


def outcome_badge(outcome: str | None) -> str:
    """An outcome as a coloured badge (HTML)."""
    if not outcome:
        return "—"
    bg, fg, _border = OUTCOME_COLOURS.get(outcome, ("#eeeeee", "#333333", ""))
    return (f'<span style="background:{bg}; color:{fg}; font-weight:bold;">&nbsp;'
            f'{html.escape(label("outcome", outcome))}&nbsp;</span>')


def outcome_box_style(outcome: str) -> str:
    """The style sheet of a box that shows an outcome (the outcome panel's headline)."""
    colours = OUTCOME_COLOURS.get(outcome)
    box = f"background: {colours[0]}; color: {colours[1]}; border: 1px solid {colours[2]};" if colours else ""
    return box + " border-radius: 3px; padding: 6px;"
