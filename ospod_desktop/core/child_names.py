"""What a child's record is called and how it is compared: pure functions of a row (a model or a dict)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ospod_desktop.core.names import NameRecord, fold


def _getter(c: Any):
    return (lambda k: c.get(k)) if isinstance(c, dict) else (lambda k: getattr(c, k, None))


def _list(value: Any, sep: str) -> tuple[str, ...]:
    """A list field: a sequence already, or the joined text older rows and dicts carry."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.split(sep) if v)
    return tuple(v for v in value if v)


def name_record(c: Any) -> NameRecord:
    """What duplicate detection compares, from a stored child or validated values."""
    get = _getter(c)
    nats = tuple(n for n in _list(get("nationalities"), ";") if n != "XX")
    return NameRecord(
        given_names=get("given_names") or "",
        family_names=get("family_names") or "",
        original_script_name=get("original_script_name") or "",
        aliases=_list(get("aliases"), "\n"),
        sex=get("sex") or "U",
        birth_date=as_date(get("birth_date")),
        birth_year=get("birth_year"),
        age_min=get("age_min"),
        age_max=get("age_max"),
        reference_date=as_date(get("found_on")) or date.today(),
        nationalities=nats,
    )


# The format of `index_text`; a stored index of another version is rebuilt at the next login (with the blocking
# keys, `storage.search.INDEX_VERSION`). 2: padded with spaces (whole words), identifiers' runs.
INDEX_TEXT_VERSION = 2

_RUNS = re.compile(r"[a-z]+|[0-9]+")


def identifier_key(value: str) -> str:
    """An identifier as exact search compares it: case, spaces, slashes and dashes dropped ("Om 54/2026" ->
    "om542026", "050101/1234" -> "0501011234")."""
    return "".join(fold(value).split())


def identifier_runs(value: str) -> str:
    """An identifier's runs of letters and of digits, each after "_" ("Om 54/2026" and "OM54-2026" ->
    "_om_54_2026"): a part of an identifier is matched on whole runs, so "5/2025" is not a piece of "54/2025"."""
    return "".join("_" + run for run in _RUNS.findall(fold(value)))


def index_text(c: Any, identifier_numbers: list[str]) -> str:
    """What search matches, words separated and surrounded by single spaces: folded names (every script to
    ASCII), then each identifier compacted (`identifier_key`) and as its runs (`identifier_runs`)."""
    get = _getter(c)
    names = [get("given_names"), get("family_names"), get("original_script_name"), *_list(get("aliases"), "\n")]
    parts = [fold(n) for n in names if n]
    ids = [i for i in (get("reference"), get("case_mark"), get("police_reference"), get("asylum_reference"),
                       get("birth_number"), *identifier_numbers) if i]
    parts += dict.fromkeys([identifier_key(i) for i in ids] + [identifier_runs(i) for i in ids])
    body = " ".join(p for p in parts if p)
    return f" {body} " if body else ""


INDEX_FIELDS = ("given_names", "family_names", "original_script_name", "aliases", "reference", "case_mark",
                "police_reference", "asylum_reference", "birth_number")  # what `index_text` reads of a child


def index_texts(items: Sequence[tuple[tuple[Any, ...], Sequence[str]]]) -> list[str]:
    """`index_text` of many children, each given as its `INDEX_FIELDS` values and its identifiers' numbers (plain
    values: a worker process makes an import's texts, `services._parallel`)."""
    return [index_text(dict(zip(INDEX_FIELDS, values, strict=True)), list(numbers)) for values, numbers in items]


def display_name(c: Any) -> str:
    """"Family Given", else the original-script name, else the description's first line."""
    get = _getter(c)
    name = " ".join(p for p in (get("family_names"), get("given_names")) if p)
    return name or get("original_script_name") or (get("description") or "").split("\n")[0]


def as_date(value: Any) -> date | None:
    """A date column as read raw (SQLite gives back ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
