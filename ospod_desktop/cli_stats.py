"""`ospod-desktop export stats`: the office's statistics for a period as a file (a contract: offices script it).

    ospod-desktop export stats --db FILE --user NAME --password-stdin --from YYYY-MM-DD --to YYYY-MM-DD
                               --format json|csv|xlsx|pdf [--suppress N] [--lang cs|en] --out FILE

Both days are included. `--suppress N` (default 5): counts of 1 to N-1 are written as "<N" and further cells
hidden as "x" where they would let a suppressed one be worked out; `--suppress 0` writes exact counts (for the
office's own use). `--lang` is the language of the labels in the file and of the messages (the file is Czech
unless `--lang en`; the JSON and CSV hold codes only). The export is audited and recorded in the disclosure
register (channel "cli") with the SHA-256 of the exact bytes, and the file is put in place only once recorded.
Officers and supervisors only. A bad date, period, format or N: one line naming the option, exit 2, nothing
written. No message names a child."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ospod_desktop.core.ages import add_years
from ospod_desktop.core.errors import OspodError, ValidationError
from ospod_desktop.core.i18n import LANGUAGES, _

EARLIEST = date(2000, 1, 1)  # as the statistics service


def add_parser(kinds: Any, file: str, name: str) -> None:
    """The `stats` action of the `export` group (`kinds`: the group's subparsers)."""
    from ospod_desktop.core.stats.model import DEFAULT_SUPPRESS, FORMATS

    cmd = kinds.add_parser("stats", help=_(
        "Export the office's statistics for a period (counts only, no personal data); recorded as a disclosure."))
    cmd.add_argument("--lang", choices=LANGUAGES, help=_("Language of the file's labels and of the messages "
                                                         "(Czech by default)."))
    cmd.add_argument("--db", required=True, type=Path, metavar=file)
    cmd.add_argument("--user", required=True, metavar=name)
    cmd.add_argument("--password-stdin", action="store_true")
    # the values are checked by us, not by argparse: a wrong one is one clear line naming the option (exit 2)
    cmd.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help=_(
        "The first day of the period (included)."))
    cmd.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help=_(
        "The last day of the period (included)."))
    cmd.add_argument("--format", dest="fmt", required=True, metavar="|".join(FORMATS), help=_(
        "json for scripts, csv with one row per count, xlsx with a sheet per table, pdf to print or send."))
    cmd.add_argument("--suppress", default=str(DEFAULT_SUPPRESS), metavar="N", help=_(
        "Show counts of 1 to N-1 as “<N” and hide cells that would reveal them (default {n}); 0 gives exact "
        "counts, for the office's own use.").format(n=DEFAULT_SUPPRESS).replace("%", "%%"))
    cmd.add_argument("--out", required=True, type=Path, metavar=file, help=_(
        "The file to write (replaced if it exists)."))


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise OspodError(_("{option}: “{value}” is not a date (YYYY-MM-DD).").format(option=option, value=text),
                         option.lstrip("-")) from None


def _format(text: str) -> str:
    from ospod_desktop.core.stats.model import FORMATS

    if text not in FORMATS:
        raise OspodError(_("--format: unknown format “{value}”: choose {choices}.").format(
            value=text, choices=", ".join(FORMATS)), "format")
    return text


def _suppress(text: str) -> int:
    from ospod_desktop.core.stats.suppress import check_suppress

    value = text.strip()
    if not (value.isascii() and value.isdigit()):
        raise OspodError(_("--suppress: “{value}” is not a whole number (0 for exact counts, or 3 or more).").format(
            value=text), "suppress")
    try:
        return check_suppress(int(value))
    except ValidationError as exc:
        raise OspodError(f"--suppress: {exc.message}", "suppress") from None


def checked(args: argparse.Namespace) -> tuple[date, date, str, int]:
    """The period, format and N from the options, or an OspodError naming the option that is wrong."""
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if start > end:
        raise OspodError(_("--from: the period begins ({start}) after it ends (--to {end}).").format(
            start=start.isoformat(), end=end.isoformat()), "from")
    # the service checks the same bounds (naming its field "from"); here the message names the option at fault
    for day, option in ((start, "--from"), (end, "--to")):
        if day < EARLIEST or day > add_years(date.today(), 1):
            raise OspodError(f"{option}: " + _("The period must lie between 1 January 2000 and a year from today."),
                             option.lstrip("-"))
    return start, end, _format(args.fmt), _suppress(args.suppress)


def run(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import statistics

    start, end, fmt, n = checked(args)
    cli._existing_database(args.db)
    cli._existing_folder(args.out)
    cli._not_the_database(args.out, args.db)
    with cli._logged_in(args) as us:
        try:
            data = statistics.export_bytes(us, start, end, fmt, n, lang=args.lang or "cs")
        except ValidationError as exc:  # the service's check of the period names its field: say which option
            option = {"from": "--from", "to": "--to", "suppress": "--suppress", "format": "--format"}.get(
                exc.field or "", "")
            raise OspodError(f"{option}: {exc.message}" if option else exc.message, exc.field) from None
        cli.disclose(us, "statistics", args.out, data)  # recorded in the register, then put in place
    print(_("Statistics written: {path} ({format}, {start} to {end}, SHA-256 {sha256}).").format(
        path=args.out, format=fmt, start=start.isoformat(), end=end.isoformat(), sha256=_sha256(data)))
    return cli.EXIT_OK


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
