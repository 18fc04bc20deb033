"""`ospod-desktop recovery-code renew`: a new recovery code (services.identity.renew_recovery_code).

    ospod-desktop recovery-code renew --db FILE --user NAME --password-stdin

Standard input: the supervisor's password, then the CURRENT recovery code on the next line. The new code is
printed once (as `init` prints it); the old one opens nothing afterwards. A wrong password or code, or an account
that is not a supervisor's: one line, exit 2, nothing changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str) -> None:
    cmd = sub.add_parser("recovery-code", parents=[common], help=_("Renew the recovery code (a supervisor)."))
    actions = cmd.add_subparsers(dest="action", required=True, parser_class=type(cmd))
    renew = actions.add_parser("renew", parents=[common], help=_(
        "Make a new recovery code; standard input: the password, then the current recovery code."))
    renew.add_argument("--db", required=True, type=Path, metavar=file)
    renew.add_argument("--user", required=True, metavar=name)
    renew.add_argument("--password-stdin", action="store_true")


def run(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import identity

    cli._existing_database(args.db)
    password = cli._read_password(args)
    current = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not current.strip():
        raise OspodError(_("Give the current recovery code on the line after the password."), "recovery_code")
    code = identity.renew_recovery_code(args.db, args.user, password, current)
    print(_("The recovery code was renewed; the old code no longer opens anything."))
    print(_("Recovery code (shown only now; write it down and keep it safe):"))
    print(code)
    return cli.EXIT_OK
