"""An import's search entries: made with the rows (the blocking keys its checks computed), their texts — for a big
import — in the worker process once it has scored the file's pairs (`start_texts`: it is idle then, while this
process plans, hashes and writes the rows), and written after the commit (`write_index`), in short transactions of
their own (`storage.search.write_absent`; the database is marked until they are all in, and the next login
completes what a stopped process left)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from ospod_desktop.core.child_names import INDEX_FIELDS, index_texts
from ospod_desktop.services import _parallel
from ospod_desktop.storage import search

TEXTS_ELSEWHERE = 20_000  # from this many new children, their search texts are made in the worker process
INDEX_BATCH = 25_000  # children whose search entries one short write transaction stores (~0.5 s; FTS5 merges
# fewer, bigger segments: 200,000 entries in 3 s instead of 5 s by 5,000)


def texts_elsewhere(children: int) -> bool:
    return children >= TEXTS_ELSEWHERE and _parallel.available()


IndexInput = tuple[tuple[Any, ...], list[str]]  # what `index_text` reads of a child: its INDEX_FIELDS, its numbers


def index_input(row: dict[str, Any], numbers: list[str]) -> IndexInput:
    return tuple(row.get(f) for f in INDEX_FIELDS), numbers


def start_texts(pending: list[IndexInput]) -> Future | None:
    """The texts of entries made without one started in the worker process; None if none (or no worker)."""
    return _parallel.run_elsewhere(index_texts, pending) if pending else None


def completed(entries: list[search.Entry], pending: list[IndexInput], texts: Future | None) -> list[search.Entry]:
    """The entries with their texts (`pending`: what each one's text is made from, if it was made without):
    the worker's texts, or made here (it failed, or none was started)."""
    if not pending:
        return entries
    if texts is not None and not texts.done() and texts.cancel():  # the worker is still busy: made here
        texts = None
    made = _parallel.result_or_none(texts) if texts is not None else None
    if made is None or len(made) != len(entries):
        made = index_texts(pending)
    return [replace(e, text=text) for e, text in zip(entries, made, strict=True)]


def write_index(db: Any, entries: list[search.Entry], ids: list[int]) -> None:
    """After the commit: the new children's search entries, batch by batch, each in a short write transaction of
    its own (others write in between); the last one sets the index version back (`search.settle`). A process
    stopped before leaves the database marked: the next login indexes the children still without an entry."""
    for start in range(0, len(ids), INDEX_BATCH):
        with db.write() as session:
            conn = session.connection()
            search.write_absent(conn, entries[start:start + INDEX_BATCH], ids[start:start + INDEX_BATCH])
            if start + INDEX_BATCH >= len(ids):
                search.settle(conn)


