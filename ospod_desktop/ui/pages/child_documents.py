"""The child page's "Issued documents" tab: the disclosure register's entries about this child, newest first (issued,
kind, č.j., recipient, who, how), "New document…" and "Check a file…". Double-click or Enter opens an entry
(`DisclosureDialog`: its stored hash, the categories of data it held, what changed in the child's data since).

Every role that sees the child gets the tab (`add_documents_tab`; not administrators, whose register holds only
exports about no child). The service decides what is listed: facility staff see only the entries they issued. It
loads when first shown (an audited read) and again after a change to this child or a new document."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ospod_desktop.core.documents import kind_label
from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.roles import Role
from ospod_desktop.services import disclosures
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.dialogs.disclosure_dialog import DisclosureDialog, channel_label
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.tables import RowsFollowWidth, fill_table, keep_rows, stretch_columns
from ospod_desktop.ui.tasks import Task

ISSUED, KIND, REFERENCE, RECIPIENT, USER, CHANNEL = range(6)
MAX_COLUMN = 240
MIN_TABLE_ROWS = {"disclosures_table": 3}  # the rows kept however small the window (the child's page scrolls)
ISSUERS = (Role.OFFICER, Role.SUPERVISOR, Role.FACILITY_STAFF)  # staff: the missing-child report only


def entry_rows(entries) -> list[list[str]]:
    """One row per register entry (DisclosureView), in the order given (the service's: newest first)."""
    return [[format_datetime(e.issued_at), kind_label(e.kind), e.reference or "—", e.recipient,
             e.user_name or e.user, channel_label(e.channel)] for e in entries]


class _OpenOnEnter(QObject):
    """Enter or Return on the table opens the chosen entry (a QTableWidget only edits on it)."""

    def __init__(self, tab: DocumentsTab) -> None:
        super().__init__(tab.table)
        self._tab = tab
        tab.table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._tab.open_entry()
            return True
        return False


class DocumentsTab(RefreshOnChange, QWidget):
    """The register entries of one child; `entries` holds the DisclosureViews shown, in the table's order."""

    def __init__(self, us, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issued_documents_tab")
        self.us, self.child_id = us, child_id
        self.entries: list = []
        self.dialog: QWidget | None = None
        self.active = True  # False on a merged record: nothing more is issued from it
        layout = QVBoxLayout(self)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        top = QHBoxLayout()
        self.new_button = QPushButton(_("New &document…"), self)
        self.new_button.setObjectName("new_document_button")
        self.new_button.clicked.connect(self.new_document)
        self.new_button.setVisible(us.actor.role in ISSUERS)
        self.verify_button = QPushButton(_("Chec&k a file…"), self)
        self.verify_button.setObjectName("verify_file_button")
        self.verify_button.clicked.connect(self.verify_file)
        self.open_button = QPushButton(_("&Open…"), self)
        self.open_button.setObjectName("open_disclosure_button")
        self.open_button.clicked.connect(lambda: self.open_entry())
        top.addWidget(self.open_button)
        top.addStretch(1)
        top.addWidget(self.verify_button)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("disclosures_table")
        self.table.setHorizontalHeaderLabels([_("Issued"), _("Document"), _("Reference no."), _("Recipient"),
                                              _("Issued by"), _("How")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_entry(row))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        stretch_columns(self.table, KIND, RECIPIENT)
        keep_rows(self.table, MIN_TABLE_ROWS["disclosures_table"])
        RowsFollowWidth(self.table)
        _OpenOnEnter(self)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        layout.addWidget(self.status_label)
        self._update_buttons()
        self.follow_changes()

    def wants(self, changes: Changes) -> bool:
        """A change to this child, or a document issued (with no child named: maybe about this one)."""
        return changes.affects(Kind.CHILD, self.child_id) or (
            changes.has(Kind.DOCUMENT) and not changes.ids_of(Kind.CHILD))

    def refresh(self) -> Task:
        us, cid = self.us, self.child_id
        return Task(self, lambda: disclosures.disclosures(us, cid)).success(self._show).failure(
            lambda exc: show_label_error(self.status_label, exc)).run()

    def _show(self, entries: list) -> None:
        self.entries = sorted(entries, key=lambda e: (e.issued_at, e.id), reverse=True)
        fill_table(self.table, entry_rows(self.entries), MAX_COLUMN)
        stretch_columns(self.table, KIND, RECIPIENT)  # filled while shown: the stretched columns fill the width
        n = len(self.entries)
        self.count_label.setText(ngettext("{n} document issued about this child.",
                                          "{n} documents issued about this child.", n).format(n=n)
                                 if n else _("No document issued about this child yet."))
        show_label_error(self.status_label, "")
        if n and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current() is not None)
        self.new_button.setEnabled(self.active)

    def current(self):
        """The entry chosen in the table, or None."""
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) and self.table.selectedItems() else None

    # --- actions ---------------------------------------------------------------------------------

    def open_entry(self, row: int | None = None):
        """The entry at `row` (else the chosen one) in a DisclosureDialog; None when nothing is chosen."""
        entry = self.entries[row] if row is not None and 0 <= row < len(self.entries) else self.current()
        if entry is None:
            return None
        self.dialog = DisclosureDialog(self.us, entry.id, parent=self)
        self.dialog.open()
        return self.dialog

    def new_document(self, kind: str | None = None):
        from ospod_desktop.ui.dialogs.document_dialog import DocumentDialog

        self.dialog = DocumentDialog(self.us, self.child_id, kind, parent=self)
        self.dialog.open()
        return self.dialog

    def verify_file(self, path=None):
        """Check a PDF against the register (`path` given: at once, else the user chooses one)."""
        from ospod_desktop.ui.dialogs.verify_file_dialog import check_a_document

        self.dialog = check_a_document(self.us, self, path)
        return self.dialog


def add_documents_tab(tabs: QTabWidget, us, child_id: int, before: QWidget | None = None) -> DocumentsTab | None:
    """Add the "Issued documents" tab (before the tab `before`, else last) for everyone who sees the child but
    administrators; None for them."""
    if us.actor.role is Role.ADMIN:
        return None
    tab = DocumentsTab(us, child_id, tabs)
    index = tabs.indexOf(before) if before is not None else -1
    tabs.insertTab(index if index >= 0 else tabs.count(), tab, _("Issued documents"))
    return tab
