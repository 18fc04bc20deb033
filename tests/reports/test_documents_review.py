"""What a reader of the documents tripped on (review of issue 12 on the demo): a missing report saying "no risk of
trafficking" beside "identified victim", facility staff's report saying the child has no placement while the
child lives in their facility, an "Alive" column for a facility and an officer, no word about a missing photo,
the police notice repeating the office's address as its contact, day-only events at a made-up "00:00" in the
summary's timeline, a bold lead-in ("Notes") left alone at the foot of a page."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pypdf

from ospod_desktop.reports.documents.build import build, render_document
from ospod_desktop.reports.documents.data import TimelineEntry
from ospod_desktop.reports.pdf.model import Table
from tests.reports import document_cases as C
from tests.reports.test_documents_spec import rows, section, texts


def test_a_missing_report_never_says_no_trafficking_risk_beside_a_recorded_concern():
    data = C.missing_data()
    quiet = replace(data, episode=replace(data.episode, risk_trafficking=False))
    risk = rows(section(build(quiet), "Rizikové faktory"))
    assert risk["Příznak obchodování s lidmi"] == "Předpokládaná oběť obchodování s lidmi"
    assert not any(label.startswith("Podezření na obchodování") for label in risk)
    # No concern recorded: the box's "no" is information and stays.
    plain = replace(quiet, trafficking_flag="")
    risk = rows(section(build(plain), "Rizikové faktory"))
    assert risk["Podezření na obchodování s dětmi uvedené při oznámení zmizení"] == "ne"


def test_facility_staffs_missing_report_names_their_facility_as_where_the_child_lived():
    data = C.missing_data(staff=True)
    data = replace(data, placement=None, issue=replace(data.issue, issuer_role="facility_staff"),
                   contacts=(C.Contact("Zařízení", "ZDC Radlická", "Radlická 30, 150 00 Praha 5", "+420 251 000 222"),))
    lived = section(build(data), "Kde dítě žilo")
    assert rows(lived) == {"Zařízení nebo pečující osoba": "ZDC Radlická", "Adresa": "Radlická 30, 150 00 Praha 5"}
    assert "Není zaznamenáno žádné umístění." not in texts(build(data))
    # An officer's report for a child with no placement still says so.
    officer = replace(C.missing_data(), placement=None)
    assert "Není zaznamenáno žádné umístění." in texts(build(officer))


def test_the_missing_reports_contacts_have_no_alive_column_and_a_missing_photo_is_said():
    spec = build(replace(C.missing_data(), child=C.child(photo=False)))
    table = section(spec, "Kontakty").blocks[0]
    assert isinstance(table, Table) and "Žije" not in table.header and len(table.rows[0]) == len(table.header)
    assert rows(section(spec, "Pohřešované dítě"))["Fotografie"] == "Fotografie dítěte není k dispozici."
    assert "Fotografie dítěte není k dispozici." not in texts(build(C.missing_data()))  # it has one


def test_the_police_notice_does_not_repeat_the_office_address_as_its_contact():
    data = C.police_data()
    assert rows(section(build(data), "Kdo oznamuje"))["Kontakt"] == "+420 257 000 123, jana.novakova@example.cz"
    same = replace(data, reporter_contact=data.issue.office_address)
    assert "Kontakt" not in rows(section(build(same), "Kdo oznamuje"))


def test_the_summarys_timeline_shows_a_day_only_event_without_a_made_up_time():
    data = C.summary_data()
    midnight_prague = datetime(2026, 10, 5, 22, 0, tzinfo=UTC)  # 6. 10. 2026 00:00 in Prague (summer time)
    data = replace(data, timeline=(TimelineEntry(midnight_prague, "Nalezeno"),
                                   TimelineEntry(datetime(2026, 10, 6, 14, 39, tzinfo=UTC), "Registrace")))
    table = section(build(data), "Časová osa").blocks[0]
    assert isinstance(table, Table)
    assert [r[0] for r in table.rows] == ["6. 10. 2026", "6. 10. 2026 16:39"]


def test_a_bold_lead_in_is_never_the_last_line_of_a_page():
    """The facility request's "Notes" lead-in stays on the page of the note it introduces, whatever the page
    break: for every length of the text before it, the note's first line follows "Poznámky" on the same page."""
    for extra in range(0, 160, 4):
        data = C.facility_data(notes="Začátek poznámky. " + C.NOTE)
        data = replace(data, wishes="Chce zůstat se sestrou. " * (1 + extra))
        pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_document(data))).pages]
        lines = next(t for t in pages if "Začátek poznámky." in t).splitlines()
        at = next(n for n, line in enumerate(lines) if "Začátek poznámky." in line)
        assert at > 0 and lines[at - 1].strip() == "Poznámky", (extra, lines[max(0, at - 2):at + 1])


def test_the_dialogs_list_of_held_data_reads_as_czech_with_its_labels():
    """The document dialog lists the categories by their labels ("Identita, Umístění"): in Czech a heading for a
    list ("Údaje v dokumentu: …"), not a verb wanting the accusative ("Dokument obsahuje: Identita")."""
    from ospod_desktop.core.i18n import _, language

    with language("cs"):
        assert _("The document holds: {categories}.").format(categories="Identita") == "Údaje v dokumentu: Identita."
