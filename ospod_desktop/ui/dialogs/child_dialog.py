"""Register a child or edit a registration; before a new child is saved, likely matches are listed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.ages import age_info
from ospod_desktop.core.child_form import ChildForm, FamilyInput, IdentifierInput, validate
from ospod_desktop.core.countries import countries, languages
from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, for_sex, pgettext
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity
from ospod_desktop.ui.changes import Changes
from ospod_desktop.ui.dialogs.child_fields import (
    CodeList,
    RowsTable,
    downscale_photo,
    fill_combo,
    get_date,
    get_number,
    make_optional_date,
    optional_spin,
    select_data,
    set_date,
    set_number,
    tab_of,
)
from ospod_desktop.ui.dialogs.child_matches import LikelyMatches
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.fit import scroll_tabs
from ospod_desktop.ui.forms.ui_child_dialog import Ui_ChildDialog
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import focus_field, set_busy

_UNCHANGED = object()
TEXT_FIELDS = ("given_names", "family_names", "original_script_name", "aliases", "description", "companion_name",
               "companion_relationship", "companion_document", "companion_contact", "found_time", "found_place",
               "reporter_agency", "reporter_person", "reporter_reference", "reference", "urgency_reason",
               "birth_number", "police_reference", "asylum_reference", "case_mark", "wishes", "notes")
HIGHLIGHT = "border: 2px solid #b00020;"


def _choices(codes: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, R.label(codes, code)) for code in codes]


def _text(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()  # type: ignore[attr-defined]


def _save_new(us, form: ChildForm, photo: bytes | None, check: bool):
    """Field errors first, then the duplicate check; a list means "show these matches", an int is the new id."""
    if check:
        validate(replace(form, case_mark=""), date.today())  # the office's file-mark format is checked on save
        found = children.find_duplicates(us, form)
        if found:
            return found
    return children.register_child(us, form, photo)


def _save_edit(us, child_id: int, form: ChildForm, photo) -> int:
    children.update_child(us, child_id, form)
    if photo is not _UNCHANGED:
        children.set_photo(us, child_id, photo)
    return child_id


class ChildDialog(LikelyMatches, QDialog):
    """`saved(child_id)` after a save (announced app-wide as a change of that child); `open_existing(child_id)`
    when the officer picks a registered match. The officers to choose from are read on a worker; Save waits."""

    saved = Signal(int)
    open_existing = Signal(int)

    def __init__(self, us, view=None, photo: bytes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChildDialog()
        self.ui.setupUi(self)
        self.us, self.view = us, view
        self.photo: object = _UNCHANGED if view is not None else None
        self.candidates: list = []
        self._highlighted: list[QWidget] = []
        self._loading = False
        ui = self.ui
        self._setup_choices()
        scroll_tabs(ui.form_tabs)  # a small screen scrolls the form, the buttons stay on it
        self._setup_matches()
        ui.error_label.hide()
        ui.busy_bar.hide()
        ui.button_box.accepted.connect(lambda: self.submit())
        ui.button_box.rejected.connect(self.reject)
        ui.save_anyway_button.clicked.connect(lambda: self.submit(check=False))
        ui.status_combo.currentIndexChanged.connect(self._status_changed)
        ui.case_status_combo.currentIndexChanged.connect(self._case_status_changed)
        ui.choose_photo_button.clicked.connect(self.choose_photo)
        ui.remove_photo_button.clicked.connect(lambda: self._set_photo(None))
        for widget in (ui.birth_date_edit, ui.found_on_edit):
            widget.dateChanged.connect(self._update_age_preview)
        for spin in (ui.birth_year_spin, ui.age_min_spin, ui.age_max_spin):
            spin.valueChanged.connect(self._update_age_preview)
        ui.sex_combo.currentIndexChanged.connect(self._update_age_preview)  # the Czech agrees with the child
        self.fields = self._field_widgets()
        self._wanted_officer: int | None = None  # selected once the officers are in
        if view is None:
            self.setWindowTitle(_("Register a child"))
            set_date(ui.found_on_edit, date.today())
            if us.actor.role in (Role.OFFICER, Role.SUPERVISOR):
                self._wanted_officer = us.actor.user_id
        else:
            self._wanted_officer = view.form.responsible_officer_id
            self.setWindowTitle(_("Edit the registration"))
            self.load(view.form)
            self._show_photo(photo)
        self._status_changed()
        self._case_status_changed()
        self._update_age_preview()
        ui.form_tabs.setCurrentIndex(0)
        ui.given_names_edit.setFocus()
        if us.actor.role in (Role.OFFICER, Role.SUPERVISOR):
            self._load_officers()

    def _load_officers(self) -> Task:
        """The officers to assign, read on a worker; until they are in, Save waits (the choice would be lost)."""
        self._loading = True
        self._busy(True, loading=True)
        us = self.us
        return Task(self, lambda: identity.list_officers(us)).success(self._officers_loaded).failure(
            self._officers_failed).run()

    def _officers_loaded(self, officers: list[tuple[int, str]]) -> None:
        fill_combo(self.ui.officer_combo, [(None, _("(not assigned)"))] + [(i, n) for i, n in officers], None)
        select_data(self.ui.officer_combo, self._wanted_officer)
        self._loading = False
        self._busy(False, loading=True)

    def _officers_failed(self, exc: BaseException) -> None:
        self.ui.busy_bar.hide()  # Save stays disabled: the officer would be lost
        show_label_error(self.ui.error_label, exc)

    def _setup_choices(self) -> None:
        ui = self.ui
        fill_combo(ui.sex_combo, _choices(R.SEXES), "U")
        fill_combo(ui.status_combo, _choices(R.STATUSES), "unaccompanied")
        fill_combo(ui.channel_combo, [("", "")] + _choices(R.CHANNELS), "")
        fill_combo(ui.urgency_combo, _choices(R.URGENCIES), "standard")
        fill_combo(ui.case_status_combo, _choices(R.CASE_STATUSES), "open")
        fill_combo(ui.close_reason_combo, [("", "")] + _choices(R.CLOSE_REASONS), "")
        fill_combo(ui.officer_combo, [(None, _("(not assigned)"))], None)
        country_items, language_items = countries(), languages()
        self.nationalities = CodeList(ui.nationality_combo, ui.nationality_add_button, ui.nationality_list,
                                      ui.nationality_remove_button, country_items)
        self.languages = CodeList(ui.language_combo, ui.language_add_button, ui.language_list,
                                  ui.language_remove_button, language_items)
        fill_combo(ui.interpreter_combo, [("", _("(none)"))] + language_items, "")
        self.documents = RowsTable(ui.documents_table, ui.add_document_button, ui.remove_document_button,
                                   {0: _choices(R.IDENTIFIER_KINDS), 2: [("", "")] + country_items}, {0: "passport"})
        self.family = RowsTable(ui.family_table, ui.add_family_button, ui.remove_family_button,
                                {4: _choices(R.ALIVE)}, {4: "unknown"})
        make_optional_date(ui.birth_date_edit)
        make_optional_date(ui.found_on_edit)
        make_optional_date(ui.closed_on_edit)
        this_year = date.today().year
        optional_spin(ui.birth_year_spin, this_year - 30, this_year + 5)
        for spin in (ui.age_min_spin, ui.age_max_spin, ui.age_claimed_spin, ui.age_document_spin):
            optional_spin(spin, 0, 30)
        ui.found_time_edit.setInputMask("")

    def _field_widgets(self) -> dict[str, QWidget]:
        ui = self.ui
        fields: dict[str, QWidget] = {n: getattr(ui, f"{n}_edit") for n in TEXT_FIELDS}
        fields.update(
            sex=ui.sex_combo, status=ui.status_combo, channel=ui.channel_combo, urgency=ui.urgency_combo,
            birth_date=ui.birth_date_edit, found_on=ui.found_on_edit, closed_on=ui.closed_on_edit,
            birth_year=ui.birth_year_spin, age_min=ui.age_min_spin, age_max=ui.age_max_spin,
            age_claimed=ui.age_claimed_spin, age_document=ui.age_document_spin,
            nationalities=ui.nationality_combo, languages=ui.language_combo, interpreter_language=ui.interpreter_combo,
            identifiers=ui.documents_table, family=ui.family_table, responsible_officer_id=ui.officer_combo,
            case_status=ui.case_status_combo, close_reason=ui.close_reason_combo, photo=ui.choose_photo_button,
        )
        return fields

    # --- form <-> widgets ---------------------------------------------------------------------

    def form(self) -> ChildForm:
        """What the widgets hold, as the service's form (the service validates)."""
        ui = self.ui
        text = {name: _text(self.fields[name]) for name in TEXT_FIELDS}
        aliases = tuple(a for a in text.pop("aliases").split("\n") if a.strip())
        closed = ui.case_status_combo.currentData() == "closed"
        return ChildForm(
            **text, aliases=aliases,
            sex=ui.sex_combo.currentData(), status=ui.status_combo.currentData(),
            birth_date=get_date(ui.birth_date_edit), birth_year=get_number(ui.birth_year_spin),
            age_min=get_number(ui.age_min_spin), age_max=get_number(ui.age_max_spin),
            age_claimed=get_number(ui.age_claimed_spin), age_document=get_number(ui.age_document_spin),
            found_on=get_date(ui.found_on_edit), channel=ui.channel_combo.currentData(),
            urgency=ui.urgency_combo.currentData(),
            nationalities=self.nationalities.codes(), languages=self.languages.codes(),
            interpreter_language=ui.interpreter_combo.currentData() or "",
            identifiers=tuple(IdentifierInput(k, n, c, i) for k, n, c, i in self.documents.rows()),
            family=tuple(FamilyInput(r, n, w, p, a, x) for r, n, w, p, a, x in self.family.rows()),
            responsible_officer_id=ui.officer_combo.currentData(), case_status=ui.case_status_combo.currentData(),
            close_reason=(ui.close_reason_combo.currentData() or "") if closed else "",
            closed_on=get_date(ui.closed_on_edit) if closed else None,
        )

    def load(self, form: ChildForm) -> None:
        ui = self.ui
        for name in TEXT_FIELDS:
            widget, value = self.fields[name], getattr(form, name)
            if name == "aliases":
                value = "\n".join(value)
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)  # type: ignore[attr-defined]
        for combo, value in ((ui.sex_combo, form.sex), (ui.status_combo, form.status), (ui.channel_combo, form.channel),
                             (ui.urgency_combo, form.urgency), (ui.case_status_combo, form.case_status),
                             (ui.close_reason_combo, form.close_reason), (ui.interpreter_combo, form.interpreter_language),
                             (ui.officer_combo, form.responsible_officer_id)):
            select_data(combo, value)
        set_date(ui.birth_date_edit, form.birth_date)
        set_date(ui.found_on_edit, form.found_on)
        set_date(ui.closed_on_edit, form.closed_on)
        for spin, value in ((ui.birth_year_spin, None if form.birth_date else form.birth_year),
                            (ui.age_min_spin, form.age_min), (ui.age_max_spin, form.age_max),
                            (ui.age_claimed_spin, form.age_claimed), (ui.age_document_spin, form.age_document)):
            set_number(spin, value)
        self.nationalities.set_codes(form.nationalities)
        self.languages.set_codes(form.languages)
        self.documents.set_rows([[i.kind, i.number, i.country, i.issuer] for i in form.identifiers])
        self.family.set_rows([[f.relationship, f.name, f.location, f.phone, f.alive, f.notes] for f in form.family])

    # --- live hints -----------------------------------------------------------------------------

    def _status_changed(self) -> None:
        self.ui.companion_group.setEnabled(self.ui.status_combo.currentData() == "separated")

    def _case_status_changed(self) -> None:
        closed = self.ui.case_status_combo.currentData() == "closed"
        for widget in (self.ui.close_reason_combo, self.ui.close_reason_label, self.ui.closed_on_edit,
                       self.ui.closed_on_label):
            widget.setEnabled(closed)

    def _update_age_preview(self) -> None:
        ui = self.ui
        info = age_info(date.today(), get_date(ui.birth_date_edit), get_number(ui.birth_year_spin),
                        get_number(ui.age_min_spin), get_number(ui.age_max_spin), get_date(ui.found_on_edit))
        known = info.label != "?" and (info.low is None or info.low >= 0)  # a future date of birth is an error, not an age
        text = _("Age today: {age}").format(age=info.label if known else _("unknown"))
        if info.presumed_minor and not info.exact:
            text += " · " + for_sex(
                ui.sex_combo.currentData(),
                pgettext("girl", "presumed a minor (benefit of the doubt) until the age is established"),
                pgettext("boy", "presumed a minor (benefit of the doubt) until the age is established"),
                _("presumed a minor (benefit of the doubt) until the age is established"))
        ui.age_preview_label.setText(text)

    # --- photo -------------------------------------------------------------------------------

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a photo"), "",
                                                    _("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp)"))
        if path:
            self.load_photo_file(path)

    def load_photo_file(self, path: str) -> Task:
        """Downscale on a worker (a large camera image takes a moment), then preview."""
        return Task(self, lambda: downscale_photo(path)).success(self._set_photo).failure(self._failed).run()

    def _set_photo(self, data: bytes | None) -> None:
        self.photo = data
        self._show_photo(data)

    def _show_photo(self, data: bytes | None) -> None:
        label = self.ui.photo_label
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        else:
            label.clear()
            label.setText(_("No photo"))
        self.ui.remove_photo_button.setEnabled(bool(data))

    # --- saving ------------------------------------------------------------------------------

    def submit(self, check: bool = True) -> Task | None:
        ui = self.ui
        if not ui.button_box.isEnabled() or self._loading:
            return None
        form = self.form()
        self._clear_highlight()
        show_label_error(ui.error_label, "")
        self._busy(True)
        if self.view is None:
            photo = self.photo if isinstance(self.photo, bytes) else None
            task = Task(self, lambda: _save_new(self.us, form, photo, check), busy_cursor=True)
        else:
            child_id, photo_change = self.view.id, self.photo
            task = Task(self, lambda: _save_edit(self.us, child_id, form, photo_change), busy_cursor=True)
        # A list is the likely matches to show: nothing was saved yet.
        task.changes(lambda result: None if isinstance(result, list) else Changes.of(child=int(result)))
        return task.success(self._done).failure(self._failed).run()

    def _busy(self, busy: bool, loading: bool = False) -> None:
        """While saving, nothing that starts another save; while loading the choices, only the saving buttons."""
        ui = self.ui
        if loading:
            set_busy(busy, ui.busy_bar, ui.button_box.button(QDialogButtonBox.StandardButton.Save),
                     ui.save_anyway_button)
        else:
            set_busy(busy, ui.busy_bar, ui.button_box, ui.save_anyway_button, ui.open_existing_button)

    def _done(self, result) -> None:
        self._busy(False)
        if isinstance(result, list):
            self.show_matches(result)
            return
        self.saved.emit(int(result))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_label_error(self.ui.error_label, exc)
        if isinstance(exc, OspodError) and exc.field in self.fields:
            widget = self.fields[exc.field]
            page = tab_of(widget, [self.ui.form_tabs.widget(i) for i in range(self.ui.form_tabs.count())])
            if page is not None:
                self.ui.form_tabs.setCurrentWidget(page)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
            widget.setStyleSheet(HIGHLIGHT)
            self._highlighted.append(widget)
            focus_field(self.fields, exc.field)

    def _clear_highlight(self) -> None:
        for widget in self._highlighted:
            widget.setStyleSheet("")
        self._highlighted = []
