"""`ospod-desktop due`: every open clock of every child the user may see, as JSON, CSV or iCalendar.

    ospod-desktop due --db FILE --user NAME --password-stdin [--as-of YYYY-MM-DD] [--within DAYS] [--all]
                      --format json|csv|ics [--out FILE] [--include reference,kind]

Supervisors get the office; officers their own children (the office with --all); facility staff the placement,
missing and 18th-birthday clocks of the children in their scope. Computed as of --as-of (default today);
--within DAYS keeps the overdue items and those due within DAYS. Every export is audited. A calendar names
neither the child nor the case by default (only the app's child id); --include adds what the user chooses."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, ngettext

FORMATS = ("json", "csv", "ics")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {value}").format(value=text)) from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(_("not a number of days (0 or more): {value}").format(value=text))
    return value


def _include(text: str) -> frozenset[str]:
    from ospod_desktop.reports.due_calendar import INCLUDE_CHOICES

    chosen = frozenset(p.strip() for p in text.split(",") if p.strip())
    if unknown := chosen - INCLUDE_CHOICES:
        raise argparse.ArgumentTypeError(_("unknown: {items} (choose from {choices})").format(
            items=", ".join(sorted(unknown)), choices=", ".join(sorted(INCLUDE_CHOICES))))
    return chosen


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str, days: str) -> None:
    cmd = sub.add_parser("due", parents=[common], help=_("List what is due and overdue (JSON, CSV or iCalendar)."))
    cmd.add_argument("--db", required=True, type=Path, metavar=file)
    cmd.add_argument("--user", required=True, metavar=name)
    cmd.add_argument("--password-stdin", action="store_true")
    cmd.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help=_("Compute as of this day (default today)."))
    cmd.add_argument("--within", type=_days, metavar=days,
                     help=_("Keep the overdue items and those due within this many days."))
    cmd.add_argument("--all", action="store_true", help=_("Officers: the whole office, not only your children."))
    cmd.add_argument("--format", choices=FORMATS, default="json")
    cmd.add_argument("--out", type=Path, metavar=file, help=_(
        "Write to this file (replacing it) instead of standard output."))
    cmd.add_argument("--include", type=_include, default=frozenset(), metavar="reference,kind", help=_(
        "Calendar only: also show the child's reference and the real kind of each deadline (not shown by default, "
        "as a calendar may sync to a cloud)."))


def run(args: argparse.Namespace) -> int:
    import io

    from ospod_desktop import cli
    from ospod_desktop.reports import due_calendar, due_export
    from ospod_desktop.services import due

    if args.include and args.format != "ics":
        raise OspodError(_("--include applies to --format ics only."), "include")
    if args.out is not None:
        cli._existing_folder(args.out)
        cli._not_the_database(args.out, args.db)
    with cli._logged_in(args) as us:
        rows = due.due_list(us, args.as_of, everyone=args.all, within_days=args.within)
        office, title = due.record_export(us, args.format, len(rows), args.include)
        content: str | bytes
        if args.format == "ics":
            binary = io.BytesIO()
            from ospod_desktop.services import chain_anchor

            due_calendar.write_due_calendar(rows, binary, office=office, include=args.include, title=title,
                                            anchor=chain_anchor.current(us))
            content = binary.getvalue()
        else:
            text = io.StringIO(newline="")
            if args.format == "json":
                due_export.write_due_json(rows, text)
            else:
                due_export.write_due_csv(rows, text, bom=args.out is not None)
            content = text.getvalue()
        cli.disclose(us, "due_list", args.out, content)  # recorded in the disclosure register, then written
    if args.out is not None:
        print(ngettext("Due list written: {path} ({n} item).", "Due list written: {path} ({n} items).",
                       len(rows)).format(path=args.out, n=len(rows)))
    return cli.EXIT_OK
