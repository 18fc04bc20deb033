"""`ospod-desktop policy show|check|import`: the deadline policy from the command line (services.due_policy).

    ospod-desktop policy show --db FILE --user NAME --password-stdin     the policy in force, as JSON
    ospod-desktop policy check FILE                                      validate a policy file (no database)
    ospod-desktop policy import FILE --reason TEXT --db FILE --user NAME --password-stdin

A bad file names the field (its label and JSON path) on one line and exits 2; nothing is saved then."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str, text: str) -> None:
    """The `policy` sub-command and its actions (each with the common options: --lang)."""
    policy = sub.add_parser("policy", parents=[common], help=_("Show, check or import the deadline policy."))
    actions = policy.add_subparsers(dest="action", required=True, parser_class=type(policy))
    show = actions.add_parser("show", parents=[common], help=_("Print the policy in force as JSON."))
    check = actions.add_parser("check", parents=[common], help=_("Check a policy file without saving it."))
    check.add_argument("file", type=Path, metavar=file)
    into = actions.add_parser("import", parents=[common], help=_("Save a policy file as the next version."))
    into.add_argument("file", type=Path, metavar=file)
    into.add_argument("--reason", required=True, metavar=text, help=_("Why the policy changes (at least 5 characters)."))
    for cmd in (show, into):
        cmd.add_argument("--db", required=True, type=Path, metavar=file)
        cmd.add_argument("--user", required=True, metavar=name)
        cmd.add_argument("--password-stdin", action="store_true")


def run(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import due_policy

    if args.action == "check":
        data = due_policy.read_policy_file(args.file)
        print(_("The policy file is valid (revision {revision}).").format(revision=data.get("revision", 1)))
        return cli.EXIT_OK
    cli._existing_database(args.db)
    if args.action == "import":
        if not args.file.is_file():
            raise OspodError(_("File not found: {path}").format(path=args.file), "file")
        due_policy.check_reason(args.reason)  # before the password is asked for
    with cli._logged_in(args) as us:
        if args.action == "show":
            print(due_policy.export_policy(us), end="")
        else:
            revision = due_policy.import_policy_file(us, args.file, args.reason)
            print(_("Saved as revision {revision}; it is in force now.").format(revision=revision))
    return cli.EXIT_OK
