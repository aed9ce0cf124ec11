"""Catch-ups and adherence at their edges, night by night under the real garminconnect client
(each was a bug found in review): a catch-up taken back, a workout gone or no longer ours, a
lost create, a session uploaded late, a strength activity without sets, a first sync with a
year of strength sessions, one activity whose sets cannot be read, a mark after a catch-up."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from hipcoach.errors import ExitCode
from tests.garmin_shapes import garmin_strength
from tests.sync.runner import MONDAY, planned_on, runs_of, sync, workout_of

MON2 = MONDAY + timedelta(weeks=1)
TUE2, WED2 = MON2 + timedelta(days=1), MON2 + timedelta(days=2)


def week_one_done(cli, clock, watch) -> None:  # type: ignore[no-untyped-def]
    """Week one: every session done; then Monday of week two."""
    sync(cli)
    for offset in range(7):
        day = MONDAY + timedelta(days=offset)
        clock.day = day
        for key in planned_on(watch, day):
            watch.record_workout_run(workout_of(watch, key), day)
        watch.activities += runs_of(day)
        clock.day = day + timedelta(days=1)
        sync(cli)


def in_week_two(watch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    end = (MON2 + timedelta(days=7)).isoformat()
    return sorted(e for e in watch.hipcoach_entries() if MON2.isoformat() <= e[1] < end)


def log(cli) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    return {
        s["key"]: s for s in json.loads(cli("log", "--json", "--weeks", "2").stdout)["sessions"]
    }


def test_a_catch_up_taken_back_leaves_the_missed_day_as_it_was(cli, clock, watch, home) -> None:
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)  # missed
    clock.day = TUE2
    report = sync(cli)
    caught = next(m for m in report["moved"] if m["key"] == key)
    assert caught["catch_up"] == "catch_up" and caught["from"] == MON2.isoformat()
    # The runner blocks the rest of the week (travel): no day is left for the catch-up.
    days = ", ".join((MON2 + timedelta(days=d)).isoformat() for d in range(1, 7))
    (home / "config.toml").write_text(f"[athlete]\nblocked_dates = [{days}]\n")
    report = sync(cli)
    assert next(d for d in report["deleted"] if d["key"] == key)["catch_up"] == "take_back"
    assert (key, MON2.isoformat()) in in_week_two(watch), "the missed day's entry stays"
    assert key in watch.hipcoach_workouts(), "the workout stays"
    session = log(cli)[key]
    assert (session["status"], session["date"]) == ("missed", MON2.isoformat())


def test_a_catch_up_of_a_workout_the_runner_deleted_is_made_anew(cli, clock, watch) -> None:
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)
    gone = workout_of(watch, key)
    del watch.workouts[gone]
    watch.schedules = {s: v for s, v in watch.schedules.items() if v[0] != gone}
    clock.day = TUE2
    sync(cli)
    assert key in watch.hipcoach_workouts() and key in dict(in_week_two(watch))


def test_a_workout_no_longer_marked_is_never_scheduled(cli, clock, watch) -> None:
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)
    theirs = workout_of(watch, key)
    watch.workouts[theirs]["description"] = "my own now"
    clock.day = TUE2
    sync(cli)
    assert [d for w, d in watch.schedules.values() if w == theirs] == [MON2.isoformat()]
    assert watch.hipcoach_workouts().count(key) == 1  # a new one of ours, for the catch-up


def test_a_lost_create_is_not_duplicated_by_its_catch_up(cli, clock, watch, home) -> None:
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)
    db = sqlite3.connect(home / "state.db")
    db.execute(
        "UPDATE remote_workouts SET workout_id = NULL, schedule_id = NULL WHERE session_key = ?",
        (key,),
    )
    db.commit()
    db.close()
    clock.day = TUE2
    sync(cli)
    assert watch.hipcoach_workouts().count(key) == 1


def test_a_session_uploaded_late_is_not_asked_for_again(cli, clock, watch, home) -> None:
    (home / "config.toml").write_text(f"[athlete]\nblocked_dates = [{TUE2.isoformat()}]\n")
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)
    clock.day = TUE2
    sync(cli)  # 3 am Tuesday: Monday's session looks missed; its catch-up goes to Wednesday
    assert (key, WED2.isoformat()) in in_week_two(watch)
    watch.record_workout_run(workout_of(watch, key), MON2)  # the watch syncs at 8 am
    clock.day = WED2
    sync(cli)
    assert (key, WED2.isoformat()) not in in_week_two(watch), "the catch-up is taken back"
    assert (key, MON2.isoformat()) in in_week_two(watch)
    assert log(cli)[key]["status"] == "done"
    assert all(k != key or d < WED2.isoformat() for k, d in in_week_two(watch))


def test_a_strength_activity_without_sets_counts_as_done(cli, clock, watch) -> None:
    sync(cli)
    (key,) = planned_on(watch, MONDAY)
    ident = watch.record_workout_run(workout_of(watch, key), MONDAY)
    watch.exercise_sets[ident] = None  # logged by hand in Connect: no set detail
    clock.day = MONDAY + timedelta(days=1)
    sync(cli)
    session = log(cli)[key]
    assert (session["status"], session["done_sets"]) == ("done", None)


def test_a_first_sync_reads_sets_of_recent_strength_sessions_only(cli, clock, watch) -> None:
    # A year of the runner's own gym sessions before hipcoach.
    watch.activities += [
        garmin_strength(MONDAY - timedelta(days=3 * i), ident=5000 + i) for i in range(1, 100)
    ]
    sync(cli)
    reads = sum("exerciseSets" in url for _, url in watch.requests)
    assert reads <= 3, reads  # the week before the programme: nothing older is read


def test_one_unreadable_activity_does_not_hold_up_the_others(cli, clock, watch) -> None:
    """The server fails one activity's sets, every night: each night's error (75), and the
    others count. It may be the session of a day, so no day from its own on is read through
    (nothing called missed) until a week after it, when it is taken without its detail."""
    first = sync(cli)
    second = first["sessions"][1]  # not done
    (key,) = planned_on(watch, MONDAY)
    watch.record_workout_run(workout_of(watch, key), MONDAY)
    watch.activities.append(garmin_strength(MONDAY, ident=9999, workout_id=None))
    watch.failing_sets.add(9999)  # the server fails this one, every night
    clock.day = MONDAY + timedelta(days=1)
    result = cli("sync", "--json")
    assert result.exit_code == ExitCode.TEMPFAIL, result.output
    assert "completed sessions from garmin read in part" in result.stderr
    assert log(cli)[key]["status"] == "done"
    clock.day = date.fromisoformat(second["date"]) + timedelta(days=1)
    assert cli("sync").exit_code == ExitCode.TEMPFAIL
    assert log(cli)[second["key"]]["status"] == "planned"  # not missed: the day is held
    clock.day = MONDAY + timedelta(days=8)
    assert cli("sync").exit_code == ExitCode.TEMPFAIL  # asked, and failed, again
    assert log(cli)[second["key"]]["status"] == "missed"


def test_a_mark_after_a_catch_up_names_the_day_missed(cli, clock, watch) -> None:
    week_one_done(cli, clock, watch)
    (key,) = planned_on(watch, MON2)
    clock.day = TUE2
    sync(cli)
    result = cli("checkin", "--done", "--date", MON2.isoformat())
    assert result.exit_code == 0, result.output
    assert log(cli)[key]["status"] == "done"


def test_a_refused_mark_stores_no_pain_either(cli, clock, watch) -> None:
    result = cli("checkin", "--pain", "4", "--done", "--date", date(2026, 10, 1).isoformat())
    assert result.exit_code == 2
    assert json.loads(cli("log", "--json").stdout)["weeks"][-1]["pain_max"] is None


@pytest.mark.parametrize("done_offset,which", [(0, 1), (0, 2), (3, 3), (4, 3), (5, 4), (2, 5)])
def test_a_workout_done_early_keeps_one_session_a_day_and_never_fails(
    cli, clock, watch, done_offset: int, which: int
) -> None:
    """The watch runs a later session's workout today (the runner chose it from the list)."""
    sync(cli)
    day = MONDAY + timedelta(days=done_offset)
    clock.day = day
    sync(cli)
    entries = sorted(watch.hipcoach_entries(), key=lambda kd: kd[1])
    later_key, _ = [kd for kd in entries if kd[1] > day.isoformat()][which - 1]
    watch.record_workout_run(workout_of(watch, later_key), day)
    for night in range(1, 8):
        clock.day = day + timedelta(days=night)
        report = sync(cli)  # never exit 70, night after night
        days = [s["date"] for s in report["sessions"]]
        assert len(days) == len(set(days))
        upcoming = [d for _, d in watch.hipcoach_entries() if d >= clock.day.isoformat()]
        assert len(upcoming) == len(set(upcoming)), "two hipcoach workouts on one day"
        for command in (["schedule", "--offline"], ["plan"], ["status"]):
            assert cli(*command).exit_code == 0, command
    assert log(cli)[later_key]["status"] == "done"
