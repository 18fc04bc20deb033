"""The growing delay after failed logins, kept in the memory of the running app (never in a file).

After n failed attempts for one user name (by its slot tag; an unknown name the same way) the next attempt waits
until `min(CAP, BASE * 2**(n-1))` seconds after the last failure; a success clears the name. Nothing is stored:
a stored lock only let anyone with the file lock an account out, while the file itself can be copied and attacked
at Argon2's cost anyway. The clock and the sleep are injectable (tests); threads share one lock.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

BASE = 1.0  # seconds after the first failure
CAP = 30.0  # the longest wait
REMEMBERED = 10_000  # names remembered at most (the oldest are forgotten first)


class Throttle:
    """Per-name failure counts and the time each name may try again."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 base: float = BASE, cap: float = CAP) -> None:
        self.clock, self.sleep, self.base, self.cap = clock, sleep, base, cap
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def delay_after(self, failures: int) -> float:
        """The wait after `failures` failed attempts in a row: 0, 1, 2, 4, 8, 16, 30, 30… seconds."""
        return 0.0 if failures <= 0 else min(self.cap, self.base * 2 ** min(failures - 1, 32))

    def remaining(self, name: str) -> float:
        """Seconds `name` must still wait before its next attempt."""
        with self._lock:
            failures, last = self._failures.get(name, (0, 0.0))
        return max(0.0, last + self.delay_after(failures) - self.clock()) if failures else 0.0

    def wait(self, name: str) -> float:
        """Sleep until `name` may try again; returns how long that was."""
        pause = self.remaining(name)
        if pause > 0:
            self.sleep(pause)
        return pause

    def failed(self, name: str) -> None:
        with self._lock:
            failures, _last = self._failures.pop(name, (0, 0.0))
            self._failures[name] = (failures + 1, self.clock())
            while len(self._failures) > REMEMBERED:
                self._failures.popitem(last=False)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)

    def failures(self, name: str) -> int:
        with self._lock:
            return self._failures.get(name, (0, 0.0))[0]


THROTTLE = Throttle()  # the running app's; `storage.keyslots` reads it at each attempt (tests replace it)
