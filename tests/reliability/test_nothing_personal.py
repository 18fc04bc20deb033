"""Nothing personal in the open (issue 14's suite): a scripted session — `init`, accounts, children registered
with marker names (Czech, Cyrillic, Arabic) and marker notes, a placement and a visit, an import, a case-list
export and a statistics export, a backup, a failed import, an unexpected error logged, logouts — run in separate
processes with their own temporary, data and configuration folders (TMPDIR, OSPOD_DATA_DIR, OSPOD_CONFIG_DIR, HOME
all inside the test's folder). Then every file under that folder is read — zip members (XLSX) unpacked too — and no
marker may appear in it, in UTF-8, UTF-16 LE or UTF-16 BE (either alignment), in any letter case.

The encrypted files are scanned as well (the database, its WAL, the backup): they must hold no marker in clear.
Left out, because the user asked for them or gave them: the input files of the import (`input/`) and the case list
the user exported (`exports/case-list.csv` — it must hold the markers, which shows the scan can find them). The
standard output and error of every command are checked the same way (only `list` may print names).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

ADMIN_PW = "admin marker password 2026"
OFFICER_PW = "officer marker password 2026"
MARKERS = ("Zzmarkerova", "Šárkamarker", "Маркеров", "Зzмаркер", "زززمرقم", "Zznotemarker", "Zzimportmarker",
           "Zzvisitmarker")
FOUND = date.today() - timedelta(days=10)

SESSION = f"""
import sys
from datetime import date, timedelta
from pathlib import Path
from ospod_desktop.app import setup_logging
setup_logging()  # the GUI's log file, in the configuration folder
from ospod_desktop.core.child_form import ChildForm
from ospod_desktop.core.placement_form import PlacementInput
from ospod_desktop.core.roles import Role
from ospod_desktop.services import children, identity, placements, visits
from ospod_desktop.services.visits import VisitInput
from ospod_desktop.ui.errors import log_unexpected

db = Path(sys.argv[1])
today = date.today()
admin = identity.login(db, "admin", {ADMIN_PW!r})
identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, {OFFICER_PW!r})
fid = next(f.id for f in placements.list_facilities(admin) if f.code == "ZDC-RADLICKA")
identity.logout(admin)
us = identity.login(db, "officer", {OFFICER_PW!r})
found = today - timedelta(days=10)
ids = [
    children.register_child(us, ChildForm(given_names="Šárkamarker", family_names="Zzmarkerova", sex="F",
        found_on=found, found_place="Praha", notes="Zznotemarker: řekla, že Zzmarkerova je její příjmení")),
    children.register_child(us, ChildForm(given_names="Зzмаркер", family_names="Маркеров", sex="M",
        found_on=found, found_place="Brno", original_script_name="Маркеров Зzмаркер", notes="Маркеров Zznotemarker")),
    children.register_child(us, ChildForm(given_names="زززمرقم", family_names="Zzmarkerova", sex="M",
        found_on=found, found_place="Praha", original_script_name="زززمرقم", notes="زززمرقم")),
]
start = today - timedelta(days=9)
placements.place_child(us, ids[0], PlacementInput(start_date=start, legal_basis="preliminary_measure",
    facility_id=fid, court="Obvodní soud pro Prahu 5", court_file_number="29 Nc 1/2026", decision_date=start))
visits.record_visit(us, ids[0], VisitInput(visited_on=today - timedelta(days=2), present="vychovatelka",
    views="Zzvisitmarker chce zůstat", spoken_alone=True, visited_time="10:00"))
try:
    raise KeyError("Zzmarkerova Šárkamarker")  # an unexpected error whose text holds a name: only its type is logged
except KeyError as exc:
    log_unexpected(exc)
