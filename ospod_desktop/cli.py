"""Command-line sub-commands of `ospod-desktop`. Passwords come only from stdin, never from argv.

Every message is in the user's language (`--lang`, else `OSPOD_LANG`, else the GUI's setting, else Czech):
the services' errors are translated where they are raised, a verify problem is a code translated here, and
argparse's own usage errors go through the same catalog. One line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from ospod_desktop import (
    cli_audit,
    cli_catalogue,
    cli_documents,
    cli_due,
    cli_duplicates,
    cli_import,
    cli_policy,
    cli_recovery,
    cli_restore,
)
from ospod_desktop.core.errors import DatabaseBusy, OspodError, os_error_message
from ospod_desktop.core.i18n import LANGUAGES, N_, _, ngettext, set_language

if TYPE_CHECKING:
    from ospod_desktop.services.maintenance import VerifyReport

log = logging.getLogger(__name__)
EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_CLOSED_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE: what a shell shows for a Unix tool
OPENS_DATABASE = frozenset({"verify", "backup", "import", "duplicates", "list", "due", "accept-loss"})

# argparse's own messages that a user can meet (Python 3.11), for the catalog: the parser looks them up
# through `_argparse_gettext`, so a usage error or `--help` reads in the user's language too.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code 2 matches ours; keep its message
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {message}\n")


def _argparse_gettext() -> None:
    """argparse translates through the module-level `gettext` it imported; point it at our catalog (this
    process runs one command and exits, so the change reaches nothing else)."""
    setattr(argparse, "_", _)  # noqa: B010 (a module global argparse calls by name)
    setattr(argparse, "ngettext", ngettext)  # noqa: B010


def _language_in(argv: list[str]) -> str | None:
    """`--lang X` or `--lang=X` anywhere in argv: needed before the parser is built (its help is translated)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise OspodError(_("Give the password on standard input with --password-stdin."), "password")
    line = sys.stdin.readline()
    # The line's end only: "\n", or "\r\n" from Windows tools (a password never holds a control character).
    return line.removesuffix("\n").removesuffix("\r")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ospod-desktop", description=_("OSPOD Desktop command-line tools."))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    FILE, NAME, TEXT, NUMBER = _("FILE"), _("NAME"), _("TEXT"), _("NUMBER")  # placeholders in the usage line
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, help=_("Language of the messages (Czech by default)."))

    init = sub.add_parser("init", parents=[common], help=_("Create a new encrypted database and its administrator."))
    init.add_argument("--db", required=True, type=Path, metavar=FILE, help=_("Path of the new database file."))
    init.add_argument("--admin", required=True, metavar=NAME, help=_("User name of the administrator."))
    init.add_argument("--full-name", default="", metavar=TEXT, help=_("Full name of the administrator."))
    init.add_argument("--office", default="OSPOD", metavar=TEXT, help=_("Name of the office."))
    init.add_argument("--password-stdin", action="store_true", help=_("Read the password from standard input."))

    demo = sub.add_parser("demo", parents=[common], help=_("Write a deterministic synthetic demo database."))
    demo.add_argument("--db", required=True, type=Path, metavar=FILE)
    demo.add_argument("--children", type=int, default=300, metavar=NUMBER)
    demo.add_argument("--seed", type=int, default=2026, metavar=NUMBER)

    commands = (
        ("verify", _("Check pages, integrity and the audit chain.")),
        ("backup", _("Make an online encrypted backup.")),
        ("import", _("Import children, placements or visits from a CSV or XLSX register.")),
        ("duplicates", _("List likely duplicate registrations.")),
        ("list", _("Export the case list you may see.")),
    )
    for name, text in commands:
        cmd = sub.add_parser(name, parents=[common], help=text)
        cmd.add_argument("--db", required=True, type=Path, metavar=FILE)
        cmd.add_argument("--user", required=True, metavar=NAME)
        cmd.add_argument("--password-stdin", action="store_true")
        if name == "verify":
            cli_audit.add_anchor_option(cmd)
            cli_audit.add_recovery_option(cmd)
        if name == "backup":
            cmd.add_argument("--out", required=True, type=Path, metavar=FILE, help=_("Path of the backup file to create."))
        if name == "import":
            cmd.add_argument("what", choices=["children", "placements", "visits"])
            cmd.add_argument("file", type=Path, metavar=FILE)
            cmd.add_argument("--skip-invalid", action="store_true", help=_("Import the valid rows, report the rest."))
            cmd.add_argument("--update-existing", action="store_true",
                             help=_("Update a child whose reference is already registered (its history is kept)."))
            cmd.add_argument("--accept-duplicates", action="store_true",
                             help=_("Import likely duplicates as new children and list them."))
        if name == "duplicates":
            cmd.add_argument("--min-score", default=None, metavar=_("SCORE"), help=_(
                "The lowest score to list: a share (0.75) or a percentage (75 or 75%%)."))
            cmd.add_argument("--format", choices=["json", "text"], default="text")
        if name == "list":
            cmd.add_argument("--format", choices=["json", "csv", "xlsx"], default="csv")
            cmd.add_argument("--out", type=Path, metavar=FILE, help=_(
                "Write to this file (replacing it) instead of standard output; required for xlsx."))
    cli_policy.add_parser(sub, common, FILE, NAME, TEXT)
    cli_audit.add_parser(sub, common, FILE, NAME)
    cli_due.add_parser(sub, common, FILE, NAME, _("DAYS"))
    cli_catalogue.add_parser(sub, common, FILE, NAME)
    cli_documents.add_parser(sub, common, FILE, NAME, TEXT, NUMBER)
    cli_restore.add_parser(sub, common, FILE, NAME)
    cli_recovery.add_parser(sub, common, FILE, NAME)
    return p


