"""`ospod-desktop catalogue show|check|try`: the child-trafficking indicator catalogue from the command line.

    ospod-desktop catalogue show [--catalogue FILE] [--format json]        the shipped default, or FILE
    ospod-desktop catalogue show --db FILE --user NAME --password-stdin    the version in use in that database
    ospod-desktop catalogue check [FILE] [--format text|json]              validate FILE (default: the shipped one)
    ospod-desktop catalogue try [--catalogue FILE] ANSWERS.json            evaluate answer sets, print the results

Exit codes: 0 done (valid); 1 the content is wrong — a catalogue that is invalid (malformed JSON, bytes that are
not UTF-8 and a file larger than any catalogue included: they are content) or answers that name an unknown
indicator or hold a bad value — with every problem listed, each naming its JSON path or id; 2 a file that cannot
be read (missing, a folder, no permission) or a usage error. Never a traceback. Administrators use `try` to test
a new catalogue on their own scenarios before importing it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _, ngettext

if TYPE_CHECKING:
    from ospod_desktop.core.indicators import Catalogue, Problem

CHECK_FORMATS = ("text", "json")
ANSWERS_MAX = 64_000_000  # bytes: 1,000 answer sets of the default catalogue are ~1.5 MB


def add_parser(sub: Any, common: argparse.ArgumentParser, file: str, name: str) -> None:
    """The `catalogue` sub-command and its actions (each with the common options: --lang)."""
    cat = sub.add_parser("catalogue", parents=[common], help=_(
        "Show, check or try out a catalogue of child-trafficking indicators."))
    actions = cat.add_subparsers(dest="action", required=True, parser_class=type(cat))
    show = actions.add_parser("show", parents=[common], help=_(
        "Print a catalogue as JSON: the shipped default, a file, or the version in use in a database."))
    show.add_argument("--catalogue", type=Path, metavar=file, help=_("Print this catalogue file instead."))
    show.add_argument("--format", choices=["json"], default="json")
    show.add_argument("--db", type=Path, metavar=file, help=_("Print the version in use in this database."))
    show.add_argument("--user", metavar=name)
    show.add_argument("--password-stdin", action="store_true")
    check = actions.add_parser("check", parents=[common], help=_(
        "Check a catalogue file and list every problem (default: the shipped catalogue)."))
    check.add_argument("file", type=Path, nargs="?", metavar=file)
    check.add_argument("--format", choices=CHECK_FORMATS, default="text", help=_(
        "text: one problem a line; json: a list of {\"path\", \"message\"}."))
    tried = actions.add_parser("try", parents=[common], help=_(
        "Evaluate answers (one set or a list of sets) against a catalogue and print the results as JSON."))
    tried.add_argument("--catalogue", type=Path, metavar=file, help=_("Use this catalogue file (default: the shipped one)."))
    tried.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_(
        "A JSON object {indicator id: present, absent or unknown} (missing ids are unknown), or a list of them."))


# --- reading files: unreadable -> OSError (exit 2); what was read is content (exit 1 when wrong) ---------

def _read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the file: a huge file or an endless one (/dev/zero) is read no further than
    shows it is too large. An OSError passes through (exit 2)."""
    with path.open("rb") as fh:
        return fh.read(limit + 1)


def _read_text(path: Path) -> tuple[str | None, str]:
    """An answers file's text, or what is wrong with its bytes (not UTF-8, too large). An OSError passes through
    (exit 2)."""
    raw = _read_bytes(path, ANSWERS_MAX)
    if len(raw) > ANSWERS_MAX:
        return None, _("The file is too large: answer sets take at most {mb} MB.").format(mb=ANSWERS_MAX // 10**6)
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        return None, _("The file is not UTF-8 text (byte {position}).").format(position=exc.start)


def _catalogue_problems(path: Path | None) -> tuple[str | bytes, list[Problem]]:
    """The catalogue file's content (None: the shipped one) and its problems; bytes that are not UTF-8 and
    malformed JSON are problems of the content (the core says so at `$`)."""
    from ospod_desktop.core.indicators import FILE_MAX, Problem, check_catalogue_text, default_catalogue_text

    # a file larger than FILE_MAX is read no further: the check calls it too large (a problem of the content)
    content: str | bytes = default_catalogue_text() if path is None else _read_bytes(path, FILE_MAX)
    try:
        return content, check_catalogue_text(content)
    except RecursionError:  # [[[[…]]]] thousands deep: content, not a failure of ours
        return content, [Problem("$", _("The JSON is nested too deeply."))]


def _print_problems(problems: list[Problem], fmt: str = "text", out: Any = None) -> None:
    """Every problem, one a line (`check`'s output, on stdout; `show` and `try` give them as errors, on stderr),
    and their count on stderr."""
    out = out or sys.stdout
    if fmt == "json":
        print(json.dumps([{"path": p.path, "message": p.message} for p in problems], ensure_ascii=False, indent=1),
              file=out)
    else:
        for p in problems:
            print(f"{p.path}: {p.message}", file=out)
    if problems:
        print(ngettext("invalid: {n} problem", "invalid: {n} problems", len(problems)).format(n=len(problems)),
              file=sys.stderr)


def _catalogue(path: Path | None) -> Catalogue | None:
    """The catalogue at `path` (None: the shipped default); None after printing its problems (on stderr: what
    `show` and `try` print on stdout is only ever their JSON)."""
    from ospod_desktop.core.indicators import default_catalogue, parse_catalogue

    if path is None:
        return default_catalogue()
    content, problems = _catalogue_problems(path)
    if problems:
        _print_problems(problems, out=sys.stderr)
        return None
    return parse_catalogue(content)


def _dump(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1))


