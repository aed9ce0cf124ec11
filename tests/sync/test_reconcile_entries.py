"""The reconcile on a target whose calendar entries are their own workouts (an intervals.icu
event: its workout id is the session's marker, so a copy carries the very same id): an entry
is hipcoach's only when state.db records that entry, and the rule of adoption is the
Garmin one (the one entry on the very day, or hipcoach's own write whose answer was lost on
the day it went to). Pure: hand-made records and calendars."""

from __future__ import annotations

from datetime import date, timedelta

from hipcoach.models import ScheduledSession
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
from hipcoach.programme.generator import ProgrammeSettings, generate
from hipcoach.state.remote import RemoteRecord
from hipcoach.sync.reconcile import ActionKind, Snapshot, held_entries, reconcile

MONDAY = date(2026, 11, 2)
END = MONDAY + timedelta(days=13)
SESSION = generate(ProgrammeSettings(), MONDAY, weeks=1).weeks[0].sessions[0]
KEY = SESSION.key
WORKOUT = f"hipcoach:i1:{KEY}"  # the marker is the workout id
DAY = MONDAY + timedelta(days=2)


def desired(on: date = DAY) -> dict[str, ScheduledSession]:
    return {KEY: ScheduledSession(session=SESSION, date=on, reason="test")}


def record(schedule_id: str | None, on: date = DAY) -> dict[str, RemoteRecord]:
    return {KEY: RemoteRecord(KEY, on, SESSION.content_hash, WORKOUT, schedule_id, False)}


def entry(schedule_id: str, on: date) -> RemoteScheduleEntry:
    return RemoteScheduleEntry(schedule_id, WORKOUT, on)


def kinds(actions) -> list[tuple[ActionKind, str | None]]:  # type: ignore[no-untyped-def]
    return [(a.kind, a.schedule_id) for a in actions]


def test_a_copy_of_a_recorded_entry_is_no_stray_where_entries_are_workouts():
    calendar = [entry("1", DAY), entry("2", DAY + timedelta(days=1))]  # "2": the runner's copy
    per_entry = reconcile(desired(), record("1"), Snapshot(calendar, None, True), MONDAY, END)
    assert per_entry == []
    garmin = reconcile(desired(), record("1"), Snapshot(calendar), MONDAY, END)
    assert kinds(garmin) == [(ActionKind.STRAY, "2")]  # a second entry of one workout


def test_a_lost_write_is_adopted_on_the_day_it_went_to_and_moved_to_the_new_plan():
    listed = [RemoteWorkout(WORKOUT, KEY)]
    snapshot = Snapshot([entry("7", DAY)], listed, True)
    actions = reconcile(desired(DAY + timedelta(days=1)), record(None), snapshot, MONDAY, END)
    assert kinds(actions) == [(ActionKind.ADOPT_SCHEDULE, "7"), (ActionKind.MOVE, "7")]
    assert held_entries(snapshot, record(None)) == {"7"}


def test_two_unrecorded_entries_on_one_day_are_neither_taken():
    listed = [RemoteWorkout(WORKOUT, KEY)]
    snapshot = Snapshot([entry("7", DAY), entry("8", DAY)], listed, True)
    (action,) = reconcile(desired(), record(None), snapshot, MONDAY, END)
    assert action.kind is ActionKind.SCHEDULE and action.left == (DAY,)
    assert held_entries(snapshot, record(None)) == set()


def test_an_unrecorded_entry_on_another_day_is_left_and_named():
    listed = [RemoteWorkout(WORKOUT, KEY)]
    beside = DAY + timedelta(days=1)
    (action,) = reconcile(desired(), {}, Snapshot([entry("9", beside)], listed, True), MONDAY, END)
    assert action.kind is ActionKind.CREATE and action.left == (beside,)
    assert "no record of stays on" in action.describe()


def test_the_one_unrecorded_entry_on_the_very_day_is_adopted_and_rewritten_through_it():
    listed = [RemoteWorkout(WORKOUT, KEY)]
    actions = reconcile(desired(), {}, Snapshot([entry("9", DAY)], listed, True), MONDAY, END)
    assert kinds(actions) == [(ActionKind.ADOPT_ENTRY, "9"), (ActionKind.UPDATE, "9")]
