"""`ospod-desktop list`: the case list the user may see, as CSV, JSON or XLSX, on standard output or into a file
(recorded in the disclosure register first, `cli.disclose`).

    ospod-desktop list --db PATH --user NAME --password-stdin [--format csv|json|xlsx] [--out FILE]"""

from __future__ import annotations

import argparse
from typing import IO

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, ngettext


def write_records(fh: IO[str], fmt: str, records: list[dict], columns: tuple[str, ...]) -> None:
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


def run(args: argparse.Namespace) -> int:
    import io

    from ospod_desktop import cli
    from ospod_desktop.services import children

    if args.format == "xlsx" and args.out is None:
        raise OspodError(_("--format xlsx writes a file: give its path with --out."), "out")
    if args.out is not None:
        cli._existing_folder(args.out)
        cli._not_the_database(args.out, args.db)
    with cli._logged_in(args) as us:
        records = children.case_list_records(us, fmt=args.format)
        columns = children.list_columns(us)  # without the columns withheld from the user's role
        content: str | bytes
        if args.format == "xlsx":
            from ospod_desktop.reports.case_list import write_case_list
            from ospod_desktop.services import chain_anchor

            binary = io.BytesIO()
            # the anchor after the export's audit row; the register entry recorded next keeps the same
            write_case_list(binary, records, columns, anchor=chain_anchor.current(us))
            content = binary.getvalue()
        else:
            text = io.StringIO(newline="")
            write_records(text, args.format, records, columns)
            content = text.getvalue()
        cli.disclose(us, "case_list", args.out, content)
    if args.out is not None:
        print(ngettext("Case list written: {path} ({n} record).", "Case list written: {path} ({n} records).",
                       len(records)).format(path=args.out, n=len(records)))
    return cli.EXIT_OK
