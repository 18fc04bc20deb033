"""`ospod-desktop restore`: put a backup in place of a database, after checking it with the user's password.

    ospod-desktop restore --backup FILE --db PATH --user NAME --password-stdin [--force]

The one implementation is `services.maintenance.restore` (the GUI's too): the backup (with its key file beside it)
is copied beside PATH under a temporary name and checked there like `verify` does with NAME's password (an
administrator of the backup); the copy gets a "restore" audit row; an existing database at PATH, with its key file
and WAL, is kept beside it as `<stem>.before-restore-<UTC time><suffix>` (only with --force), and the copy is
renamed into place. Bad input names its option in one line (exit 2) and nothing is written."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, format_day, ngettext


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str) -> None:
    cmd = sub.add_parser("restore", parents=[common], help=_(
        "Restore a backup in place of a database (checked with your password first)."))
    cmd.add_argument("--backup", required=True, type=Path, metavar=file, help=_(
        "The backup file to restore (its key file .keys beside it)."))
    cmd.add_argument("--db", required=True, type=Path, metavar=file, help=_("Path of the database to restore."))
    cmd.add_argument("--user", required=True, metavar=name, help=_("An administrator of the backup."))
    cmd.add_argument("--password-stdin", action="store_true",
                     help=_("Read the password (the one the account had in the backup) from standard input."))
    cmd.add_argument("--force", action="store_true", help=_(
        "Replace an existing database (it is kept beside it under a new name)."))


def check_paths(backup: Path, db: Path) -> None:
    """Refuse bad paths before anything is read or written; each message names its option."""
    from ospod_desktop.storage.keyslots import keys_path

    if backup.is_dir():
        raise OspodError(_("--backup: {path} is a folder, not a backup file.").format(path=backup), "backup")
    if not backup.is_file():
        raise OspodError(_("--backup: there is no file at {path}.").format(path=backup), "backup")
    if not keys_path(backup).is_file():
        raise OspodError(_("--backup: the key file {keys} is not beside the backup; copy it there too.").format(
            keys=keys_path(backup)), "backup")
    if db.is_dir():
        raise OspodError(_("--db: {path} is a folder; give the path of the database file.").format(path=db), "db")
    if not db.parent.is_dir():
        raise OspodError(_("--db: the folder {folder} does not exist. Create it first, or give another path.").format(
            folder=db.parent), "db")
    try:
        same = db.exists() and backup.samefile(db)
    except OSError:
        same = False
    if same or backup.resolve() == db.resolve():
        raise OspodError(_("--backup and --db name the same file; restore into another path."), "backup")


def run(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import maintenance

    check_paths(args.backup, args.db)
    password = cli._read_password(args)
    result = maintenance.restore(args.db, args.backup, args.user, password, force=args.force, via="cli")
    report = result.backup
    when = "?"
    if report.taken_at is not None:
        local = report.taken_at.astimezone()
        when = f"{format_day(local.date())} {local:%H:%M}"
    print(ngettext("Restored {db} from the backup of {when} ({n} audit row).",
                   "Restored {db} from the backup of {when} ({n} audit rows).",
                   report.audit_rows).format(db=result.database, when=when, n=report.audit_rows))
    if result.kept is not None:
        print(_("The replaced database is kept as {path}.").format(path=result.kept))
    return cli.EXIT_OK
