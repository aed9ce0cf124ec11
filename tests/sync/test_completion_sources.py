"""Completions from every completion source set up, merged: Garmin's set detail first, then
sources without detail (Strava), the runner's own ``checkin`` over all."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.strava_shapes import activity
from tests.sync.runner import can_be_partial, workout_of


def sessions_of(cli) -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    return {s["key"]: s for s in json.loads(cli("log", "--json").stdout)["sessions"]}


@pytest.fixture
def week(cli, services, monkeypatch):  # type: ignore[no-untyped-def]
    """A runner with Strava and a Garmin watch, after a first sync: the first two sessions."""
    strava, garmin, _ = services
    planned = json.loads(cli("sync", "--json").stdout)["sessions"][:2]
    days = [date.fromisoformat(s["date"]) for s in planned]
    keys = [s["key"] for s in planned]

    def move_to(day: date) -> None:
        monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: day)

    return strava, garmin, keys, days, move_to


def strength_on_strava(day: date, ident: int, name: str = "Hip routine") -> dict:  # type: ignore[type-arg]
    return activity(day, 0, minutes=25, sport="WeightTraining", ident=ident, name=name)


def test_a_watch_session_and_a_strava_logged_one_both_count(cli, week) -> None:
    strava, garmin, keys, days, move_to = week
    # With the watch: the hip hike's sets come back by category alone (name: null), every
    # set with Garmin's "no weight" (-1).
    garmin.record_workout_run(workout_of(garmin, keys[0]), days[0], weightless=True)
    strava.activities.append(strength_on_strava(days[1], 71))  # logged on Strava only
    move_to(days[1] + timedelta(days=1))
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["completions_read"] == 2
    found = sessions_of(cli)
    first, second = found[keys[0]], found[keys[1]]
    assert (first["status"], first["source"]) == ("done", "garmin")
    assert first["done_sets"] == first["planned_sets"]  # Garmin's set detail, every set
    assert (second["status"], second["source"], second["done_sets"]) == ("done", "strava", None)


def test_garmin_detail_wins_over_strava_for_the_same_session(cli, week) -> None:
    """The watch's session also reaches Strava (Garmin uploads it there): one session, and
    the detail says it was partial."""
    strava, garmin, keys, days, move_to = week
    # A session with sets to leave out (one the day after a long run is light: one set each).
    i = next(i for i, key in enumerate(keys) if can_be_partial(garmin, key))
    garmin.record_workout_run(workout_of(garmin, keys[i]), days[i], share=0.5)
    strava.activities.append(strength_on_strava(days[i], 72, name="Strength"))
    move_to(days[i] + timedelta(days=1))
    assert cli("sync").exit_code == 0
    first = sessions_of(cli)[keys[i]]
    assert (first["status"], first["source"]) == ("partial", "garmin")
    assert first["done_sets"] < first["planned_sets"]


def test_the_runners_word_is_over_every_source(cli, week) -> None:
    strava, garmin, keys, days, move_to = week
    garmin.record_workout_run(workout_of(garmin, keys[0]), days[0])
    strava.activities.append(strength_on_strava(days[0], 73))
    move_to(days[0] + timedelta(days=1))
    assert cli("sync").exit_code == 0
    assert cli("checkin", "--skipped", "--date", days[0].isoformat()).exit_code == 0
    first = sessions_of(cli)[keys[0]]
    assert (first["status"], first["source"]) == ("skipped", "checkin")


def test_a_source_that_cannot_be_read_calls_nothing_missed(cli, week) -> None:
    """Strava read, Garmin not: the watch's session may be waiting there, so the day does not
    count as read through; the next night reads it and the session is done."""
    _strava, garmin, keys, days, move_to = week
    garmin.record_workout_run(workout_of(garmin, keys[0]), days[0])
    move_to(days[0] + timedelta(days=1))
    garmin.fail_first, garmin.failure = ("GET", "activitylist-service"), "500"
    result = cli("sync", "--json")
    report = json.loads(result.stdout)
    assert result.exit_code == 75
    assert any(e.startswith("completed sessions from garmin not updated") for e in report["errors"])
    assert sessions_of(cli)[keys[0]]["status"] == "planned"  # not "missed"
    assert cli("sync").exit_code == 0
    assert sessions_of(cli)[keys[0]]["status"] == "done"


def test_one_configured_source_is_the_only_one_read(cli, home, week) -> None:
    _strava, garmin, keys, days, move_to = week
    (home / "config.toml").write_text('[integrations]\ncompletions = "strava"\n')
    garmin.record_workout_run(workout_of(garmin, keys[0]), days[0])
    move_to(days[0] + timedelta(days=1))
    garmin.new_night()
    assert cli("sync").exit_code == 0
    assert not any("activitylist-service" in url for _, url in garmin.requests)
    first = sessions_of(cli)[keys[0]]
    # Missed as far as Strava knows: caught up later in the week, or missed.
    assert first["status"] == "missed" or first["missed_on"] == days[0].isoformat()


def strava_copy(day: date, ident: int, name: str = "Strength") -> dict:  # type: ignore[type-arg]
    """The watch's strength activity as Garmin uploads it to Strava: the same start (the
    fake watch records at 18:30) and length."""
    return activity(
        day, 0, minutes=25, sport="WeightTraining", ident=ident, name=name, hour=18, minute=30
    )


def test_one_workout_uploaded_to_strava_counts_once(cli, week) -> None:
    """Session B done from the watch on session A's day, and uploaded to Strava as
    WeightTraining: B is done (the watch knows the workout it ran), A is not done by the
    Strava copy of the same workout."""
    strava, garmin, keys, days, move_to = week
    garmin.record_workout_run(workout_of(garmin, keys[1]), days[0])
    strava.activities.append(strava_copy(days[0], 901))
    move_to(days[0] + timedelta(days=1))
    assert cli("sync").exit_code == 0
    found = sessions_of(cli)
    assert (found[keys[1]]["status"], found[keys[1]]["source"]) == ("done", "garmin")
    assert found[keys[0]]["status"] not in ("done", "partial"), found[keys[0]]


def test_the_runners_own_workout_copied_to_strava_is_not_hip_work(cli, week) -> None:
    """The README's promise: a workout of your own never counts, not through Strava either."""
    from tests.garmin_shapes import garmin_strength

    strava, garmin, keys, days, move_to = week
    own = garmin.add_foreign_workout("Leg day", None)
    item = garmin_strength(days[0], ident=555, workout_id=own, name="Leg day", hour=18)
    item["startTimeGMT"] = f"{days[0].isoformat()} 18:30:00"
    item["duration"] = 1500.0
    garmin.activities.append(item)
    garmin.exercise_sets[555] = []
    strava.activities.append(strava_copy(days[0], 902, name="Leg day"))
    move_to(days[0] + timedelta(days=1))
    assert cli("sync").exit_code == 0
    assert sessions_of(cli)[keys[0]]["status"] not in ("done", "partial")


def test_a_set_read_that_fails_is_the_nights_error_and_misses_nothing(cli, week) -> None:
    """The watch recorded session A; its sets cannot be read tonight (500): exit 75, A is
    neither missed nor caught up (no needless write to the watch), and the next night it
    is done."""
    _strava, garmin, keys, days, move_to = week
    ident = garmin.record_workout_run(workout_of(garmin, keys[0]), days[0])
    garmin.failing_sets.add(ident)
    move_to(days[0] + timedelta(days=1))
    garmin.new_night()
    result = cli("sync", "--json")
    assert result.exit_code == 75, result.output
    report = json.loads(result.stdout)
    assert not any(m.get("catch_up") for m in report["moved"]), report["moved"]
    assert sessions_of(cli)[keys[0]]["status"] == "planned"
    assert len(result.stderr.strip().splitlines()) == 1
    garmin.failing_sets.clear()
    garmin.new_night()
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    assert sessions_of(cli)[keys[0]]["status"] == "done"
    assert json.loads(result.stdout)["deleted"] == []  # nothing to take back
