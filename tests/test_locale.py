"""The gettext catalogs are fresh and Czech translates every string; both UIs really switch language."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("build_locale", ROOT / "packaging" / "build_locale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_catalogs_are_fresh_and_czech_is_complete(capsys):
    tool = _tool()
    assert tool.main(["--check"]) == 0, capsys.readouterr().err


def test_czech_placeholders_match_the_source():
    import re

    from babel.messages.pofile import read_po

    with open(ROOT / "ospod_desktop/resources/locale/cs/LC_MESSAGES/ospod.po", "rb") as fh:
        catalog = read_po(fh, locale="cs")
    bad = []
    for msg in catalog:
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, (list, tuple)) else [msg.id]
        strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
        wanted = set(re.findall(r"\{\w+\}", ids[-1]))
        for s in strings:
            if set(re.findall(r"\{\w+\}", s)) != wanted:
                bad.append(ids[0])
    assert bad == []


def test_language_switch():
    from ospod_desktop.core import i18n

    i18n.set_language("cs")
    assert i18n._("The user name or password is incorrect.") == "Uživatelské jméno nebo heslo není správné."
    i18n.set_language("en")
    assert i18n._("The user name or password is incorrect.") == "The user name or password is incorrect."