identity.logout(us)
"""


def _run(root: Path, *args: str, stdin: str = "", script: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "TMPDIR": str(root / "tmp"), "TEMP": str(root / "tmp"), "TMP": str(root / "tmp"),
           "OSPOD_DATA_DIR": str(root / "data"), "OSPOD_CONFIG_DIR": str(root / "config"), "HOME": str(root / "home"),
           "XDG_CACHE_HOME": str(root / "home" / ".cache"), "OSPOD_LANG": "cs", "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", SESSION, *args] if script else [sys.executable, "-m", "ospod_desktop", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, cwd=root / "home",
                          timeout=300)


FOLDED = {m: m.casefold() for m in MARKERS}


def _texts(data: bytes) -> list[str]:
    """The bytes read as UTF-8 and as UTF-16 LE and BE at both alignments (undecodable bytes replaced), case-folded."""
    texts = [data.decode("utf-8", errors="replace")]
    for encoding in ("utf-16-le", "utf-16-be"):
        for start in (0, 1):
            chunk = data[start:]
            texts.append(chunk[:len(chunk) - len(chunk) % 2].decode(encoding, errors="replace"))
    return [t.casefold() for t in texts]


def _found(data: bytes) -> set[str]:
    texts = _texts(data)
    return {m for m, folded in FOLDED.items() if any(folded in t for t in texts)}


def test_the_scan_finds_a_marker_in_any_encoding_and_case():
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        for text in ("zzMARKEROVA", "мАРКЕРОВ", "زززمرقم"):
            assert _found(b"\x00x" + f"…{text}…".encode(encoding) + b"\x01"), (encoding, text)
    assert not _found("Zzmarkerov Маркерo".encode("utf-16-le"))


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """The file's bytes, and for a zip archive (XLSX…) each member's too."""
    data = path.read_bytes()
    parts = [(str(path), data)]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
    return parts


def test_no_marker_in_any_file_outside_what_the_user_asked_for(tmp_path):
    root = tmp_path
    for folder in ("tmp", "data", "config", "home", "input", "exports"):
        (root / folder).mkdir()
    db = root / "data" / "ospod.db"
    outputs: list[subprocess.CompletedProcess] = []

    def cli(*args: str, password: str = OFFICER_PW, ok: bool = True) -> subprocess.CompletedProcess:
        r = _run(root, *args, stdin=password + "\n")
        assert (r.returncode == 0) == ok, (args, r.returncode, r.stderr)
        outputs.append(r)
        return r

    cli("init", "--db", str(db), "--admin", "admin", "--office", "OSPOD Praha 5", "--password-stdin",
        password=ADMIN_PW)
    r = _run(root, str(db), script=True)
    assert r.returncode == 0, r.stderr
    outputs.append(r)
    register = root / "input" / "registr.csv"
    register.write_text("reference;given_name;family_name;sex;birth_year;found_date;found_place;status\n"
                        f"IMP-1;Zzimportmarker;Маркеров;F;2010;{FOUND.isoformat()};Praha;unaccompanied\n"
                        f"IMP-2;زززمرقم;Zzimportmarker;M;2011;{FOUND.isoformat()};Brno;unaccompanied\n",
                        encoding="utf-8")
    cli("import", "children", str(register), "--db", str(db), "--user", "officer", "--password-stdin",
        "--accept-duplicates")
    bad = root / "input" / "spatny.csv"
    bad.write_text("reference;given_name;family_name;sex;birth_year;found_date;found_place;status\n"
                   f"IMP-3;Zzimportmarker\u200b;Маркеров;F;20100;{FOUND.isoformat()};Praha;unaccompanied\n",
                   encoding="utf-8")
    cli("import", "children", str(bad), "--db", str(db), "--user", "officer", "--password-stdin", ok=False)
    case_list = root / "exports" / "case-list.csv"
    listed = cli("list", "--db", str(db), "--user", "officer", "--password-stdin", "--out", str(case_list))
    cli("export", "stats", "--db", str(db), "--user", "officer", "--password-stdin", "--from",
        (FOUND - timedelta(days=30)).isoformat(), "--to", date.today().isoformat(), "--format", "xlsx",
        "--suppress", "0", "--out", str(root / "exports" / "statistics.xlsx"))
    cli("backup", "--db", str(db), "--out", str(root / "data" / "backups" / "ospod-backup.db"), "--user", "officer",
        "--password-stdin")
    cli("verify", "--db", str(db), "--user", "officer", "--password-stdin")

    # the scan can find the markers: the case list the user asked for holds them all (names only: no notes)
    assert _found(case_list.read_bytes()) >= {"Zzmarkerova", "Маркеров", "زززمرقم", "Zzimportmarker"}
    for r in outputs:
        if r is not listed:
            assert not _found((r.stdout + r.stderr).encode()), (r.args, r.stdout, r.stderr)

    asked_for = {case_list}
    scanned, leaks = [], {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path in asked_for or path.parent == root / "input":
            continue
        scanned.append(path.relative_to(root))
        for where, data in _contents(path):
            if found := _found(data):
                leaks[where] = found
    assert not leaks, leaks
    names = {str(p) for p in scanned}
    # the scan covered the places that matter: the encrypted files, the key files, the log, the statistics export
    assert {"data/ospod.db", "data/ospod.db.keys", "data/backups/ospod-backup.db", "config/ospod-desktop.log",
            "exports/statistics.xlsx"} <= names, names
    assert not (root / "data" / "ospod.db").read_bytes().startswith(b"SQLite format 3")
    log = (root / "config" / "ospod-desktop.log").read_text()
    assert "unexpected builtins.KeyError" in log  # the error was logged, without its text
