"""Where the app finds its resources and keeps its per-machine files (no project imports)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ospod-desktop"


def resources_dir() -> Path:
    """The package's `resources/` folder (fonts, locale, policy, facilities), as a real directory.

    Installed or editable, it is `importlib.resources.files("ospod_desktop") / "resources"`; a PyInstaller
    bundle keeps the package's layout under `sys._MEIPASS` (collect `ospod_desktop/resources` as data).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "ospod_desktop" / "resources"
    from importlib.resources import files

    folder = files("ospod_desktop") / "resources"
    if not isinstance(folder, Path):  # a zip import: Qt, gettext and reportlab need files on disk
        raise RuntimeError(f"ospod_desktop must be installed as files, not imported from an archive ({folder})")
    return folder


def resource(*parts: str) -> Path:
    """A path inside the package's `resources/` folder."""
    return resources_dir().joinpath(*parts)


def config_dir() -> Path:
    """Per-user configuration (language); created owner-only on first use."""
    override = os.environ.get("OSPOD_CONFIG_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """The database the GUI opens when no `--db` is given."""
    override = os.environ.get("OSPOD_DATA_DIR")
    if override:
        base = Path(override)
    else:
        import platformdirs

        base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base / "ospod.db"
