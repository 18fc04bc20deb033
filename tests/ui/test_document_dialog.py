"""The document dialog (issue 12): only the kinds the role may issue, a QtPdf preview rendered on a worker, "Save
as" writing the file and its register entry, printing the issued bytes on a QPrinter, the follow-ups (the police
report, the police informed of a disappearance), and the entry points on the child's page. Real database, real
widgets (offscreen); screenshots at 1366×768 and at the smallest window (1000×600)."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import disclosures, missing, placements, trafficking
from ospod_desktop.ui.changes import Kind
from ospod_desktop.ui.dialogs.document_dialog import DocumentDialog
from ospod_desktop.ui.dialogs.placement_actions import InformedDialog
from ospod_desktop.ui.dialogs.victim_event_dialog import VictimEventDialog
from ospod_desktop.ui.pdf_preview import PdfNotReadable, PdfPreview, print_pdf
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm, staff
from tests.ui.helpers import ChangesSeen, open_child_page, shots_dir, wait_tasks
from tests.ui.trafficking_helpers import finished


def reportlab_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for n in range(pages):
        pdf.drawString(72, 720, f"Page {n + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def missing_child(us, given: str = "Ali") -> tuple[int, int]:
    """A child placed at Radlická, missing since yesterday evening: (child id, episode id)."""
    cid = child(us, given, days_ago=30, original_script_name="علی رحیمی", nationalities=("AF",))
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=20)))
    eid = missing.report_missing(us, cid, MissingInput(
        last_seen_at=datetime.now(UTC) - timedelta(hours=14), last_seen_place="Smíchovské nádraží",
        description="Hubený, krátké černé vlasy", clothing="Modrá bunda"))
    return cid, eid


def open_dialog(qtbot, us, cid, kind=None, **ids) -> DocumentDialog:
    dialog = DocumentDialog(us, cid, kind, **ids)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_tasks(qtbot)  # the allowed kinds
    qtbot.waitUntil(lambda: dialog.rendered is not None or dialog.error_label.isVisible(), timeout=15_000)
    wait_tasks(qtbot)
    return dialog


def kinds(dialog) -> list[str]:
    return [dialog.kind.itemData(i) for i in range(dialog.kind.count())]


def answer_follow_up(qtbot, dialog, yes: bool = True):
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible())
    box = dialog.question
    role = QMessageBox.ButtonRole.YesRole if yes else QMessageBox.ButtonRole.NoRole
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()
    wait_tasks(qtbot)


# --- pdf_preview -----------------------------------------------------------------------------------


def test_the_preview_shows_a_pdf_from_bytes_and_refuses_what_is_no_pdf(qtbot):
    view = PdfPreview()
    qtbot.addWidget(view)
    view.show()
    document = view.show_pdf(reportlab_pdf(3))
    assert document.pageCount() == 3 and view.page_count() == 3
    view.show_pdf(reportlab_pdf(1))  # replaced
    assert view.page_count() == 1
    with pytest.raises(PdfNotReadable):
        view.show_pdf(b"%PDF-1.4 not really")
    assert view.page_count() == 1  # what was shown stays
    view.clear_pdf()
    assert view.page_count() == 0


def test_print_pdf_paints_every_page_on_the_printer(qtbot, tmp_path):
    out = tmp_path / "printed.pdf"
    assert print_pdf(reportlab_pdf(3), pdf_printer(out)) == 3
    assert len(pypdf.PdfReader(out).pages) == 3


# --- the dialog ------------------------------------------------------------------------------------


def test_facility_staff_get_only_the_missing_report(qtbot, admin_session, officer_session, db_path):
    cid, eid = missing_child(officer_session)
    us = staff(admin_session[0], db_path, "radlicka", RADLICKA)
    dialog = open_dialog(qtbot, us, cid, episode_id=eid)
    assert kinds(dialog) == ["missing"]
    assert dialog.preview.page_count() > 0, dialog.error_label.text()
    assert dialog.request().episode_id == eid
    assert not dialog.minimal.isVisible()  # police only


def test_an_officer_previews_every_kind_and_the_recipient_follows_kind_and_language(qtbot, officer_session):
    us = officer_session
    cid, _eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "facility")
    assert kinds(dialog) == ["facility", "police", "missing", "summary"]
    assert dialog.current_kind() == "facility" and dialog.preview.page_count() > 0, dialog.error_label.text()
    assert dialog.current_lang() == "cs"  # Czech by default, whatever the UI language
    assert dialog.recipient.text().startswith("Zařízení pro děti-cizince")
    dialog.lang.setCurrentIndex(dialog.lang.findData("en"))
    assert dialog.recipient.text().startswith("Facility for Foreign Children")  # the default, in the document's language
    assert dialog.rendered is None and not dialog.save_button.isEnabled()  # the preview is stale until rendered again
    for kind in ("police", "missing", "summary"):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.refresh_preview()
        qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=15_000)
        assert dialog.preview.page_count() > 0 and dialog.rendered.request.kind == kind
        assert dialog.minimal.isVisible() is (kind == "police")
        assert dialog.holds_label.text()
    assert disclosures.disclosures(us, cid) == []  # a preview is not a disclosure
    dialog.recipient.setText("Obvodní ředitelství policie Praha II")
    dialog.kind.setCurrentIndex(dialog.kind.findData("police"))
    assert dialog.recipient.text() == "Obvodní ředitelství policie Praha II"  # typed: kept


def test_save_as_writes_the_file_and_its_register_entry(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, _eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "facility")
    assert dialog.rendered.file_name.endswith(".pdf") and "Ali" not in dialog.rendered.file_name
    dialog.attachments.setPlainText("Rozhodnutí soudu\n\nZpráva o nálezu\n")
    dialog.reference.setText("OSPOD/77/2026")
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=15_000)
    assert dialog.request().attachments == ("Rozhodnutí soudu", "Zpráva o nálezu")
    seen = ChangesSeen()
    target = tmp_path / "out" / dialog.rendered.file_name
    target.parent.mkdir()
    dialog.save_to(target)
    wait_tasks(qtbot)
    assert target.exists(), dialog.error_label.text()
    entries = disclosures.disclosures(us, cid)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert (entry.kind, entry.channel, entry.reference) == ("facility", "saved", "OSPOD/77/2026")
    assert "OSPOD/77/2026" in dialog.status_label.text()
    assert any(c.affects(Kind.DOCUMENT, cid) for c in seen.changes)
    assert dialog.question is None  # no follow-up after a facility document


def test_a_save_that_fails_shows_the_error_and_records_nothing(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, _eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "summary")
    dialog.save_to(tmp_path / "no-such-folder" / "x.pdf")
    wait_tasks(qtbot)
    assert dialog.error_label.isVisible() and dialog.error_label.text()
    assert disclosures.disclosures(us, cid) == []
    assert dialog.save_button.isEnabled()  # the user can choose another place


def test_print_issues_the_document_and_prints_its_pages(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, _eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "summary")
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    wait_tasks(qtbot)
    assert out.exists(), dialog.error_label.text()
    entry = disclosures.disclosures(us, cid)[0]
    assert entry.channel == "printed" and entry.sha256 == dialog.last_issued.rendered.sha256
    pages = pypdf.PdfReader(io.BytesIO(dialog.last_issued.rendered.data)).pages
    assert len(pypdf.PdfReader(out).pages) == len(pages)


def test_after_a_police_notice_the_report_is_recorded_prefilled(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, _eid = missing_child(us)
    view = finished(us, cid, "presumed_victim")
    dialog = open_dialog(qtbot, us, cid, "police", assessment_id=view.id)
    assert dialog.request().assessment_id == view.id
    dialog.minimal.setChecked(True)
    dialog.recipient.setText("KŘP hl. m. Prahy, odbor kriminální policie")
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=15_000)
    assert dialog.rendered.categories == ("identity",)  # the minimal notice
    dialog.save_to(tmp_path / "notice.pdf")
    wait_tasks(qtbot)
    answer_follow_up(qtbot, dialog)
    event = dialog.follow_up
    assert isinstance(event, VictimEventDialog) and event.isVisible()
    assert event.current_kind() == "police_report"
    assert event.body.text() == "KŘP hl. m. Prahy, odbor kriminální policie"
    assert event.on.date().toPython() == date.today()
    reference = disclosures.disclosures(us, cid)[0].reference
    assert reference in event.channel.text()
    with qtbot.waitSignal(event.saved, timeout=10_000):
        event.submit()
    wait_tasks(qtbot)
    assert [e.kind for e in trafficking.victim_events_of(us, cid)] == ["police_report"]


def test_after_a_missing_report_the_police_can_be_recorded_as_informed(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "missing", episode_id=eid)
    dialog.save_to(tmp_path / "missing.pdf")
    wait_tasks(qtbot)
    answer_follow_up(qtbot, dialog)
    informed = dialog.follow_up
    assert isinstance(informed, InformedDialog) and informed.episode_id == eid
    assert informed.ui.party.currentData() == "police"
    informed.ui.reference.setText("KRPA-1234/TČ-2026")
    with qtbot.waitSignal(informed.saved, timeout=10_000):
        informed.submit()
    wait_tasks(qtbot)
    told = missing.child_episodes(us, cid)[0].informed
    assert [(i.party, i.reference) for i in told] == [("police", "KRPA-1234/TČ-2026")]


def test_declining_the_follow_up_opens_nothing(qtbot, officer_session, tmp_path):
    us = officer_session
    cid, eid = missing_child(us)
    dialog = open_dialog(qtbot, us, cid, "missing", episode_id=eid)
    dialog.save_to(tmp_path / "missing.pdf")
    wait_tasks(qtbot)
    answer_follow_up(qtbot, dialog, yes=False)
    assert dialog.follow_up is None


# --- entry points ----------------------------------------------------------------------------------


def test_the_disappearance_record_opens_the_missing_report_of_its_episode(qtbot, officer_session):
    us = officer_session
    cid, eid = missing_child(us)
    page = open_child_page(qtbot, us, cid)
    page.show_section("missing")
    page.ui.episodes_table.selectRow(0)
    button = page.missing_report_button
    assert button.isVisible() and button.isEnabled()
    button.click()
    dialog = page.dialog
    assert isinstance(dialog, DocumentDialog)
    wait_tasks(qtbot)
    assert dialog.current_kind() == "missing" and dialog.episode_id == eid
    dialog.reject()
    missing.record_return(us, eid, datetime.now(UTC), found_place="Praha")
    page.reload()
    wait_tasks(qtbot)
    page.ui.episodes_table.selectRow(0)
    assert not button.isEnabled()  # the child is back: no report to the police


def test_a_finished_assessment_offers_the_police_notice(qtbot, officer_session):
    us = officer_session
    cid = child(us, "Ali", days_ago=30)
    view = finished(us, cid, "concern")
    page = open_child_page(qtbot, us, cid)
    page.show_section("indicators")
    tab = page.indicators_tab
    tab.open_assessment(view.id)
    wait_tasks(qtbot)
    outcome = tab.editor.outcome
    assert outcome.police_button.isVisible()
    dialog = outcome.open_police_notice()
    wait_tasks(qtbot)
    assert isinstance(dialog, DocumentDialog)
    assert dialog.current_kind() == "police" and dialog.assessment_id == view.id
    dialog.reject()
    draft = trafficking.start_assessment(us, cid)
    tab.show_list()
    tab.open_assessment(draft.id)
    wait_tasks(qtbot)
    assert not tab.editor.outcome.police_button.isVisible()  # a draft is not reported from here


# --- screenshots -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_screenshots(qtbot, officer_session, tmp_path, lang):
    from ospod_desktop.core import i18n
    from ospod_desktop.ui.locale import apply_language

    i18n.set_language(lang)
    apply_language(lang)
    try:
        us = officer_session
        cid, eid = missing_child(us)
        view = finished(us, cid, "presumed_victim")
        folder = shots_dir(tmp_path)
        for w, h in ((1366, 768), (1000, 600)):
            dialog = DocumentDialog(us, cid, "police", assessment_id=view.id)
            qtbot.addWidget(dialog)
            dialog.resize(w - 40, h - 60)
            dialog.show()
            dialog.lang.setCurrentIndex(dialog.lang.findData(lang))
            wait_tasks(qtbot)
            qtbot.waitUntil(lambda d=dialog: d.rendered is not None, timeout=15_000)
            wait_tasks(qtbot)
            qtbot.wait(200)
            assert dialog.grab().save(str(folder / f"document_dialog_{lang}_{w}x{h}.png"))
            dialog.reject()
            page = open_child_page(qtbot, us, cid)
            page.resize(w - 200, h - 60)  # the child's page beside the navigation
            page.show_section("missing")
            page.ui.episodes_table.selectRow(0)
            wait_tasks(qtbot)
            assert page.missing_report_button.isEnabled()
            assert page.grab().save(str(folder / f"missing_tab_{lang}_{w}x{h}.png"))
            page.show_section("indicators")
            page.indicators_tab.open_assessment(view.id)
            wait_tasks(qtbot)
            qtbot.wait(100)
            assert page.indicators_tab.editor.outcome.police_button.isVisible()
            assert page.grab().save(str(folder / f"assessment_police_{lang}_{w}x{h}.png"))
            page.close()
    finally:
        i18n.set_language("en")
        apply_language("en")
