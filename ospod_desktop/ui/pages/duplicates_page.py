"""Possible duplicates across the register, side by side: merge them, or mark them as different children."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ospod_desktop.core import child_rules as R
from ospod_desktop.core.countries import country_name
from ospod_desktop.core.field_labels import child_label
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.text import isolate
from ospod_desktop.services import children
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.dialogs.child_matches import reasons_text
from ospod_desktop.ui.errors import message_for, show_label_error
from ospod_desktop.ui.format import format_date, format_number
from ospod_desktop.ui.forms.ui_duplicates_page import Ui_DuplicatesPage
from ospod_desktop.ui.models.child_table import NAME, cell_text
from ospod_desktop.ui.pages.child_header import age_text, display_name
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import LoadOnFirstShow, enlarge

SCORE, FIRST, SECOND, WHY = range(4)


def _report(us):
    """On a worker: the pairs, best first, and a list row for every child in them."""
    pairs = children.duplicate_report(us)
    ids = sorted({i for p in pairs for i in (p.a_id, p.b_id)})
    return pairs, {r.id: r for r in children.child_rows(us, ids)}


def _pair_views(us, a_id: int, b_id: int):
    return children.get_child(us, a_id), children.get_child(us, b_id)


def side_html(view) -> str:
    """One child's details for comparison (escaped: names can hold any characters)."""
    L = child_label
    rows = [
        (_("Name"), display_name(view)),
        (L("original_script_name"), view.original_script_name),
        (L("aliases"), ", ".join(map(isolate, view.aliases))),
        (L("sex"), R.label(R.SEXES, view.sex)),
        (L("status"), R.label(R.STATUSES, view.status)),
        (_("Age"), age_text(view)),
        (L("nationalities"), ", ".join(country_name(c) for c in view.nationalities)),
        (L("found_on"), format_date(view.found_on)),
        (L("found_place"), view.found_place),
        (L("case_mark"), view.case_mark),
        (L("reference"), view.reference),
        (L("identifiers"), "; ".join(f"{R.label(R.IDENTIFIER_KINDS, i.kind)} {i.number}" for i in view.identifiers)),
        (_("Registered on"), format_date(view.created_at.date()) if view.created_at else ""),
    ]
    body = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;</td><td>{html.escape(v or '—')}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


