"""Codes of supervision visits (where, what kind), with their translated labels (shared by UI and services)."""

from __future__ import annotations

from ospod_desktop.core.i18n import N_

# Where OSPOD saw (or tried to see) the child.
VISIT_PLACES = {
    "facility": N_("Facility"),
    "home": N_("Home"),
    "school": N_("School"),
    "other": N_("Other place"),
}
# What kind of visit it was.
VISIT_KINDS = {
    "planned": N_("Planned"),
    "unannounced": N_("Unannounced"),
    "after_return": N_("After a return"),
}
