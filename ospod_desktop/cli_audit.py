"""`ospod-desktop accept-loss` and `verify --anchor`: the audit chain against its anchors (services.chain_anchor).

    ospod-desktop verify --db FILE --user NAME --password-stdin [--anchor ID:MAC]
    ospod-desktop accept-loss --db FILE --user NAME --password-stdin

`accept-loss` (a supervisor or administrator) records that the audit rows the key file's anchor names are lost —
after a crash damaged the journal — and lets the database be written again; the other way out is restoring the
latest backup (`restore`)."""

from __future__ import annotations

import argparse
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str) -> None:
    from pathlib import Path

    cmd = sub.add_parser("accept-loss", parents=[common], help=_(
        "Record that the audit rows the key file's anchor names are lost, and allow writing again."))
    cmd.add_argument("--db", required=True, type=Path, metavar=file)
    cmd.add_argument("--user", required=True, metavar=name)
    cmd.add_argument("--password-stdin", action="store_true")


def add_anchor_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--anchor", metavar="ID:MAC", help=_(
        "Also check the chain against this anchor (printed on documents and exports, or in a backup's report)."))


def add_recovery_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--recovery-code-stdin", action="store_true", help=_(
        "Full verification: read the recovery code from the line after the password and check every "
        "forward-secure MAC of the audit chain (the first time, this starts them)."))


def read_recovery_code(args: argparse.Namespace) -> str | None:
    import sys

    if not getattr(args, "recovery_code_stdin", False):
        return None
    line = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not line.strip():
        raise OspodError(_("Give the recovery code on the line after the password."), "recovery_code")
    return line


def mac_lines(report: Any) -> list[str]:
    """What the forward-secure check said, for an OK report."""
    from ospod_desktop.services import chain_anchor as C

    mac = report.mac
    if mac is None or mac.state == C.MAC_NOT_SET_UP:
        return [_("Forward-secure verification not set up: it starts when the recovery code is entered "
                  "(verify --recovery-code-stdin).")]
    if mac.state == C.MAC_SET_UP_NOW:
        return [_("Forward-secure verification set up now: audit rows from {row} on carry MACs only the recovery "
                  "code can check.").format(row=mac.first_id)]
    if mac.state == C.MAC_CHECKED:
        return [_("Forward-secure MACs: {n} audit rows from row {row} checked with the recovery code.").format(
            n=mac.checked, row=mac.first_id)]
    return [_("Forward-secure MACs not checked: give the recovery code (--recovery-code-stdin) for the full "
              "verification.")]


def parse_anchor(text: str | None):
    """The `--anchor` value, or None; a malformed one is an error naming the option."""
    from ospod_desktop.storage import anchor

    if text is None:
        return None
    try:
        return anchor.parse(text)
    except ValueError:
        raise OspodError(_("--anchor: write the anchor as ID:MAC, e.g. 1234:9f2c0a51e3b7d604."), "anchor") from None


def run_accept_loss(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import chain_anchor

    finding, new = chain_anchor.accept_loss(args.db, args.user, cli._read_password(args))
    first, last = finding.lost
    print(_("Recorded: audit rows {first} to {last} are lost. The new anchor is {anchor}.").format(
        first=first, last=last, anchor=new.text()))
    return cli.EXIT_OK
