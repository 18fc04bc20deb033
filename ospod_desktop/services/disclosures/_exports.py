"""The register entry of an export that concerns no single child (the case list, the due list, the indicator
catalogue): the exact bytes written to the file, or printed on standard output."""

from __future__ import annotations

from pathlib import Path

from ospod_desktop.core.documents import EXPORT_KINDS
from ospod_desktop.services.context import UserSession
from ospod_desktop.services.disclosures._register import record
from ospod_desktop.storage.files import write_atomic

# Which categories of children's data each export holds (core.documents.CATEGORIES).
EXPORT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "case_list": ("cases",),
    "due_list": ("deadlines",),
    "catalogue": (),  # the indicator catalogue holds no child's data
    "statistics": ("statistics",),
}


def record_export(us: UserSession, kind: str, data: bytes, channel: str = "cli", recipient: str = "",
                  path: Path | None = None) -> int:
    """Record export `kind` (core.documents.EXPORT_KINDS) of `data` in the register, with its audit row, in a
    transaction of its own; returns the entry's id. With `path`, the bytes are also written there
    (`storage.files.write_atomic`) inside that transaction, as a document is: the file and its entry together, or
    neither. Without it, call this before the file is put in place."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"not an export kind: {kind!r}")
    with us.tx() as tx:
        entry = record(tx, child_id=None, kind=kind, recipient=recipient, categories=EXPORT_CATEGORIES[kind],
                       data=data, channel=channel)
        if path is not None:
            write_atomic(path, data)
        return entry
