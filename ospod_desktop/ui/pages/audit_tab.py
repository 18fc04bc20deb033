"""The audit viewer (a tab of Administration): the chain newest first, filtered by user, child, action and days,
and a check of the whole chain.

Each filter applied is one audited read (`audit_log.open_view`), so the tab does not reload by itself when
something changes elsewhere: "Apply filter" shows the rows written since. Scrolling reads further blocks on workers
(`ui.models.audit_table`), unaudited: the view was.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHeaderView, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.services import audit_log
from ospod_desktop.services.audit_log import AuditFilter, AuditUser, AuditView, ChainCheck
from ospod_desktop.ui.dialogs.child_fields import date_format
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_number
from ospod_desktop.ui.forms.ui_audit_tab import Ui_AuditTab
from ospod_desktop.ui.models import audit_table as T
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import LoadOnFirstShow, set_busy

OK_STYLE = "color: #1b5e20;"
DEFAULT_DAYS = 30  # the period offered when it is switched on: the last month


def chain_problem(code: str) -> str:
    """`storage.audit.verify`'s problem codes in words."""
    texts = {"missing row": _("a row is missing"), "broken link": _("the link to the previous row is broken"),
             "hash mismatch": _("the row was changed after it was written"),
             "id out of range": _("a row was moved out of the chain's numbering (id 0 or below)")}
    return texts.get(code, code)


class AuditTab(LoadOnFirstShow, QWidget):
    """Filters above a lazy table; the check of the chain below it."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_AuditTab()
        ui.setupUi(self)
        self.us = us
        self.users: list[AuditUser] = []
        self.model = T.AuditTableModel(us, self, self)
        ui.audit_table.setModel(self.model)
        header = ui.audit_table.horizontalHeader()
        for column in (T.NUMBER, T.TIME, T.USER, T.ROLE, T.ACTION, T.RECORD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(T.DETAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((T.NUMBER, 70), (T.TIME, 150), (T.USER, 110), (T.ROLE, 150), (T.ACTION, 150),
                              (T.RECORD, 110)):
            ui.audit_table.setColumnWidth(column, width)
        ui.audit_table.verticalHeader().setDefaultSectionSize(ui.audit_table.fontMetrics().height() + 8)
        ui.child_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,18}"), ui.child_edit))
        ui.child_edit.setPlaceholderText(_("any"))
        today = QDate.currentDate()
        for edit, day in ((ui.since_edit, today.addDays(-DEFAULT_DAYS)), (ui.until_edit, today)):
            edit.setDisplayFormat(date_format())
            edit.setDate(day)
            edit.setMaximumDate(today.addYears(1))
        ui.period_check.toggled.connect(ui.since_edit.setEnabled)
        ui.period_check.toggled.connect(ui.until_edit.setEnabled)
        self._fill_actions()
        ui.user_combo.addItem(_("Everyone"), None)
        ui.apply_button.clicked.connect(self.apply)
        ui.clear_button.clicked.connect(self.show_all)
        ui.child_edit.returnPressed.connect(self.apply)
        ui.verify_button.clicked.connect(self.verify)
        ui.verify_busy_bar.hide()
        ui.verify_label.setText(_("The check reads every row of the chain; it takes a while for a long chain."))

    def _fill_actions(self) -> None:
        combo = self.ui.action_combo
        combo.addItem(_("Any action"), "")
        for label, code in sorted((T.action_label(code), code) for code in audit_log.ACTIONS):
            combo.addItem(label, code)

    # --- the view -------------------------------------------------------------------------------

    def refresh(self) -> Task:
        """First show: the accounts (to name the chain's user ids and filter by them) and the newest rows."""
        us = self.us
        flt = AuditFilter()
        self._busy(True)
        return Task(self, lambda: (audit_log.users(us), audit_log.open_view(us, flt))).success(
            self._first_loaded).failure(self._failed).run()

    def _first_loaded(self, result: tuple[list[AuditUser], AuditView]) -> None:
        users, view = result
        self.users = users
        combo = self.ui.user_combo
        combo.clear()
        combo.addItem(_("Everyone"), None)
        for user in users:
            combo.addItem(f"{user.username} — {user.display_name}", user.id)
        self._shown(view)

    def current_filter(self) -> AuditFilter:
        ui = self.ui
        child = ui.child_edit.text().strip()
        if child and int(child) <= 0:
            raise ValidationError("child_id", _("Record number: enter a whole number greater than zero."))
        since = until = None
        if ui.period_check.isChecked():
            since, until = ui.since_edit.date().toPython(), ui.until_edit.date().toPython()
        return AuditFilter(user_id=ui.user_combo.currentData(), child_id=int(child) if child else None,
                           action=ui.action_combo.currentData() or "", since=since, until=until)

    def apply(self) -> Task | None:
        """Show the rows matching the filter (one audited read)."""
        try:
            flt = self.current_filter()
        except ValidationError as exc:
            self._failed(exc)
            return None
        us = self.us
        self._busy(True)
        return Task(self, lambda: audit_log.open_view(us, flt)).success(self._shown).failure(self._failed).run()

    def show_all(self) -> Task | None:
        ui = self.ui
        ui.user_combo.setCurrentIndex(0)
        ui.action_combo.setCurrentIndex(0)
        ui.child_edit.clear()
        ui.period_check.setChecked(False)
        return self.apply()

    def _shown(self, view: AuditView) -> None:
        self._busy(False)
        self.model.set_view(view, self.users)
        label = self.ui.count_label
        label.setStyleSheet("")
        label.setText(ngettext("{n} row", "{n} rows", view.total).format(n=format_number(view.total)))
        self.ui.audit_table.scrollToTop()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_label_error(self.ui.count_label, exc)
        field = getattr(exc, "field", None)
        target = {"child_id": self.ui.child_edit, "since": self.ui.since_edit, "action": self.ui.action_combo}.get(
            field or "")
        if target is not None:
            target.setFocus()

    def _busy(self, busy: bool) -> None:
        ui = self.ui
        set_busy(busy, None, ui.apply_button, ui.clear_button)
        if busy:
            ui.count_label.setStyleSheet("")
            ui.count_label.setText(_("Reading the audit…"))

    # --- the chain check ------------------------------------------------------------------------

    def verify(self) -> Task:
        """Check every row's link and hash on a worker (`storage.audit.verify` through `audit_log`)."""
        ui = self.ui
        set_busy(True, ui.verify_busy_bar, ui.verify_button)
        ui.verify_label.setStyleSheet("")
        ui.verify_label.setText(_("Checking the audit chain…"))
        us = self.us
        return Task(self, lambda: audit_log.verify_chain(us), busy_cursor=True).success(self._verified).failure(
            self._verify_failed).run()

    def _verified(self, check: ChainCheck) -> None:
        ui = self.ui
        set_busy(False, ui.verify_busy_bar, ui.verify_button)
        if check.ok:
            ui.verify_label.setText(_("The audit chain is intact: {rows} rows, head {hash}.").format(
                rows=format_number(check.rows), hash=check.head_hash))
            ui.verify_label.setStyleSheet(OK_STYLE)
            ui.verify_label.setToolTip(check.head_hash)
        else:
            show_label_error(ui.verify_label, _(
                "The audit chain is broken at row {row}: {problem}. The {rows} rows before it are intact.").format(
                row=check.first_bad_id, problem=chain_problem(check.problem), rows=format_number(check.rows)))

    def _verify_failed(self, exc: BaseException) -> None:
        set_busy(False, self.ui.verify_busy_bar, self.ui.verify_button)
        show_label_error(self.ui.verify_label, exc)
