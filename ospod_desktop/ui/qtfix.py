"""Work-around for a reference-count bug in the pinned PySide6, detected at import so a fixed release turns it off.

PySide6 6.12.0 on Python 3.11 (6.12.0 is the only 6.12 release; 6.11.3 does not have the bug) drops a
reference on two hot paths:

- `SignalInstance.emit()` returns `True` without taking a reference to it: every emit lowers True's
  count by one. True starts near 600, so a few hundred emits abort the interpreter ("bool_dealloc:
  deallocating True or False") — in a test run, or at any moment of a session.
- every call of a Qt method that returns nothing (`setText`, `setObjectName`, `processEvents`…) drops a
  reference to `None`, so a day's session can free None and abort ("none_dealloc").

Neither has one call site to wrap, so when either leak is detected, `None`, `True` and `False` get a
reference count no session can exhaust (2**40 more; at a million leaks a second that lasts 12 days, at
a UI's rate centuries) — what Python 3.12's immortal objects are. Code then emits and calls Qt normally.

Import this module before the first Qt object is used: `app.run_gui` does, and so does
tests/ui/conftest.py. On Python 3.12+ or a PySide6 without the leaks it changes nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_ROUNDS = 64

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _lost(obj: object, action) -> int:
    """How many references to `obj` `_ROUNDS` calls of `action` dropped; they are given back at once."""
    before = sys.getrefcount(obj)
    for _ in range(_ROUNDS):
        action()
    lost = before - sys.getrefcount(obj)
    for _ in range(max(lost, 0)):
        _incref(obj)
    return lost


def _emit_drops_a_reference_to_true() -> bool:
    probe = _Probe()
    return _lost(True, probe.ping.emit) >= _ROUNDS // 2


def _void_call_drops_a_reference_to_none() -> bool:
    probe = QObject()
    return _lost(None, lambda: probe.setObjectName("probe")) >= _ROUNDS // 2


def _make_immortal(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object before 3.12 (the only versions this runs on).
    ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


EMIT_LEAKS_TRUE = sys.version_info < (3, 12) and _emit_drops_a_reference_to_true()
VOID_CALL_LEAKS_NONE = sys.version_info < (3, 12) and _void_call_drops_a_reference_to_none()
IMMORTALISED = EMIT_LEAKS_TRUE or VOID_CALL_LEAKS_NONE
if IMMORTALISED:
    for _obj in (None, True, False):
        _make_immortal(_obj)
