"""The window's save of the statistics (`save_export`, what the Statistics page calls): every format audited AND
recorded in the disclosure register (one of each per file, the register holding the file's exact SHA-256); and
no name at all in the file — neither a child's nor the exporting officer's (the issue: "No names, identifiers,
dates of birth or free text ever appear in a statistics export"; who exported is in the register and the audit)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import select

from ospod_desktop.core.roles import Action, Entity
from ospod_desktop.core.stats.model import FORMATS
from ospod_desktop.services import children, disclosures, statistics
from ospod_desktop.storage.models import AuditEntry
from tests.conftest import child_form

TODAY = date.today()
START, END = TODAY - timedelta(days=30), TODAY


def _text(fmt: str, data: bytes) -> str:
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() for page in reader.pages)
    return data.decode("utf-8-sig")


def _exports(us) -> list[str]:
    with us.read() as s:
        return list(s.exec(select(AuditEntry.detail).where(AuditEntry.entity == Entity.STATISTICS,
                                                           AuditEntry.action == Action.EXPORT)).all())


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_each_saved_export_is_audited_registered_and_names_nobody(officer_session, tmp_path, lang):
    us = officer_session
    children.register_child(us, child_form("Zyxwanda", "Vlkodlačí", "F", found_on=TODAY - timedelta(days=3),
                                           nationalities=("AF",)))
    officer = us.actor.display_name
    assert officer == "Petr Novák"
    folder = tmp_path / "out"
    folder.mkdir()
    for i, fmt in enumerate(FORMATS, start=1):
        target = folder / f"statistika.{fmt}"
        entry = statistics.save_export(us, target, START, END, fmt, 5, lang=lang)
        data = target.read_bytes()
        registered = disclosures.disclosures(us)
        assert len(registered) == i and entry in {e.id for e in registered}
        assert {e.sha256 for e in registered if e.id == entry} == {hashlib.sha256(data).hexdigest()}
        assert len(_exports(us)) == i  # audited once per file
        text = _text(fmt, data)
        for name in (officer, "Novák", "Zyxwanda", "Vlkodlačí"):
            assert name not in text, (fmt, name)
