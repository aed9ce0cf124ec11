"""A Garmin-only runner living night by night: the day the commands run on, the fake Garmin
server their watch syncs to, and the moves of the week (shared by the adherence tests)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tests.fakes.garmin_server import FakeGarmin, _exercise_steps
from tests.garmin_shapes import garmin_activity

MONDAY = date(2026, 11, 2)


class Clock:
    """The day the runner's commands run on."""

    def __init__(self, day: date) -> None:
        self.day = day


def sync(cli) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def workout_of(garmin: FakeGarmin, key: str) -> int:
    return next(w for w in garmin.workouts if garmin.marker_key(w) == key)


def can_be_partial(garmin: FakeGarmin, key: str) -> bool:
    """Whether part of the session's workout can be done: some exercise has two sets or more
    (a light session, such as the day after a long run, has one of each)."""
    return any(
        s["iterations"] > 1 for s in _exercise_steps(garmin.workouts[workout_of(garmin, key)])
    )


def planned_on(garmin: FakeGarmin, day: date) -> list[str]:
    return [key for key, d in garmin.hipcoach_entries() if d == day.isoformat()]


def runs_of(day: date) -> list[dict[str, Any]]:
    """The runner keeps running: easy on Tuesday and Thursday, long on Sunday."""
    if day.weekday() in (1, 3):
        return [garmin_activity(day, 8, hour=7)]
    if day.weekday() == 6:
        return [garmin_activity(day, 20, minutes=120, hour=9, name="Long Run")]
    return []
