"""What a registration form carries, and its validation (pure): field-named errors, nothing half-saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, overload

from ospod_desktop.core import child_rules as R
from ospod_desktop.core import limits as L
from ospod_desktop.core.ages import MAX_AGE, years_between
from ospod_desktop.core.birth_number import parse_birth_number
from ospod_desktop.core.countries import check_countries, check_languages
from ospod_desktop.core.field_labels import FAMILY, IDENTIFIER, child_error, child_label
from ospod_desktop.core.i18n import _
from ospod_desktop.core.text import clean_line, clean_text

DEFAULT_MARK_FORMAT = "{prefix} {number}/{year}"  # an office's case file mark unless it sets its own


@dataclass(frozen=True)
class IdentifierInput:
    """A document or another agency's reference."""

    kind: str
    number: str
    country: str = ""
    issuer: str = ""


@dataclass(frozen=True)
class FamilyInput:
    """A relative or contact."""

    relationship: str
    name: str = ""
    location: str = ""
    phone: str = ""
    alive: str = "unknown"
    notes: str = ""


@dataclass(frozen=True)
class ChildForm:
    """Everything the registration form can hold; only a name or description, sex, date and place are required."""

    given_names: str = ""
    family_names: str = ""
    original_script_name: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""
    sex: str = "U"
    birth_date: date | None = None
    birth_year: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    age_claimed: int | None = None
    age_document: int | None = None
    status: str = "unaccompanied"
    companion_name: str = ""
    companion_relationship: str = ""
    companion_document: str = ""
    companion_contact: str = ""
    found_on: date | None = None
    found_time: str = ""
    found_place: str = ""
    channel: str = ""
    reporter_agency: str = ""
    reporter_person: str = ""
    reporter_reference: str = ""
    reference: str = ""
    urgency: str = "standard"
    urgency_reason: str = ""
    nationalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interpreter_language: str = ""
    birth_number: str = ""
    police_reference: str = ""
    asylum_reference: str = ""
    case_mark: str = ""
    identifiers: tuple[IdentifierInput, ...] = ()
    family: tuple[FamilyInput, ...] = ()
    wishes: str = ""
    notes: str = ""
    responsible_officer_id: int | None = None
    case_status: str = "open"
    close_reason: str = ""
    closed_on: date | None = None


@dataclass
class CleanChild:
    """Validated column values and related rows, ready to store."""

    values: dict
    identifiers: list[dict] = field(default_factory=list)
    family: list[dict] = field(default_factory=list)


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def case_mark_pattern(fmt: str) -> re.Pattern[str]:
    """The office's file-mark format ("{prefix} {number}/{year}") as a regular expression."""
    parts = re.split(r"(\{prefix\}|\{number\}|\{year\})", fmt)
    rx = {"{prefix}": r"(?:Om|NOm)", "{number}": r"\d{1,6}", "{year}": r"\d{4}"}
    return re.compile("^" + "".join(rx.get(p, re.escape(p)) for p in parts) + "$")


def _choice(value: str, codes: dict, fld: str, label: str | None = None) -> str:
    if value not in codes:
        raise child_error(fld, _("choose one of the listed values."), label)
    return value


