"""Import against the register and within the file: a registered reference (error, or an update that keeps the
history), likely duplicates by the register dialog's matcher (error, accepted, or the officer's choice per row),
case-file marks, all-or-nothing, and one transaction for the whole file."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from ospod_desktop.core import history as H
from ospod_desktop.core.child_form import IdentifierInput
from ospod_desktop.services import children
from ospod_desktop.services.children import Choice, ErrorKind, MatchKind, RowChoice
from tests.conftest import child_form

HEADER = "reference;case_mark;given_name;family_name;original_script_name;sex;date_of_birth;nationality;found_date;" \
         "found_place;status"
FOUND = (date.today() - timedelta(days=3)).isoformat()
SASHA = f"KRPA-1;Om 1/2026;Oleksandr;Ševčenko;Олександр Шевченко;M;2010-05-01;UA;{FOUND};Praha hl. n.;unaccompanied"
AMINA = f"KRPA-2;;Amina;Haidari;أمينة حيدري;F;2011-02-03;AF;{FOUND};Letiště Praha;separated"
JIRI = f"KRPA-3;;Jiří;Dvořák;;M;2012-01-02;SK;{FOUND};Brno;unaccompanied"


def _csv(tmp_path, *rows, name="register.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _count(us) -> int:
    with us.read() as s:
        return s.exec(text("SELECT count(*) FROM child")).scalar()


def _history(us, cid):
    return [h.entry for h in children.get_child(us, cid).history]


def test_importing_the_same_file_twice_adds_nobody_and_names_the_registered_records(officer_session, tmp_path):
    path = _csv(tmp_path, SASHA, AMINA)
    first = children.import_children(officer_session, path)
    assert len(first.imported) == 2 and not first.errors
    again = children.import_children(officer_session, path)
    assert again.imported == [] and _count(officer_session) == 2
    sasha, amina = first.imported
    assert [(e.row, e.field, e.kind) for e in again.errors] == [(2, "reference", ErrorKind.REGISTERED),
                                                              (3, "reference", ErrorKind.REGISTERED)]
    assert again.errors[0].message == (f"Reference: already registered as record no. {sasha} (reference KRPA-1, "
                                       "file mark Om 1/2026, Ševčenko Oleksandr).")
    assert f"record no. {amina} (reference KRPA-2, Haidari Amina)" in again.errors[1].message
    # skipping invalid rows does not let them in either
    skipping = children.import_children(officer_session, path, skip_invalid=True)
    assert skipping.imported == [] and len(skipping.errors) == 2 and _count(officer_session) == 2


def test_update_existing_updates_the_registered_child_and_keeps_its_history(officer_session, tmp_path):
    first = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA))
    sasha, amina = first.imported
    # Sasha: another place and nationality; no name in the original script (an empty cell keeps what is registered)
    changed = f"KRPA-1;;Oleksandr;Ševčenko;;M;2010-05-01;UA;{FOUND};KACPU Kostelec;unaccompanied"
    result = children.import_children(officer_session, _csv(tmp_path, changed, AMINA, name="b.csv"),
                                      update_existing=True)
    assert not result.errors and result.imported == [] and _count(officer_session) == 2
    assert result.updated == [sasha] and result.unchanged == [amina] and result.children == {2: sasha, 3: amina}
    view = children.get_child(officer_session, sasha)
    assert view.found_place == "KACPU Kostelec" and view.original_script_name == "Олександр Шевченко"
    assert view.case_mark == "Om 1/2026"
    assert H.FieldChanged("found_place", "Praha hl. n.", "KACPU Kostelec") in _history(officer_session, sasha)
    assert not any(isinstance(e, H.FieldChanged) for e in _history(officer_session, amina))
    with officer_session.read() as s:
        details = s.exec(text("SELECT detail FROM audit_log WHERE action = 'update' AND entity = 'child' "
                              f"AND entity_id = {sasha}")).scalars().all()
    assert details == ["import"]


def test_update_existing_refuses_a_year_that_contradicts_the_registered_date_of_birth(officer_session, tmp_path):
    children.import_children(officer_session, _csv(tmp_path, SASHA))
    path = tmp_path / "years.csv"
    path.write_text(f"reference,given_name,birth_year,found_date,found_place\nKRPA-1,Oleksandr,2009,{FOUND},Praha\n",
                    encoding="utf-8")
    result = children.import_children(officer_session, path, update_existing=True)
    assert [(e.row, e.field) for e in result.errors] == [(2, "birth_year")]
    assert "2010-05-01" in result.errors[0].message and result.updated == []


def test_a_row_like_a_registered_child_is_reported_with_that_record(officer_session, tmp_path):
    cid = children.register_child(officer_session, child_form(
        "Oleksandr", "Shevchenko", "M", birth_date=date(2010, 5, 1), nationalities=("UA",), reference="P-77",
        case_mark="Om 7/2026"))
    path = _csv(tmp_path, SASHA.replace("Om 1/2026", ""), JIRI)
    result = children.import_children(officer_session, path)
    assert result.imported == [] and _count(officer_session) == 1
    [error] = result.errors
    assert (error.row, error.field, error.kind) == (2, "", ErrorKind.DUPLICATE)
    assert error.message.startswith(f"Likely the same child as record no. {cid} (reference P-77, file mark Om 7/2026, "
                                    "Shevchenko Oleksandr) (")
    [match] = result.matches
    assert match.kind is MatchKind.REGISTER and match.existing.child_id == cid and match.existing.case_mark == "Om 7/2026"
    # the same matcher as the register dialog: what it would have shown before saving this child
    [shown] = children.find_duplicates(officer_session, children.row_to_form(children.read_table(path)[0].values))
    assert (shown.child_id, shown.score, shown.reasons) == (cid, match.score, match.reasons)
    # accepted: both rows go in, the pair is listed
    accepted = children.import_children(officer_session, path, accept_duplicates=True)
    assert not accepted.errors and len(accepted.imported) == 2 and _count(officer_session) == 3
    assert [(m.line, m.existing.child_id) for m in accepted.matches] == [(2, cid)]
    assert accepted.children[2] == accepted.imported[0]


def test_likely_duplicates_within_the_file(officer_session, tmp_path):
    cyrillic = f"KRPA-9;;Олександр;Шевченко;;M;2010-05-01;UA;{FOUND};Praha;unaccompanied"
    path = _csv(tmp_path, SASHA, JIRI, cyrillic)
    result = children.import_children(officer_session, path)
    assert [(e.row, e.kind) for e in result.errors] == [(4, ErrorKind.DUPLICATE)] and _count(officer_session) == 0
    assert result.errors[0].message.startswith("Likely the same child as row 2 of the file (")
    [match] = result.matches
    assert (match.kind, match.line, match.other_line) == (MatchKind.FILE, 4, 2)
    partial = children.import_children(officer_session, path, skip_invalid=True)
    assert len(partial.imported) == 2 and _count(officer_session) == 2


def test_a_reference_twice_in_the_file_is_an_error_of_the_later_row(officer_session, tmp_path):
    result = children.import_children(officer_session, _csv(tmp_path, SASHA, JIRI.replace("KRPA-3", "KRPA-1")))
    assert [(e.row, e.field, e.message) for e in result.errors] == [(3, "reference", "Reference: the same as on row 2.")]
    assert _count(officer_session) == 0


def test_the_officers_choice_per_row(officer_session, tmp_path):
    """Import anyway, skip, or the same child: update it, or only link the row's reference to it."""
    sasha = children.register_child(officer_session, child_form(
        "Oleksandr", "Shevchenko", "M", birth_date=date(2010, 5, 1), nationalities=("UA",)))
    amina = children.register_child(officer_session, child_form(
        "Amina", "Haidari", "F", birth_date=date(2011, 2, 3), nationalities=("AF",), reference="P-2",
        status="separated", companion_name="Aunt"))
    jiri = children.register_child(officer_session, child_form(
        "Jiří", "Dvořák", "M", birth_date=date(2012, 1, 2), nationalities=("SK",)))
    tesfay = f"KRPA-4;;Sara;Tesfay;;F;2009-01-01;ER;{FOUND};Plzeň;unaccompanied"
    rows = children.read_table(_csv(tmp_path, SASHA, AMINA, JIRI, tesfay))
    check = children.check_import(officer_session, rows)
    assert [(m.line, m.kind, m.existing.child_id) for m in check.matches] == [
        (2, MatchKind.REGISTER, sasha), (3, MatchKind.REGISTER, amina), (4, MatchKind.REGISTER, jiri)]
    assert children.import_rows(officer_session, rows).errors[0].kind is ErrorKind.DUPLICATE  # no choice: refused
    choices = {2: RowChoice(Choice.UPDATE, sasha), 3: RowChoice(Choice.LINK, amina), 4: RowChoice(Choice.SKIP)}
    result = children.import_rows(officer_session, rows, choices=choices)
    assert not result.errors and result.updated == [sasha] and result.linked == [amina] and result.skipped == [4]
    assert len(result.imported) == 1 and _count(officer_session) == 4  # Sara, who matched nobody
    view = children.get_child(officer_session, sasha)  # updated from the row; history kept
    assert (view.reference, view.case_mark, view.original_script_name, view.found_place) == (
        "KRPA-1", "Om 1/2026", "Олександр Шевченко", "Praha hl. n.")
    assert view.family_names == "Ševčenko"
    assert H.FieldChanged("family_names", "Shevchenko", "Ševčenko") in _history(officer_session, sasha)
    linked = children.get_child(officer_session, amina)  # linked: unchanged, the row's reference kept beside its own
    assert (linked.reference, linked.family_names, linked.companion_name) == ("P-2", "Haidari", "Aunt")
    assert linked.identifiers == (IdentifierInput("agency", "KRPA-2"),)
    # the next import of the same file knows both rows by their reference
    again = children.import_rows(officer_session, rows, choices={4: RowChoice(Choice.SKIP)})
    assert [(e.row, e.kind) for e in again.errors] == [(2, ErrorKind.REGISTERED), (3, ErrorKind.REGISTERED),
                                                       (5, ErrorKind.REGISTERED)]
    assert f"record no. {amina} (reference P-2, Haidari Amina)" in again.errors[1].message
    # a registered reference is not created a second time, even when asked
    twice = children.import_rows(officer_session, rows[:1], choices={2: RowChoice(Choice.CREATE)})
    assert twice.errors[0].kind is ErrorKind.REGISTERED and _count(officer_session) == 4


