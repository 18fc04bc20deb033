"""`ospod-desktop import children|placements|visits`: a register brought over from a CSV or XLSX file (the
services do the checking; this prints each invalid row by its column, in the user's language, and the totals).

Exit 0 when imported, 1 when nothing was (invalid rows), 2 on a usage error or an unreadable file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _

if TYPE_CHECKING:
    from ospod_desktop.services.children import RowError


def import_error_line(err: RowError, column_label: Callable[[str], str] | None = None) -> str:
    """One invalid row: the column by its name in the user's language and the problem.

    English keeps the CSV's column name ("Row 1, sex: use M, F or U."); Czech names the field by its label
    ("Řádek 1, Pohlaví: použijte M, F nebo U."). The service's message starts with that label: it is said once.
    `column_label` names a column (default: the children import's).
    """
    from ospod_desktop.core.field_labels import child_label
    from ospod_desktop.core.i18n import current_language
    from ospod_desktop.services import children

    if not err.field:
        return _("Row {row}: {message}").format(row=err.row, message=err.message)
    label = (column_label or (lambda c: child_label(children.COLUMN_FIELDS.get(c, c))))(err.field)
    problem = err.message.removeprefix(f"{label}: ")
    column = err.field if current_language() == "en" else label
    return _("Row {row}, {field}: {message}").format(row=err.row, field=column, message=problem)


def run(args: argparse.Namespace) -> int:
    import csv
    import zipfile

    from ospod_desktop import cli
    from ospod_desktop.core import child_rules as R
    from ospod_desktop.services import children

    if not args.file.is_file():
        raise OspodError((_("File not found: {path}") if not args.file.exists()
                          else _("{path} is a folder, not a file.")).format(path=args.file), "file")
    if args.what != "children":
        return _import_records(args)
    with cli._logged_in(args) as us:
        try:
            result = children.import_children(us, args.file, skip_invalid=args.skip_invalid,
                                              update_existing=args.update_existing,
                                              accept_duplicates=args.accept_duplicates)
        except (zipfile.BadZipFile, csv.Error) as exc:
            raise OspodError(_("{path} cannot be read as a CSV or XLSX table.").format(path=args.file), "file") from exc
    for err in result.errors:
        print(import_error_line(err), file=sys.stderr)
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
        return cli.EXIT_FAILED
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
    return cli.EXIT_OK


def _import_records(args: argparse.Namespace) -> int:
    """`import placements` / `import visits`: rows added to registered children, all or (`--skip-invalid`) the
    valid ones; never an update."""
    from ospod_desktop import cli
    from ospod_desktop.services import imports

    if args.update_existing or args.accept_duplicates:
        raise OspodError(_("--update-existing and --accept-duplicates apply to children only: placements and visits "
                           "are only ever added."), "what")
    run, label = ((imports.import_placements, imports.placement_column_label) if args.what == "placements"
                  else (imports.import_visits, imports.visit_column_label))
    with cli._logged_in(args) as us:
        result = run(us, args.file, skip_invalid=args.skip_invalid)
    for err in result.errors:
        print(import_error_line(err, label), file=sys.stderr)
    if not result.saved:
        print(_("Nothing was imported: {n} invalid rows.").format(n=len({e.row for e in result.errors})),
              file=sys.stderr)
        return cli.EXIT_FAILED
    print(_("Imported {n} of {total} rows.").format(n=len(result.imported), total=result.rows))
    return cli.EXIT_OK
