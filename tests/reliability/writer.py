"""Writer processes for the crash suite, and a launcher that forks them quickly.

`python -m tests.reliability.writer` is the launcher: it imports the services once, then for each line
`run <json>` on its standard input forks a writer and answers its pid; `wait <pid>` reaps it and answers its exit
status. Forking from a warm process makes a writer start in milliseconds, so a kill lands in its work rather than in
Python's start-up (the CLI writer, a real `ospod-desktop import children` process, covers the start-up).

A writer logs in and writes until it is killed. After each commit returns it appends one line `kind id` to its
acknowledgement file in a single write(2): a line in that file is a record the app told its user was saved.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from datetime import date, timedelta
from pathlib import Path

KINDS = ("registration", "import", "placements", "visits")
TODAY = date.today()


def _ack(fd: int, kind: str, ident: object) -> None:
    os.write(fd, f"{kind} {ident}\n".encode())


def _child(name: str, days_ago: int = 60):
    """A child whose names differ from the others' (a register of one surname would make every registration a
    likely duplicate of every earlier one, and the writers slower as the database grows)."""
    from ospod_desktop.core.child_form import ChildForm

    return ChildForm(given_names=name[:4], family_names=name[4:] + "ová", sex="F", birth_year=2010,
                     found_on=TODAY - timedelta(days=days_ago), found_place="Praha – hlavní nádraží")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiouy") for _ in range(4)).capitalize()


def _placement(fid: int, start: date):
    from ospod_desktop.core.placement_form import PlacementInput

    return PlacementInput(start_date=start, legal_basis="preliminary_measure", facility_id=fid,
                          court="Obvodní soud pro Prahu 5", court_file_number="29 Nc 1234/2026", decision_date=start)


def _visit(day: date):
    from ospod_desktop.services.visits import VisitInput

    return VisitInput(visited_on=day, present="vychovatelka", views="Chce zůstat.", spoken_alone=True,
                      visited_time="10:00")


def import_file(folder: Path, tag: str, rows: int) -> tuple[Path, list[str]]:
    """A UTF-8 CSV register of `rows` children with references `CRASH-<tag>-<n>`."""
    refs = [f"CRASH-{tag}-{n}" for n in range(rows)]
    found = (TODAY - timedelta(days=20)).isoformat()
    rng = random.Random(tag)
    lines = ["reference,given_name,family_name,sex,birth_year,found_date,found_place,status"]
    lines += [f"{ref},{_name(rng)},{_name(rng)},F,2009,{found},Brno,unaccompanied" for ref in refs]
    path = folder / f"import-{tag}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, refs


def write(db: Path, user: str, password: str, kind: str, ack: Path, seed: int, facility: int) -> None:
    """Write records of `kind` until killed (or 10,000 records), acknowledging each after its commit."""
    from ospod_desktop.services import children, identity, placements, visits

    rng = random.Random(seed)
    fd = os.open(ack, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    us = identity.login(db, user, password)
    for n in range(10_000):
        if kind == "registration":
            _ack(fd, "child", children.register_child(us, _child(_name(rng))))
        elif kind == "import":
            path, refs = import_file(ack.parent, f"{seed}-{n}", rng.randint(1, 20))
            result = children.import_children(us, path, accept_duplicates=True)
            assert len(result.imported) == len(refs), result.errors
            for ref in refs:
                _ack(fd, "reference", ref)
        elif kind == "placements":
            cid = children.register_child(us, _child(_name(rng), 200))
            _ack(fd, "child", cid)
            start = TODAY - timedelta(days=rng.randint(100, 190))
            _ack(fd, "placement", placements.place_child(us, cid, _placement(facility, start)))
        elif kind == "visits":
            cid = children.register_child(us, _child(_name(rng), 200))
            _ack(fd, "child", cid)
            placements.place_child(us, cid, _placement(facility, TODAY - timedelta(days=150)))
            for days in rng.sample(range(1, 140), 3):
                _ack(fd, "visit", visits.record_visit(us, cid, _visit(TODAY - timedelta(days=days))))
        else:
            raise ValueError(kind)
    identity.logout(us)


def _serve() -> None:
    from ospod_desktop.services import children, identity, placements, visits  # noqa: F401  (warm imports)
    from ospod_desktop.storage import keyslots

    for line in sys.stdin:
        command, _sep, rest = line.strip().partition(" ")
        if command == "run":
            job = json.loads(rest)
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    keyslots.DEFAULT_KDF = keyslots.KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
                    write(Path(job["db"]), job["user"], job["password"], job["kind"], Path(job["ack"]), job["seed"],
                          job["facility"])
                except BaseException as exc:  # a writer that fails on its own is a test failure: say why
                    os.write(2, f"writer {job['kind']} failed: {type(exc).__name__}: {exc}\n".encode())
                    code = 3
                os._exit(code)
            print(pid, flush=True)
        elif command == "wait":
            _pid, status = os.waitpid(int(rest), 0)
            print(status, flush=True)
        else:
            break


if __name__ == "__main__":
    _serve()
