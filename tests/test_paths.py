"""Resources live inside the package, so an installed wheel finds them as a checkout does."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

import pytest

import ospod_desktop
from ospod_desktop import paths


def test_resources_are_a_real_folder_inside_the_package():
    folder = paths.resources_dir()
    assert isinstance(folder, Path) and folder.is_dir()
    assert folder == files("ospod_desktop") / "resources"
    assert folder.parent == Path(ospod_desktop.__file__).parent  # not beside it, where a wheel has nothing


@pytest.mark.parametrize(
    "parts",
    [
        ("policy", "deadlines.json"),
        ("facilities", "facilities.json"),
        ("fonts", "DejaVuSans.ttf"),
        ("fonts", "LICENSE-DejaVu.txt"),
        ("locale", "cs", "LC_MESSAGES", "ospod.mo"),
    ],
)
def test_every_kind_of_resource_is_found(parts):
    assert paths.resource(*parts).is_file()


def test_a_frozen_bundle_keeps_the_package_layout(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("policy", "deadlines.json") == tmp_path / "ospod_desktop/resources/policy/deadlines.json"
