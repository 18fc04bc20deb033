"""A page that is not built yet, or not open to the user's role: one translated sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ospod_desktop.ui.widgets import enlarge


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title_label = QLabel(title, self)
        enlarge(self.title_label, 1.4)
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setObjectName("placeholder_text")
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addStretch(1)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
