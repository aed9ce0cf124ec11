"""``hipcoach unsync`` end to end, against the fake Garmin under the real garminconnect client:
hipcoach's future entries and never-done workouts go; the runner's own workouts (a
look-alike by name, a Connect copy carrying the marker), a workout that was done and its
entry stay; a second run makes no mutating request; ``sync`` puts the plan back."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tests.fakes.garmin_server import FakeGarmin
from tests.sync.runner import MONDAY, planned_on, sync, workout_of


def unsync(cli, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli("unsync", "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def runner_own_items(watch: FakeGarmin) -> dict[int, dict[str, Any]]:
    """Workouts of the runner's that look like hipcoach's: named like a planned session, and
    a copy made in Connect of one of hipcoach's (the marker in its description), both on
    the calendar in the window."""
    upcoming = sorted(watch.hipcoach_entries(), key=lambda e: e[1])[-1]
    key, _day = upcoming
    look_alike = watch.add_foreign_workout(f"hipcoach {key} · my old plan", MONDAY + timedelta(9))
    copy = watch.add_foreign_workout("My copy of the hip routine", MONDAY + timedelta(10))
    original = watch.workouts[workout_of(watch, key)]
    watch.workouts[copy]["description"] = original["description"]
    return {w: json.loads(json.dumps(watch.workouts[w])) for w in (look_alike, copy)}


def entries_of(watch: FakeGarmin, workout_id: int) -> list[str]:
    return sorted(d for w, d in watch.schedules.values() if w == workout_id)


def test_unsync_takes_off_only_what_hipcoach_made_and_was_never_done(cli, clock, watch):
    first = sync(cli)
    assert len(first["created"]) >= 4
    done_key = planned_on(watch, MONDAY)[0]
    done_workout = workout_of(watch, done_key)
    watch.record_workout_run(done_workout, MONDAY)  # done on the watch; no sync since
    clock.day = MONDAY + timedelta(days=2)
    own = runner_own_items(watch)
    ours_before = {w for w in watch.workouts if w not in own}

    watch.requests.clear()
    preview = unsync(cli, "--dry-run")
    assert watch.mutating_requests() == []
    assert preview["dry_run"] is True
    assert {k["key"] for k in preview["kept"]} == {done_key}
    planned_keys = {s["key"] for s in first["sessions"]}
    workouts = {r["key"] for r in preview["removed"] if r["what"] == "workout"}
    assert workouts == planned_keys - {done_key}
    entries = [r for r in preview["removed"] if r["what"] == "calendar entry"]
    assert entries and all(r["date"] >= clock.day.isoformat() for r in entries)

    report = unsync(cli)
    assert report["removed"] == preview["removed"]
    # The runner's own workouts and their calendar entries are untouched.
    for workout_id, original in own.items():
        assert watch.workouts[workout_id] == original
        assert entries_of(watch, workout_id)
        assert not [r for r in watch.mutating_requests() if str(workout_id) in r[1]]
    # The workout that was done stays with its entry; hipcoach's others are gone.
    assert done_workout in watch.workouts
    assert entries_of(watch, done_workout) == [MONDAY.isoformat()]
    assert set(watch.workouts) & ours_before == {done_workout}

    # Idempotent: nothing of hipcoach's is left, so nothing is asked to change.
    watch.requests.clear()
    again = unsync(cli)
    assert again["removed"] == [] and watch.mutating_requests() == []

    status = json.loads(cli("status", "--json").stdout)
    assert status["upcoming"] == []

    # `sync` puts the plan back, and still never touches the look-alike. (What the sync does
    # with the marked copy is the sync's adoption rule, tested with the ownership rules.)
    back = sync(cli)
    assert back["created"] and {(s["key"], s["date"]) for s in back["sessions"]} <= set(
        watch.hipcoach_entries()
    )
    look_alike = min(own)
    assert watch.workouts[look_alike] == own[look_alike]


def test_unsync_with_nothing_synced_makes_no_request(cli, watch):
    report = unsync(cli)
    assert report == {
        "dry_run": False,
        "targets": ["garmin"],
        "removed": [],
        "kept": [],
        "errors": [],
        "exit_code": 0,
    }
    assert watch.requests == []


def test_unsync_stops_with_77_when_the_target_is_no_longer_set_up(cli, home, clock, watch):
    sync(cli)
    (home / "tokens" / "garmin" / "garmin_tokens.json").unlink()
    watch.requests.clear()
    result = cli("unsync")
    assert result.exit_code == 77
    assert "hipcoach auth garmin" in result.stderr
    assert watch.requests == []


def test_ownership_needs_the_marker_and_the_record_of_that_very_session():
    from datetime import date

    from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
    from hipcoach.state.remote import RemoteRecord
    from hipcoach.sync.unsync import plan_removals

    today = date(2026, 11, 4)

    def record(key: str, workout: str, day: date) -> RemoteRecord:
        return RemoteRecord(key, day, "h", workout, f"s{workout}", False)

    records = {
        "2026-W45-1": record("2026-W45-1", "1", date(2026, 11, 2)),  # past, missed
        "2026-W45-2": record("2026-W45-2", "2", date(2026, 11, 4)),  # today, done
        "2026-W45-3": record("2026-W45-3", "3", date(2026, 11, 6)),  # marker now names another
        "2026-W46-1": record("2026-W46-1", "4", date(2026, 11, 9)),  # marker removed by runner
        "2026-W46-2": record("2026-W46-2", "5", date(2026, 11, 11)),
    }
    owned = [
        RemoteWorkout("1", "2026-W45-1"),
        RemoteWorkout("2", "2026-W45-2"),
        RemoteWorkout("3", "2026-W47-1"),
        RemoteWorkout("5", "2026-W46-2"),
        RemoteWorkout("9", "2026-W46-3"),  # a copy: marked, never recorded
    ]
    calendar = [
        RemoteScheduleEntry("s1", "1", date(2026, 11, 2)),
        RemoteScheduleEntry("s2", "2", date(2026, 11, 4)),
        RemoteScheduleEntry("s3", "3", date(2026, 11, 6)),
        RemoteScheduleEntry("s4", "4", date(2026, 11, 9)),
        RemoteScheduleEntry("s5", "5", date(2026, 11, 11)),
        RemoteScheduleEntry("s9", "9", date(2026, 11, 13)),
    ]
    plan = plan_removals("garmin", records, owned, calendar, {"2026-W45-2"}, today)
    removed = [(r.kind, r.key, r.schedule_id or r.workout_id) for r in plan.removals]
    assert removed == [
        ("calendar entry", "2026-W46-2", "s5"),
        ("workout", "2026-W45-1", "1"),  # never done: it goes, its past entry with it
        ("workout", "2026-W46-2", "5"),
    ]
    assert [(k.key, k.workout_id) for k in plan.kept] == [("2026-W45-2", "2")]


@pytest.mark.parametrize("failing", range(1, 9))
def test_a_fault_at_any_request_of_unsync_is_finished_by_the_next_run(cli, clock, watch, failing):
    sync(cli)
    clock.day = MONDAY + timedelta(days=1)
    ours = set(watch.workouts)
    foreign = watch.add_foreign_workout("Leg day", MONDAY + timedelta(days=3))
    watch.requests.clear()
    watch.fail_at = failing
    first = cli("unsync", "--json")
    assert first.exit_code in (0, 75), first.output
    assert "Traceback" not in first.output
    watch.fail_at = None
    unsync(cli)
    watch.requests.clear()
    assert unsync(cli)["removed"] == [] and watch.mutating_requests() == []
    assert not set(watch.workouts) & ours
    assert not watch.hipcoach_entries()
    assert foreign in watch.workouts and entries_of(watch, foreign)


def _lose_the_create_answer(home, watch: FakeGarmin, key: str) -> int:  # type: ignore[no-untyped-def]
    """As if the create of ``key``'s workout landed but its answer was lost: the workout is on
    Garmin, marked, on no calendar day; state.db's record has no workout id."""
    import sqlite3

    workout = workout_of(watch, key)
    for schedule_id in [s for s, (w, _) in watch.schedules.items() if w == workout]:
        del watch.schedules[schedule_id]
    db = sqlite3.connect(home / "state.db")
    db.execute(
        "UPDATE remote_workouts SET workout_id = NULL, schedule_id = NULL WHERE session_key = ?",
        (key,),
    )
    db.commit()
    db.close()
    return workout


