"""Start-up on a Linux desktop without Qt's xcb libraries: a clear message naming the packages, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys

from ospod_desktop.ui import platform_check

FAKE_LDD = """#!/bin/sh
echo "	linux-vdso.so.1 (0x00007ffc)"
echo "	libxcb-icccm.so.4 => not found"
echo "	libxcb-keysyms.so.1 => not found"
echo "	libxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)"
echo "	libxcb-icccm.so.4 => not found"
"""


def _fake_ldd(tmp_path):
    ldd = tmp_path / "bin" / "ldd"
    ldd.parent.mkdir()
    ldd.write_text(FAKE_LDD)
    ldd.chmod(0o755)
    return ldd


def test_qt_uses_xcb_only_on_linux_with_an_x_display():
    assert platform_check.wants_xcb({"DISPLAY": ":0"}, "linux")
    assert not platform_check.wants_xcb({"DISPLAY": ":0"}, "win32")
    assert not platform_check.wants_xcb({}, "linux")  # no display: not the xcb plugin's problem
    assert not platform_check.wants_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not platform_check.wants_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert platform_check.wants_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")


def test_missing_libraries_are_read_from_ldd_once_each(tmp_path):
    ldd = _fake_ldd(tmp_path)
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    assert platform_check.missing_libraries([plugin], str(ldd)) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_the_advice_names_the_debian_packages():
    text = platform_check.advice(["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libunknown.so.9"])
    assert "apt-get install libunknown.so.9 libxcb-icccm4 libxcb-keysyms1" in text
    assert "QT_QPA_PLATFORM=offscreen" in text


def test_the_plugin_files_are_found_in_the_installed_pyside6():
    names = {p.name for p in platform_check.plugin_files()}
    assert "libqxcb.so" in names


def test_the_app_exits_with_the_packages_instead_of_a_qt_abort(tmp_path):
    _fake_ldd(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":77", PATH=f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}", OSPOD_LANG="cs",
               OSPOD_CONFIG_DIR=str(tmp_path / "config"), OSPOD_DATA_DIR=str(tmp_path / "data"))
    run = subprocess.run([sys.executable, "-m", "ospod_desktop"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in run.stderr
    assert "Traceback" not in run.stderr and "Could not load the Qt platform plugin" not in run.stderr
    assert not (tmp_path / "data").exists()  # nothing created before the window could open
