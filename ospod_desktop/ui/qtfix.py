"""Work-arounds for bugs in the pinned PySide6, each detected at run time so a fixed release turns it off.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference to it. On Python 3.11
(where `True` is not immortal) every emit from Python lowers True's reference count by one, and after a
few thousand emits the interpreter aborts with "bool_dealloc: deallocating True or False" (in a test run:
at exit; in a long session: at any moment). Emit through `emit()` below, which gives the reference back.

The same release also drops a reference to `None` on every call of a Qt method that returns nothing
from Python (`setText`, `setItem`, `processEvents`…): about one per call, so a day's session can free
`None` and abort ("none_dealloc"). There is no single call site to wrap, so when the leak is detected
`None`, `True` and `False` get a reference count no session can exhaust (2**40) — what Python 3.12's
immortal objects do. Both checks run at import and switch themselves off on a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference_to_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    leaked = before - sys.getrefcount(True)
    if leaked > 0:
        _incref(True)  # give back the probe's own lost reference
    return leaked > 0


EMIT_LEAKS_TRUE = _emit_drops_a_reference_to_true()


def _void_call_drops_a_reference_to_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):
        _incref(None)  # give back what the probe itself lost
    return lost >= 32


def _make_immortal(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object; 2**40 decrements would take centuries.
    ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


VOID_CALL_LEAKS_NONE = sys.version_info < (3, 12) and _void_call_drops_a_reference_to_none()
if VOID_CALL_LEAKS_NONE:
    for _obj in (None, True, False):
        _make_immortal(_obj)


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)` without the reference-count leak (safe from worker threads: we hold the GIL)."""
    result = signal.emit(*args)
    if EMIT_LEAKS_TRUE and result is True:
        _incref(True)