# --- actions ------------------------------------------------------------------------------------------------

def _show(args: argparse.Namespace) -> int:
    from ospod_desktop import cli

    if args.db is None:
        if args.user is not None or args.password_stdin:
            raise OspodError(_("--user and --password-stdin go with --db."), "db")
        catalogue = _catalogue(args.catalogue)
        if catalogue is None:
            return cli.EXIT_FAILED
        _dump(catalogue.data)
        return cli.EXIT_OK
    if args.catalogue is not None:
        raise OspodError(_("Give either --catalogue or --db, not both."), "catalogue")
    if args.user is None:
        raise OspodError(_("--db needs --user (and the password with --password-stdin)."), "user")
    from ospod_desktop.services import trafficking

    cli._existing_database(args.db)
    with cli._logged_in(args) as us:
        view = trafficking.export_catalogue(us)  # audited as an export
        # recorded in the disclosure register with the bytes printed
        cli.disclose(us, "catalogue", None, json.dumps(view.catalogue.data, ensure_ascii=False, indent=1) + "\n")
    return cli.EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from ospod_desktop import cli
    from ospod_desktop.core.indicators import parse_catalogue

    content, problems = _catalogue_problems(args.file)
    if problems:
        _print_problems(problems, args.format)
        return cli.EXIT_FAILED
    catalogue = parse_catalogue(content)
    if args.format == "json":
        _dump([])
    else:
        print(_("valid: {dimensions} dimensions, {indicators} indicators").format(
            dimensions=len(catalogue.dimensions), indicators=len(catalogue.indicators)))
    return cli.EXIT_OK


def answer_problems(catalogue: Catalogue, answers: object, where: str = "") -> list[str]:
    """Every problem of one answer set, each naming the id (and `where`: the place in a list, "[3] ")."""
    from ospod_desktop.core.indicators import codes

    if not isinstance(answers, Mapping):
        return [where + _("an answer set is a JSON object {indicator id: present, absent or unknown}.")]
    known = {i.id for i in catalogue.indicators}
    found = []
    for key, value in answers.items():
        if key not in known:
            found.append(where + _("“{id}” is not an indicator of catalogue {catalogue} {version}.").format(
                id=key, catalogue=catalogue.id, version=catalogue.version))
        elif value not in codes.ANSWERS:
            found.append(where + _("“{id}”: the answer is present, absent or unknown, not {value}.").format(
                id=key, value=json.dumps(value, ensure_ascii=False)))
    return found


def evaluate_all(catalogue: Catalogue, data: object) -> tuple[object, list[str]]:
    """The results of one answer set (an object) or of a list of them; or the problems, every one of them."""
    from ospod_desktop.core.errors import ValidationError
    from ospod_desktop.core.indicators import evaluate

    many = isinstance(data, list)
    sets = data if isinstance(data, list) else [data]
    problems: list[str] = []
    for n, answers in enumerate(sets):
        problems += answer_problems(catalogue, answers, f"[{n}] " if many else "")
    if problems:
        return None, problems
    results = []
    for n, answers in enumerate(sets):
        try:
            results.append(evaluate(catalogue, answers).to_json())
        except ValidationError as exc:  # what answer_problems does not know of (the engine's own rule)
            problems.append((f"[{n}] " if many else "") + f"“{exc.field}”: {exc.message}")
    if problems:
        return None, problems
    return (results if many else results[0]), []


def _try(args: argparse.Namespace) -> int:
    from ospod_desktop import cli

    catalogue = _catalogue(args.catalogue)
    if catalogue is None:
        return cli.EXIT_FAILED
    text, undecodable = _read_text(args.answers)
    if text is None:
        print(f"{args.answers}: {undecodable}", file=sys.stderr)
        return cli.EXIT_FAILED
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(_("{path}: not valid JSON (line {line}, column {column}).").format(
            path=args.answers, line=exc.lineno, column=exc.colno), file=sys.stderr)
        return cli.EXIT_FAILED
    except RecursionError:
        print(f"{args.answers}: " + _("The JSON is nested too deeply."), file=sys.stderr)
        return cli.EXIT_FAILED
    except ValueError:  # a number of thousands of digits (Python's limit on int digits): content, not our failure
        print(f"{args.answers}: " + _("The JSON holds a number too long to read."), file=sys.stderr)
        return cli.EXIT_FAILED
    results, bad = evaluate_all(catalogue, data)
    if bad:
        for line in bad:
            print(f"{args.answers}: {line}", file=sys.stderr)
        return cli.EXIT_FAILED
    if isinstance(results, list):  # one result a line: still one JSON list, and written by json's C encoder
        lines = (json.dumps(r, ensure_ascii=False) for r in results)
        print("[\n" + ",\n".join(lines) + "\n]" if results else "[]")
    else:
        _dump(results)
    return cli.EXIT_OK


def run(args: argparse.Namespace) -> int:
    return {"show": _show, "check": _check, "try": _try}[args.action](args)
