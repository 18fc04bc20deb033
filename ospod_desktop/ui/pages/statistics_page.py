"""The Statistics page (supervisors and officers): every table of issue 13 for a period, one at a time, as a table
(label, key, count, share) and a bar chart, and the export for the ministry, the national rapporteur or GRETA.

The page shows exact counts — the office's own use. "Preview as exported" shows the chosen table as an export
with small counts suppressed would (`core.stats.suppress.publish`: "<5", and "x" where a hidden count could be
worked out). Computing the tables is an audited read: it runs on a worker the first time the page is shown,
after the period changes (a moment after the last change, so typing a date reads once) and, while the page is
visible, after a change to what is counted. Qt Charts (`ui.stats_chart`) is imported only when the page is
first shown."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _
from ospod_desktop.core.stats.labels import section_label, title_of
from ospod_desktop.core.stats.model import DEFAULT_SUPPRESS, Published, Statistics
from ospod_desktop.core.stats.suppress import MAX_SUPPRESS, publish
from ospod_desktop.core.stats.tables import MULTI_NOTE, SECTIONS, TABLES
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.pages.stats_period import PeriodChooser
from ospod_desktop.ui.stats_rows import chart_bars, nothing_to_draw, table_rows, value_text
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

if TYPE_CHECKING:
    from ospod_desktop.ui.stats_chart import StatsChart

LABEL, KEY, COUNT, SHARE = range(4)
COUNTED_KINDS = (Kind.CHILD, Kind.PLACEMENT, Kind.MISSING, Kind.VISIT, Kind.ASSESSMENT, Kind.POLICY)
PERIOD_DELAY_MS = 400  # after the last change of a date, the tables are read once
CHART_MIN_WIDTH = 280


def _compute(us, start: date, end: date) -> Statistics:
    """On a worker: every table for the period (an audited read)."""
    from ospod_desktop.services import statistics

    return statistics.statistics(us, start, end)


def _save(us, path: str, start: date, end: date, fmt: str, suppress: int, lang: str) -> int:
    """On a worker: the export written and recorded in the disclosure register; the entry's id."""
    from ospod_desktop.services import statistics

    return statistics.save_export(us, path, start, end, fmt, suppress, lang)