def _age(value: int | None, fld: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or value < 0 or value > MAX_AGE:
        raise child_error(fld, _("the age must be between 0 and 25."))
    return value


@overload
def check_age_range(age_min: int | None, age_max: int | None, required: Literal[True]) -> tuple[int, int]: ...
@overload
def check_age_range(age_min: int | None, age_max: int | None, required: bool = False) -> tuple[int | None, int | None]: ...
def check_age_range(age_min: int | None, age_max: int | None, required: bool = False) -> tuple[int | None, int | None]:
    """An estimated age range (registration or a formal assessment): 0–25, not inverted."""
    lo = _age(age_min, "age_min")
    hi = _age(age_max, "age_max")
    if required and lo is None:
        raise child_error("age_min", _("this field is required."))
    if required and hi is None:
        raise child_error("age_max", _("this field is required."))
    if lo is not None and hi is not None and lo > hi:
        raise child_error("age_max", _("the range is inverted (from is greater than to)."))
    return lo, hi


def _line(value: str, fld: str, max_length: int = L.LINE_MAX, required: bool = False, label: str | None = None) -> str:
    return clean_line(value, fld, label or (lambda: child_label(fld)), max_length, required)


def _text(value: str, fld: str, max_length: int = L.TEXT_MAX, label: str | None = None) -> str:
    return clean_text(value, fld, label or (lambda: child_label(fld)), max_length)


def _ages(form: ChildForm, today: date) -> dict:
    if form.birth_date:
        if form.birth_date > today:
            raise child_error("birth_date", _("the date is in the future."))
        if years_between(form.birth_date, today) > MAX_AGE:
            raise child_error("birth_date", _("the person would be older than 25."))
    if form.birth_year is not None:
        if not isinstance(form.birth_year, int) or form.birth_year > today.year:
            raise child_error("birth_year", _("the year is in the future."))
        if today.year - form.birth_year > MAX_AGE + 1:
            raise child_error("birth_year", _("the person would be older than 25."))
    lo, hi = check_age_range(form.age_min, form.age_max)
    return dict(
        birth_date=form.birth_date,
        birth_year=form.birth_year if not form.birth_date else form.birth_date.year,
        age_min=lo,
        age_max=hi,
        age_claimed=_age(form.age_claimed, "age_claimed"),
        age_document=_age(form.age_document, "age_document"),
    )


def _intake(form: ChildForm, today: date) -> dict:
    if form.found_on is None:
        raise child_error("found_on", _("this field is required."))
    if form.found_on > today:
        raise child_error("found_on", _("the date is in the future."))
    if form.birth_date and form.found_on < form.birth_date:
        raise child_error("found_on", _("the date is before the date of birth."))
    time = (form.found_time or "").strip()
    if time and not _TIME.match(time):
        raise child_error("found_time", _("use the form HH:MM."))
    if time:
        h, m = time.split(":")
        time = f"{int(h):02d}:{m}"
    values = dict(
        found_on=form.found_on,
        found_time=time,
        found_place=_line(form.found_place, "found_place", required=True),
        channel=_choice(form.channel, R.CHANNELS, "channel") if form.channel else "",
        reporter_agency=_line(form.reporter_agency, "reporter_agency"),
        reporter_person=_line(form.reporter_person, "reporter_person"),
        reporter_reference=_line(form.reporter_reference, "reporter_reference"),
        reference=_line(form.reference, "reference", L.REFERENCE_MAX),
        urgency=_choice(form.urgency, R.URGENCIES, "urgency"),
        urgency_reason=_text(form.urgency_reason, "urgency_reason", L.NOTE_MAX),
    )
    return values


def _status(form: ChildForm) -> dict:
    status = _choice(form.status, R.STATUSES, "status")
    values = dict(
        status=status,
        companion_name=_line(form.companion_name, "companion_name", L.NAME_MAX),
        companion_relationship=_line(form.companion_relationship, "companion_relationship"),
        companion_document=_line(form.companion_document, "companion_document"),
        companion_contact=_line(form.companion_contact, "companion_contact"),
    )
    if status == "separated" and not (values["companion_name"] or values["companion_relationship"]):
        raise child_error("companion_name", _("a separated child is with an adult; name them."))
    return values


def _identifiers(form: ChildForm, born: date | None, sex: str) -> tuple[dict, list[dict]]:
    values = dict(
        police_reference=_line(form.police_reference, "police_reference", L.REFERENCE_MAX),
        asylum_reference=_line(form.asylum_reference, "asylum_reference", L.REFERENCE_MAX),
        birth_number="",
    )
    if (form.birth_number or "").strip():
        norm, bn_date, bn_sex = parse_birth_number(form.birth_number)
        if born and born != bn_date:
            raise child_error("birth_number", _("it does not match the date of birth."))
        if sex in ("M", "F") and sex != bn_sex:
            raise child_error("birth_number", _("it does not match the child's sex."))
        values["birth_number"] = norm
    if len(form.identifiers) > R.MAX_ITEMS:
        raise child_error("identifiers", _("too many entries."))
    rows = []
    for item in form.identifiers:
        rows.append(dict(
            kind=_choice(item.kind, R.IDENTIFIER_KINDS, "identifiers", _(IDENTIFIER["kind"])),
            number=_line(item.number, "identifiers", L.REFERENCE_MAX, required=True, label=_(IDENTIFIER["number"])),
            country=(check_countries([item.country], "identifiers", _(IDENTIFIER["country"])) or [""])[0],
            issuer=_line(item.issuer, "identifiers", L.NAME_MAX, label=_(IDENTIFIER["issuer"])),
        ))
    return values, rows


def _family(form: ChildForm) -> list[dict]:
    if len(form.family) > R.MAX_ITEMS:
        raise child_error("family", _("too many entries."))
    return [
        dict(
            relationship=_line(f.relationship, "family", L.REFERENCE_MAX, required=True, label=_(FAMILY["relationship"])),
            name=_line(f.name, "family", L.NAME_MAX, label=_(FAMILY["name"])),
            location=_line(f.location, "family", L.LINE_MAX, label=_(FAMILY["location"])),
            phone=_line(f.phone, "family", L.PHONE_MAX, label=_(FAMILY["phone"])),
            alive=_choice(f.alive, R.ALIVE, "family", _(FAMILY["alive"])),
            notes=_text(f.notes, "family", L.NOTE_MAX, label=_(FAMILY["notes"])),
        )
        for f in form.family
    ]


def validate(form: ChildForm, today: date, case_mark_format: str = DEFAULT_MARK_FORMAT) -> CleanChild:
    """Check every field; the first problem raises a ValidationError naming its field."""
    names = dict(
        given_names=_line(form.given_names, "given_names", L.NAME_MAX),
        family_names=_line(form.family_names, "family_names", L.NAME_MAX),
        original_script_name=_line(form.original_script_name, "original_script_name", L.NAME_MAX),
        description=_text(form.description, "description", L.NOTE_MAX),
    )
    if len(form.aliases) > R.MAX_ALIASES:
        raise child_error("aliases", _("too many entries."))
    aliases = [a for a in (_line(x, "aliases", L.NAME_MAX) for x in form.aliases) if a]
    names["aliases"] = "\n".join(dict.fromkeys(aliases))
    if not (names["given_names"] or names["family_names"] or names["original_script_name"] or names["description"]):
        raise child_error("given_names", _("enter a name or a description of the child."))
    sex = _choice(form.sex, R.SEXES, "sex")
    values = {**names, "sex": sex, **_ages(form, today), **_intake(form, today), **_status(form)}
    values["nationalities"] = ";".join(check_countries(form.nationalities, "nationalities", child_label("nationalities")))
    values["languages"] = ";".join(check_languages(form.languages, "languages", child_label("languages")))
    interp = check_languages([form.interpreter_language], "interpreter_language", child_label("interpreter_language"))
    values["interpreter_language"] = interp[0] if interp else ""
    id_values, identifiers = _identifiers(form, form.birth_date, sex)
    values.update(id_values)
    mark = _line(form.case_mark, "case_mark", L.CASE_MARK_MAX)
    if mark and not case_mark_pattern(case_mark_format).match(mark):
        raise child_error("case_mark", _("use the office format {format}.").format(format=case_mark_format))
    values["case_mark"] = mark
    values["wishes"] = _text(form.wishes, "wishes")
    values["notes"] = _text(form.notes, "notes")
    values["responsible_officer_id"] = form.responsible_officer_id
    values["case_status"] = _choice(form.case_status, R.CASE_STATUSES, "case_status")
    if values["case_status"] == "closed":
        values["close_reason"] = _choice(form.close_reason, R.CLOSE_REASONS, "close_reason")
        values["closed_on"] = form.closed_on or today
        if values["closed_on"] > today:
            raise child_error("closed_on", _("the date is in the future."))
    else:
        values["close_reason"], values["closed_on"] = "", None
    return CleanChild(values, identifiers, _family(form))
