"""Work-arounds for bugs in the pinned PySide6, each detected at run time so a fixed release turns it off.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference to it. On Python 3.11
(where `True` is not immortal) every emit from Python lowers True's reference count by one, and after a
few thousand emits the interpreter aborts with "bool_dealloc: deallocating True or False" (in a test run:
at exit; in a long session: at any moment). Emit through `emit()` below, which gives the reference back.
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


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)` without the reference-count leak (safe from worker threads: we hold the GIL)."""
    result = signal.emit(*args)
    if EMIT_LEAKS_TRUE and result is True:
        _incref(True)