class StatisticsPage(RefreshOnChange, QWidget):
    """`computed` after each set of tables is shown; `exported(entry_id)` after an export was saved."""

    computed = Signal()
    exported = Signal(int)

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self.stats: Statistics | None = None
        self._published: Published | None = None
        self.chart: StatsChart | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PERIOD_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self.set_preset("this_year")
        self.follow_changes()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = QLabel(_("Statistics"), self)
        enlarge(self.title_label, 1.4)
        layout.addWidget(self.title_label)
        layout.addLayout(self._period_row())
        layout.addLayout(self._table_row())
        layout.addLayout(self._preview_row())
        self.note_label = QLabel(self)
        self.note_label.setObjectName("stats_note")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("QLabel { color: #5d4037; }")
        layout.addWidget(self.note_label)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("stats_table")
        self.table.setHorizontalHeaderLabels([_("Category"), _("Key"), _("Count"), _("Share")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        RowsFollowWidth(self.table)  # a long label wraps; its row grows
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (KEY, COUNT, SHARE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.chart_box = QWidget(self)  # Qt Charts comes in when the page is first shown
        self.chart_box.setLayout(QVBoxLayout())
        self.chart_box.layout().setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(self.chart_box)  # instead of a chart with no bar
        self.empty_label.setObjectName("stats_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("QLabel { color: #616161; background: white; padding: 12px; }")
        self.empty_label.hide()
        self.chart_box.layout().addWidget(self.empty_label)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

    def _period_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.period_chooser = PeriodChooser(self)
        self.period_chooser.changed.connect(self._period_changed)
        self.export_button = QPushButton(_("E&xport…"), self)
        self.export_button.setToolTip(_("Save every table for the period as JSON, CSV, Excel or PDF."))
        self.export_button.clicked.connect(self.choose_export)
        row.addWidget(self.period_chooser)
        row.addStretch(1)
        row.addWidget(self.export_button)
        return row

    def _table_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.section_combo = QComboBox(self)
        for section in SECTIONS:
            self.section_combo.addItem(section_label(section), section)
        self.table_combo = QComboBox(self)
        self.table_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.table_combo.setMinimumContentsLength(24)
        self.section_combo.currentIndexChanged.connect(self._section_chosen)
        self.table_combo.currentIndexChanged.connect(lambda _i: self.show_table())
        table_label = QLabel(_("&Table:"), self)
        table_label.setBuddy(self.section_combo)
        row.addWidget(table_label)
        row.addWidget(self.section_combo)
        row.addWidget(self.table_combo, 1)
        self._fill_tables()
        return row

    def _preview_row(self) -> QHBoxLayout:
        """Preview as exported, with its N; beside them what the page shows (the period, exact or as exported)."""
        row = QHBoxLayout()
        self.preview_check = QCheckBox(_("Pre&view as exported, hiding counts below"), self)
        self.preview_check.setToolTip(_("Show the table as an export for outside the office shows it: small counts "
                                        "as \u201c<N\u201d, and counts that would reveal them as \u201cx\u201d."))
        self.suppress_spin = QSpinBox(self)
        self.suppress_spin.setRange(3, MAX_SUPPRESS)
        self.suppress_spin.setValue(DEFAULT_SUPPRESS)
        self.suppress_spin.setEnabled(False)
        self.preview_check.toggled.connect(self._preview_toggled)
        self.suppress_spin.valueChanged.connect(lambda _n: self._preview_changed())
        self.status_label = QLabel(self)
        self.status_label.setObjectName("stats_status")
        self.status_label.setWordWrap(True)
        row.addWidget(self.preview_check)
        row.addWidget(self.suppress_spin)
        row.addSpacing(12)
        row.addWidget(self.status_label, 1)
        return row

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self.chart is None:
            from ospod_desktop.ui.stats_chart import StatsChart

            self.chart = StatsChart(self.chart_box)
            self.chart.setObjectName("stats_chart")
            self.chart.setMinimumWidth(CHART_MIN_WIDTH)
            self.chart_box.layout().addWidget(self.chart)
            half = max(1, self.width() // 2)
            self.splitter.setSizes([half, half])
            self.show_table()
        super().showEvent(event)

    # --- the period -----------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return self.period_chooser.period()

    def set_preset(self, code: str) -> None:
        self.period_chooser.set_preset(code)

    def set_period(self, start: date, end: date) -> None:
        """Show the tables for these days (a preset when they are one)."""
        self.period_chooser.set_period(start, end)

    def _period_changed(self) -> None:
        if self._loaded_once:
            self._timer.start()

    # --- reading --------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.has(*COUNTED_KINDS)

    def refresh(self) -> Task:
        """Read every table for the period on a worker (an audited read); the newest request wins."""
        self._timer.stop()
        self._generation += 1
        generation, us = self._generation, self.us
        start, end = self.period()
        self.status_label.setText(_("Counting…"))
        return Task(self, lambda: _compute(us, start, end)).success(
            lambda stats: self._computed(generation, stats)).failure(
            lambda exc: self._failed(generation, exc)).run()

    def _computed(self, generation: int, stats: Statistics) -> None:
        if generation != self._generation:
            return
        self.stats, self._published = stats, None
        show_label_error(self.error_label, "")
        self.show_table()
        self.computed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.stats, self._published = None, None
        show_label_error(self.error_label, exc)
        if getattr(exc, "field", None) in ("from", "to"):
            chooser = self.period_chooser
            (chooser.from_edit if exc.field == "from" else chooser.to_edit).setFocus()  # type: ignore[attr-defined]
        self.show_table()
        self.computed.emit()

    # --- showing --------------------------------------------------------------------------------

    def _section_chosen(self, _index: int) -> None:
        self._fill_tables()
        self.show_table()

    def _fill_tables(self) -> None:
        section = self.section_combo.currentData()
        self.table_combo.blockSignals(True)
        self.table_combo.clear()
        for spec in TABLES.values():
            if spec.section == section:
                self.table_combo.addItem(title_of(spec), spec.id)
        self.table_combo.blockSignals(False)

    def table_id(self) -> str:
        return str(self.table_combo.currentData())

    def choose_table(self, table_id: str) -> None:
        self.section_combo.setCurrentIndex(self.section_combo.findData(TABLES[table_id].section))
        self.table_combo.setCurrentIndex(self.table_combo.findData(table_id))

    def previewing(self) -> bool:
        return self.preview_check.isChecked()

    def published(self) -> Published | None:
        """The tables as an export with the chosen N would show them (computed once per N)."""
        if self.stats is None:
            return None
        n = self.suppress_spin.value()
        if self._published is None or self._published.suppressed_below != n:
            self._published = publish(self.stats, n)
        return self._published

    def _preview_toggled(self, on: bool) -> None:
        self.suppress_spin.setEnabled(on)
        self.show_table()

    def _preview_changed(self) -> None:
        if self.previewing():
            self.show_table()

    def cells(self) -> dict:
        """The chosen table's cells as shown: exact counts, or as exported."""
        if self.stats is None:
            return {}
        tid = self.table_id()
        if self.previewing():
            published = self.published()
            return dict(published.tables.get(tid, {})) if published is not None else {}
        return dict(self.stats.tables.get(tid, {}))

    def show_table(self) -> None:
        tid = self.table_id()
        if tid not in TABLES:
            return
        cells = self.cells()
        rows = table_rows(tid, cells)
        fill_table(self.table, [[r.label, r.key, value_text(r.value), r.share] for r in rows])
        for r in range(self.table.rowCount()):
            for column in (COUNT, SHARE):
                self.table.item(r, column).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if rows and rows[-1].key == "total":
            font = self.table.item(len(rows) - 1, LABEL).font()
            font.setBold(True)
            for column in range(self.table.columnCount()):
                self.table.item(len(rows) - 1, column).setFont(font)
        self._show_chart(chart_bars(tid, cells))
        self._show_note(tid)
        self._show_status()

    def _show_chart(self, bars: list) -> None:
        """The bars; when there is none to draw, a sentence saying why instead of an empty chart."""
        if self.chart is None:
            return
        self.chart.show_bars(bars)
        empty = nothing_to_draw(bars)
        if self.stats is None:
            self.empty_label.setText(_("No counts to show: choose a valid period above."))
        else:
            self.empty_label.setText(_("Nothing counted in this table for {start} – {end}.").format(
                start=format_date(self.stats.start), end=format_date(self.stats.end)))
        self.chart.setVisible(not empty)
        self.empty_label.setVisible(empty)

    def _show_note(self, tid: str) -> None:
        spec = TABLES[tid]
        lines = [_(spec.note)] if spec.note else []
        if self.stats is not None and tid in self.stats.multiple:
            if spec.note == MULTI_NOTE:  # said once: that it happened in this period
                lines = [_("In this period at least one child counts in more than one row; the total counts each "
                           "child once.")]
            else:
                lines.append(_("In this period at least one child counts in more than one row."))
        self.note_label.setText(" ".join(lines))
        self.note_label.setVisible(bool(lines))

    def _show_status(self) -> None:
        if self.stats is None:
            self.status_label.clear()
            return
        days = {"start": format_date(self.stats.start), "end": format_date(self.stats.end)}
        if self.previewing():
            n = self.suppress_spin.value()
            text = _("{start} – {end}, as exported: counts of 1 to {last} shown as \u201c<{n}\u201d, counts that would "
                     "reveal them as \u201cx\u201d.").format(**days, last=n - 1, n=n)
        else:
            text = _("{start} – {end}: exact counts, for the office's own use.").format(**days)
        self.status_label.setText(text)

    # --- exporting ------------------------------------------------------------------------------

    def choose_export(self):
        """The export dialog (format, N, language, file); once accepted the file is saved on a worker."""
        from ospod_desktop.ui.dialogs.stats_export_dialog import StatsExportDialog

        start, end = self.period()
        dialog = StatsExportDialog(start, end, self.suppress_spin.value(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.export_to(*dialog.choice()))
        dialog.open()
        return dialog

    def export_to(self, path: str, fmt: str, suppress: int = DEFAULT_SUPPRESS, lang: str = "cs") -> Task:
        """Save every table for the period to `path` (recorded in the disclosure register)."""
        us = self.us
        start, end = self.period()
        self.export_button.setEnabled(False)
        return Task(self, lambda: _save(us, path, start, end, fmt, suppress, lang), busy_cursor=True).changes(
            Changes.of(Kind.DOCUMENT)).success(lambda entry: self._exported(path, entry)).failure(
            self._export_failed).run()

    def _exported(self, path: str, entry: int) -> None:
        self.export_button.setEnabled(True)
        self.status_label.setText(_("Saved to {path} and recorded in the disclosure register.").format(path=path))
        self.exported.emit(entry)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_label_error(self.error_label, exc)
