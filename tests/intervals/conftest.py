"""Fixtures for the intervals.icu plugin: a fake intervals.icu under the real ``requests``, a
home signed in as ``hipcoach auth intervals`` leaves it, the runner's day."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import responses

from hipcoach.config import Config
from hipcoach.home import Home
from hipcoach.plugins.values import PluginContext
from tests.fakes.intervals_server import KEY, FakeIntervals
from tests.intervals_shapes import ATHLETE, history

#: the Monday the programme starts in the end-to-end tests
MONDAY = date(2026, 11, 2)


class Clock:
    """The day the runner's commands run on."""

    def __init__(self, day: date) -> None:
        self.day = day


def save_key(home: Path, key: str = KEY, athlete: str = ATHLETE) -> Path:
    """The key file as ``hipcoach auth intervals`` writes it."""
    folder = home / "tokens" / "intervals"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    path = folder / "credentials.json"
    path.write_text(json.dumps({"api_key": key, "athlete_id": athlete}))
    path.chmod(0o600)
    return path


def context_for(home: Path, env: dict[str, str] | None = None, config: Config | None = None):  # type: ignore[no-untyped-def]
    from datetime import UTC

    return PluginContext(home=Home(home), config=config or Config(), env=env or {}, tz=UTC)


@pytest.fixture(autouse=True)
def _never_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """hipcoach never waits out a rate limit: any sleep fails the test."""

    def refuse(seconds: float) -> None:
        raise AssertionError(f"slept {seconds} s")

    monkeypatch.setattr("time.sleep", refuse)


@pytest.fixture
def fake() -> Iterator[FakeIntervals]:
    """intervals.icu, empty."""
    server = FakeIntervals()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        server.register(mock)
        yield server


@pytest.fixture
def key_file(home: Path) -> Path:
    return save_key(home)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The runner's day (from the Monday the programme starts), moved by the test."""
    now = Clock(MONDAY)
    monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: now.day)
    return now


@pytest.fixture
def runner(fake: FakeIntervals, key_file: Path, clock: Clock) -> FakeIntervals:
    """A runner with intervals.icu only: six weeks of runs from their watch before the
    programme starts."""
    fake.activities = history(MONDAY - timedelta(weeks=1), 6)
    return fake
