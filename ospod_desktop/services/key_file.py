"""The key-slot file checked with the database key (`verify`, and before a backup copies it): every slot's
structure and authenticity, each damaged slot named by its account and role from the database's user table
(else by its tag), or as the recovery slot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from ospod_desktop.core.errors import StorageError
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import Role
from ospod_desktop.storage import slot_messages
from ospod_desktop.storage.keyslots import KeySlots, user_tag
from ospod_desktop.storage.models import User
from ospod_desktop.storage.slot_format import SlotDamage


@dataclass(frozen=True)
class KeyFileReport:
    """What the check found: the problems in file order, and the accounts the database names (tag -> label)."""

    damages: tuple[SlotDamage, ...] = ()
    owners: tuple[tuple[str, tuple[str, str]], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.damages

    @property
    def codes(self) -> str:
        """For logs: codes and slot numbers only."""
        return ", ".join(f"{d.code}@{d.number}" if d.number else d.code for d in self.damages)

    def describe(self) -> str:
        """The first problem naming its slot, and how many more there are, in the user's language."""
        return slot_messages.describe_all(self.damages, dict(self.owners))

    def advice(self) -> str:
        """What to do: a user's slot is replaced by resetting that account's password; anything else by a backup."""
        if self.damages and self.damages[0].kind == "user" and self.damages[0].tag in dict(self.owners):
            return _("An administrator replaces the slot by resetting that account's password; or open a backup.")
        return _("Open a backup of the database with its key file.")


class KeyFileDamagedForBackup(StorageError):
    """A backup would copy a key file with damaged slots: it is not made."""

    def __init__(self, report: KeyFileReport) -> None:
        super().__init__(_("The backup was not made: the key file is damaged: {problem}. {advice}").format(
            problem=report.describe(), advice=report.advice()))
        self.report = report


def _label(username: str, role: str) -> tuple[str, str]:
    try:
        return username, Role(role).label
    except ValueError:
        return username, ""


def slot_owners(session: Session, db_uuid: str) -> dict[str, tuple[str, str]]:
    """Slot tag -> (user name, role) for every account of the database (columns every schema revision has)."""
    rows = session.exec(select(col(User.username), col(User.role))).all()
    return {user_tag(db_uuid, name): _label(name, role) for name, role in rows}


def check_key_file(slots: KeySlots, db_key: bytes, session: Session) -> KeyFileReport:
    """Every problem of the slot file, with the names of the accounts its slots belong to."""
    owners = slot_owners(session, slots.db_uuid)
    return KeyFileReport(tuple(slots.audit(db_key)), tuple(sorted(owners.items())))


def refuse_damaged(db_path: Path, db_key: bytes, session: Session) -> None:
    """Raise KeyFileDamagedForBackup when the slot file on disk beside `db_path` has a damaged slot."""
    report = check_key_file(KeySlots.load(Path(db_path)), db_key, session)
    if not report.ok:
        raise KeyFileDamagedForBackup(report)