# --- checks made before anything is opened or created ---------------------------------------------------

def _existing_database(path: Path) -> None:
    if not path.exists():
        raise OspodError(_("File not found: {path}").format(path=path), "db")
    if path.is_dir():
        raise OspodError(_("{path} is a folder, not a database file.").format(path=path), "db")


def _existing_folder(path: Path) -> None:
    """The folder a new file goes into must exist: a typing error never creates folders."""
    folder = path.parent
    if not folder.exists():
        raise OspodError(_("The folder {folder} does not exist. Create it first, or give another path.").format(
            folder=folder), "folder")
    if not folder.is_dir():
        raise OspodError(_("{path} is not a folder.").format(path=folder), "folder")
    if path.is_dir():
        raise OspodError(_("{path} is a folder; give the path of a file.").format(path=path), "path")


def _not_the_database(out: Path, db: Path) -> None:
    """An export never replaces the database, its key file or its journal."""
    from ospod_desktop.storage.keyslots import keys_path

    db = db.resolve()
    if out.resolve() in {db, keys_path(db), db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")}:
        raise OspodError(_("{path} is the database or one of its files; choose another file.").format(path=out), "out")


_os_message = os_error_message  # a file system error in words, naming the file


# --- commands --------------------------------------------------------------------------------------------

def _init(args: argparse.Namespace) -> int:
    from ospod_desktop.services import identity

    _existing_folder(args.db)
    password = _read_password(args)
    us, code = identity.initialise(args.db, identity.OfficeProfile(args.office), args.admin, args.full_name or args.admin, password)
    us.close()
    print(_("Database created: {path}").format(path=args.db))
    print(_("Recovery code (shown only now; write it down and keep it safe):"))
    print(code)
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from ospod_desktop import demo

    if args.children < 0:
        raise OspodError(_("The number of children cannot be negative."), "children")
    demo.build_demo(args.db, children=args.children, seed=args.seed)
    print(_("Demo database created: {path}").format(path=args.db))
    print(_("Accounts: {names}; password: {password}").format(
        names=", ".join(name for name, _role in demo.DEMO_ACCOUNTS), password=demo.DEMO_PASSWORD))
    return EXIT_OK


def verify_problem(report: VerifyReport) -> str:
    """What `maintenance.verify` found, in the user's language (its `kind` and `where`, never library text)."""
    from ospod_desktop.services import maintenance

    return maintenance.describe(report)


def _verify(args: argparse.Namespace) -> int:
    from ospod_desktop.services import maintenance

    given = cli_audit.parse_anchor(args.anchor)
    password = _read_password(args)
    report = maintenance.verify(args.db, args.user, password, given, cli_audit.read_recovery_code(args))
    if report.ok:
        print(_("OK: pages, integrity, foreign keys, the key slots and the audit chain ({rows} rows, head {head}).").format(
            rows=report.audit_rows, head=report.audit_head))
        print(_("Anchor: {anchor}").format(anchor=f"{report.audit_rows}:{report.audit_head[:16]}"))
        for line in cli_audit.mac_lines(report):
            print(line)
        return EXIT_OK
    log.info("verify: %s", report.problem)
    print(_("FAILED: {problem}").format(problem=verify_problem(report)))
    return EXIT_FAILED


def _backup(args: argparse.Namespace) -> int:
    from ospod_desktop.services import maintenance

    out = maintenance.backup(args.db, args.out, args.user, _read_password(args))
    print(_("Backup written: {path}").format(path=out))
    return EXIT_OK


@contextmanager
def _logged_in(args: argparse.Namespace):
    """A login for one command; the logout is audited like the app's, and the database closed."""
    from ospod_desktop.services import identity

    us = identity.login(args.db, args.user, _read_password(args))
    try:
        yield us
    finally:
        identity.logout(us)


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A file written beside `path` and renamed over it when complete: never a half-written export."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_records(fh: IO[str], fmt: str, records: list[dict], columns: tuple[str, ...]) -> None:
    import csv
    import json

    from ospod_desktop.core.spreadsheet import escape_cell

    if fmt == "json":
        fh.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    writer = csv.DictWriter(fh, fieldnames=columns)  # a text cell never starts a formula in a spreadsheet
    writer.writeheader()
    for rec in records:
        writer.writerow({k: escape_cell(";".join(v) if isinstance(v, list) else ("" if v is None else v))
                         for k, v in rec.items()})


def disclose(us, kind: str, out: Path | None, content: str | bytes) -> None:
    """Record export `kind` of exactly these bytes in the disclosure register, then write them to `out` (put in
    place only once complete and recorded) or to standard output (text in the encoding it is printed in)."""
    from ospod_desktop.services import disclosures

    if out is not None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with _replacing(out, binary=True) as fh:
            fh.write(data)
            disclosures.record_export(us, kind, data, channel="cli")
        return
    if isinstance(content, bytes):
        disclosures.record_export(us, kind, content, channel="cli")
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    data = content.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    disclosures.record_export(us, kind, data, channel="cli")
    sys.stdout.write(content)


def _list(args: argparse.Namespace) -> int:
    import io

    from ospod_desktop.services import children

    if args.format == "xlsx" and args.out is None:
        raise OspodError(_("--format xlsx writes a file: give its path with --out."), "out")
    if args.out is not None:
        _existing_folder(args.out)
        _not_the_database(args.out, args.db)
    with _logged_in(args) as us:
        records = children.case_list_records(us, fmt=args.format)
        columns = children.list_columns(us)  # without the columns withheld from the user's role
        content: str | bytes
        if args.format == "xlsx":
            from ospod_desktop.reports.case_list import write_case_list

            binary = io.BytesIO()
            from ospod_desktop.services import chain_anchor

            # the anchor after the export's audit row; the register entry recorded next keeps the same
            write_case_list(binary, records, columns, anchor=chain_anchor.current(us))
            content = binary.getvalue()
        else:
            text = io.StringIO(newline="")
            _write_records(text, args.format, records, columns)
            content = text.getvalue()
        disclose(us, "case_list", args.out, content)
    if args.out is not None:
        print(ngettext("Case list written: {path} ({n} record).", "Case list written: {path} ({n} records).",
                       len(records)).format(path=args.out, n=len(records)))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": _init, "demo": _demo, "verify": _verify, "backup": _backup, "import": lambda args: cli_import.run(args),
    "duplicates": lambda args: cli_duplicates.run(args), "list": _list, "policy": lambda args: cli_policy.run(args),
    "due": lambda args: cli_due.run(args), "catalogue": lambda args: cli_catalogue.run(args),
    "export": lambda args: cli_documents.run_export(args), "disclosures": lambda args: cli_documents.run_disclosures(args),
    "accept-loss": lambda args: cli_audit.run_accept_loss(args),
    "restore": lambda args: cli_restore.run(args), "recovery-code": lambda args: cli_recovery.run(args)}


