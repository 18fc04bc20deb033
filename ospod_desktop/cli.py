"""Command-line sub-commands of `ospod-desktop`. Passwords come only from stdin, never from argv."""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, set_language

log = logging.getLogger(__name__)
EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code 2 matches ours; keep its message
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {message}\n")


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise OspodError(_("Give the password on standard input with --password-stdin."), "password")
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ospod-desktop", description=_("OSPOD Desktop command-line tools."))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init", help=_("Create a new encrypted database and its administrator."))
    init.add_argument("--db", required=True, type=Path, help=_("Path of the new database file."))
    init.add_argument("--admin", required=True, help=_("User name of the administrator."))
    init.add_argument("--full-name", default="", help=_("Full name of the administrator."))
    init.add_argument("--office", default="OSPOD", help=_("Name of the office."))
    init.add_argument("--password-stdin", action="store_true", help=_("Read the password from standard input."))

    demo = sub.add_parser("demo", help=_("Write a deterministic synthetic demo database."))
    demo.add_argument("--db", required=True, type=Path)
    demo.add_argument("--children", type=int, default=300)
    demo.add_argument("--seed", type=int, default=2026)

    commands = (
        ("verify", _("Check pages, integrity and the audit chain.")),
        ("backup", _("Make an online encrypted backup.")),
        ("import", _("Import children from a CSV or XLSX register.")),
        ("duplicates", _("List likely duplicate registrations.")),
        ("list", _("Export the case list you may see.")),
    )
    for name, text in commands:
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--db", required=True, type=Path)
        cmd.add_argument("--user", required=True)
        cmd.add_argument("--password-stdin", action="store_true")
        if name == "backup":
            cmd.add_argument("--out", required=True, type=Path, help=_("Path of the backup file to create."))
        if name == "import":
            cmd.add_argument("what", choices=["children"])
            cmd.add_argument("file", type=Path)
            cmd.add_argument("--skip-invalid", action="store_true", help=_("Import the valid rows, report the rest."))
            cmd.add_argument("--update-existing", action="store_true",
                             help=_("Update a child whose reference is already registered (its history is kept)."))
            cmd.add_argument("--accept-duplicates", action="store_true",
                             help=_("Import likely duplicates as new children and list them."))
        if name == "duplicates":
            cmd.add_argument("--min-score", type=float, default=None)
            cmd.add_argument("--format", choices=["json", "text"], default="text")
        if name == "list":
            cmd.add_argument("--format", choices=["json", "csv"], default="csv")
    return p


def _init(args: argparse.Namespace) -> int:
    from ospod_desktop.services import identity

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


def _verify(args: argparse.Namespace) -> int:
    from ospod_desktop.services import maintenance

    report = maintenance.verify(args.db, args.user, _read_password(args))
    if report.ok:
        print(_("OK: pages, integrity, foreign keys and the audit chain ({rows} rows, head {head}).").format(
            rows=report.audit_rows, head=report.audit_head))
        return EXIT_OK
    print(_("FAILED: {problem}").format(problem=report.problem))
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


def _import(args: argparse.Namespace) -> int:
    from ospod_desktop.core import child_rules as R
    from ospod_desktop.services import children

    with _logged_in(args) as us:
        result = children.import_children(us, args.file, skip_invalid=args.skip_invalid,
                                          update_existing=args.update_existing,
                                          accept_duplicates=args.accept_duplicates)
    for err in result.errors:
        line = _("Row {row}, {field}: {message}") if err.field else _("Row {row}: {message}")
        print(line.format(row=err.row, field=err.field, message=err.message), file=sys.stderr)
    kinds = {err.kind for err in result.errors}
    if children.ErrorKind.REGISTERED in kinds and not args.update_existing:
        print(_("A child with the same reference is registered: --update-existing updates it from the row."),
              file=sys.stderr)
    if children.ErrorKind.DUPLICATE in kinds:
        print(_("Check the likely duplicates; if they are other children, --accept-duplicates imports them."),
              file=sys.stderr)
    if result.errors and not args.skip_invalid:
        print(_("Nothing was imported: {n} invalid rows.").format(n=len({e.row for e in result.errors})),
              file=sys.stderr)
        return EXIT_FAILED
    accepted = [m for m in result.matches if m.line in result.children]
    if accepted:
        print(_("Imported although likely duplicates (check them):"))
    for m in accepted:
        reasons = ", ".join(R.label(R.REASONS, str(r)) for r in m.reasons)
        print(_("Row {row} (record no. {id}) and {what}: {score} %, {reasons}").format(
            row=m.line, id=result.children[m.line], what=m.what, score=round(m.score * 100),
            reasons=reasons))
    print(_("Imported {n} of {total} rows.").format(n=len(result.imported), total=result.rows))
    if result.updated:
        print(_("Updated registered children: {n}.").format(n=len(result.updated)))
    if result.unchanged:
        print(_("Already registered as the file says: {n}.").format(n=len(result.unchanged)))
    return EXIT_OK


def _duplicates(args: argparse.Namespace) -> int:
    import json

    from ospod_desktop.core.matching import DEFAULT_THRESHOLD
    from ospod_desktop.services import children

    with _logged_in(args) as us:
        pairs = children.duplicate_report(us, DEFAULT_THRESHOLD if args.min_score is None else args.min_score)
    if args.format == "json":
        data = [{"a": {"id": p.a_id, "reference": p.a_reference}, "b": {"id": p.b_id, "reference": p.b_reference},
                 "score": p.score, "reasons": [str(r) for r in p.reasons]} for p in pairs]
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for p in pairs:
            print(f"{p.score:.3f}\t{p.a_id}\t{p.b_id}\t{','.join(p.reasons)}")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    import csv
    import json

    from ospod_desktop.core.spreadsheet import escape_row
    from ospod_desktop.services import children

    with _logged_in(args) as us:
        records = children.case_list_records(us, fmt=args.format)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:  # a text cell never starts a formula when the file is opened in a spreadsheet
        writer = csv.DictWriter(sys.stdout, fieldnames=children.LIST_COLUMNS)
        writer.writeheader()
        for rec in records:
            writer.writerow(escape_row(
                {k: ";".join(v) if isinstance(v, list) else ("" if v is None else v) for k, v in rec.items()}))
    return EXIT_OK


COMMANDS = {"init": _init, "demo": _demo, "verify": _verify, "backup": _backup, "import": _import,
            "duplicates": _duplicates, "list": _list}


def run_cli(argv: list[str]) -> int:
    """Run one sub-command; a user-facing error prints one line and exits 2, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from ospod_desktop.ui import settings  # plain JSON, no Qt

    set_language(settings.language())
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except OspodError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback to the user; the type only (no personal data)
        log.debug("unexpected error", exc_info=True)
        print(_("Error: unexpected failure ({kind}).").format(kind=type(exc).__name__), file=sys.stderr)
        return EXIT_ERROR