def test_two_rows_cannot_be_the_same_registered_child(officer_session, tmp_path):
    sasha = children.register_child(officer_session, child_form(
        "Oleksandr", "Shevchenko", "M", birth_date=date(2010, 5, 1), nationalities=("UA",)))
    rows = children.read_table(_csv(tmp_path, SASHA, JIRI))
    result = children.import_rows(officer_session, rows, choices={
        2: RowChoice(Choice.LINK, sasha), 3: RowChoice(Choice.UPDATE, sasha)})
    assert [(e.row, e.message) for e in result.errors] == [(3, f"Record no. {sasha} is already the same child as row 2.")]
    assert children.get_child(officer_session, sasha).reference == ""  # nothing written


def test_a_reference_of_a_merged_record_stands_for_the_record_it_was_merged_into(officer_session, tmp_path):
    first = children.import_children(officer_session, _csv(tmp_path, SASHA, AMINA))
    keep = children.register_child(officer_session, child_form("Sasha", "Ševčenko", "M", reference="P-1"))
    children.merge_children(officer_session, keep, first.imported[0])
    again = children.import_children(officer_session, _csv(tmp_path, SASHA, name="again.csv"))
    assert f"record no. {keep} (reference P-1" in again.errors[0].message


def test_imported_children_get_their_case_file_mark(officer_session, tmp_path):
    """`Spisová značka` is the case-file mark (Czech label of the field), checked against the office's format as
    registration checks it; `Číslo jednací` is the reference."""
    path = tmp_path / "cz.csv"
    path.write_text(f"Číslo jednací;Spisová značka;Jméno;Příjmení;Datum nalezení;Místo nalezení\n"
                    f"KRPA-5;Om 15/2026;Jiří;Dvořák;{FOUND};Brno\n"
                    f"KRPA-6;15/2026;Sara;Tesfay;{FOUND};Brno\n", encoding="utf-8")
    result = children.import_children(officer_session, path)
    assert [(e.row, e.field, e.message) for e in result.errors] == [
        (3, "case_mark", "Case file mark: use the office format {prefix} {number}/{year}.")]
    result = children.import_children(officer_session, path, skip_invalid=True)
    view = children.get_child(officer_session, result.imported[0])
    assert (view.reference, view.case_mark) == ("KRPA-5", "Om 15/2026")
    assert children.case_list_records(officer_session)[0]["case_mark"] == "Om 15/2026"
    # insert_child stores the mark as registration does: the registered and the imported child look the same
    registered = children.register_child(officer_session, child_form("Jan", "Novák", "M", case_mark="Om 16/2026"))
    assert children.get_child(officer_session, registered).case_mark == "Om 16/2026"


