"""The deadline policy editor on Administration: edit, save as a new version, refusals naming the field, the
versions list; and its screens in Czech at 1366×768 and the window's minimum size (OSPOD_SHOTS_DIR keeps them)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication, QSpinBox

from ospod_desktop.services import due_policy
from ospod_desktop.ui.changes import Kind
from ospod_desktop.ui.main_window import ADMINISTRATION, MainWindow
from ospod_desktop.ui.pages.policy_tab import PolicyTab
from tests.ui.helpers import ChangesSeen, on_screen, screenshot, shots_dir, type_text, wait_tasks
from tests.ui.test_screens import clipped, czech, office_session  # noqa: F401 (fixtures)

FOSTER_EVERY = "visits.by_setting.foster_family.steps[1].every_months"


def _tab(qtbot, us) -> PolicyTab:
    tab = PolicyTab(us)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitExposed(tab)
    wait_tasks(qtbot)
    return tab


def _versions(tab) -> list[tuple[str, str, str]]:
    t = tab.ui.versions_table
    return [(t.item(r, 0).text(), t.item(r, 2).text(), t.item(r, 3).text()) for r in range(t.rowCount())]


def test_every_number_is_shown_with_its_basis_and_kind(qtbot, admin_session):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    fields = tab.editor.fields
    assert fields["zdvop.total_stay_months.value"].value() == 6
    assert fields["zdvop.total_stay_months.basis"].text() == "Act 359/1999 s. 42"
    assert fields["zdvop.total_stay_months.kind"].currentText() == "law"
    assert fields["information_request.days.kind"].currentText() == "office practice"
    assert fields["missing.inform_within_hours.line_116000.value"].text() == "none"
    assert fields["zdvop.sum_earlier_stays.value"].isChecked()
    assert fields["guardian.asylum_representative_from"].date().toString("yyyy-MM-dd") == "2026-06-12"
    assert fields["visits.by_setting.foster_family.steps[0].until_month"].value() == 6
    assert fields[FOSTER_EVERY].value() == 6
    assert tab.ui.current_label.text() == "In force: revision 1, the policy shipped with the program."
    assert _versions(tab) == [("1", "—", "The policy shipped with the program")]


def test_edit_a_number_and_save_makes_a_new_revision(qtbot, admin_session):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    seen = ChangesSeen()
    tab.editor.fields["zdvop.total_stay_months.value"].setValue(12)
    tab.editor.fields["zdvop.total_stay_months.basis"].setText("Act 359/1999 s. 42 (2027)")
    type_text(tab.ui.reason_edit, "Novela zákona č. 359/1999")
    tab.ui.save_button.click()
    wait_tasks(qtbot)
    current = due_policy.current_policy(admin)
    assert current.revision == 2 and current.policy.zdvop_total_months == 12
    assert current.policy.basis("zdvop.total_stay_months").text == "Act 359/1999 s. 42 (2027)"
    assert tab.ui.status_label.text() == "Saved as revision 2; it is in force now."
    assert tab.ui.reason_edit.text() == ""
    assert tab.ui.current_label.text().startswith("In force: revision 2, saved ")
    assert _versions(tab) == [("2", "admin", "Novela zákona č. 359/1999"),
                              ("1", "—", "The policy shipped with the program")]
    assert any(c.has(Kind.POLICY) for c in seen.changes)
    assert tab.editor.fields["zdvop.total_stay_months.value"].value() == 12  # reloaded from the saved version


def test_a_zero_interval_names_the_field_and_saves_nothing(qtbot, admin_session):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    spin = tab.editor.fields[FOSTER_EVERY]
    assert isinstance(spin, QSpinBox) and spin.minimum() == 0  # the core refuses it, by name, not the spin box
    spin.setValue(0)
    type_text(tab.ui.reason_edit, "Zkouška nuly")
    tab.ui.save_button.click()
    wait_tasks(qtbot)
    message = tab.ui.status_label.text()
    assert FOSTER_EVERY in message and "Supervision visits: Foster family, step 2: every (months)" in message
    assert "from 1 to 120" in message
    assert QApplication.focusWidget() is spin
    assert due_policy.current_policy(admin).revision == 1 and len(due_policy.policy_versions(admin)) == 1
    assert len(_versions(tab)) == 1 and tab.ui.reason_edit.text() == "Zkouška nuly"  # the form keeps its input


def test_a_short_reason_is_refused(qtbot, admin_session):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    type_text(tab.ui.reason_edit, "abc")
    tab.ui.save_button.click()
    wait_tasks(qtbot)
    assert "at least 5 characters" in tab.ui.status_label.text()
    assert QApplication.focusWidget() is tab.ui.reason_edit
    assert due_policy.current_policy(admin).revision == 1


def test_steps_added_and_removed_then_revert_and_import(qtbot, admin_session, tmp_path):
    admin, _code = admin_session
    tab = _tab(qtbot, admin)
    relatives = "visits.by_setting.relatives"
    tab.ui.policy_tree.setCurrentItem(tab.editor.rows[relatives])
    assert tab.ui.add_step_button.isEnabled() and tab.ui.remove_step_button.isEnabled()
    tab.ui.add_step_button.click()
    assert tab.editor.fields[f"{relatives}.steps[1].until_month"].value() == 12
    tab.editor.fields[f"{relatives}.steps[2].every_months"].setValue(12)
    type_text(tab.ui.reason_edit, "Roční návštěvy po roce")
    tab.ui.save_button.click()
    wait_tasks(qtbot)
    policy = due_policy.current_policy(admin).policy
    assert policy.visit_interval_months("relatives", 13) == 12 and policy.visit_interval_months("relatives", 7) == 6

    type_text(tab.ui.reason_edit, "Zpět na výchozí")
    tab.ui.revert_button.click()
    wait_tasks(qtbot)
    assert due_policy.current_policy(admin).policy.visit_interval_months("relatives", 13) == 6
    assert [v[0] for v in _versions(tab)] == ["3", "2", "1"]

    path = tmp_path / "policy.json"
    tab.export_to(str(path))
    wait_tasks(qtbot)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["visits"]["default"]["steps"][0]["every_months"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    type_text(tab.ui.reason_edit, "Import z kraje")
    tab.import_file(str(path))
    wait_tasks(qtbot)
    assert "visits.default.steps[0].every_months" in tab.ui.status_label.text()
    assert QApplication.focusWidget() is tab.editor.fields["visits.default.steps[0].every_months"]
    assert due_policy.current_policy(admin).revision == 3


SIZES = {"1366x768": (1366, 768), "1000x600": (1000, 600), "min": None}  # None: the window's minimum size


@pytest.mark.parametrize("size", list(SIZES))
def test_policy_tab_screens(qtbot, czech, office_session, tmp_path, size):  # noqa: F811 (fixtures)
    us, _code = office_session
    due_policy.save_policy(us, due_policy.current_policy(us).policy and _data_with_ipod(us), "Delší lhůta pro IPOD")
    window = MainWindow(us)
    qtbot.addWidget(window)
    window.resize(*(SIZES[size] or (window.minimumSize().width(), window.minimumSize().height())))
    window.ui.nav_list.setCurrentRow(ADMINISTRATION)
    window.show()
    qtbot.waitExposed(window)
    page = window.admin_page
    page.ui.admin_tabs.setCurrentWidget(page.policy_tab)
    wait_tasks(qtbot)
    tab = page.policy_tab
    tab.editor.fields[FOSTER_EVERY].setValue(0)
    type_text(tab.ui.reason_edit, "Zkouška")
    tab.save()
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: on_screen(window), timeout=10_000)
    QApplication.processEvents()
    assert "Pěstounská péče" in tab.ui.status_label.text()
    assert clipped(window) == []
    screenshot(qtbot, window, shots_dir(tmp_path) / f"admin_policy_{size}.png")


def _data_with_ipod(us):
    from ospod_desktop.core.policy import policy_to_data

    data = policy_to_data(due_policy.current_policy(us).policy)
    data["ipod"]["months"]["value"] = 2
    return data
