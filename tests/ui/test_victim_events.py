"""Events after an assessment, recorded on the child: reported to the police (unit, how it was sent), identified as a
victim by the police, referred to assistance, a reflection period (its end proposed a month after its start); the
list on the child; none of it for facility staff; the trafficking flag in the case list and the child's header."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ospod_desktop.core.deadlines import add_months
from ospod_desktop.services import children, trafficking
from ospod_desktop.ui.dialogs.child_fields import get_date, set_date
from ospod_desktop.ui.dialogs.victim_event_dialog import VictimEventDialog
from ospod_desktop.ui.models.child_table import RISK, cell_text
from ospod_desktop.ui.pages.victim_events import VictimEventsPanel, make_victim_events
from tests.services.due_helpers import office_of_two
from tests.ui.helpers import open_child_page, type_text, wait_tasks
from tests.ui.trafficking_helpers import finished

DAY = date.today() - timedelta(days=3)


@pytest.fixture
def office(admin_session, officer_session, db_path):
    with office_of_two(admin_session[0], officer_session, db_path) as office:
        yield office


def _dialog(qtbot, us, child_id: int, kind: str) -> VictimEventDialog:
    dialog = VictimEventDialog(us, child_id, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: VictimEventDialog) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.submit()
    wait_tasks(qtbot)


def test_each_event_is_recorded_with_its_own_fields(qtbot, office):
    us, cid = office["officer"], office["mine"]
    finished(us, cid, "presumed_victim")
    dialog = _dialog(qtbot, us, cid, "police_report")
    assert dialog.channel.isVisible() and not dialog.ends_on.isVisible()
    assert dialog.labels["body"].text() == "Police unit"
    set_date(dialog.on, DAY)
    type_text(dialog.body, "KŘP hl. m. Prahy, odbor obchodu s lidmi")
    type_text(dialog.channel, "datová schránka")
    _save(qtbot, dialog)
    dialog = _dialog(qtbot, us, cid, "identified")
    assert not dialog.channel.isVisible() and dialog.body.isVisible()
    set_date(dialog.on, DAY)
    type_text(dialog.body, "NCOZ")
    _save(qtbot, dialog)
    dialog = _dialog(qtbot, us, cid, "referred")
    assert dialog.labels["body"].text() == "Referred to (organisation)"
    type_text(dialog.body, "La Strada Česká republika")
    _save(qtbot, dialog)
    dialog = _dialog(qtbot, us, cid, "reflection_period")
    assert dialog.ends_on.isVisible() and not dialog.body.isVisible()
    assert dialog.labels["on"].text() == "Start of the period"
    set_date(dialog.on, DAY)
    assert get_date(dialog.ends_on) == add_months(DAY, 1)  # proposed from the start
    _save(qtbot, dialog)
    events = {e.kind: e for e in trafficking.victim_events_of(us, cid)}
    assert set(events) == {"police_report", "identified", "referred", "reflection_period"}
    report = events["police_report"]
    assert (report.on, report.body, report.channel) == (DAY, "KŘP hl. m. Prahy, odbor obchodu s lidmi",
                                                        "datová schránka")
    assert (events["identified"].on, events["identified"].body, events["identified"].channel) == (DAY, "NCOZ", "")
    assert events["referred"].body == "La Strada Česká republika" and events["referred"].on == date.today()
    period = events["reflection_period"]
    assert (period.on, period.ends_on, period.body) == (DAY, add_months(DAY, 1), "")


def test_the_events_list_on_the_child(qtbot, office):
    us, cid = office["officer"], office["mine"]
    trafficking.record_victim_event(us, cid, "police_report", DAY, body="OOKTJ Praha", channel="e-mail")
    trafficking.record_victim_event(us, cid, "reflection_period", DAY, ends_on=add_months(DAY, 1))
    panel = make_victim_events(us, cid)
    assert isinstance(panel, VictimEventsPanel)
    qtbot.addWidget(panel)
    panel.show()
    wait_tasks(qtbot)
    table = panel.table
    assert table.rowCount() == 2
    rows = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(2)}
    assert rows["Reported to the police"] == "OOKTJ Praha · sent: e-mail"
    assert rows["Reflection period"].startswith("until ")
    dialog = panel.record("referred")
    type_text(dialog.body, "Diakonie ČCE")
    _save(qtbot, dialog)
    assert panel.table.rowCount() == 3  # the list follows the change


def test_facility_staff_see_none_of_it(qtbot, office):
    us, cid = office["officer"], office["mine"]
    finished(us, cid, "presumed_victim")
    staff = office["facility"]
    assert make_victim_events(staff, cid) is None
    row = children.child_rows(staff, [cid])[0]
    assert "trafficking" not in cell_text(row, RISK)
    page = open_child_page(qtbot, staff, cid)
    assert "trafficking" not in page.ui.badges_label.text()


def test_the_flag_in_the_case_list_and_the_header(qtbot, office):
    us, cid = office["officer"], office["mine"]
    row = children.child_rows(us, [cid])[0]
    assert "trafficking" not in cell_text(row, RISK)
    finished(us, cid, "concern")
    assert cell_text(children.child_rows(us, [cid])[0], RISK) == "trafficking concern"
    finished(us, cid, "presumed_victim")
    assert cell_text(children.child_rows(us, [cid])[0], RISK) == "presumed trafficking victim"
    page = open_child_page(qtbot, us, cid)
    assert "Presumed victim of trafficking" in page.ui.badges_label.text()
    trafficking.record_victim_event(us, cid, "identified", DAY, body="NCOZ")
    assert cell_text(children.child_rows(us, [cid])[0], RISK) == "identified trafficking victim"
