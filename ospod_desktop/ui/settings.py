"""Per-user settings in a small JSON file in `paths.config_dir()`: language and the database path.

No Qt here: the command line reads the language from this module too."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ospod_desktop.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from ospod_desktop.paths import config_dir

log = logging.getLogger(__name__)
FILE_NAME = "settings.json"


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load() -> dict:
    """The saved settings, or {} when the file is missing or unreadable (the app still starts)."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("settings file unreadable; using defaults")
        return {}
    return data if isinstance(data, dict) else {}


def save(**values: object) -> None:
    """Merge `values` into the file; written to a temporary file first so a crash leaves the old one."""
    data = load()
    data.update(values)
    path = settings_path()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def language() -> str:
    """The UI language: `OSPOD_LANG` when set, else the one chosen in settings, else Czech."""
    lang = os.environ.get("OSPOD_LANG") or load().get("language")
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def database() -> Path | None:
    """The database chosen in the first-run wizard, if any."""
    value = load().get("database")
    return Path(value) if isinstance(value, str) and value else None
