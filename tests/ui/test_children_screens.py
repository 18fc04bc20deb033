"""Every children screen rendered offscreen in Czech with Czech, Cyrillic and Arabic data: nothing clipped.

Set OSPOD_SHOTS_DIR=shots to keep the PNGs (the folder is git-ignored) and look at them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.core.child_form import FamilyInput, IdentifierInput
from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.child_dialog import ChildDialog
from ospod_desktop.ui.dialogs.child_fields import set_date, set_number
from ospod_desktop.ui.dialogs.import_dialog import ImportDialog
from ospod_desktop.ui.main_window import CHILDREN, DUPLICATES, MainWindow
from tests.conftest import child_form
from tests.ui.helpers import type_text, wait_tasks
from tests.ui.test_screens import czech, shots, snap  # noqa: F401 (fixtures)

TODAY = date.today()


def _photo() -> bytes:
    """A drawn head-and-shoulders placeholder (no real person), as the dialog would store it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#cfd8dc"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#8d6e63"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPoint(150, 150), 75, 95)
    painter.setBrush(QColor("#37474f"))
    painter.drawEllipse(QPoint(150, 420), 150, 140)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG", 85)
    return bytes(data.data())


@pytest.fixture
def register(officer_session):
    us = officer_session
    ids = {}
    ids["amina"] = children.register_child(us, child_form(
        "Amina", "Haidari", "F", original_script_name="امینه حیدری", aliases=("Amína Hajdarí",), age_min=15,
        age_max=17, age_claimed=15, nationalities=("AF",), languages=("fa", "ps"), interpreter_language="fa",
        found_time="06:15", channel="police", reporter_agency="Policie ČR, OPKPE Praha",
        reporter_person="por. Jiří Čermák", reporter_reference="KRPA-4471/ČJ-2026", urgency="within_24h",
        urgency_reason="Dítě je vyčerpané, noc strávilo na nádraží.", case_mark="Om 7/2026",
        reference="KRPA-4471/ČJ-2026", identifiers=(IdentifierInput("other_document", "TZ-88213", "AF", "Tazkira"),),
        family=(FamilyInput("bratr", "Ahmad Haidari", "Kábul", "", "yes"),
                FamilyInput("matka", "Fatima Haidari", "Írán, Mašhad", "+98 915 000 0000", "unknown")),
        wishes="Chce chodit do školy a najít bratra.", notes="Mluví trochu anglicky."), _photo())
    ids["olek"] = children.register_child(us, child_form(
        "", "", "M", original_script_name="Олександр Шевченко", birth_year=2010, nationalities=("UA",),
        languages=("uk", "ru"), status="separated", companion_name="Іван Петренко",
        companion_relationship="strýc (uvádí)", urgency="immediate", urgency_reason="bez dokladů, noc",
        case_mark="Om 12/2026"))
    ids["olek2"] = children.register_child(us, child_form(
        "Oleksandr", "Ševčenko", "M", birth_year=2010, nationalities=("UA",), channel="kacpu",
        found_place="KACPU Praha – Vysočany"))
    for given, surname, sex, nat in (("Jana", "Cibulka", "F", "CZ"), ("Petr", "Čermák", "M", "SK"),
                                     ("Hana", "Hrubá", "F", "CZ"), ("Tomáš", "Chalupa", "M", "CZ"),
                                     ("Dawit", "Tesfay", "M", "ER")):
        children.register_child(us, child_form(given, surname, sex, nationalities=(nat,), birth_year=2011))
    ids["adult_soon"] = children.register_child(us, child_form(
        "Mohammed", "Al-Rashid", "M", original_script_name="محمد الراشد", nationalities=("SY",),
        birth_date=TODAY.replace(year=TODAY.year - 18) + timedelta(days=40)))
    view = children.get_child(us, ids["amina"])
    children.update_child(us, ids["amina"], children.with_form(view, family_names="Haidary", case_mark="Om 8/2026"))
    children.add_age_assessment(us, ids["amina"], "medical", TODAY - timedelta(days=1), "MUDr. Věra Šťastná, FN Motol",
                                15, 17, "RTG zápěstí")
    return ids


