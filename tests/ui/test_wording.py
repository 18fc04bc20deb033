"""Wording in Czech (issue 9): one term per thing, verbs on buttons, a past deadline in the past tense, dates in
edit fields as everywhere else, and texts about a child that agree with the child's sex."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox

from ospod_desktop.core import deadlines as D
from ospod_desktop.core.field_labels import IDENTIFIER, child_label
from ospod_desktop.core.i18n import _, format_day
from ospod_desktop.core.missing_form import MissingInput
from ospod_desktop.services import children, missing, placements
from ospod_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from ospod_desktop.ui.dialogs.child_dialog import ChildDialog
from ospod_desktop.ui.dialogs.facility_dialog import FacilityDialog
from ospod_desktop.ui.dialogs.placement_actions import MissingDialog
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.locale import apply_language
from ospod_desktop.ui.models.child_table import HEADERS, RISK, STATUS, ChildTableModel
from ospod_desktop.ui.pages.child_page import ChildPage
from ospod_desktop.ui.pages.children_page import ChildrenPage
from ospod_desktop.ui.pages.facilities_page import FacilitiesPage
from tests.conftest import child_form
from tests.services.placement_helpers import RADLICKA, TODAY, child, facility_id, pm
from tests.ui.helpers import wait_tasks


@pytest.fixture
def czech():
    apply_language("cs")
    yield
    apply_language("en")


def plain(text: str) -> str:
    return text.replace("&", "")


def _header(table, column: int) -> str:
    return table.horizontalHeaderItem(column).text()


def test_one_term_per_thing(qtbot, czech, admin_session, officer_session):
    dialog = ChildDialog(officer_session)
    qtbot.addWidget(dialog)
    page = ChildPage(officer_session, child(officer_session))
    qtbot.addWidget(page)
    model = ChildTableModel(lambda ids: [])
    # Unaccompanied or separated: "Status" in the form, the record, the history and the case list.
    assert {plain(dialog.ui.status_label.text()), child_label("status"), model.headerData(STATUS, Qt.Orientation.Horizontal)} == {"Status"}
    assert plain(dialog.ui.case_status_label.text()) == "Stav případu"  # the case's state is another thing
    # A document's kind: "Druh dokladu" in the form, on the child's page and in messages about it.
    kind = _(IDENTIFIER["kind"])
    assert _header(dialog.ui.documents_table, 0) == _header(page.ui.documents_table, 0) == kind == "Druh dokladu"
    # A facility's type: "Typ" in its form, on the Facilities page and in its detail.
    facility = FacilityDialog(admin_session[0])
    qtbot.addWidget(facility)
    facilities = FacilitiesPage(admin_session[0])
    qtbot.addWidget(facilities)
    assert plain(facility.ui.type_label.text()) == _header(facilities.ui.table, 1) == "Typ"
    assert len(HEADERS) == model.columnCount()


def test_buttons_say_what_they_do(qtbot, czech, officer_session):
    dialog = ChangePasswordDialog(officer_session)
    qtbot.addWidget(dialog)
    assert dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok).text() == "Změnit heslo"
    page = ChildrenPage(officer_session)
    qtbot.addWidget(page)
    assert plain(page.ui.import_button.text()) == "Importovat…"


def test_a_past_deadline_is_told_in_the_past_tense(czech):
    today = date(2026, 12, 6)
    start = today - timedelta(days=80)
    facts = D.PlacementFacts("zdvop", "preliminary_measure", start, decision_date=start,
                             extensions=(D.Extension(start + timedelta(days=25), start + timedelta(days=60)),))
    (overdue,) = [d for d in D.placement_deadlines(facts, today=today) if d.kind == "preliminary_measure"]
    assert overdue.status == "overdue"
    assert overdue.message() == "Předběžné opatření bylo prodlouženo (1×); skončilo 16. 11. 2026."
    (ahead,) = [d for d in D.placement_deadlines(facts, today=start + timedelta(days=30))
                if d.kind == "preliminary_measure"]
    assert ahead.status != "overdue" and ahead.message().endswith("nyní skončí 16. 11. 2026.")


def test_date_fields_show_dates_as_the_rest_of_the_app(qtbot, czech, officer_session):
    dialog = ChildDialog(officer_session)
    qtbot.addWidget(dialog)
    day = date(2026, 11, 28)
    edits = dialog.findChildren(QDateEdit)
    assert len(edits) == 3  # born, found, case closed
    for edit in edits:
        edit.setDate(QDate(day.year, day.month, day.day))
        assert edit.text() == format_day(day) == "28. 11. 2026", edit.objectName()
    report = MissingDialog(officer_session, child(officer_session), "Ali")
    qtbot.addWidget(report)
    when = datetime(2026, 11, 28, 14, 5).astimezone()
    report.ui.last_seen_at.setDateTime(QDateTime(when))
    assert report.ui.last_seen_at.text() == format_datetime(when.astimezone(UTC)) == "28. 11. 2026 14:05"


def _missing_and_back(us, given: str, sex: str) -> int:
    cid = children.register_child(us, child_form(given, "Rahimi", sex, found_on=TODAY - timedelta(days=30)))
    placements.place_child(us, cid, pm(facility_id(us, RADLICKA), TODAY - timedelta(days=20)))
    first = missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(days=5),
                                                         last_seen_place="Anděl"))
    missing.record_return(us, first, datetime.now(UTC) - timedelta(days=4), found_place="Praha")
    missing.report_missing(us, cid, MissingInput(last_seen_at=datetime.now(UTC) - timedelta(hours=37),
                                                 last_seen_place="Smíchovské nádraží"))
    return cid


@pytest.mark.parametrize(("sex", "words", "listed", "minor"), [
    ("F", ("POHŘEŠOVÁNA 37 hodin — naposledy viděna", "Považuje se za nezletilou", "stále pohřešována",
           "vrátila se", "Nalezena: ", "Umístěna: ", "Pohřešována; naposledy viděna: ", "Vrátila se; nalezena: "),
     "Pohřešována 37 hodin", "za nezletilou"),
    ("M", ("POHŘEŠOVÁN 37 hodin — naposledy viděn", "Považuje se za nezletilého", "stále pohřešován",
           "vrátil se", "Nalezen: ", "Umístěn: ", "Pohřešován; naposledy viděn: ", "Vrátil se; nalezen: "),
     "Pohřešován 37 hodin", "za nezletilého"),
    ("U", ("POHŘEŠOVÁNO 37 hodin — naposledy viděno", "Považuje se za nezletilé", "stále pohřešováno",
           "vrátilo se", "Nalezeno: ", "Umístěno: ", "Pohřešováno; naposledy viděno: ", "Vrátilo se; nalezeno: "),
     "Pohřešováno 37 hodin", "za nezletilé "),
], ids=["girl", "boy", "unknown"])
def test_texts_about_a_child_agree_with_the_childs_sex(qtbot, czech, officer_session, sex, words, listed, minor):
    cid = _missing_and_back(officer_session, "Ali", sex)
    page = ChildPage(officer_session, cid)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    wait_tasks(qtbot)
    ui = page.ui
    texts = [ui.missing_label.text(), ui.minor_label.text()]
    texts += [ui.episodes_table.item(r, 4).text() for r in range(ui.episodes_table.rowCount())]
    texts += [ui.timeline_table.item(r, 1).text() for r in range(ui.timeline_table.rowCount())]
    for word in words:
        assert any(t.startswith(word) for t in texts), (word, texts)
    # The case list and the registration form's age hint agree too.
    listing = ChildrenPage(officer_session)
    qtbot.addWidget(listing)
    with qtbot.waitSignal(listing.list_loaded, timeout=10_000):
        listing.show()
    assert listing.model.index(listing.model.row_of(cid), RISK).data().startswith(listed)
    form = ChildDialog(officer_session)
    qtbot.addWidget(form)
    form.ui.sex_combo.setCurrentIndex(form.ui.sex_combo.findData(sex))
    assert minor in form.ui.age_preview_label.text()
