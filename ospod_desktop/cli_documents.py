"""`ospod-desktop export pdf` and `ospod-desktop disclosures [verify]`: referral documents and the register of
what left the office, from the command line (`export stats` lives in `cli_stats`).

    ospod-desktop export pdf --db FILE --user NAME --password-stdin --child ID
                             --kind facility|police|missing|summary [--minimal] [--recipient TEXT] [--lang cs|en]
                             [--reference TEXT] [--attachment TEXT]... [--episode ID] --out FILE
    ospod-desktop disclosures --db FILE --user NAME --password-stdin [--child ID] [--format json|text]
    ospod-desktop disclosures verify --db FILE --user NAME --password-stdin FILE.pdf

`export pdf` issues the document: the file is written and the disclosure recorded (channel "cli") together, or
neither. `--lang` is the document's language and the messages' (the document is Czech unless `--lang en`).
`export` is a group: `pdf`, `stats` (`cli_stats`); more exports join them. `disclosures verify` exits 0 and
prints the register entry as JSON when the file is one this office issued, unchanged; otherwise 1 and one line
saying why. Exit 2: a usage error, an unknown child or kind, a missing report for a child not missing, a file
that cannot be read or written.
Messages name children by record number only, never by name."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ospod_desktop import cli_stats
from ospod_desktop.core.errors import NotFound, OspodError
from ospod_desktop.core.i18n import LANGUAGES, _, format_day

if TYPE_CHECKING:
    from ospod_desktop.services.disclosures import DisclosureView

PRAGUE = ZoneInfo("Europe/Prague")  # the documents' own time zone: a date here is the one printed on the document
LIST_FORMATS = ("json", "text")


def _login_options(cmd: argparse.ArgumentParser, file: str, name: str, required: bool = True) -> None:
    cmd.add_argument("--db", required=required, type=Path, metavar=file)
    cmd.add_argument("--user", required=required, metavar=name)
    cmd.add_argument("--password-stdin", action="store_true")


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str, text: str, number: str) -> None:
    """The `export` group (its `pdf` action) and the `disclosures` command (its optional `verify` action)."""
    export = sub.add_parser("export", help=_("Issue a document as a file (recorded as a disclosure)."))
    kinds = export.add_subparsers(dest="action", required=True, parser_class=type(export))
    pdf = kinds.add_parser("pdf", help=_(
        "Issue a referral document about one child as a PDF; the file and its disclosure are recorded together."))
    pdf.add_argument("--lang", choices=LANGUAGES, help=_("Language of the document and of the messages (Czech by "
                                                         "default)."))
    _login_options(pdf, file, name)
    # --child and --kind are checked by us, not by argparse: a wrong value is one clear line (exit 2)
    pdf.add_argument("--child", required=True, metavar=number, help=_(
        "The child's record number (the `id` of `list --format json`)."))
    pdf.add_argument("--kind", required=True, metavar="facility|police|missing|summary", help=_(
        "facility: to the Facility for Foreign Children; police: notice of suspected trafficking; missing: "
        "missing-child report; summary: case summary for supervisors."))
    pdf.add_argument("--minimal", action="store_true", help=_(
        "Police notice only: name the child by given names, family names and date of birth alone."))
    pdf.add_argument("--recipient", default="", metavar=text, help=_("The recipient (default: the kind's usual one)."))
    pdf.add_argument("--reference", default="", metavar=text, help=_(
        "A reference number (č.j.) from the filing system (default: the next number of the office's register)."))
    pdf.add_argument("--attachment", action="append", default=[], metavar=text, help=_(
        "An attachment to list in the document (repeat for more)."))
    pdf.add_argument("--episode", metavar=number, help=_(
        "Missing report: the disappearance's record number (default: the child's open one)."))
    pdf.add_argument("--out", required=True, type=Path, metavar=file, help=_(
        "The PDF file to write (replaced if it exists)."))
    cli_stats.add_parser(kinds, file, name)

    reg = sub.add_parser("disclosures", parents=[common], help=_(
        "List the register of disclosures, or check a file against it (verify)."))
    _login_options(reg, file, name, required=False)  # required unless `verify` follows (checked in run_list)
    reg.add_argument("--child", metavar=number, help=_("Only the entries about this child (record number)."))
    reg.add_argument("--format", choices=LIST_FORMATS, default="text")
    reg.set_defaults(parser=reg)
    actions = reg.add_subparsers(dest="action", required=False, parser_class=type(reg))
    verify = actions.add_parser("verify", parents=[common], help=_(
        "Check whether a file is a document this office issued, unchanged (exit 0) or not (exit 1)."))
    _login_options(verify, file, name)
    verify.add_argument("file", type=Path, metavar="FILE.pdf")


def _record_number(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise OspodError(_("{option}: “{value}” is not a record number (a whole number such as 12).").format(
            option=option, value=text), option.lstrip("-"))
    return int(value)


def _local(moment: datetime) -> str:
    at = moment.astimezone(PRAGUE)
    return f"{format_day(at.date())} {at:%H:%M}"


def _kind(text: str) -> str:
    from ospod_desktop.core.documents import DOCUMENT_KINDS

    if text not in DOCUMENT_KINDS:
        raise OspodError(_("Unknown document kind “{kind}”: choose {choices}.").format(
            kind=text, choices=", ".join(DOCUMENT_KINDS)), "kind")
    return text


def run_export(args: argparse.Namespace) -> int:
    from ospod_desktop import cli

    if args.action == "stats":
        return cli_stats.run(args)
    if args.action != "pdf":  # argparse allows only the listed actions; a new one must be wired here
        raise OspodError(_("Unknown export: {name}").format(name=args.action), "action")
    child_id = _record_number(args.child, "--child")
    assert child_id is not None  # --child is required
    kind = _kind(args.kind)
    if args.minimal and kind != "police":
        raise OspodError(_("--minimal applies to the police notice (--kind police) only."), "minimal")
    episode_id = _record_number(args.episode, "--episode")
    if episode_id is not None and kind != "missing":
        raise OspodError(_("--episode applies to the missing-child report (--kind missing) only."), "episode")
    cli._existing_database(args.db)
    cli._existing_folder(args.out)
    cli._not_the_database(args.out, args.db)
    return _issue(args, child_id, kind, episode_id)


def _issue(args: argparse.Namespace, child_id: int, kind: str, episode_id: int | None) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import documents

    with cli._logged_in(args) as us:
        try:
            if kind == "missing" and episode_id is None and documents.open_episode(us, child_id) is None:
                raise OspodError(_("Child no. {id} is not reported missing: there is no open disappearance to "
                                   "report (give one with --episode).").format(id=child_id), "episode")
            request = documents.DocumentRequest(
                child_id=child_id, kind=kind, lang=args.lang or "cs", recipient=args.recipient,
                minimal=args.minimal, reference=args.reference, attachments=tuple(args.attachment),
                episode_id=episode_id)
            issued = documents.issue(us, request, target=args.out, channel="cli")
        except NotFound:  # the same answer for a child that does not exist and one outside the user's scope
            raise OspodError(_("Child no. {id} was not found (or is not among the children you may see).").format(
                id=child_id), "child") from None
    done = issued.rendered
    print(_("Issued: č.j. {reference}, SHA-256 {sha256}, {path}").format(
        reference=done.reference or "–", sha256=done.sha256, path=issued.path))
    return cli.EXIT_OK


def run_disclosures(args: argparse.Namespace) -> int:
    if args.action == "verify":
        return _verify(args)
    from ospod_desktop import cli

    missing = [opt for opt, value in (("--db", args.db), ("--user", args.user)) if value is None]
    if missing:
        args.parser.error(_("the following arguments are required: %s") % ", ".join(missing))
    child_id = _record_number(args.child, "--child")
    cli._existing_database(args.db)
    from ospod_desktop.services import disclosures

    with cli._logged_in(args) as us:
        try:
            entries = disclosures.disclosures(us, child_id)
        except NotFound:
            raise OspodError(_("Child no. {id} was not found (or is not among the children you may see).").format(
                id=child_id), "child") from None
    if args.format == "json":
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=1))
        return cli.EXIT_OK
    if not entries:
        print(_("No disclosures are recorded."))
    for e in entries:
        print(entry_line(e))
    return cli.EXIT_OK


def entry_line(e: DisclosureView) -> str:
    """One register entry in words: when, what, č.j., to whom, by whom, about which child (never a name), its hash
    and the audit chain's anchor when it was recorded."""
    from ospod_desktop.core.documents import kind_label

    recipient = e.recipient.strip().splitlines()[0] if e.recipient.strip() else "–"
    if e.child_id is None and e.child_reference is None:
        child = _("no single child")
    else:
        child = _("child no. {id}").format(id=e.child_id if e.child_id is not None else "–")
        if e.child_reference:
            child += f" ({e.child_reference})"
    parts = [f"#{e.id}", _local(e.issued_at), kind_label(e.kind), _("č.j. {reference}").format(
        reference=e.reference) if e.reference else "", _("to {recipient}").format(recipient=recipient),
        e.user, child, f"SHA-256 {e.sha256}", _("audit anchor {anchor}").format(anchor=e.anchor) if e.anchor else ""]
    return " · ".join(p for p in parts if p)


def _verify(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.services import disclosures

    cli._existing_database(args.db)
    if not args.file.is_file():  # a folder or nothing at all: the file system's own words, exit 2
        raise OspodError((_("{path} is a folder, not a file.") if args.file.is_dir() else _(
            "File not found: {path}")).format(path=args.file), "file")
    with cli._logged_in(args) as us:
        result = disclosures.verify_file(us, args.file)
    if result.match is not None:
        print(json.dumps(result.match.as_json(), ensure_ascii=False, indent=1))
        return cli.EXIT_OK
    if result.claimed is not None:
        claimed = result.claimed
        print(_("Altered: the file claims to be č.j. {reference} of {date}, but it is not that document as "
                "issued.").format(reference=claimed.reference or "–", date=_local(claimed.issued_at)))
    elif result.hidden:
        print(_("The file matches or names a register entry outside what you may see; ask a supervisor to "
                "check it."))
    else:
        print(_("Not issued by this office: no register entry has this file's SHA-256 ({sha256}).").format(
            sha256=result.sha256))
    sys.stdout.flush()
    return cli.EXIT_FAILED
