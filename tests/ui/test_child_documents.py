"""The child's "Issued documents" tab (issue 12): the disclosure register's entries of the child, newest first; an
entry's detail (stored SHA-256, categories, what changed in the child's data since); checking a file brought back
against the register (ours unchanged / altered, naming the č.j. it claims / not ours); facility staff see only the
entries they issued. Real database, real documents issued through the services, real widgets.

Set OSPOD_SHOTS_DIR to keep the screenshots."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from ospod_desktop.core.documents import default_recipient, kind_label
from ospod_desktop.core.i18n import language
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, documents, missing, placements
from ospod_desktop.ui.changes import Changes, Kind, announce
from ospod_desktop.ui.dialogs.disclosure_dialog import DisclosureDialog
from ospod_desktop.ui.dialogs.document_dialog import DocumentDialog
from ospod_desktop.ui.dialogs.verify_file_dialog import VerifyFileDialog
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.main_window import MINIMUM_SIZE, MainWindow
from ospod_desktop.ui.pages.child_documents import DocumentsTab
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import open_child_page, screenshot, shots_dir, wait_tasks
from tests.ui.test_field_ready_screens import columns_on_screen, cut

KIND, REFERENCE, RECIPIENT, USER, CHANNEL = 1, 2, 3, 4, 5


def recipient(kind: str) -> str:
    """The default recipient as a Czech document (the default language) names it."""
    with language("cs"):
        return default_recipient(kind)


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


def issue(us, cid: int, kind: str, folder: Path, **fields):
    """A document issued through the services and saved to `folder` (a disclosure: a register row)."""
    request = documents.DocumentRequest(child_id=cid, kind=kind, **fields)
    return documents.issue(us, request, target=folder / f"{kind}-{cid}-{us.actor.username}.pdf")


def placed_child(us) -> int:
    cid = child(us, "Ali", days_ago=20)
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=10)))
    return cid


def documents_tab(qtbot, us, cid: int):
    page = open_child_page(qtbot, us, cid)
    page.show_section("documents")
    tab = page.documents_tab
    assert isinstance(tab, DocumentsTab) and page.ui.section_tabs.currentWidget() is tab
    wait_tasks(qtbot)
    return page, tab


def cells(tab, row: int) -> list[str]:
    return [tab.table.item(row, c).text() for c in range(tab.table.columnCount())]


def flipped(data: bytes) -> bytes:
    """The same PDF with one byte of its first content stream changed (its metadata, the register uuid in the
    keywords included, intact)."""
    at = data.index(b"stream", data.index(b"/Length")) + 40
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def foreign_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Something else"})
    with path.open("wb") as f:
        writer.write(f)
    return path


def verified(qtbot, us, path: Path) -> VerifyFileDialog:
    dialog = VerifyFileDialog(us, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_tasks(qtbot)
    assert dialog.result is not None, dialog.error_label.text()
    return dialog


def test_an_issued_document_is_listed_newest_first_and_the_list_follows_changes(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = placed_child(us)
    first = issue(us, cid, "facility", tmp_path)
    page, tab = documents_tab(qtbot, us, cid)
    assert tab.table.rowCount() == 1
    row = cells(tab, 0)
    assert row[KIND] == kind_label("facility") and row[REFERENCE] == first.rendered.reference != ""
    assert row[RECIPIENT] == recipient("facility")
    assert row[USER] == "Petr Novák" and row[CHANNEL] == "saved to a file"
    assert tab.count_label.text() == "1 document issued about this child."
    second = issue(us, cid, "summary", tmp_path)
    announce(Changes.of(Kind.DOCUMENT, child=cid))  # what the document dialog announces
    wait_tasks(qtbot)
    assert [cells(tab, r)[REFERENCE] for r in range(2)] == [second.rendered.reference, first.rendered.reference]
    assert tab.new_button.isVisible() and tab.verify_button.isVisible()
    dialog = tab.new_document()  # "New document…": the document dialog for this child
    assert isinstance(dialog, DocumentDialog) and dialog.child_id == cid
    wait_tasks(qtbot)  # its preview
    dialog.close()
    # Another child's document is not listed here.
    other = placed_child(us)
    issue(us, other, "facility", tmp_path)
    tab.refresh()
    wait_tasks(qtbot)
    assert tab.table.rowCount() == 2


def test_the_detail_shows_the_stored_hash_and_what_changed_since(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = placed_child(us)
    issued = issue(us, cid, "facility", tmp_path)
    data = issued.path.read_bytes()
    page, tab = documents_tab(qtbot, us, cid)
    tab.table.setFocus()
    tab.table.selectRow(0)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)  # Enter opens the chosen entry
    dialog = tab.dialog
    assert isinstance(dialog, DisclosureDialog)
    wait_tasks(qtbot)
    assert dialog.detail is not None, dialog.error_label.text()
    assert dialog.hash_label.text() == hashlib.sha256(data).hexdigest() == issued.rendered.sha256
    assert issued.rendered.reference in dialog.title_label.text()
    facts = dialog.facts.toPlainText()
    assert kind_label("facility") in facts and "Identity" in facts and recipient("facility") in facts
    assert f"record no. {cid}" in facts
    assert dialog.changes_label.text() == "Nothing in the child's data has changed since it was issued."
    assert not dialog.changes_table.isVisibleTo(dialog)
    dialog.close()
    view = children.get_child(us, cid)
    children.update_child(us, cid, children.with_form(view, given_names="Alí", notes="Přišel s bratrem."))
    again = tab.open_entry(0)  # the double-click's slot
    wait_tasks(qtbot)
    assert again.detail is not None
    assert again.changes_table.rowCount() >= 1 and again.changes_table.isVisibleTo(again)
    assert "change" in again.changes_label.text()
    assert all(again.changes_table.item(r, 2).text() for r in range(again.changes_table.rowCount()))
    assert again.hash_label.text() == issued.rendered.sha256  # the stored hash does not follow the child


def test_checking_files_against_the_register(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = placed_child(us)
    issued = issue(us, cid, "facility", tmp_path)
    ours = verified(qtbot, us, issued.path)
    assert ours.state == "match" and ours.result.match.id == issued.disclosure_id
    assert ours.verdict_label.text().startswith("This is the document we sent on ")
    assert recipient("facility") in ours.verdict_label.text()
    assert issued.rendered.reference in ours.details_label.text() and ours.entry_button.isVisible()
    entry = ours.open_entry()
    wait_tasks(qtbot)
    assert entry.detail is not None
    assert entry.detail.view.id == issued.disclosure_id

    altered = tmp_path / "altered.pdf"
    altered.write_bytes(flipped(issued.path.read_bytes()))
    changed = verified(qtbot, us, altered)
    assert changed.state == "alien" and changed.result.match is None
    assert changed.verdict_label.text() == "Not ours, or altered."
    assert changed.result.claimed is not None and changed.result.claimed.id == issued.disclosure_id
    assert issued.rendered.reference in changed.details_label.text() and "altered" in changed.details_label.text()
    assert hashlib.sha256(altered.read_bytes()).hexdigest() in changed.hash_label.text()

    alien = verified(qtbot, us, foreign_pdf(tmp_path / "foreign.pdf"))
    assert alien.state == "alien" and alien.result.claimed is None
    assert alien.verdict_label.text() == "Not ours, or altered."
    assert alien.details_label.text().startswith("No document in the register") and not alien.entry_button.isVisible()


def test_facility_staff_see_only_their_own_entries(qtbot, admin_session, officer_session, db_path, tmp_path):
    officer = officer_session
    cid = placed_child(officer)
    missing.report_missing(officer, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=3),
                                                      last_seen_place="Smíchovské nádraží"))
    theirs = issue(officer, cid, "facility", tmp_path)
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    own = issue(us, cid, "missing", tmp_path)
    page, tab = documents_tab(qtbot, us, cid)
    assert tab.table.rowCount() == 1 and cells(tab, 0)[KIND] == kind_label("missing")
    assert cells(tab, 0)[REFERENCE] == own.rendered.reference
    assert tab.new_button.isVisible()
    # The officer's document is ours, but its entry is not the staff member's: said without details.
    hidden = verified(qtbot, us, theirs.path)
    assert hidden.state == "hidden" and hidden.result.match is None and not hidden.entry_button.isVisible()
    assert theirs.rendered.reference not in hidden.details_label.text() + hidden.verdict_label.text()
    _page, officer_tab = documents_tab(qtbot, officer, cid)
    assert officer_tab.table.rowCount() == 2


def test_the_main_window_checks_a_document(qtbot, officer_session, tmp_path):
    us = officer_session
    cid = placed_child(us)
    issued = issue(us, cid, "summary", tmp_path)
    window = MainWindow(us)
    qtbot.addWidget(window)
    assert window.verify_action in window.ui.file_menu.actions()
    assert window.verify_action.text().replace("&", "") == "Check a document…"
    dialog = window.open_verify(issued.path)
    wait_tasks(qtbot)
    assert dialog.state == "match"
    page = window.open_child(cid, "documents")
    assert page.ui.section_tabs.currentWidget() is page.documents_tab


@pytest.mark.parametrize("size", [MINIMUM_SIZE, QSize(1366, 768)], ids=["1000x600", "1366x768"])
def test_screens_in_czech(qtbot, czech, officer_session, tmp_path, size):
    us = officer_session
    cid = placed_child(us)
    issued = issue(us, cid, "facility", tmp_path)
    issue(us, cid, "police", tmp_path, minimal=True, recipient="KŘP hl. m. Prahy, odbor obecné kriminality")
    issue(us, cid, "summary", tmp_path)
    view = children.get_child(us, cid)
    children.update_child(us, cid, children.with_form(view, notes="Mluví paštunsky a trochu anglicky."))
    shots = shots_dir(tmp_path)
    name = f"{size.width()}x{size.height()}"
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    page = window.open_child(cid, "documents")
    wait_tasks(qtbot)
    tab = page.documents_tab
    page.scroll_area.ensureWidgetVisible(page.ui.section_tabs)
    screenshot(qtbot, window, shots / f"documents_tab_{name}.png")
    assert tab.table.rowCount() == 3 and cut(window) == [] and columns_on_screen(tab.table) == []
    assert page.ui.section_tabs.tabText(page.ui.section_tabs.indexOf(tab)) == "Vydané dokumenty"
    assert tab.verify_button.text().replace("&", "") == "Ověřit soubor…"
    assert tab.new_button.text().replace("&", "") == "Nový dokument…"
    detail = tab.open_entry(2)
    wait_tasks(qtbot)
    assert detail.detail is not None
    screenshot(qtbot, detail, shots / f"disclosure_detail_{name}.png")
    assert cut(detail) == []
    detail.close()
    ours = verified(qtbot, us, issued.path)
    assert ours.verdict_label.text().startswith("Toto je dokument, který jsme odeslali dne")
    screenshot(qtbot, ours, shots / f"verify_match_{name}.png")
    assert cut(ours) == []
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(flipped(issued.path.read_bytes()))
    changed = verified(qtbot, us, altered)
    assert changed.verdict_label.text() == "Není od nás, nebo byl změněn."
    screenshot(qtbot, changed, shots / f"verify_altered_{name}.png")
    assert cut(changed) == []