def test_unsync_takes_off_a_create_whose_answer_was_lost(cli, home, clock, watch):
    first = sync(cli)
    key = first["sessions"][-1]["key"]
    lost = _lose_the_create_answer(home, watch, key)
    unsync(cli)
    assert lost not in watch.workouts  # the one marked workout of that session, unscheduled
    assert not watch.hipcoach_workouts()
    watch.requests.clear()
    assert unsync(cli)["removed"] == [] and watch.mutating_requests() == []


def test_unsync_leaves_a_lost_create_it_cannot_tell_from_a_copy(cli, home, clock, watch):
    first = sync(cli)
    key = first["sessions"][-1]["key"]
    lost = _lose_the_create_answer(home, watch, key)
    copy = watch.copy_workout(lost)  # the runner's copy, also unscheduled: which is ours?
    unsync(cli)
    assert lost in watch.workouts and copy in watch.workouts  # neither is taken
    assert watch.hipcoach_workouts().count(key) == 2


def test_a_workout_whose_marker_the_runner_rekeyed_is_theirs_for_sync_and_unsync(
    cli, home, clock, watch
):
    first = sync(cli)
    keys = [s["key"] for s in first["sessions"]]
    kept, other = keys[-1], keys[0]
    workout = workout_of(watch, kept)
    description = watch.workouts[workout]["description"]
    watch.workouts[workout]["description"] = description.replace(
        f"[hipcoach:{kept}]", f"swapped with [hipcoach:{other}]"
    )
    (home / "config.toml").write_text("[athlete]\nsessions_per_week = 2\n")  # fewer sessions
    sync(cli)
    assert workout in watch.workouts  # the runner's now: never deleted by the sync
    unsync(cli)
    assert workout in watch.workouts  # nor by unsync
    assert "swapped with" in watch.workouts[workout]["description"]