def test_a_whole_file_is_checked_in_one_read_and_written_in_one_transaction(officer_session, tmp_path, monkeypatch):
    """The checks (duplicates included) read the register once, before the write transaction; the rows are written
    in one; the new children's due items and search entries are written after it (here one batch each: two more
    short transactions)."""
    children.import_children(officer_session, _csv(tmp_path, SASHA))
    names = [("Ahmad", "Karimi"), ("Bilal", "Rashid"), ("Chen", "Wei"), ("Dawit", "Bekele"), ("Emre", "Yilmaz"),
             ("Farid", "Nouri"), ("Goran", "Petrovic"), ("Hamza", "Saleh"), ("Ivan", "Kovalenko"), ("Jamal", "Osman")]
    rows = [f"R-{n};;{g};{f};;M;2010-01-01;UA;{FOUND};Praha;unaccompanied" for n, (g, f) in enumerate(names)]
    path = _csv(tmp_path, *rows, SASHA.replace("KRPA-1", "KRPA-X").replace("Om 1/2026", ""), name="big.csv")
    opened = []
    db = officer_session.db
    real_write, real_read = db.write, db.read
    monkeypatch.setattr(db, "write", lambda before=None: (opened.append("write"), real_write(before))[1])
    monkeypatch.setattr(db, "read", lambda: (opened.append("read"), real_read())[1])
    check = children.check_import(officer_session, children.read_table(path))  # the dialog's preview
    assert opened == ["read"] and [(m.line, m.kind) for m in check.matches] == [(12, MatchKind.REGISTER)]
    opened.clear()
    result = children.import_children(officer_session, path, accept_duplicates=True)
    # The checks' read, the rows' write; then the due items' policy read and write, and the entries' write.
    assert len(result.imported) == 11 and opened == ["read", "write", "read", "write", "write"]
