"""The disclosure register (revision 0009): one row for every document or export that left the app — who
received which categories of whose data, when, from whom, and the SHA-256 of the exact bytes.

`child_id` is a nullable reference, not ownership (`storage.ownership`): deleting a child keeps its entries
(child_id set to NULL, `child_reference` kept), and a merge moves them to the record kept (`FOLLOW_CHILD`).
An export that concerns no single child (the case list, the due list, the catalogue) has no child.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, text
from sqlmodel import Field, SQLModel

from ospod_desktop.core.documents import KINDS
from ospod_desktop.storage.columns import one_of, updated_field, uuid_field

CHANNELS = ("saved", "printed", "cli")


class Disclosure(SQLModel, table=True):
    """One disclosure: a document issued or an export written."""

    __tablename__ = "disclosure"
    __table_args__ = (
        CheckConstraint(one_of("kind", KINDS), name="ck_disclosure_kind"),
        CheckConstraint(one_of("channel", CHANNELS), name="ck_disclosure_channel"),
        # A reserved č.j. number is used once a year (NULL: a reference typed in, or an export without one).
        Index("ix_disclosure_ref_number", "ref_year", "ref_number", unique=True,
              sqlite_where=text("ref_number IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    # ON DELETE SET NULL: `storage.ownership` sets it NULL before deleting a child, and moves it on a merge.
    child_id: int | None = Field(default=None, foreign_key="child.id", index=True, ondelete="SET NULL")
    child_reference: str | None = None  # the child's case mark when issued: kept if the child is deleted
    kind: str  # core.documents.KINDS
    recipient: str = ""
    issued_at: datetime  # UTC
    user_id: int | None = Field(default=None, foreign_key="user.id")
    categories: str = ""  # comma-joined core.documents.CATEGORIES codes
    sha256: str = Field(index=True)
    size: int = 0
    reference: str = ""  # č.j.
    ref_year: int | None = None
    ref_number: int | None = None
    lang: str = ""
    channel: str = "saved"
    # The audit chain's anchor "ID:MAC" when the entry was recorded (revision 0014, `services.chain_anchor`): the
    # head the disclosed bytes were made against; "" for the entries recorded before.
    anchor: str = ""
    uuid: str = uuid_field()
    updated_at: datetime = updated_field()
