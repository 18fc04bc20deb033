"""A writer process for the reliability tests: logs in and registers children one by one until a stop file
appears (or `limit` children are registered), printing each committed child's id on its own line.

    python -m tests.reliability.registration_writer DB USER PASSWORD STOPFILE [LIMIT]

An id is printed only after its registration committed: every printed id is an acknowledged record."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

GIVEN = ["Amina", "Oleksandr", "Nguyễn", "Ṭəʿame", "Дарина", "Jiří", "Zahra", "Kiros"]
FAMILY = ["Haidari", "Shevchenko", "Văn An", "Gebremedhin", "Koval", "Dvořák", "Ahmadi", "Tesfay"]


def main(argv: list[str]) -> int:
    from ospod_desktop.core.child_form import ChildForm
    from ospod_desktop.services import children, identity

    db, user, password, stop = Path(argv[0]), argv[1], argv[2], Path(argv[3])
    limit = int(argv[4]) if len(argv) > 4 else 10_000
    us = identity.login(db, user, password)
    try:
        print("ready", flush=True)
        n = 0
        while n < limit and not stop.exists():
            form = ChildForm(given_names=GIVEN[n % len(GIVEN)], family_names=f"{FAMILY[n % len(FAMILY)]} {n}",
                             sex="FM"[n % 2], found_on=date.today() - timedelta(days=1 + n % 30),
                             found_place="Praha – hlavní nádraží")
            child_id = children.register_child(us, form)
            print(child_id, flush=True)
            n += 1
    finally:
        identity.logout(us)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
