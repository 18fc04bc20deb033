"""Small pieces several dialogs share: the live password hint, busy state, field focus, loading on first show."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QRadioButton, QWidget

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.passwords import MIN_LENGTH, normalise_password

if TYPE_CHECKING:  # the login window imports this module: no Qt types touched before it paints
    from PySide6.QtGui import QShowEvent


def password_hint(password: str, repeat: str | None = None) -> tuple[str, bool]:
    """A hint for a new password as it is typed, and whether the pair is acceptable so far."""
    length = len(normalise_password(password))
    if length == 0:
        return _("At least {n} characters. Any letters, spaces and symbols; a sentence works well.").format(
            n=MIN_LENGTH
        ), False
    if length < MIN_LENGTH:
        missing = MIN_LENGTH - length
        return ngettext(
            "{n} more character needed.", "{n} more characters needed.", missing
        ).format(n=missing), False
    if repeat is not None and repeat and normalise_password(repeat) != normalise_password(password):
        return _("The two passwords differ."), False
    if repeat is not None and not repeat:
        return _("Long enough. Now type it again below."), False
    return _("Long enough."), True


class PasswordHint(QObject):
    """Keeps `label` updated with `password_hint` while the user types in the two fields."""

    def __init__(self, label: QLabel, password: QLineEdit, repeat: QLineEdit | None = None) -> None:
        super().__init__(label)
        self._label, self._password, self._repeat = label, password, repeat
        password.textChanged.connect(self.update)
        if repeat is not None:
            repeat.textChanged.connect(self.update)
        self.update()

    def update(self) -> None:
        repeat = self._repeat.text() if self._repeat is not None else None
        text, ok = password_hint(self._password.text(), repeat)
        self._label.setText(text)
        self._label.setStyleSheet("color: #1b5e20;" if ok else "")

    def passwords_differ(self) -> bool:
        return self._repeat is not None and normalise_password(self._repeat.text()) != normalise_password(
            self._password.text()
        )

    def check_repeat(self) -> None:
        """Refuse (field "repeat") when the repeated password differs, before anything is sent to a service."""
        if self.passwords_differ():
            raise ValidationError("repeat", _("The two passwords differ."))


def set_busy(busy: bool, bar: QProgressBar | None, *widgets: QWidget) -> None:
    """Show the busy bar and disable the controls that would start the same work again."""
    if bar is not None:
        bar.setVisible(busy)
    for widget in widgets:
        widget.setEnabled(not busy)


def enlarge(label: QLabel, factor: float = 1.6, bold: bool = True) -> None:
    """Make a title or code label stand out without hard-coding a font family."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


def focus_field(fields: dict[str, QWidget], field: str | None) -> None:
    """Put the cursor into the field an error names, if this form has it."""
    widget = fields.get(field or "")
    if widget is not None:
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()


class LoadOnFirstShow:
    """Mixed into a page or dialog whose `refresh()` loads its data: load the first time it is shown (a page
    the user never opens costs nothing)."""

    _loaded_once = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)  # type: ignore[misc]
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()  # type: ignore[attr-defined]


def radio_row(box: QWidget, owner: QObject, choices: Iterable[tuple[str, str]], prefix: str
              ) -> tuple[QHBoxLayout, QButtonGroup, dict[str, QRadioButton]]:
    """One exclusive choice as a row of radio buttons in `box`: (code, label) each, named `<prefix>_<code>`, the
    group owned by `owner`; the row ends in a stretch."""
    row = QHBoxLayout(box)
    group = QButtonGroup(owner)
    buttons: dict[str, QRadioButton] = {}
    for code, text in choices:
        button = QRadioButton(text, box)
        button.setObjectName(f"{prefix}_{code}")
        group.addButton(button)
        buttons[code] = button
        row.addWidget(button)
    row.addStretch(1)
    return row, group, buttons
