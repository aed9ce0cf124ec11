"""Races the runner put on their Garmin Connect calendar, for a Garmin-only runner: they shape
the sync and every read path, cost no extra request, and survive offline.

The real garminconnect client talks to the stateful fake Garmin server (its month views list
the events among the workouts, as Garmin's do).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import responses

from tests.fakes.garmin_server import FakeGarmin
from tests.garmin_shapes import garmin_history
from tests.sync.conftest import last_monday

TODAY = date.today()
# A Saturday whose whole week lies in the 14-day window (so a normal week's 2-3 sessions would
# be there), whatever day the tests run.
RACE = TODAY + timedelta(days=6 + (5 - (TODAY + timedelta(days=6)).weekday()) % 7)
#: no session on these days: the two days before the race, race day, the day after
NO_SESSION = {RACE + timedelta(days=d) for d in (-2, -1, 0, 1)}


@pytest.fixture
def garmin(garmin_tokens) -> Iterator[FakeGarmin]:  # type: ignore[no-untyped-def]
    """A Garmin-only runner: six weeks of runs (Sunday long runs), no Strava."""
    fake = FakeGarmin()
    fake.activities = garmin_history(last_monday(), 6)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.register(mock)
        yield fake


def months_of_window() -> int:
    end = TODAY + timedelta(days=13)
    return 1 + ((end.year, end.month) != (TODAY.year, TODAY.month))


def run_json(cli, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def days(report: dict[str, Any]) -> set[date]:
    return {date.fromisoformat(s["date"]) for s in report["sessions"]}


def race_week(report: dict[str, Any]) -> list[dict[str, Any]]:
    monday = RACE - timedelta(days=RACE.weekday())
    return [
        s
        for s in report["sessions"]
        if monday <= date.fromisoformat(s["date"]) <= monday + timedelta(days=6)
    ]


def assert_race_respected(report: dict[str, Any]) -> None:
    assert not days(report) & NO_SESSION, sorted(days(report) & NO_SESSION)
    in_race_week = race_week(report)
    assert len(in_race_week) <= 1
    assert all(s["light"] for s in in_race_week)


def test_without_the_race_sessions_would_land_around_race_day(cli, garmin) -> None:
    """The guard of the tests below: without the race, its week holds a normal week."""
    report = run_json(cli, "schedule")
    assert len(race_week(report)) >= 2


def test_a_race_on_the_garmin_calendar_shapes_the_sync(cli, garmin) -> None:
    garmin.add_event(RACE, "City Half Marathon", race=True)
    report = run_json(cli, "sync")
    assert_race_respected(report)
    assert garmin.hipcoach_calendar() == {(s["key"], s["date"]) for s in report["sessions"]}
    # The taper: the sessions within 10 days before the race hold progression.
    plan = run_json(cli, "plan", "--weeks", "3")
    held = [w for w in plan["weeks"] if f"race on {RACE:%a %d %b}" in w["why"]]
    assert held and all(w["progression"] in ("hold", "start", "deload") for w in held)


def test_the_race_costs_no_request_on_a_quiet_night(cli, garmin) -> None:
    garmin.add_event(RACE, "City Half Marathon", race=True)
    garmin.add_event(RACE - timedelta(days=3), "Club social run", race=False)
    assert cli("sync").exit_code == 0
    garmin.requests.clear()
    report = run_json(cli, "sync")
    assert_race_respected(report)
    assert garmin.mutating_requests() == []
    # One activities page, the calendar month(s) of the window (the race read them too) and
    # the running plan's one read of the scheduled workouts.
    reads = [url for _, url in garmin.requests if "workoutScheduleByPeriod" not in url]
    assert len(reads) == 1 + months_of_window(), garmin.requests
    assert len(garmin.requests) == len(reads) + 1


def test_a_non_race_event_changes_nothing(cli, garmin) -> None:
    before = run_json(cli, "schedule")
    garmin.add_event(RACE, "Parkrun volunteering", race=False)
    garmin.add_event(RACE + timedelta(days=1), "Goal: 10 km under 50 min", race=False)
    after = run_json(cli, "schedule")
    assert after["sessions"] == before["sessions"]
    assert after["races"] == []


def test_offline_read_paths_keep_the_races_read(cli, garmin) -> None:
    garmin.add_event(RACE, "City Half Marathon", race=True)
    assert cli("sync").exit_code == 0
    garmin.events.clear()  # offline, nothing asks Garmin again
    garmin.requests.clear()
    offline = run_json(cli, "schedule", "--offline")
    assert offline["races"] == [RACE.isoformat()]
    assert_race_respected(offline)
    assert "race on" in json.dumps(run_json(cli, "plan", "--weeks", "3")["weeks"])
    status = run_json(cli, "status")
    assert status["races"] == [{"date": RACE.isoformat(), "name": "City Half Marathon"}]
    assert garmin.requests == []
    # Online again: the runner took the race off their calendar, so it no longer counts.
    assert run_json(cli, "schedule")["races"] == []


def test_an_unreadable_calendar_keeps_the_races_read_before(cli, garmin) -> None:
    garmin.add_event(RACE, "City Half Marathon", race=True)
    assert cli("sync").exit_code == 0
    garmin.events.clear()
    garmin.requests.clear()
    garmin.fail_at, garmin.failure = 2, "400"  # the first month view, after the activities
    result = cli("schedule", "--json")
    assert result.exit_code == 0, result.output
    assert "races on the garmin calendar not updated" in result.stderr
    assert json.loads(result.stdout)["races"] == [RACE.isoformat()]


def test_a_sync_says_once_when_the_calendar_could_not_be_read(cli, garmin) -> None:
    garmin.fail_at, garmin.failure = 1, "400"  # the race read comes first
    result = cli("sync", "--json")
    report = json.loads(result.stdout)
    # The month is not asked for again this night: the races and the target share the
    # failed read, so the sync stops on it, said once, and changes nothing.
    (error,) = report["errors"]
    assert "HTTP 400 while reading the Garmin calendar" in error
    assert result.exit_code == 69
    assert report["created"] == [] and garmin.mutating_requests() == []
    assert garmin.repeated_requests() == []
    garmin.fail_at = None
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["created"]  # the next night goes ahead