def test_children_screens(qtbot, czech, shots, officer_session, register, tmp_path):  # noqa: F811
    us = officer_session
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(1366, 760)
    with qtbot.waitSignal(window.children_page.list_loaded):
        window.show()
    page = window.children_page
    assert page.ui.register_button.text() != "&Register a child…"
    snap(qtbot, window, shots, "children_list")
    with qtbot.waitSignal(page.list_loaded):
        type_text(page.ui.search_edit, "sevcenko")
    snap(qtbot, window, shots, "children_search_sevcenko")

    child = window.open_child(register["amina"])
    wait_tasks(qtbot)
    tabs = child.ui.section_tabs
    names = ("identity", "intake", "family", "placements", "disappearances", "visits", "guardian_and_plan",
             "trafficking_indicators", "assessments", "documents", "issued_documents", "history", "timeline")
    assert tabs.count() == len(names)
    for index, name in enumerate(names):
        tabs.setCurrentIndex(index)
        snap(qtbot, window, shots, f"child_page_{index + 1}_{name}")
    window.open_child(register["olek"])
    wait_tasks(qtbot)
    snap(qtbot, window, shots, "child_page_cyrillic_separated")

    assessment = child.add_assessment()
    type_text(assessment.ui.assessor_edit, "MUDr. Věra Šťastná")
    snap(qtbot, assessment, shots, "age_assessment_dialog")
    assessment.reject()

    edit = child.edit()
    for index in range(edit.ui.form_tabs.count()):
        edit.ui.form_tabs.setCurrentIndex(index)
        snap(qtbot, edit, shots, f"child_dialog_edit_{index + 1}")
    edit.reject()

    dialog = page.register_child()
    wait_tasks(qtbot)  # the officers are read on a worker
    type_text(dialog.ui.given_names_edit, "Oleksandr")
    type_text(dialog.ui.family_names_edit, "Ševčenko")
    dialog.ui.sex_combo.setCurrentIndex(dialog.ui.sex_combo.findData("M"))
    set_number(dialog.ui.birth_year_spin, 2010)
    dialog.nationalities.add("UA")
    type_text(dialog.ui.found_place_edit, "Praha – hlavní nádraží")
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    assert dialog.ui.duplicates_group.isVisible()
    snap(qtbot, dialog, shots, "child_dialog_duplicates")
    dialog.reject()

    bad = ChildDialog(us, parent=window)
    wait_tasks(qtbot)
    type_text(bad.ui.given_names_edit, "Амір")
    type_text(bad.ui.found_place_edit, "Brno")
    set_date(bad.ui.birth_date_edit, TODAY + timedelta(days=3))
    bad.show()
    bad.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)
    assert bad.ui.error_label.text().startswith("Datum narození:")
    snap(qtbot, bad, shots, "child_dialog_error")
    bad.reject()

    csv_path = tmp_path / "evidence.csv"
    found = (TODAY - timedelta(days=2)).isoformat()
    csv_path.write_text(
        "Příjmení;Jméno;Jméno v původním písmu;Pohlaví;Rok narození;Státní příslušnost;Datum nalezení;Místo nalezení;Stav\n"
        f"Коваленко;Олена;Олена Коваленко;Ž;2012;UA;{found};Praha;bez doprovodu\n"
        f"Haidari;Ali;علی حیدری;X;2011;AF;{found};Brno;bez doprovodu\n"
        f"Novák;Jan;;M;2010;XY;{found};Ostrava;odloučené\n", encoding="utf-8")
    importer = ImportDialog(us, window)
    importer.load_file(csv_path)
    wait_tasks(qtbot)
    snap(qtbot, importer, shots, "import_dialog_preview")
    importer.reject()

    window.ui.nav_list.setCurrentRow(DUPLICATES)
    wait_tasks(qtbot)
    wait_tasks(qtbot)
    assert window.duplicates_page.ui.pairs_table.rowCount() >= 1
    snap(qtbot, window, shots, "duplicates_page")
    merge = window.duplicates_page.merge()
    snap(qtbot, merge, shots, "merge_dialog")
    merge.reject()
    window.ui.nav_list.setCurrentRow(CHILDREN)
    window.close()
