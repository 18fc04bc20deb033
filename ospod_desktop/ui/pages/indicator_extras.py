"""What the child's "Trafficking indicators" tab gains besides the checklist: "Compare…" beside its buttons (the chosen
assessment against the one before it, `CompareAssessmentsDialog`) and the events after an assessment below its
list (`VictimEventsPanel`). One call wires both: `add_review_extras(tab)`.

`tab` is the indicators tab (`ui.pages.child_indicators.IndicatorsTab`): it has `us`, `child_id`, `assessments`
(newest first), `current()`, `assessment_selected(int)`, `actions_layout` and `extra_layout`."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from ospod_desktop.core.i18n import _
from ospod_desktop.ui.pages.victim_events import VictimEventsPanel, make_victim_events


class ReviewExtras:
    """The compare button and the events panel added to one indicators tab (kept on it as `tab.review_extras`)."""

    def __init__(self, tab) -> None:
        self.tab = tab
        self.dialog = None
        self.compare_button = QPushButton(_("Com&pare…"), tab)
        self.compare_button.setObjectName("compare_assessments_button")
        self.compare_button.setToolTip(_("What changed between two of the child's assessments"))
        self.compare_button.clicked.connect(self.compare)
        layout = tab.actions_layout
        layout.insertWidget(max(0, layout.count() - 1), self.compare_button)  # before the stretch at the end
        self.events: VictimEventsPanel | None = make_victim_events(tab.us, tab.child_id, tab)
        if self.events is not None:
            tab.extra_layout.addWidget(self.events)
        tab.assessment_selected.connect(lambda _id: self.update())
        self.update()

    def update(self) -> None:
        self.compare_button.setEnabled(len(getattr(self.tab, "assessments", ())) >= 2)

    def compare(self):
        """Compare the chosen assessment with the one before it (or the two newest when none is chosen)."""
        from ospod_desktop.ui.dialogs.compare_assessments_dialog import CompareAssessmentsDialog

        views = list(self.tab.assessments)
        chosen = self.tab.current()
        later = chosen.id if chosen is not None else None
        earlier = None
        if chosen is not None and chosen in views and views.index(chosen) + 1 < len(views):
            earlier = views[views.index(chosen) + 1].id
        elif chosen is not None and len(views) >= 2:  # the oldest chosen: compare it with the next one
            earlier, later = chosen.id, views[views.index(chosen) - 1].id if chosen in views else None
        self.dialog = CompareAssessmentsDialog(self.tab.us, self.tab.child_id, earlier, later, parent=self.tab)
        self.dialog.open()
        return self.dialog


def add_review_extras(tab) -> ReviewExtras | None:
    """Add the compare button and the events panel to the indicators tab (None when there is no tab)."""
    if tab is None:
        return None
    tab.review_extras = ReviewExtras(tab)
    return tab.review_extras
