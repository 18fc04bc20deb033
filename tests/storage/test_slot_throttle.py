"""The growing delay after failed logins (issue 14 item 4): in memory, per user name, doubling from 1 s to 30 s,
cleared by a success; an unknown name waits exactly like a known one. The clock and the sleep are injected."""

from __future__ import annotations

import pytest

from ospod_desktop.core.errors import AuthenticationError
from ospod_desktop.storage import slot_throttle
from ospod_desktop.storage.keyslots import KeySlots, user_tag
from ospod_desktop.storage.slot_throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_delay_doubles_from_one_second_and_stops_at_thirty():
    t = Throttle()
    assert [t.delay_after(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert t.delay_after(10_000) == 30


def test_each_attempt_waits_the_rest_of_its_delay_and_a_success_clears_it():
    clock = Clock()
    t = Throttle(clock=clock, sleep=clock.sleep)
    assert t.wait("a") == 0  # the first attempt does not wait
    t.failed("a")
    clock.now += 0.25  # the user typed again a quarter of a second later
    assert t.wait("a") == pytest.approx(0.75)
    t.failed("a")
    clock.now += 5  # more than the 2 s owed: no wait
    assert t.wait("a") == 0
    t.failed("a")
    assert t.remaining("a") == pytest.approx(4) and t.remaining("b") == 0  # per name
    t.succeeded("a")
    assert t.remaining("a") == 0 and t.failures("a") == 0
    assert clock.slept == [pytest.approx(0.75)]


def test_the_names_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(slot_throttle, "REMEMBERED", 3)
    t = Throttle()
    for name in "abcde":
        t.failed(name)
    assert [t.failures(n) for n in "abcde"] == [0, 0, 1, 1, 1]


@pytest.fixture
def slots(tmp_path):
    s, key = KeySlots.create(tmp_path / "x.db")
    s.set_user_password("alena", "first password 123", key)
    s.set_recovery("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH", key)
    s.save()
    return s, key


def test_logins_use_the_running_apps_delay_for_known_and_unknown_names(slots, monkeypatch):
    s, key = slots
    clock = Clock()
    monkeypatch.setattr(slot_throttle, "THROTTLE", Throttle(clock=clock, sleep=clock.sleep))
    for name in ("alena", "nobody"):
        for _ in range(4):
            with pytest.raises(AuthenticationError):
                s.unlock_user(name, "wrong password!")
    assert clock.slept == [1, 2, 4, 1, 2, 4]  # the same for an account and for a name that has none
    assert s.unlock_user("alena", "first password 123") == key  # never locked: the right password opens
    assert clock.slept[-1] == 1  # 8 s owed after four failures, 7 of them spent on the other name's waits
    assert slot_throttle.THROTTLE.failures(user_tag(s.db_uuid, "alena")) == 0
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            s.unlock_recovery("AAAAA-AAAAA")
    assert clock.slept[-1] == 1  # the recovery code has its own delay
