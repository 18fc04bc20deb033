"""Shared fixtures.

Qt must run offscreen in tests: `QT_QPA_PLATFORM` is set here unconditionally, before anything imports
Qt, because an empty value on a machine without a display aborts the process. Per-user config and data
folders are redirected into a temporary directory so tests never touch the real ones. Argon2id runs
with a cheap cost in tests (the production cost is checked in tests/storage/test_keyslots.py), so the
suite can create many accounts quickly; slot files record the cost they were made with.

Hypothesis runs the modest "ci" profile by default; `pytest --long` loads the "long" profile (twenty times the
examples, 200 runs of 50 steps for the scope state machine; see `tests/hypothesis_profiles.py`) and runs the
reliability suites in tests/reliability at full size (the `sizes` fixture: 1000 kills instead of 60…).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_sandbox = tempfile.mkdtemp(prefix="ospod-tests-")
os.environ.setdefault("OSPOD_CONFIG_DIR", os.path.join(_sandbox, "config"))
os.environ.setdefault("OSPOD_DATA_DIR", os.path.join(_sandbox, "data"))

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from ospod_desktop.core import i18n  # noqa: E402
from ospod_desktop.storage import keyslots  # noqa: E402
from tests import hypothesis_profiles  # noqa: E402, F401  (registers the profiles)

settings.load_profile("ci")  # before any test module builds its settings; --long or --hypothesis-profile replace it

PRODUCTION_KDF = keyslots.DEFAULT_KDF
FAST_KDF = keyslots.KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
ADMIN_PASSWORD = "admin password 2026"
OFFICER_PASSWORD = "officer password 2026"


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true", default=False,
                     help="long runs: the 'long' hypothesis profile (x20 examples, 200 state-machine runs of 50 "
                          "steps) and the reliability suites at full size (1000 kills, 500 damaged copies)")


def pytest_configure(config):
    if config.getoption("--long"):
        if config.getoption("--hypothesis-profile", default=None):
            raise pytest.UsageError("--long loads the 'long' hypothesis profile: give --long or --hypothesis-profile")
        settings.load_profile("long")


def pytest_report_header(config):
    d = settings.default
    return (f"hypothesis profile {settings.get_current_profile_name()!r}: max_examples={d.max_examples}, "
            f"stateful_step_count={d.stateful_step_count}")


@dataclass(frozen=True)
class ReliabilitySizes:
    """How much the reliability suites (tests/reliability) do: the CI numbers, or the big ones with `--long`."""

    long: bool
    crash_kills: int  # SIGKILLs of writer processes (issue 14: >= 60 in CI, 1000 with --long)
    corrupt_copies: int  # damaged copies of the database, its WAL and its key file (>= 50 per run)


def reliability_sizes(long: bool) -> ReliabilitySizes:
    return ReliabilitySizes(long, crash_kills=1000 if long else 60, corrupt_copies=500 if long else 60)


@pytest.fixture(scope="session")
def sizes(request) -> ReliabilitySizes:
    """The reliability suites' sizes, chosen by `--long`."""
    return reliability_sizes(bool(request.config.getoption("--long")))


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Cheap Argon2id for tests (stored per slot, so the code path is the same)."""
    monkeypatch.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)
    yield


@pytest.fixture(autouse=True)
def no_login_delay(monkeypatch):
    """The growing delay after failed logins is the running app's: each test starts with its own, which records
    the waits it asks for (`.waits`) instead of sleeping (tests/storage/test_slot_throttle.py tests the real one)."""
    from ospod_desktop.storage import slot_throttle

    waits: list[float] = []
    throttle = slot_throttle.Throttle(sleep=waits.append)
    throttle.waits = waits  # type: ignore[attr-defined]
    monkeypatch.setattr(slot_throttle, "THROTTLE", throttle)
    yield throttle


@pytest.fixture(autouse=True)
def english():
    """Tests compare English messages unless they switch the language themselves."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "office" / "ospod.db"


@pytest.fixture
def admin_session(db_path):
    """A fresh encrypted database with its admin logged in; yields (UserSession, recovery code)."""
    from ospod_desktop.services import identity

    us, code = identity.initialise(
        db_path,
        identity.OfficeProfile("OSPOD Praha 5", "Štefánikova 15\n150 22 Praha 5", "Praha 5", "Odbor sociálních věcí"),
        "admin",
        "Alena Správcová",
        ADMIN_PASSWORD,
    )
    yield us, code
    us.close()


@pytest.fixture
def officer_session(admin_session, db_path):
    """An officer logged in on the same database (the admin stays logged in too)."""
    from ospod_desktop.core.roles import Role
    from ospod_desktop.services import identity

    admin, _code = admin_session
    identity.create_user(admin, "officer", "Petr Novák", Role.OFFICER, OFFICER_PASSWORD)
    us = identity.login(db_path, "officer", OFFICER_PASSWORD)
    yield us
    us.close()


def child_form(given: str = "", surname: str = "", sex: str = "U", **fields):
    """A registration form with the required intake fields filled (found yesterday in Prague)."""
    from datetime import date, timedelta

    from ospod_desktop.core.child_form import ChildForm

    fields.setdefault("found_on", date.today() - timedelta(days=1))
    fields.setdefault("found_place", "Praha – hlavní nádraží")
    return ChildForm(given_names=given, family_names=surname, sex=sex, **fields)
