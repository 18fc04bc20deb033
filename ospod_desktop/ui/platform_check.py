"""Before Qt starts on a Linux desktop: are the X11 (xcb) platform plugin's libraries there?

Without them Qt aborts with "Could not load the Qt platform plugin "xcb"" and blames libxcb-cursor0,
whatever is really missing. This looks at the plugin's own library list (`ldd`) instead and names the
Debian/Ubuntu packages to install. Imports no Qt: it runs before the QApplication exists.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The shared libraries Qt's xcb plugin links against, and the Debian/Ubuntu package of each.
PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)


def wants_xcb(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Will Qt pick its X11 plugin: Linux, no other platform asked for, and an X display named."""
    env = os.environ if env is None else env
    if (platform or sys.platform) != "linux":
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def plugin_files() -> list[Path]:
    """Qt's xcb plugin and the library it loads, inside the installed PySide6 (not imported)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(list(spec.submodule_search_locations)[0]) / "Qt"
    return [p for p in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6") if p.exists()]


def missing_libraries(files: list[Path], ldd: str | None = None) -> list[str]:
    """Sonames `ldd` reports as "not found" for these files (empty when ldd is not there)."""
    ldd = ldd or shutil.which("ldd")
    if not ldd or not files:
        return []
    found: list[str] = []
    for f in files:
        try:
            out = subprocess.run([ldd, str(f)], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        found += _NOT_FOUND.findall(out)
    return list(dict.fromkeys(found))


def advice(missing: list[str]) -> str:
    """What to tell the user: the packages to install, and how to run without a screen."""
    from ospod_desktop.core.i18n import _

    packages = sorted({PACKAGES.get(lib, lib) for lib in missing})
    return "\n".join([
        _("OSPOD Desktop cannot open its window: Qt's X11 (xcb) platform plugin is missing system libraries: {libs}.")
        .format(libs=", ".join(missing)),
        _("Install them (Debian/Ubuntu), then start the app again:"),
        "    sudo apt-get install " + " ".join(packages),
        _("To try the app without a screen, set QT_QPA_PLATFORM=offscreen."),
    ])


def check(env: dict[str, str] | None = None) -> list[str]:
    """The libraries Qt's X11 plugin lacks, when Qt is going to use it (empty: nothing to say)."""
    return missing_libraries(plugin_files()) if wants_xcb(env) else []
