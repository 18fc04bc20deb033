"""Check that a built wheel carries every file of the package that git tracks (the .po sources excepted).

    python packaging/check_wheel.py dist/ospod_desktop-*.whl     # exit 1 and list what is missing

Run by .ci/run after `pip wheel`: a data file added under ospod_desktop/ (a font, a policy, a migration
template) that pyproject's package-data does not cover would otherwise be found only by a user.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ospod_desktop"
NOT_SHIPPED = (".po",)  # gettext sources; packaging/build_locale.py compiles them to the .mo files that ship
REQUIRED = (  # what the app cannot start without, checked by name so an empty listing cannot pass
    "ospod_desktop/resources/policy/deadlines.json",
    "ospod_desktop/resources/facilities/facilities.json",
    "ospod_desktop/resources/fonts/DejaVuSans.ttf",
    "ospod_desktop/resources/fonts/LICENSE-DejaVu.txt",
    "ospod_desktop/resources/locale/cs/LC_MESSAGES/ospod.mo",
    "ospod_desktop/storage/migrations/script.py.mako",
    "ospod_desktop/storage/migrations/env.py",
)


def tracked_files() -> set[str]:
    out = subprocess.run(
        ["git", "ls-files", "--", PACKAGE], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return {name for name in out.splitlines() if name and not name.endswith(NOT_SHIPPED)}


def missing_from(wheel: Path, tracked: set[str]) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        shipped = set(zf.namelist())
    return sorted((tracked | set(REQUIRED)) - shipped)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: check_wheel.py WHEEL", file=sys.stderr)
        return 2
    wheel = Path(args[0])
    tracked = tracked_files()
    missing = missing_from(wheel, tracked)
    for name in missing:
        print(f"missing from {wheel.name}: {name}", file=sys.stderr)
    if missing:
        print("add the pattern to [tool.setuptools.package-data] in pyproject.toml", file=sys.stderr)
        return 1
    print(f"{wheel.name}: all {len(tracked)} tracked package files are in the wheel")
    return 0


if __name__ == "__main__":
    sys.exit(main())
