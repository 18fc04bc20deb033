"""One child's page: identity header with photo and the presumed-minor note (`child_header`), sections, history,
timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name, language_name
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children, identity
from ospod_desktop.ui.changes import Changes, Kind, subscribe
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.fit import scroll_page
from ospod_desktop.ui.flow_layout import wrap_row
from ospod_desktop.ui.format import format_date, format_datetime
from ospod_desktop.ui.forms.ui_child_page import Ui_ChildPage
from ospod_desktop.ui.pages.child_actions import ChildActions
from ospod_desktop.ui.pages.child_care import add_care_tab
from ospod_desktop.ui.pages.child_documents import add_documents_tab
from ospod_desktop.ui.pages.child_header import display_name, fill_header
from ospod_desktop.ui.pages.child_indicators import add_indicators_tab
from ospod_desktop.ui.pages.child_missing import fill_missing_tab
from ospod_desktop.ui.pages.child_placements import fill_missing_banner, fill_placements
from ospod_desktop.ui.pages.child_text import (
    LRM,
    entry_label,
    facts_html,
    field_label,
    history_values,
    shown,
    timeline,
    who,
)  # fmt: skip
from ospod_desktop.ui.pages.child_visits import VisitsPanel
from ospod_desktop.ui.pages.indicator_extras import add_review_extras
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

MINOR_STYLE = "background: #fff3cd; color: #5d4200; border: 1px solid #e0b000; border-radius: 3px; padding: 4px;"
# The rows each table keeps however small the window (the page scrolls instead); two tables share a tab.
MIN_TABLE_ROWS = {"placements_table": 2, "deadlines_table": 2, "episodes_table": 3, "family_table": 3,
                  "assessments_table": 3, "documents_table": 3, "history_table": 5, "timeline_table": 5}
MIN_TEXT_LINES = 4
NARROW_COLUMN = 220  # the widest a history or timeline column gets beside the columns that wrap


def _load(us, child_id: int):
    """On a worker: the audited read of the record and its photo, and the names of the people in its history."""
    view = children.get_child(us, child_id)
    photo = children.get_photo(us, child_id) if view.has_photo else None
    ids = {h.user_id for h in view.history if h.user_id is not None}
    if view.responsible_officer_id:
        ids.add(view.responsible_officer_id)
    return view, photo, identity.user_names(us, ids)


class ChildPage(ChildActions, QWidget):
    """One child's record; it reloads itself after a change to this child announced anywhere (`ui.changes`):
    at once while on screen, else when shown again."""

    title_changed = Signal(str)
    open_child_requested = Signal(int)

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChildPage()
        self.ui.setupUi(self)
        self.us, self.child_id = us, child_id
        self.view = None
        self.photo: bytes | None = None
        self.names: dict[int, str] = {}
        self.dialog: QWidget | None = None
        self._stale = False
        ui = self.ui
        enlarge(ui.name_label, 1.5)
        ui.minor_label.setStyleSheet(MINOR_STYLE)
        for label in (ui.name_label, ui.original_name_label, ui.mark_label, ui.wishes_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        ui.minor_label.hide()
        ui.missing_label.hide()
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.badges_label.linkActivated.connect(self._link)
        ui.edit_button.clicked.connect(self.edit)
        ui.assessment_button.clicked.connect(self.add_assessment)
        ui.add_assessment_button.clicked.connect(self.add_assessment)
        ui.reload_button.clicked.connect(self.reload)
        self._setup_actions()
        self.care_tab = add_care_tab(ui.section_tabs, us, child_id, before=ui.assessments_tab)
        self.indicators_tab = add_indicators_tab(ui.section_tabs, us, child_id, before=ui.assessments_tab)
        if self.indicators_tab is not None:
            add_review_extras(self.indicators_tab)  # Compare… and the later events (police, assistance)
        self.documents_tab = add_documents_tab(ui.section_tabs, us, child_id, before=ui.history_tab)
        writer = us.actor.role in (Role.OFFICER, Role.SUPERVISOR)
        for button in (ui.edit_button, ui.assessment_button, ui.add_assessment_button):
            button.setVisible(writer)
            button.setEnabled(False)
        ui.deadlines_table.setWordWrap(True)
        # Long texts (places, legal bases, who was told) wrap; dates and durations keep their width.
        stretch_columns(ui.placements_table, 0, 1, 4, 5)
        stretch_columns(ui.episodes_table, 2, 3, 4)
        for table in (ui.family_table, ui.assessments_table, ui.documents_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            table.setWordWrap(True)
        stretch_columns(ui.history_table, 3, 4)  # the old and new values share the width and wrap
        stretch_columns(ui.timeline_table, 1)  # what happened wraps; who did it stays on screen
        for table in self._tables():
            RowsFollowWidth(table)
        wrap_row(ui.placement_buttons, keep_right=2)  # a narrow window wraps the buttons instead of cutting them
        wrap_row(ui.missing_buttons, keep_right=1)
        # On a small screen the list of episodes keeps more room than the details of the chosen one.
        ui.missing_layout.setStretch(ui.missing_layout.indexOf(ui.episodes_table), 3)
        ui.missing_layout.setStretch(ui.missing_layout.indexOf(ui.episode_text), 2)
        # A small window scrolls the page rather than squeezing the header into the tables.
        for table, rows in MIN_TABLE_ROWS.items():
            keep_rows(getattr(ui, table), rows)
        lines = ui.identity_text.fontMetrics().lineSpacing()
        for text in (ui.identity_text, ui.intake_text, ui.episode_text):
            text.setMinimumHeight(MIN_TEXT_LINES * lines)
        self.visits_panel = self._visits_tab(writer)
        self.scroll_area = scroll_page(self)
        subscribe(self._on_changes)

    def _visits_tab(self, writer: bool) -> VisitsPanel | None:
        """Officers and supervisors get the Visits tab; facility staff (and administrators) never see visits."""
        ui = self.ui
        if not writer:
            ui.section_tabs.removeTab(ui.section_tabs.indexOf(ui.visits_tab))
            return None
        panel = VisitsPanel(self, ui.visits_label)
        ui.visits_layout.removeItem(ui.visits_spacer)
        ui.visits_layout.addWidget(panel, 1)
        return panel

    def show_section(self, section: str) -> None:
        """Bring a tab to the front: "visits", "care" (guardian and plan), "indicators" or "trafficking", "placements",
        "missing", "documents" (issued) or "overview" (the first tab); one the role does not get shows the overview."""
        ui = self.ui
        tab = {"visits": ui.visits_tab if self.visits_panel is not None else None, "care": self.care_tab,
               "indicators": self.indicators_tab, "trafficking": self.indicators_tab, "placements": ui.placements_tab,
               "missing": ui.missing_tab, "documents": self.documents_tab}.get(section)
        tabs = ui.section_tabs
        index = tabs.indexOf(tab) if tab is not None else -1
        tabs.setCurrentIndex(index if index >= 0 else 0)

    def _tables(self) -> tuple:
        ui = self.ui
        return (ui.family_table, ui.placements_table, ui.deadlines_table, ui.episodes_table, ui.assessments_table,
                ui.documents_table, ui.history_table, ui.timeline_table)

    def _on_changes(self, changes: Changes) -> None:
        if not changes.affects(Kind.CHILD, self.child_id):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # each load is an audited read: only once it is looked at again

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> Task:
        self._stale = False
        self.ui.busy_bar.show()
        if self.visits_panel is not None:
            self.visits_panel.reload()
        us, child_id = self.us, self.child_id
        return Task(self, lambda: _load(us, child_id)).success(self._loaded).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.ui.busy_bar.hide()
        show_label_error(self.ui.error_label, exc)

    def _loaded(self, result) -> None:
        self.view, self.photo, self.names = result
        ui, view = self.ui, self.view
        ui.busy_bar.hide()
        show_label_error(ui.error_label, "")
        for button in (ui.edit_button, ui.assessment_button, ui.add_assessment_button):
            button.setEnabled(view.merged_into_id is None)
        fill_header(ui, view, self.photo)
        self._sections(view)
        self._identity(view)
        self._intake(view)
        self._family(view)
        self._assessments(view)
        self._documents(view)
        self._history(view)
        self._timeline(view)
        fill_placements(ui, view)
        fill_missing_banner(ui.missing_label, view)
        fill_missing_tab(ui, view)
        if self.visits_panel is not None:
            self.visits_panel.active = view.merged_into_id is None
            self.visits_panel.update_buttons()
        self._update_actions(view)
        self.title_changed.emit(display_name(view))

    # --- header ----------------------------------------------------------------------------------

    def _link(self, link: str) -> None:
        if link.startswith("child:"):
            self.open_child_requested.emit(int(link.split(":", 1)[1]))

    # --- sections --------------------------------------------------------------------------------

    def _sections(self, view) -> None:
        """A tab with nothing the user's role may see (family, assessments for facility staff) is not shown."""
        tabs = self.ui.section_tabs
        for tab, fields in ((self.ui.family_tab, ("family", "wishes")), (self.ui.assessments_tab, ("assessments",))):
            tabs.setTabVisible(tabs.indexOf(tab), not set(fields) <= view.withheld)

    def _identity(self, view) -> None:
        names = lambda codes, fn: ", ".join(fn(c) for c in codes)  # noqa: E731
        rows: list[tuple[str, str | None]] = [
            (field_label("given_names"), view.given_names), (field_label("family_names"), view.family_names),
            (field_label("original_script_name"), view.original_script_name),
            (field_label("aliases"), ", ".join(map(isolate, view.aliases))),
            (field_label("description"), view.description),
            (field_label("sex"), R.label(R.SEXES, view.sex)),
            (field_label("birth_date"), format_date(view.birth_date)),
            (field_label("birth_year"), str(view.birth_year or "")),
            (_("Estimated age"), f"{view.age_min if view.age_min is not None else '?'}–"
                                 f"{view.age_max if view.age_max is not None else '?'}"
             if view.age_min is not None or view.age_max is not None else ""),
            (field_label("age_claimed"), "" if view.age_claimed is None else str(view.age_claimed)),
            (field_label("age_document"), "" if view.age_document is None else str(view.age_document)),
            (field_label("status"), R.label(R.STATUSES, view.status)),
        ]
        if view.status == "separated":
            rows += shown(view, [(f, field_label(f), getattr(view, f)) for f in
                                 ("companion_name", "companion_relationship", "companion_document", "companion_contact")])
        rows += [
            (field_label("nationalities"), names(view.nationalities, country_name) or _("unknown")),
            (field_label("languages"), names(view.languages, language_name)),
            (field_label("interpreter_language"), language_name(view.interpreter_language) if view.interpreter_language else ""),
            (field_label("responsible_officer_id"), who(view.responsible_officer_id, self.names)),
            (field_label("case_status"), R.label(R.CASE_STATUSES, view.case_status)
             + (f" — {R.label(R.CLOSE_REASONS, view.close_reason)}, {format_date(view.closed_on)}"
                if view.case_status == "closed" else "")),
        ]
        rows += shown(view, [("notes", field_label("notes"), view.notes)])
        self.ui.identity_text.setHtml(facts_html(rows))

    def _intake(self, view) -> None:
        rows = shown(view, [
            ("found_on", _("Date and time found"),
             format_date(view.found_on) + (f" {view.found_time}" if view.found_time else "")),
            ("found_place", field_label("found_place"), view.found_place),
            ("channel", field_label("channel"), R.label(R.CHANNELS, view.channel) if view.channel else ""),
            *((f, field_label(f), getattr(view, f)) for f in ("reporter_agency", "reporter_person",
                                                              "reporter_reference", "reference")),
            ("urgency", field_label("urgency"), R.label(R.URGENCIES, view.urgency) if view.urgency else ""),
            ("urgency_reason", field_label("urgency_reason"), view.urgency_reason),
            ("created_at", _("Registered on"), format_datetime(view.created_at, "")),
        ])
        self.ui.intake_text.setHtml(facts_html(rows))

    def _family(self, view) -> None:
        fill_table(self.ui.family_table, [[f.relationship, f.name, f.location, f.phone, R.label(R.ALIVE, f.alive), f.notes]
                                     for f in view.family or ()])  # None: withheld (the tab is hidden)
        self.ui.wishes_label.setText(LRM + (view.wishes or "—"))

    def _assessments(self, view) -> None:
        fill_table(self.ui.assessments_table, [
            [format_date(a.assessed_on), R.label(R.ASSESSMENT_METHODS, a.method), a.assessor,
             f"{a.age_min}–{a.age_max}", a.notes] for a in view.assessments])

    def _documents(self, view) -> None:
        rows = shown(view, [(f, field_label(f), getattr(view, f)) for f in (
            "birth_number", "police_reference", "asylum_reference", "case_mark", "reference")])
        if "agency_references" in view.withheld:  # the documents table lists the identity documents only
            rows.append((R.label(R.IDENTIFIER_KINDS, "agency"), None))
        self.ui.documents_text.setHtml(facts_html(rows))
        fill_table(self.ui.documents_table, [[R.label(R.IDENTIFIER_KINDS, i.kind), i.number,
                                         country_name(i.country) if i.country else "", i.issuer]
                                        for i in view.identifiers])

    def _history(self, view) -> None:
        rows = [[format_datetime(h.ts, ""), who(h.user_id, self.names), entry_label(h.entry),
                 *history_values(h.entry, self.names)]
                for h in reversed(view.history)]  # newest first
        fill_table(self.ui.history_table, rows, NARROW_COLUMN)

    def _timeline(self, view) -> None:
        fill_table(self.ui.timeline_table, [[e.when, e.what, e.who] for e in timeline(view, self.names)],
                   NARROW_COLUMN)

    # --- actions ---------------------------------------------------------------------------------

    def edit(self):
        from ospod_desktop.ui.dialogs.child_dialog import ChildDialog

        if self.view is None:
            return None
        return self._open(ChildDialog(self.us, self.view, self.photo, parent=self))

    def add_assessment(self):
        from ospod_desktop.ui.dialogs.age_assessment_dialog import AgeAssessmentDialog

        if self.view is None:
            return None
        return self._open(AgeAssessmentDialog(self.us, self.child_id, display_name(self.view), parent=self))

    def display_name(self) -> str:
        return display_name(self.view) if self.view is not None else ""
