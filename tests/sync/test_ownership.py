"""Ownership end to end (issue 12, items 1-2): calendar entries are recognised by workout id,
never by title; a foreign workout that merely looks like ours is never touched."""

from __future__ import annotations

import json
from datetime import date

from hipcoach.errors import ExitCode
from tests.sync.test_sync_cli import assert_remote_matches, run


def test_a_workout_the_runner_renamed_keeps_exactly_one_entry_night_after_night(cli, services):
    _, garmin, _ = services
    result, report = run(cli)
    assert result.exit_code == 0, result.output
    renamed = next(w for w in garmin.workouts.values() if garmin.marker_key(w["workoutId"]))
    renamed["workoutName"] = "My hip routine"  # the marker stays in the description
    for _night in range(3):
        result, report = run(cli)
        assert result.exit_code == 0, result.output
        assert report["created"] == report["repaired"] == [], report
        assert_remote_matches(garmin, report)
    assert renamed["workoutName"] == "My hip routine"


def foreign_look_alike(garmin, report):  # type: ignore[no-untyped-def]
    """A workout of the runner's named like the first planned session, on its date."""
    first = report["sessions"][0]
    name = f"hipcoach {first['key']} · my old plan"
    workout_id = garmin.add_foreign_workout(name, date.fromisoformat(first["date"]))
    return workout_id, dict(garmin.workouts[workout_id])


def assert_untouched(garmin, workout_id, original):  # type: ignore[no-untyped-def]
    assert garmin.workouts.get(workout_id) == original
    assert [d for w, d in garmin.schedules.values() if w == workout_id] == [
        next(d for w, d in garmin.schedules.values() if w == workout_id)
    ]
    touched = [r for r in garmin.mutating_requests() if str(workout_id) in r[1]]
    assert touched == [], touched


def test_a_foreign_workout_named_like_ours_is_never_touched(cli, home, services):
    _, garmin, _ = services
    preview = json.loads(cli("sync", "--dry-run", "--json").stdout)
    foreign, original = foreign_look_alike(garmin, preview)
    entry = next(s for s, (w, _) in garmin.schedules.items() if w == foreign)

    result, report = run(cli)
    assert result.exit_code == 0, result.output
    assert_remote_matches(garmin, report)  # the real session was created anyway
    assert preview["sessions"][0]["key"] in {c["key"] for c in report["created"]}
    assert_untouched(garmin, foreign, original)
    assert entry in garmin.schedules

    # state.db lost: adoption goes by the marker only, never by the name.
    (home / "state.db").unlink()
    for suffix in ("-wal", "-shm"):
        (home / f"state.db{suffix}").unlink(missing_ok=True)
    garmin.requests.clear()
    result, report = run(cli)
    assert result.exit_code == 0, result.output
    assert report["created"] == [], "the sessions on the calendar are adopted, not recreated"
    assert_remote_matches(garmin, report)
    assert_untouched(garmin, foreign, original)
    assert entry in garmin.schedules


def test_a_lost_state_db_never_adopts_a_look_alike(cli, home, services):
    _, garmin, _ = services
    preview = json.loads(cli("sync", "--dry-run", "--json").stdout)
    (home / "state.db").unlink()
    foreign, original = foreign_look_alike(garmin, preview)
    result, report = run(cli)
    assert result.exit_code == 0, result.output
    assert len(report["created"]) == len(report["sessions"])
    assert_remote_matches(garmin, report)
    assert_untouched(garmin, foreign, original)


def test_a_calendar_item_without_a_workout_id_is_ignored(cli, services):
    _, garmin, _ = services
    today = date.today().isoformat()
    look_alike = "hipcoach 2026-W01-1 · from a coach"
    garmin.extra_items = [
        {"id": 91, "itemType": "workout", "date": today, "title": look_alike},
        {"id": 92, "itemType": "workout", "workoutId": None, "date": today, "title": look_alike},
    ]
    result, report = run(cli)
    assert result.exit_code == ExitCode.OK, result.output
    assert_remote_matches(garmin, report)
    result, report = run(cli)
    assert result.exit_code == ExitCode.OK and report["planned"] == []
