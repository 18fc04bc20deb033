"""One entry of the disclosure register: which document, its č.j., to whom, when, by whom and how it left, the
categories of the child's data it held, its size and the SHA-256 stored when it was issued, and what has changed
in the child's data since (a recipient acting on it may hold outdated facts).

The entry is read on a worker (`services.disclosures.disclosure_detail`, an audited read); "…" until it is in."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.countries import language_name
from ospod_desktop.core.documents import category_label, kind_label
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.services import disclosures
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.fit import resize_within_screen
from ospod_desktop.ui.format import format_datetime, format_number
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

MAX_COLUMN = 200
WANTED_SIZE = QSize(780, 600)


def channel_label(channel: str) -> str:
    """How a document left: saved to a file, printed, or written from the command line."""
    labels = {"saved": _("saved to a file"), "printed": _("printed"), "cli": _("command line")}
    return labels.get(channel, channel)


def facts_html(rows: list[tuple[str, str]]) -> str:
    """Label–value rows as a table; values escaped (a recipient can hold any characters)."""
    body = "".join(f'<tr><td style="color:#555; padding:3px 12px 3px 0;">{html.escape(label)}</td>'
                   f'<td style="padding:3px 0;">{html.escape(value)}</td></tr>' for label, value in rows)
    return f"<table>{body}</table>"


def size_text(size: int) -> str:
    return ngettext("{n} byte", "{n} bytes", size).format(n=format_number(size))


def child_text(view) -> str:
    """Which child the entry is about: its reference (file mark) and record number; a deleted record's reference."""
    ref, cid = view.child_reference, view.child_id
    if cid is None:
        return _("{reference} (record deleted)").format(reference=ref) if ref else _(
            "none (an export about no single child)")
    number = _("record no. {id}").format(id=cid)
    return f"{ref} ({number})" if ref and ref != str(cid) else number


def entry_facts(view) -> list[tuple[str, str]]:
    """The entry as label–value rows (DisclosureView)."""
    rows: list[tuple[str, str]] = [
        (_("Document"), kind_label(view.kind)),
        (_("Reference no."), view.reference or "—"),
        (_("Recipient"), view.recipient),
        (_("Issued"), format_datetime(view.issued_at)),
        (_("Issued by"), f"{view.user_name} ({view.user})" if view.user_name and view.user_name != view.user
         else view.user),
        (_("How"), channel_label(view.channel)),
        (_("Child"), child_text(view)),
    ]
    rows += [
        (_("Data it holds"), ", ".join(category_label(c) for c in view.categories) or "—"),
        (_("Language"), language_name(view.lang) if view.lang else "—"),
        (_("Size"), size_text(view.size)),
        (_("Audit anchor when recorded"), view.anchor or "—"),
    ]
    return rows


def change_rows(changes) -> list[list[str]]:
    """Newest first: when, what changed, who changed it."""
    return [[format_datetime(c.at), c.what, c.user] for c in sorted(changes, key=lambda c: c.at, reverse=True)]


class DisclosureDialog(QDialog):
    """`detail` holds the DisclosureDetail once read."""

    def __init__(self, us, disclosure_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disclosure_dialog")
        self.setWindowTitle(_("Issued document"))
        self.us, self.disclosure_id = us, disclosure_id
        self.detail = None
        layout = QVBoxLayout(self)
        self.title_label = QLabel("…", self)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        enlarge(self.title_label, 1.3)
        layout.addWidget(self.title_label)
        self.facts = QTextBrowser(self)
        self.facts.setObjectName("disclosure_facts")
        self.facts.setOpenLinks(False)
        layout.addWidget(self.facts, 4)  # every fact in view (the anchor last); the changes table keeps its rows
        hash_row = QHBoxLayout()
        hash_title = QLabel(_("SHA-256 stored when issued:"), self)
        hash_row.addWidget(hash_title)
        self.hash_label = QLabel("…", self)
        self.hash_label.setObjectName("hash_label")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.hash_label.setWordWrap(True)
        hash_row.addWidget(self.hash_label, 1)
        self.copy_button = QPushButton(_("&Copy"), self)
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_hash)
        hash_row.addWidget(self.copy_button)
        layout.addLayout(hash_row)
        self.changes_label = QLabel(self)
        self.changes_label.setWordWrap(True)
        layout.addWidget(self.changes_label)
        self.changes_table = QTableWidget(0, 3, self)
        self.changes_table.setObjectName("changes_table")
        self.changes_table.setHorizontalHeaderLabels([_("When"), _("What changed"), _("By")])
        self.changes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_table.verticalHeader().hide()
        stretch_columns(self.changes_table, 1)
        keep_rows(self.changes_table, 2)
        RowsFollowWidth(self.changes_table)
        layout.addWidget(self.changes_table, 2)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_within_screen(self, WANTED_SIZE)
        self.load()

    def load(self) -> Task:
        us, did = self.us, self.disclosure_id
        return Task(self, lambda: disclosures.disclosure_detail(us, did)).success(self._show).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.title_label.setText("—")
        self.hash_label.setText("—")
        show_label_error(self.error_label, exc)

    def _show(self, detail) -> None:
        self.detail = detail
        view = detail.view
        ref = f" — {view.reference}" if view.reference else ""
        self.title_label.setText(kind_label(view.kind) + ref)
        self.facts.setHtml(facts_html(entry_facts(view)))
        self.hash_label.setText(view.sha256)
        self.copy_button.setEnabled(True)
        changes = detail.changes
        if view.child_id is None:
            self.changes_label.setText(_("The document concerns no single child: no changes are followed."))
        elif changes:
            self.changes_label.setText(ngettext(
                "Since it was issued, {n} change was made to the child's data: the recipient may hold outdated facts.",
                "Since it was issued, {n} changes were made to the child's data: the recipient may hold outdated "
                "facts.", len(changes)).format(n=len(changes)))
        else:
            self.changes_label.setText(_("Nothing in the child's data has changed since it was issued."))
        fill_table(self.changes_table, change_rows(changes), MAX_COLUMN)
        stretch_columns(self.changes_table, 1)
        self.changes_table.setVisible(bool(changes))
        show_label_error(self.error_label, "")

    def copy_hash(self) -> None:
        if self.detail is not None:
            QGuiApplication.clipboard().setText(self.detail.view.sha256)
