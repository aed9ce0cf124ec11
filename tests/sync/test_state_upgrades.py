"""Every state.db a released commit wrote upgrades with nothing lost (issue 17).

The fixtures in ``tests/fixtures/state/`` were written by the code of each shipped schema
(``make_fixtures.py`` there): schema 1 to 4, schema 5 as 904c354..9ad2ec6 wrote it (session
marks by date, no ``remote_workouts.missed_on``) and schema 5 as today. Each is put in a home,
its Garmin workouts on the fake Garmin server, and every command runs on it: none fails, the
runs, check-ins, remote workout ids and adherence are still there, and the next sync makes no
duplicate of what is on the calendar.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.garmin_server import FakeGarmin
from tests.garmin_shapes import garmin_activity
from tests.sync.runner import sync

FIXTURES = Path(__file__).parent.parent / "fixtures" / "state"
LABELS = sorted(p.stem for p in FIXTURES.glob("*.db"))
#: the day after the fixtures' second night (their first night was Monday 16 Nov 2026)
UPGRADE_DAY = date(2026, 11, 21)
FIRST_SESSION_DAY = "2026-11-16"


def rows(path: Path, sql: str) -> set[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        table = sql.split(" FROM ")[1].split()[0]
        return set(conn.execute(sql).fetchall()) if table in names else set()
    finally:
        conn.close()


def kept(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    """What an upgrade must keep: check-ins, cached runs, remote workout ids, adherence."""
    return {
        "checkins": rows(path, "SELECT date, pain FROM checkins"),
        "runs": rows(path, "SELECT source, id, date, distance_m FROM runs"),
        "remote": rows(
            path, "SELECT session_key, workout_id FROM remote_workouts WHERE workout_id IS NOT NULL"
        ),
        "completions": rows(path, "SELECT source, activity_id, date FROM completions"),
        "planned": rows(path, "SELECT session_key, date FROM planned_sessions"),
        "marks": rows(path, "SELECT status FROM session_marks"),
        "meta": rows(path, "SELECT key, value FROM meta WHERE key NOT LIKE 'completions_%'"),
    }


def on_the_server(garmin: FakeGarmin, label: str) -> None:
    """The workouts and calendar entries the fixture's target held, as Garmin keeps them,
    and the strength activities it recorded (their sets not read: no detail)."""
    done = rows(FIXTURES / f"{label}.db", "SELECT activity_id, date, workout_id FROM completions")
    for activity_id, day, workout_id in done:
        garmin.activities.append(
            garmin_activity(
                date.fromisoformat(day),
                0,
                type_key="strength_training",
                ident=int(activity_id),
                name="Hip strength",
            )
            | {"workoutId": int(workout_id)}
        )
        garmin.exercise_sets[int(activity_id)] = None
    remote = json.loads((FIXTURES / f"{label}.remote.json").read_text())
    for workout_id, key in remote["workouts"].items():
        garmin.workouts[int(workout_id)] = {
            "workoutId": int(workout_id),
            "workoutName": f"hipcoach {key} · Hip strength",
            "description": f"Hip strength. [hipcoach:{key}]",
        }
    for schedule_id, (workout_id, day) in remote["schedules"].items():
        garmin.schedules[int(schedule_id)] = (int(workout_id), day)


@pytest.fixture
def upgraded(home, clock, watch, request) -> tuple[str, dict[str, set[tuple[Any, ...]]]]:  # type: ignore[no-untyped-def]
    label = request.param
    shutil.copy(FIXTURES / f"{label}.db", home / "state.db")
    on_the_server(watch, label)
    clock.day = UPGRADE_DAY
    return label, kept(home / "state.db")


COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["log", "--json", "--weeks", "3"],
    ["runs", "--offline", "--json"],
    ["plan", "--json", "--weeks", "2"],
    ["schedule", "--offline", "--json"],
    ["report", "--offline", "--out", "{home}/report.html"],
    ["export", "ics", "--offline", "--out", "{home}/out"],
    ["checkin", "--pain", "1"],
    ["sync", "--dry-run"],
]


@pytest.mark.parametrize("upgraded", LABELS, indirect=True)
def test_every_command_runs_on_an_upgraded_home_and_nothing_is_lost(cli, home, upgraded):
    label, before = upgraded
    for args in COMMANDS:
        result = cli(*(a.format(home=home) for a in args))
        assert result.exit_code == 0, (label, args, result.output)
    after = kept(home / "state.db")
    for what in ("checkins", "runs", "remote", "completions"):
        assert before[what] <= after[what], (label, what)
    past = {(k, d) for k, d in before["planned"] if d < UPGRADE_DAY.isoformat()}
    assert past <= after["planned"], label  # sessions to come are planned anew
    assert len(after["marks"]) == len(before["marks"]), label
    assert {k for k, _ in before["meta"]} <= {k for k, _ in after["meta"]}, label


@pytest.mark.parametrize("upgraded", LABELS, indirect=True)
def test_sessions_handed_over_before_the_upgrade_keep_their_adherence(cli, upgraded):
    label, before = upgraded
    log = json.loads(cli("log", "--json", "--weeks", "2").stdout)
    statuses = {s["key"]: s for s in log["sessions"]}
    synced = {key for key, _ in before["remote"]}
    # Every session put on the watch before the upgrade is in the log, on its day.
    assert {k for k in synced if k.startswith("2026-W47")} <= set(statuses), label
    first = statuses.get("2026-W47-1")
    if before["completions"] or before["marks"]:
        assert first is not None and first["status"] == "done", (label, first)
    if synced:
        # The runner can still say what became of a session of before the upgrade.
        result = cli("checkin", "--skipped", "--date", FIRST_SESSION_DAY)
        assert result.exit_code == 0, (label, result.output)


@pytest.mark.parametrize("upgraded", LABELS, indirect=True)
def test_the_next_sync_makes_no_duplicate(cli, home, watch, upgraded):
    label, before = upgraded
    on_server = {key: int(w) for key, w in before["remote"] if int(w) in watch.workouts}
    report = sync(cli)
    created = {c["key"] for c in report["created"]}
    assert not created & set(on_server), (label, report["created"])
    entries = [(k, d) for k, d in watch.hipcoach_entries() if d >= UPGRADE_DAY.isoformat()]
    assert entries == sorted((s["key"], s["date"]) for s in report["sessions"]), label
    keys = watch.hipcoach_workouts()
    assert len(keys) == len(set(keys)), (label, keys)
    after = kept(home / "state.db")
    past = {(k, w) for k, w in before["remote"] if k.startswith("2026-W47")}
    assert past <= after["remote"], label  # the past is never touched
    watch.requests.clear()
    report = sync(cli)
    assert watch.mutating_requests() == [], (label, report)


def test_there_is_a_fixture_for_every_shipped_schema() -> None:
    assert LABELS == [
        "schema1",
        "schema2",
        "schema3",
        "schema4",
        "schema5",
        "schema5-904c354",
    ]
    for label in LABELS:
        conn = sqlite3.connect(FIXTURES / f"{label}.db")
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.close()
        assert version == int(label[len("schema")]), label
    assert timedelta(days=5) == UPGRADE_DAY - date.fromisoformat(FIRST_SESSION_DAY)
