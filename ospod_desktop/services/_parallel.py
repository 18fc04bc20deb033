"""A second process for the pure work of a big import (scoring pairs of rows, `core.match_batch`; due rows):
Python runs one thread at a time, and an office laptop has at least two cores.

One worker, started on first use with the "spawn" method (a fresh interpreter: nothing of this process is
inherited — no open database, no key, no Qt — safe from any thread), kept for the life of the process. It receives
plain values only (name records, numbers) and sends plain values back; it never touches a file or the database.

`OSPOD_WORKERS=0` turns it off (everything then runs in this process, as on a one-core machine). A worker that
cannot start or dies is reported by `run_elsewhere` returning None: the caller does the work itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def available() -> bool:
    """True when a second process is worth it: more than one core, and not turned off (`OSPOD_WORKERS=0`)."""
    return os.environ.get("OSPOD_WORKERS", "") != "0" and (os.cpu_count() or 1) > 1


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def run_elsewhere(fn: Callable[..., T], *args: Any) -> Future[T] | None:
    """Start `fn(*args)` in the worker process (`fn` a module-level function of `core`); None if there is no
    worker (one core, turned off, or it could not start)."""
    if not available():
        return None
    try:
        return _executor().submit(fn, *args)
    except Exception as exc:  # a broken pool: this process does the work
        log.warning("worker process unavailable (%s); working in this process", type(exc).__name__)
        _reset()
        return None


def warm() -> None:
    """Start the worker now (a fresh interpreter takes a second or two to start), if there is one: before a big
    import reads its file, so that it is ready when the work is."""
    from ospod_desktop.core import match_batch

    run_elsewhere(match_batch.ready)


def result_or_none(future: Future[T]) -> T | None:
    """The worker's result, or None if it failed or was cancelled (then the caller does the work itself). Only a
    broken worker (it died) is replaced; a task that failed leaves it as it is."""
    if future.cancelled():
        return None
    try:
        return future.result()
    except BrokenExecutor as exc:  # no traceback: nothing of the work's values may reach the log
        log.warning("worker process failed (%s); working in this process", type(exc).__name__)
        _reset()
    except Exception as exc:
        log.warning("worker task failed (%s); working in this process", type(exc).__name__)
    return None


def _reset() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
