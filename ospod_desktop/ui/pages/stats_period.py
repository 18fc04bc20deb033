"""The Statistics page's period: a preset (this year, last year, this quarter, last quarter, the last 12 months) or
two dates, shown as every date field of the app shows them (Czech "1. 1. 2026"). Editing a date picks the preset
those days are, else "Custom period"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ospod_desktop.core.i18n import _, pgettext
from ospod_desktop.ui.dialogs.child_fields import date_format
from ospod_desktop.ui.stats_rows import CUSTOM, PRESETS, period_of, preset_of

EARLIEST = QDate(2000, 1, 1)  # the statistics service's earliest day (its latest: a year from today)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChooser(QWidget):
    """`changed` after the period changed (a preset chosen, a date edited); `period()` -> (start, end)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.preset_combo = QComboBox(self)
        for code, text in PRESETS:
            self.preset_combo.addItem(_(text), code)
        self.from_edit, self.to_edit = QDateEdit(self), QDateEdit(self)
        latest = QDate.currentDate().addYears(1)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(date_format())
            edit.setCalendarPopup(True)
            edit.setDateRange(EARLIEST, latest)
            edit.dateChanged.connect(self._dates_edited)
        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        period_label = QLabel(_("&Period:"), self)
        period_label.setBuddy(self.preset_combo)
        from_label, to_label = QLabel(pgettext("period", "from"), self), QLabel(pgettext("period", "to"), self)
        from_label.setBuddy(self.from_edit)
        to_label.setBuddy(self.to_edit)
        for widget in (period_label, self.preset_combo, from_label, self.from_edit, to_label, self.to_edit):
            row.addWidget(widget)

    def period(self) -> tuple[date, date]:
        return _day(self.from_edit.date()), _day(self.to_edit.date())

    def preset(self) -> str:
        return str(self.preset_combo.currentData())

    def set_preset(self, code: str) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(code))
        self._preset_chosen()

    def set_period(self, start: date, end: date) -> None:
        self._set_dates(start, end)
        self._dates_edited()

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _preset_chosen(self, _index: int = 0) -> None:
        code = self.preset()
        if code == CUSTOM:
            return  # the dates stay; the user edits them
        self._set_dates(*period_of(code, date.today()))
        self.changed.emit()

    def _dates_edited(self, *_args: object) -> None:
        code = preset_of(*self.period(), date.today())
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(code))
        self.preset_combo.blockSignals(False)
        self.changed.emit()