def _quiet_stdout() -> None:
    """The reader of our output went away (`| head -1`): send what is left to /dev/null, so Python's final
    flush does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)
    try:
        if args.command in OPENS_DATABASE:
            _existing_database(args.db)
        return COMMANDS[args.command](args)
    except OspodError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        raise
    except OSError as exc:
        log.debug("file system error", exc_info=True)
        print(_("Error: {message}").format(message=_os_message(exc)), file=sys.stderr)
        return EXIT_ERROR


def run_cli(argv: list[str]) -> int:
    """Run one sub-command; a user-facing error prints one line and exits 2, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from ospod_desktop.ui import settings  # plain JSON, no Qt

    set_language(_language_in(argv) or settings.language())
    from ospod_desktop.storage import busy

    busy.set_notice(lambda message: print(message, file=sys.stderr, flush=True))  # "waiting for the lock…"
    _argparse_gettext()
    try:
        code = _run(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # never a traceback to the user; the type only (no personal data)
        log.debug("unexpected error", exc_info=True)
        from ospod_desktop.storage import busy, disk

        if (refused := disk.open_failure(exc)) is not None:  # a full or read-only disk met outside a write
            print(_("Error: {message}").format(message=refused.message), file=sys.stderr)
            return EXIT_ERROR
        if busy.is_busy(exc):  # a lock met outside a write's own wait (a migration, a checkpoint)
            print(_("Error: {message}").format(message=DatabaseBusy().message), file=sys.stderr)
            return EXIT_ERROR
        print(_("Error: unexpected failure ({kind}).").format(kind=type(exc).__name__), file=sys.stderr)
        return EXIT_ERROR
