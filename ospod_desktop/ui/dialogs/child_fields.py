"""Editing helpers for the registration form: optional dates and numbers, code lists, row tables, photo."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QBuffer, QByteArray, QDate, QDateTime, QEvent, QIODevice, QLocale, QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ospod_desktop.core.field_labels import child_error
from ospod_desktop.core.i18n import _, current_language

NO_DATE = QDate(1900, 1, 1)  # shown as "—": QDateEdit has no empty state
PHOTO_MAX_PX = 800
PHOTO_QUALITY = 85


# --- optional values ---------------------------------------------------------------------------

# A date field shows a date as every other screen does (`core.i18n.format_day`, babel's medium date): Czech
# "28. 11. 2026", not Qt's short "28.11.26". Languages not listed use Qt's short form with a four-digit year.
DATE_EDIT_FORMATS = {"cs": "d. M. yyyy"}


def date_format() -> str:
    """The date fields' format in the UI language (Czech: 28. 11. 2026)."""
    fmt = DATE_EDIT_FORMATS.get(current_language())
    if fmt:
        return fmt
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def make_optional_date(edit: QDateEdit, value: date | None = None) -> None:
    edit.setDisplayFormat(date_format())
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSpecialValueText("—")
    set_date(edit, value)


def set_datetime(edit: QDateTimeEdit, value: datetime | None = None) -> None:
    """A date-and-time field in the UI language's format, showing `value` (a stored UTC time) or now."""
    edit.setDisplayFormat(date_format() + " HH:mm")
    edit.setDateTime(QDateTime(value.astimezone()) if value else QDateTime.currentDateTime())


def edit_datetime(edit: QDateTimeEdit) -> datetime:
    """What a date-and-time field holds, as an aware UTC time (typed in the computer's time zone)."""
    return edit.dateTime().toPython().astimezone(UTC)


def set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())


def get_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if edit.specialValueText() and value == edit.minimumDate():
        return None
    return date(value.year(), value.month(), value.day())


def set_number(spin: QSpinBox, value: int | None) -> None:
    spin.setValue(spin.minimum() if value is None else value)


def get_number(spin: QSpinBox) -> int | None:
    """None when the spin box shows its special "—" value (its minimum)."""
    if spin.specialValueText() and spin.value() == spin.minimum():
        return None
    return spin.value()


def optional_spin(spin: QSpinBox, lowest: int, highest: int) -> None:
    """A spin box whose minimum (one below `lowest`) means "not known"."""
    spin.setRange(lowest - 1, highest)
    spin.setSpecialValueText("—")
    spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    spin.setValue(lowest - 1)


def fill_combo(combo: QComboBox, items: list[tuple[object, str]], current: object = None) -> None:
    combo.clear()
    for code, text in items:
        combo.addItem(text, code)
    select_data(combo, current)


def select_data(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


def searchable(combo: QComboBox) -> None:
    """Type part of a name to find it (countries and languages are long lists)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


def combo_code(combo: QComboBox) -> object:
    """The chosen item's code; for an editable combo only when the text names an item."""
    if combo.isEditable():
        index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return combo.itemData(index) if index >= 0 else None
    return combo.currentData()


# --- several codes (nationalities, languages) -------------------------------------------------

class CodeList(QObject):
    """A searchable combo, an Add button and the chosen items below (removable)."""

    def __init__(self, combo: QComboBox, add: QPushButton, chosen: QListWidget, remove: QPushButton,
                 items: list[tuple[str, str]]) -> None:
        super().__init__(combo)
        self.combo, self.chosen, self._names = combo, chosen, dict(items)
        fill_combo(combo, [("", "")] + items)
        searchable(combo)
        combo.setCurrentIndex(0)
        add.clicked.connect(self.add_current)
        remove.clicked.connect(self.remove_selected)
        combo.lineEdit().installEventFilter(self)  # Enter adds the typed item instead of saving the dialog
        chosen.itemSelectionChanged.connect(lambda: remove.setEnabled(bool(chosen.selectedItems())))
        remove.setEnabled(False)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_current()
            return True
        return False

    def add_current(self) -> None:
        code = combo_code(self.combo)
        if code:
            self.add(str(code))
            self.combo.setCurrentIndex(0)

    def add(self, code: str) -> None:
        if code in self.codes():
            return
        item = QListWidgetItem(self._names.get(code, code))
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.chosen.addItem(item)

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))

    def codes(self) -> tuple[str, ...]:
        return tuple(self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count()))

    def set_codes(self, codes: tuple[str, ...] | list[str]) -> None:
        self.chosen.clear()
        for code in codes:
            self.add(code)


# --- rows of several fields (documents, family) ------------------------------------------------

class RowsTable(QObject):
    """An editable table; `choices[column]` makes that column a combo of (code, label)."""

    def __init__(self, table: QTableWidget, add: QPushButton, remove: QPushButton,
                 choices: dict[int, list[tuple[str, str]]], defaults: dict[int, str] | None = None) -> None:
        super().__init__(table)
        self.table, self.choices, self.defaults = table, choices, defaults or {}
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(90)
        add.clicked.connect(lambda: self.add_row())
        remove.clicked.connect(self.remove_current)

    def add_row(self, values: list[str] | None = None) -> int:
        table = self.table
        row = table.rowCount()
        table.insertRow(row)
        values = values or [self.defaults.get(c, "") for c in range(table.columnCount())]
        for column in range(table.columnCount()):
            value = values[column] if column < len(values) else ""
            if column in self.choices:
                combo = QComboBox(table)
                fill_combo(combo, self.choices[column], value)
                if len(self.choices[column]) > 30:
                    searchable(combo)
                    select_data(combo, value)
                table.setCellWidget(row, column, combo)
            else:
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()  # combos and names readable whole
        table.setCurrentCell(row, 0)
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        out = []
        for row in range(self.table.rowCount()):
            values = []
            for column in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, column)
                if isinstance(widget, QComboBox):
                    values.append(str(combo_code(widget) or ""))
                else:
                    item = self.table.item(row, column)
                    values.append(item.text() if item else "")
            if any(v.strip() for c, v in enumerate(values) if c not in self.choices):
                out.append(values)
        return out

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)


# --- photo -----------------------------------------------------------------------------------

def downscale_photo(path: str) -> bytes:
    """The image at `path` as a JPEG of at most 800 px a side, quality 85 (safe on a worker thread)."""
    image = QImage(path)
    if image.isNull():
        raise child_error("photo", _("the file is not an image that can be read."))
    if max(image.width(), image.height()) > PHOTO_MAX_PX:
        image = image.scaled(PHOTO_MAX_PX, PHOTO_MAX_PX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPG", PHOTO_QUALITY)
    buffer.close()
    return bytes(data.data())


def tab_of(widget: QWidget, pages: list[QWidget]) -> QWidget | None:
    """The tab page that contains `widget`."""
    return next((page for page in pages if page is widget or page.isAncestorOf(widget)), None)