class DuplicatesPage(LoadOnFirstShow, QWidget):
    """The report is heavy (the whole register): it loads when first shown and on Refresh; a merge or a dismissal
    here updates it in place and is announced to the other pages (`ui.changes`)."""

    open_child_requested = Signal(int)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DuplicatesPage()
        self.ui.setupUi(self)
        self.us = us
        self.pairs: list = []
        self.rows: dict[int, object] = {}
        self.views: tuple | None = None
        self.dialog: QWidget | None = None
        ui = self.ui
        enlarge(ui.title_label, 1.4)
        ui.busy_bar.hide()
        header = ui.pairs_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SCORE, 70)
        header.resizeSection(FIRST, 260)
        header.resizeSection(SECOND, 260)
        ui.splitter.setSizes([260, 340])
        ui.refresh_button.clicked.connect(self.refresh)
        ui.pairs_table.itemSelectionChanged.connect(self._selected)
        ui.merge_button.clicked.connect(self.merge)
        ui.dismiss_button.clicked.connect(self.dismiss)
        ui.open_a_button.clicked.connect(lambda: self._open_side(0))
        ui.open_b_button.clicked.connect(lambda: self._open_side(1))
        self._selected()

    def refresh(self) -> Task:
        ui = self.ui
        ui.busy_bar.show()
        ui.refresh_button.setEnabled(False)
        ui.status_label.setText(_("Looking for possible duplicates across the register…"))
        us = self.us
        return Task(self, lambda: _report(us)).success(self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.ui.busy_bar.hide()
        self.ui.refresh_button.setEnabled(True)
        show_label_error(self.ui.status_label, message_for(exc))

    def _show(self, result) -> None:
        ui = self.ui
        ui.busy_bar.hide()
        ui.refresh_button.setEnabled(True)
        ui.status_label.setStyleSheet("")
        self.pairs, self.rows = result
        self._fill()
        n = len(self.pairs)
        ui.status_label.setText(ngettext("{n} pair to review.", "{n} pairs to review.", n).format(n=format_number(n))
                                if n else _("No likely duplicates were found."))

    def _fill(self) -> None:
        table = self.ui.pairs_table
        table.setRowCount(len(self.pairs))
        for r, pair in enumerate(self.pairs):
            values = [f"{round(pair.score * 100)} %", self._name(pair.a_id), self._name(pair.b_id),
                      reasons_text(pair.reasons)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        if self.pairs:
            table.selectRow(0)
        self._selected()

    def _name(self, child_id: int) -> str:
        row = self.rows.get(child_id)
        if row is None:
            return _("record no. {id}").format(id=child_id)
        return f"{cell_text(row, NAME)} ({row.age})"

    def current_pair(self):
        rows = self.ui.pairs_table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows and rows[0].row() < len(self.pairs) else None

    def _selected(self) -> None:
        ui = self.ui
        pair = self.current_pair()
        for w in (ui.merge_button, ui.dismiss_button, ui.open_a_button, ui.open_b_button):
            w.setEnabled(False)
        self.views = None
        ui.a_label.setText("")
        ui.b_label.setText("")
        ui.reasons_label.setText("")
        if pair is None:
            return
        ui.reasons_label.setText(_("Score {score} %: {reasons}").format(
            score=round(pair.score * 100), reasons=reasons_text(pair.reasons)))
        us = self.us
        Task(self, lambda: _pair_views(us, pair.a_id, pair.b_id)).success(
            lambda views, p=pair: self._compare(p, views)).failure(
            lambda exc: show_label_error(self.ui.status_label, message_for(exc))).run()

    def _compare(self, pair, views) -> None:
        if self.current_pair() is not pair:
            return  # the selection moved on meanwhile
        ui = self.ui
        self.views = views
        ui.a_group.setTitle(_("Record no. {id}").format(id=pair.a_id))
        ui.b_group.setTitle(_("Record no. {id}").format(id=pair.b_id))
        ui.a_label.setText(side_html(views[0]))
        ui.b_label.setText(side_html(views[1]))
        for w in (ui.merge_button, ui.dismiss_button, ui.open_a_button, ui.open_b_button):
            w.setEnabled(True)

    def _open_side(self, side: int) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.open_child_requested.emit(pair.a_id if side == 0 else pair.b_id)

    def merge(self):
        from ospod_desktop.ui.dialogs.merge_dialog import MergeDialog

        pair = self.current_pair()
        if pair is None or self.views is None:
            return None
        a, b = self.views
        dialog = MergeDialog(self.us, (pair.a_id, display_name(a)), (pair.b_id, display_name(b)), self)
        dialog.merged.connect(self._merged)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _merged(self, keep: int, merge: int) -> None:
        self.pairs = [p for p in self.pairs if merge not in (p.a_id, p.b_id)]
        self._fill()
        self.ui.status_label.setText(_("Record no. {merge} was merged into record no. {keep}.").format(
            merge=merge, keep=keep))

    def dismiss(self) -> Task | None:
        pair = self.current_pair()
        if pair is None:
            return None
        us = self.us
        self.ui.dismiss_button.setEnabled(False)
        return Task(self, lambda: children.dismiss_pair(us, pair.a_id, pair.b_id)).changes(
            Changes.of(Kind.DUPLICATE)).success(
            lambda _r: self._dismissed(pair)).failure(self._action_failed).run()

    def _action_failed(self, exc: BaseException) -> None:
        show_label_error(self.ui.status_label, message_for(exc))
        self.ui.dismiss_button.setEnabled(self.current_pair() is not None)

    def _dismissed(self, pair) -> None:
        self.pairs = [p for p in self.pairs if p is not pair]
        self._fill()
        self.ui.status_label.setText(_("Marked as two different children; the pair will not be listed again."))
