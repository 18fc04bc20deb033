"""The due items as JSON and CSV (reports.due_export): the issue's JSON contract, escaped CSV cells."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime

import pytest

from ospod_desktop.core import i18n
from ospod_desktop.core.text import FSI, PDI
from ospod_desktop.reports.due_export import (
    BOM,
    CSV_COLUMNS,
    CSV_LABEL_COLUMNS,
    due_csv_rows,
    due_json_rows,
    write_due_csv,
    write_due_json,
)  # fmt: skip
from tests.reports.due_rows import CHILD_ID, REFERENCE, BareRow, by_kind, rows

KEYS = ["child", "kind", "due", "due_at", "status", "basis", "basis_kind", "officer", "explanation"]


def test_json_has_exactly_the_contracts_fields():
    data = due_json_rows(rows())
    assert [r["kind"] for r in data][:2] == ["missing_police", "guardian"]  # the order given
    for rec in data:
        assert list(rec) == KEYS
        assert rec["child"] == {"id": CHILD_ID, "reference": REFERENCE}
        assert rec["basis_kind"] in {"law", "practice"} and rec["status"] in {"ok", "due_soon", "overdue"}
    visit = data[[r["kind"] for r in data].index("visit")]
    assert visit == {
        "child": {"id": 123, "reference": "PRG-2026-0042"}, "kind": "visit", "due": "2026-06-01", "due_at": None,
        "status": "ok", "basis": "Act 359/1999 s. 29", "basis_kind": "law", "officer": "novak",
        "explanation": by_kind(rows(), "visit").item.explanation}
    assert "Mar 1, 2026" in visit["explanation"]  # English in the English session


def test_an_hour_clock_has_its_time_with_the_utc_offset():
    rec = due_json_rows([by_kind(rows(), "missing_officer")])[0]
    assert rec["due"] == "2026-03-02" and rec["due_at"] == "2026-03-02T10:00:00+00:00"
    assert datetime.fromisoformat(rec["due_at"]).utcoffset() is not None
    assert rec["basis"] == "office practice" and rec["basis_kind"] == "practice"


def test_a_time_without_an_offset_is_refused():
    row = by_kind(rows(), "missing_officer")
    naive = replace(row, item=replace(row.item, due_at=row.item.due_at.replace(tzinfo=None)))
    with pytest.raises(ValueError):
        due_json_rows([naive])


def test_czech_explanations_keep_the_basis_raw_and_have_no_bidi_isolates():
    i18n.set_language("cs")
    data = due_json_rows(rows())
    request = data[[r["kind"] for r in data].index("information_request")]
    assert request["basis"] == "office practice"  # the citation as the policy gives it, for scripts
    assert "ZŠ Žižkov" in request["explanation"] and "30 dnů" in request["explanation"]
    assert all(FSI not in r["explanation"] and PDI not in r["explanation"] for r in data)
    assert by_kind(rows(), "visit").item.basis == "Act 359/1999 s. 29"
    assert data[[r["kind"] for r in data].index("visit")]["basis"] == "Act 359/1999 s. 29"


def test_written_json_is_utf8_text_that_reads_back_the_same():
    i18n.set_language("cs")
    items = [BareRow(r.child_id, r.reference, None, r.item) for r in rows()]
    out = io.StringIO()
    write_due_json(items, out)
    text = out.getvalue()
    assert text.endswith("\n") and "Žižkov" in text  # not \u escapes
    assert json.loads(text) == due_json_rows(items)
    assert all(rec["officer"] is None for rec in json.loads(text))


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_flattens_the_fields_and_escapes_every_text_cell():
    items = rows(reference="=HYPERLINK(\"http://x\")", officer="+novak")
    out = io.StringIO(newline="")
    write_due_csv(items, out)
    text = out.getvalue()
    assert text.startswith(BOM) and "\r\n" in text
    table = read_csv(text.removeprefix(BOM))
    assert table[0] == [*CSV_COLUMNS, *CSV_LABEL_COLUMNS]
    assert len(table) == len(items) + 1
    first = dict(zip(table[0], table[1], strict=True))
    assert first["child_reference"] == "'=HYPERLINK(\"http://x\")" and first["officer"] == "'+novak"
    assert first["child_id"] == "123" and first["kind"] == "missing_police"
    assert first["due_at"] == "2026-03-01T10:00:00+00:00" and first["status"] == "overdue"
    assert first["kind_label"] == "Report the missing child to the police" and first["status_label"] == "overdue"
    guardian = dict(zip(table[0], table[2], strict=True))
    assert guardian["due_at"] == "" and guardian["basis_kind"] == "law"
    assert [r[2] for r in table[1:]] == [r.item.kind for r in items]


def test_csv_label_columns_follow_the_language_and_the_bom_can_be_left_out():
    i18n.set_language("cs")
    out = io.StringIO(newline="")
    write_due_csv([by_kind(rows(officer=None), "visit")], out, bom=False)
    table = read_csv(out.getvalue())
    assert table[0][0] == "child_id"  # column names stay the scripts' names
    visit = dict(zip(table[0], table[1], strict=True))
    assert visit["officer"] == "" and visit["basis"] == "Act 359/1999 s. 29"
    assert visit["basis_label"] == "zákon č. 359/1999 Sb., § 29" and visit["status_label"] == "v termínu"


def test_csv_cells_are_those_of_escape_row():
    table = due_csv_rows(rows(reference="-1"))
    assert all(row[1] == "'-1" for row in table[1:])
