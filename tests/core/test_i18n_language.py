"""`i18n.language()`: a document in English from a Czech session, in one thread only."""

from __future__ import annotations

import threading

from ospod_desktop.core import i18n
from ospod_desktop.core.i18n import _


def test_language_block_translates_in_this_thread_only():
    i18n.set_language("cs")
    assert _("Cancel") != "Cancel"  # the Czech catalogue is in use
    seen: dict[str, str] = {}
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with i18n.language("en"):
            seen["worker"] = _("Cancel")
            seen["lang"] = i18n.current_language()
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    seen["main"] = _("Cancel")  # while the worker is inside its English block
    release.set()
    thread.join(5)
    assert seen["worker"] == "Cancel" and seen["lang"] == "en"
    assert seen["main"] == _("Cancel") != "Cancel"
    assert i18n.current_language() == "cs"


def test_language_blocks_nest_and_restore():
    i18n.set_language("cs")
    with i18n.language("en"):
        with i18n.language("cs"):
            assert i18n.current_language() == "cs"
        assert i18n.current_language() == "en"
        assert i18n.format_day(__import__("datetime").date(2026, 12, 7)) == "Dec 7, 2026"
    assert i18n.current_language() == "cs"
