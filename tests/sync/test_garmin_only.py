"""A Garmin-only runner (no Strava at all): `hipcoach auth garmin`, then `hipcoach sync`.

Runs come from Garmin Connect's activity list, sessions go back to its calendar; the real
garminconnect client talks to the stateful fake Garmin server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import responses

from tests.fakes.garmin_server import FakeGarmin
from tests.garmin_shapes import garmin_activity, garmin_history
from tests.sync.conftest import STRAVA_ENV, FakeStrava, last_monday


@pytest.fixture
def garmin(garmin_tokens) -> Iterator[tuple[FakeGarmin, responses.RequestsMock]]:  # type: ignore[no-untyped-def]
    """Only a Garmin token store: no STRAVA_* variables, no Strava token file."""
    fake = FakeGarmin()
    strength = garmin_activity(last_monday() + timedelta(days=2), 0, type_key="strength_training")
    fake.activities = [*garmin_history(last_monday(), 6), strength]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.register(mock)
        yield fake, mock


def sessions(report):  # type: ignore[no-untyped-def]
    return {(s["key"], s["date"]) for s in report["sessions"]}


def test_runs_come_from_garmin(cli, garmin) -> None:
    result = cli("runs", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["runs"]) == 18  # three runs a week; the strength session is not a run
    longs = [r for r in report["runs"] if r["kind"] == "long"]
    assert {date.fromisoformat(r["date"]).weekday() for r in longs} == {6}


def test_sync_places_sessions_around_garmin_runs_and_pushes_them(cli, garmin) -> None:
    fake, _ = garmin
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"] and len(report["created"]) == len(report["sessions"])
    assert fake.hipcoach_calendar() == sessions(report)
    for session in report["sessions"]:
        day = date.fromisoformat(session["date"])
        assert day.weekday() != 5, "never the day before the (Sunday) long run"

    # A quiet night: one activities page, the calendar month(s) of the window and one read of
    # the scheduled workouts (the running plan).
    fake.requests.clear()
    result = cli("sync", "--json")
    assert result.exit_code == 0
    assert fake.mutating_requests() == []
    end = date.today() + timedelta(days=13)
    months = 1 + ((end.year, end.month) != (date.today().year, date.today().month))
    activity_reads = [u for _, u in fake.requests if "activitylist-service" in u]
    assert len(activity_reads) == 1
    assert sum("workoutScheduleByPeriod" in u for _, u in fake.requests) == 1
    assert len(fake.requests) == 2 + months


def test_strava_wins_when_both_are_set_up(cli, garmin, monkeypatch) -> None:
    fake, mock = garmin
    strava = FakeStrava()
    strava.register(mock)
    for name, value in STRAVA_ENV.items():
        monkeypatch.setenv(name, value)
    result = cli("runs", "--json")
    assert result.exit_code == 0, result.output
    assert not [u for _, u in fake.requests if "activitylist-service" in u]


def test_the_config_can_choose_garmin_over_strava(cli, home, garmin, monkeypatch) -> None:
    fake, mock = garmin
    FakeStrava().register(mock)
    for name, value in STRAVA_ENV.items():
        monkeypatch.setenv(name, value)
    (home / "config.toml").write_text('[integrations]\nsource = "garmin"\n')
    result = cli("runs", "--json")
    assert result.exit_code == 0, result.output
    assert [u for _, u in fake.requests if "activitylist-service" in u]
    assert {r["id"] for r in json.loads(result.stdout)["runs"]} <= {
        str(a["activityId"]) for a in fake.activities
    }


def test_an_interrupted_import_keeps_its_pages_and_resumes(cli, garmin) -> None:
    fake, _ = garmin
    start = date.today() - timedelta(days=300)
    fake.activities = [
        garmin_activity(start + timedelta(days=3 * i), 6, ident=i + 1) for i in range(50)
    ]
    fake.fail_at, fake.failure = 2, "429"  # Garmin refuses the second page
    result = cli("runs", "--json")
    assert result.exit_code == 75
    assert "kept 1 page(s)" in result.stderr
    fake.fail_at = None
    fake.requests.clear()
    result = cli("runs", "--json", "--weeks", "52")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["runs"]) == 50
    pages = [u for _, u in fake.requests if "activitylist-service" in u]
    assert len(pages) == 2  # pages 2 and 3 only: page 1 was kept, and is not read again


def test_a_runner_who_moves_from_strava_to_garmin_counts_each_run_once(
    cli, home, garmin, monkeypatch
) -> None:
    _, mock = garmin
    FakeStrava().register(mock)
    for name, value in STRAVA_ENV.items():
        monkeypatch.setenv(name, value)
    strava_runs = json.loads(cli("runs", "--json").stdout)["weeks"]
    (home / "config.toml").write_text('[integrations]\nsource = "garmin"\n')
    garmin_runs = json.loads(cli("runs", "--json").stdout)["weeks"]
    # The same six weeks of running, from either service: never the two added up.
    assert [w["distance_km"] for w in garmin_runs] == [w["distance_km"] for w in strava_runs]
