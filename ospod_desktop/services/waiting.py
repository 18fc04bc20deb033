"""Being told that a service call waits for another process's write (`storage.busy`): a window runs the call on
a worker with `telling(show, work)`, and `show(message)` is called on that worker when the call has to wait
("The database is busy: another process is writing (an import of children…); waiting…")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ospod_desktop.storage import busy

T = TypeVar("T")


def telling(show: Callable[[str], None], work: Callable[[], T]) -> T:
    """`work()`, with every wait for another process's write in it told to `show` (on this thread)."""
    with busy.notices_to(show):
        return work()
