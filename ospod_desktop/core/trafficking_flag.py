"""The child's trafficking flag (`child.trafficking_flag`): what the case list shows without a join (pure).

"" none, "concern", "presumed_victim" (the latest finished or approved assessment concludes so), "identified" (the
police identified the child as a victim: a `victim_event` of kind identified; it outranks any assessment).
A draft or a returned assessment sets nothing: only a conclusion the officer stands by counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from ospod_desktop.core.i18n import N_, _

FLAGS = {
    "concern": N_("Trafficking concern"),
    "presumed_victim": N_("Presumed victim of trafficking"),
    "identified": N_("Identified victim of trafficking"),
}
COUNTING_STATUSES = ("finished", "approved")  # an assessment whose conclusion sets the flag


def flag_of(latest_conclusion: str | None, event_kinds: Iterable[str]) -> str:
    """The flag from the latest counting assessment's conclusion and the kinds of the child's victim events."""
    if "identified" in set(event_kinds):
        return "identified"
    if latest_conclusion in ("concern", "presumed_victim"):
        return latest_conclusion
    return ""


def flag_label(flag: str) -> str:
    """The translated flag ("" for none)."""
    return _(FLAGS[flag]) if flag in FLAGS else ""
