"""The one place that turns an exception into what the user sees (modelled on Anki's show_exception).

An `OspodError` carries an already translated message that names the field; anything else is a bug or
an environment failure: the user gets a generic message and the log gets the exception type and the
stack, never its text (an exception's text can quote personal data, e.g. a failed SQL parameter).
"""

from __future__ import annotations

import errno
import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from ospod_desktop.core.errors import OspodError, os_error_message
from ospod_desktop.core.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

log = logging.getLogger(__name__)
# The file system's answers a user can act on (choose another folder, free space): shown in words, not as a bug.
FILE_ERRNOS = frozenset({errno.ENOENT, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR, errno.ENOSPC,
                         errno.EROFS, errno.EFBIG, errno.EDQUOT})


def log_unexpected(exc: BaseException) -> None:
    """Log the exception's type and stack frames only."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s.%s\n%s", type(exc).__module__, type(exc).__qualname__, stack)


def message_for(exc: BaseException) -> str:
    """The translated text to show for `exc` (logs unexpected errors)."""
    if isinstance(exc, OspodError):
        return exc.message
    if isinstance(exc, OSError) and exc.errno in FILE_ERRNOS:  # a full, read-only or missing folder: no bug
        log.info("file system error %s", errno.errorcode.get(exc.errno or 0, "?"))
        return os_error_message(exc)
    log_unexpected(exc)
    return _("Something went wrong and the action was not completed. The details were written to the log file.")


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """Show `exc` in a message box opened without blocking (so an auto-lock can hide it safely)."""
    # Imported here: building QMessageBox's and Qt's Python types costs ~40 ms, not needed before first paint.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("OSPOD Desktop"))
    box.setText(message_for(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("error_box")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def show_label_error(label: QLabel, exc_or_text: BaseException | str) -> None:
    """Put an error under a form (the usual place: it stays next to the field it is about)."""
    text = exc_or_text if isinstance(exc_or_text, str) else message_for(exc_or_text)
    label.setText(text)
    label.setStyleSheet("color: #b00020;")
    label.setVisible(bool(text))


def install_excepthook() -> None:
    """Uncaught exceptions in slots are logged and shown instead of ending the app silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        show_error(None, exc)

    sys.excepthook = hook
