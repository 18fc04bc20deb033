"""The slot file's problems in the user's language: which slot (by its user and role when the database names
them, else its tag; "the recovery slot") and what is wrong with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ospod_desktop.core.i18n import N_, _, ngettext
from ospod_desktop.storage import slot_format as F

_FIELDS = {
    "id": N_("identifier"), "kind": N_("kind"), "user_tag": N_("user tag"), "kdf": N_("Argon2 parameters"),
    "name": N_("Argon2 variant"), "salt": N_("salt"), "time_cost": N_("Argon2 time cost"),
    "memory_cost": N_("Argon2 memory cost"), "parallelism": N_("Argon2 parallelism"), "nonce": N_("nonce"),
    "wrapped_key": N_("wrapped key"), "seal": N_("seal version"), "mac": N_("MAC"),
    "must_change": N_("must-change flag"), "changed": N_("time of the last change"),
    "index": N_("list of slots"), "slots": N_("list of slots"), "events": N_("count of copied failed logins"),
    "format": N_("format"), "version": N_("version"), "db_uuid": N_("database identifier"),
    "pending_events": N_("pending failed logins"),
}


# The office key's fields (`storage.office_slots`).
_OFFICE_FIELDS = {
    "office_key": N_("wrapped office key"), "office_request": N_("request for the office key"),
    "office_grant": N_("grant of the office key"), "office_bootstrap": N_("office key of the new office"),
}


def field_label(name: str) -> str:
    labels = _FIELDS if name in _FIELDS else _OFFICE_FIELDS
    return _(labels[name]) if name in labels else name


def slot_label(damage: F.SlotDamage, owners: Mapping[str, tuple[str, str]] | None = None) -> str:
    """"slot 3 of user officer (OSPOD officer)", "slot 3 (unknown user, tag 1a2b3c4d5e6f…)", "the recovery slot
    (slot 5)"; without a number (a slot that is gone): "the slot of user officer (OSPOD officer)"."""
    owners = owners or {}
    n = damage.number
    if damage.kind == "recovery":
        return _("the recovery slot (slot {n})").format(n=n) if n else _("the recovery slot")
    if damage.kind == "user" and damage.tag:
        owner = owners.get(damage.tag)
        if owner is None:
            tag = damage.tag[:12]
            return (_("slot {n} (unknown user, tag {tag}…)").format(n=n, tag=tag) if n
                    else _("the slot of an unknown user (tag {tag}…)").format(tag=tag))
        name, role = owner
        if not role:
            return _("slot {n} of user {name}").format(n=n, name=name) if n else _("the slot of user {name}").format(
                name=name)
        return (_("slot {n} of user {name} ({role})").format(n=n, name=name, role=role) if n
                else _("the slot of user {name} ({role})").format(name=name, role=role))
    return _("slot {n}").format(n=n)


def describe(damage: F.SlotDamage, owners: Mapping[str, tuple[str, str]] | None = None) -> str:
    """One problem in words, naming the slot."""
    slot = slot_label(damage, owners)
    field = field_label(damage.field)
    code = damage.code
    if code == F.NOT_OBJECT:
        return _("{slot} is not a slot (not a JSON object)").format(slot=slot)
    if code == F.MISSING:
        return _("{slot} has no {field}").format(slot=slot, field=field)
    if code == F.WRONG_TYPE:
        return _("{slot}: the {field} has the wrong type").format(slot=slot, field=field)
    if code == F.BAD_BASE64:
        return _("{slot}: the {field} is not valid base64").format(slot=slot, field=field)
    if code == F.BAD_LENGTH:
        return _("{slot}: the {field} has {got} bytes instead of {want}").format(
            slot=slot, field=field, got=damage.got, want=damage.want)
    if code == F.BAD_VALUE:
        return _("{slot}: the {field} has an impossible value").format(slot=slot, field=field)
    if code == F.UNKNOWN_FIELD:
        return _("{slot} has an unknown field “{field}”").format(slot=slot, field=damage.field)
    if code == F.DUPLICATE:
        return _("{slot} repeats slot {other}").format(slot=slot, other=damage.other)
    if code == F.BAD_MAC:
        return _("{slot} was changed after it was written (its MAC does not match)").format(slot=slot)
    if code == F.NO_MAC:
        return _("{slot} has no MAC").format(slot=slot)
    if code == F.REPLACED:
        return _("{slot} was replaced by another copy of it (an older one?)").format(slot=slot)
    if code == F.MISSING_SLOT:
        return _("{slot} is missing: it was removed from the file").format(slot=slot)
    if code == F.EXTRA_SLOT:
        return _("{slot} was added to the file by someone without the key").format(slot=slot)
    if code == F.ORDER:
        return _("the slots were moved to another order")
    if code == F.INDEX_DAMAGED:
        return _("the {field} is damaged").format(field=field)
    if code == F.INDEX_MAC:
        return _("the list of slots was changed after it was written (its MAC does not match)")
    if code == F.EVENTS_MAC:
        return _("the count of failed logins already copied to the audit chain was changed")
    return _("{slot} is damaged").format(slot=slot)


def describe_all(damages: Sequence[F.SlotDamage], owners: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The first problem, and how many more there are."""
    if not damages:
        return ""
    first = describe(damages[0], owners)
    more = len(damages) - 1
    if not more:
        return first
    return ngettext("{first} (and {more} more problem)", "{first} (and {more} more problems)", more).format(
        first=first, more=more)


# --- the whole file ---------------------------------------------------------------------------------------

def file_damaged(path: object, problem: str) -> str:
    return _("The key file {path} is damaged: {problem}. Open a backup, or ask the administrator.").format(
        path=path, problem=problem)


def not_json(path: object) -> str:
    return file_damaged(path, _("it is not complete JSON (cut short or overwritten?)"))


def not_object(path: object) -> str:
    return file_damaged(path, _("it holds no key slots (not a JSON object)"))


def too_large(path: object) -> str:
    return file_damaged(path, _("it is far larger than a key file can be"))


def empty(path: object) -> str:
    return file_damaged(path, _("it is empty"))


def header_missing(path: object, name: str) -> str:
    return file_damaged(path, _("its header has no {field}").format(field=field_label(name)))


def header_wrong(path: object, name: str) -> str:
    return file_damaged(path, _("the {field} in its header is not valid").format(field=field_label(name)))


def header_unknown(path: object, name: str) -> str:
    return file_damaged(path, _("its header has an unknown field “{field}”").format(field=name))


def unknown_version(path: object, version: object) -> str:
    return _("The key file {path} has version {version}, which this version of OSPOD Desktop cannot read. Install "
             "the newer version, or open a backup.").format(path=path, version=version)


def own_slot(path: object, damage: F.SlotDamage, owners: Mapping[str, tuple[str, str]]) -> str:
    return file_damaged(path, describe(damage, owners))
