"""The registration dialog against the real services: typing in any script, minimum, field errors, matches."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox

from ospod_desktop.services import children
from ospod_desktop.ui.dialogs.child_dialog import ChildDialog
from ospod_desktop.ui.dialogs.child_fields import set_date, set_number
from tests.conftest import child_form
from tests.ui.helpers import type_text, wait_tasks


def _dialog(qtbot, us, view=None) -> ChildDialog:
    dialog = ChildDialog(us, view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_tasks(qtbot)  # the officers to choose from are read on a worker
    return dialog


def _save(qtbot, dialog) -> None:
    dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    wait_tasks(qtbot)


def _count(us) -> int:
    return len(children.list_children(us, children.ListFilter(case_status=None)).ids)


def _pick(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


def test_full_registration_typed_in_czech_and_cyrillic(qtbot, officer_session):
    us = officer_session
    dialog = _dialog(qtbot, us)
    ui = dialog.ui
    type_text(ui.given_names_edit, "Oleksandr")
    type_text(ui.family_names_edit, "Ševčenko")
    type_text(ui.original_script_name_edit, "Олександр Шевченко")
    type_text(ui.aliases_edit, "Саша\nSaša")
    _pick(ui.sex_combo, "M")
    _pick(ui.status_combo, "separated")
    assert ui.companion_group.isEnabled()
    type_text(ui.companion_name_edit, "Іван Петренко")
    type_text(ui.companion_relationship_edit, "strýc (uvádí)")
    set_number(ui.birth_year_spin, 2010)
    set_number(ui.age_claimed_spin, 15)
    assert "2010" not in ui.age_preview_label.text() and "presumed a minor" in ui.age_preview_label.text()
    type_text(ui.found_time_edit, "23:40")
    type_text(ui.found_place_edit, "Praha – hlavní nádraží")
    _pick(ui.channel_combo, "police")
    type_text(ui.reporter_agency_edit, "Policie ČR, KŘP hl. m. Prahy")
    _pick(ui.urgency_combo, "immediate")
    type_text(ui.urgency_reason_edit, "noc, žádný dospělý")
    ui.nationality_combo.setCurrentIndex(ui.nationality_combo.findData("UA"))
    ui.nationality_add_button.click()
    type_text(ui.language_combo.lineEdit(), "Ukrainian\n")  # Enter adds the language, it does not save
    assert dialog.isVisible() and dialog.languages.codes() == ("uk",)
    _pick(ui.interpreter_combo, "uk")
    dialog.documents.add_row(["passport", "FX123456", "UA", ""])
    dialog.family.add_row(["matka", "Олена", "Charkiv", "+380 50 000 0000", "yes", ""])
    type_text(ui.wishes_edit, "chce zavolat mamince")
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(qtbot, dialog)
    assert not dialog.isVisible()
    view = children.get_child(us, saved.args[0])
    assert (view.given_names, view.family_names, view.original_script_name) == (
        "Oleksandr", "Ševčenko", "Олександр Шевченко")
    assert view.aliases == ("Саша", "Saša") and view.sex == "M" and view.status == "separated"
    assert view.companion_name == "Іван Петренко" and view.birth_year == 2010 and view.age_claimed == 15
    assert view.found_time == "23:40" and view.channel == "police" and view.urgency == "immediate"
    assert view.nationalities == ("UA",) and view.languages == ("uk",) and view.interpreter_language == "uk"
    assert view.identifiers[0].number == "FX123456" and view.family[0].name == "Олена"
    assert view.wishes == "chce zavolat mamince" and view.responsible_officer_id == us.actor.user_id


def test_minimum_is_a_description_sex_date_and_place(qtbot, officer_session):
    dialog = _dialog(qtbot, officer_session)
    type_text(dialog.ui.description_edit, "chlapec, asi 14 let, červená bunda")
    type_text(dialog.ui.found_place_edit, "Letiště Václava Havla")
    with qtbot.waitSignal(dialog.saved):
        _save(qtbot, dialog)
    assert _count(officer_session) == 1


@pytest.mark.parametrize(
    ("fill", "message", "widget"),
    [
        (lambda ui: set_date(ui.birth_date_edit, date.today() + timedelta(days=30)), "Date of birth:", "birth_date_edit"),
        (lambda ui: ui.family_names_edit.setText("Ali\u202eiksA"), "Family names:", "family_names_edit"),
        (lambda ui: type_text(ui.birth_number_edit, "100101/1235"), "Birth number:", "birth_number_edit"),
    ],
    ids=["future-birth-date", "bidi-override", "invalid-birth-number"],
)
def test_a_field_error_names_the_field_and_saves_nothing(qtbot, officer_session, fill, message, widget):
    dialog = _dialog(qtbot, officer_session)
    ui = dialog.ui
    type_text(ui.given_names_edit, "Amina")
    type_text(ui.found_place_edit, "Brno")
    fill(ui)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert ui.error_label.isVisible() and ui.error_label.text().startswith(message)
    field = getattr(ui, widget)
    assert field.hasFocus() and "b00020" in field.styleSheet()
    assert ui.form_tabs.currentWidget().isAncestorOf(field)
    assert _count(officer_session) == 0


def test_missing_name_and_description_points_at_the_name(qtbot, officer_session):
    dialog = _dialog(qtbot, officer_session)
    type_text(dialog.ui.found_place_edit, "Brno")
    _save(qtbot, dialog)
    assert dialog.ui.error_label.text().startswith("Given names:") and dialog.ui.given_names_edit.hasFocus()


def _existing(us) -> int:
    return children.register_child(us, child_form(
        "", "", "M", original_script_name="Олександр Шевченко", birth_year=2010, nationalities=("UA",)))


def _type_latin_variant(dialog) -> None:
    ui = dialog.ui
    type_text(ui.given_names_edit, "Oleksandr")
    type_text(ui.family_names_edit, "Ševčenko")
    _pick(ui.sex_combo, "M")
    set_number(ui.birth_year_spin, 2010)
    ui.nationality_combo.setCurrentIndex(ui.nationality_combo.findData("UA"))
    ui.nationality_add_button.click()
    type_text(ui.found_place_edit, "Praha")


def test_likely_match_is_listed_and_the_existing_record_opens(qtbot, officer_session):
    existing = _existing(officer_session)
    dialog = _dialog(qtbot, officer_session)
    _type_latin_variant(dialog)
    _save(qtbot, dialog)
    ui = dialog.ui
    assert dialog.isVisible() and ui.duplicates_group.isVisible()
    assert ui.duplicates_table.rowCount() == 1
    assert "Олександр Шевченко" in ui.duplicates_table.item(0, 1).text()
    assert "name matches across scripts" in ui.duplicates_table.item(0, 6).text()
    assert ui.duplicates_table.item(0, 0).text().endswith("%")
    with qtbot.waitSignal(dialog.open_existing) as opened:
        ui.open_existing_button.click()
    assert opened.args == [existing] and not dialog.isVisible()
    assert _count(officer_session) == 1


def test_save_anyway_registers_a_second_record(qtbot, officer_session):
    _existing(officer_session)
    dialog = _dialog(qtbot, officer_session)
    _type_latin_variant(dialog)
    _save(qtbot, dialog)
    assert dialog.ui.duplicates_group.isVisible()
    with qtbot.waitSignal(dialog.saved):
        dialog.ui.save_anyway_button.click()
        wait_tasks(qtbot)
    assert _count(officer_session) == 2


def test_photo_is_downscaled_to_800_px_jpeg_before_saving(qtbot, officer_session, tmp_path):
    big = QImage(2400, 1200, QImage.Format.Format_RGB32)
    big.fill(QColor("#3366aa"))
    path = tmp_path / "photo.png"
    assert big.save(str(path))
    dialog = _dialog(qtbot, officer_session)
    dialog.load_photo_file(str(path))
    wait_tasks(qtbot)
    assert isinstance(dialog.photo, bytes) and dialog.photo.startswith(b"\xff\xd8\xff")
    small = QImage.fromData(dialog.photo)
    assert (small.width(), small.height()) == (800, 400)
    assert not dialog.ui.photo_label.pixmap().isNull()
    type_text(dialog.ui.given_names_edit, "Amina")
    type_text(dialog.ui.found_place_edit, "Brno")
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(qtbot, dialog)
    assert children.get_photo(officer_session, saved.args[0]) == dialog.photo


def test_editing_loads_every_field_and_saves_only_changes(qtbot, officer_session):
    us = officer_session
    cid = children.register_child(us, child_form("Amina", "Haidari", "F", nationalities=("AF",), languages=("fa",),
                                                 age_min=14, age_max=16, case_status="open"))
    dialog = _dialog(qtbot, us, children.get_child(us, cid))
    ui = dialog.ui
    assert ui.family_names_edit.text() == "Haidari" and dialog.nationalities.codes() == ("AF",)
    assert ui.age_min_spin.value() == 14 and ui.birth_year_spin.text() == "—"
    ui.family_names_edit.clear()
    type_text(ui.family_names_edit, "Haidary")
    with qtbot.waitSignal(dialog.saved):
        _save(qtbot, dialog)
    history = children.get_child(us, cid).history
    assert [(h.field, h.old_value, h.new_value) for h in history[1:]] == [("family_names", "Haidari", "Haidary")]
