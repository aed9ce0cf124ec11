"""The core sync engine against an in-memory target: idempotence, drift, faults, crashes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hipcoach.config import AthleteConfig, Config
from hipcoach.errors import CredentialsError, RateLimited
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.state import open_state
from hipcoach.state.remote import RemoteRecords
from hipcoach.sync.job import run_sync
from hipcoach.sync.reconcile import ActionKind
from tests.fakes.target import FakeTarget, InjectedFault
from tests.strava_shapes import weekly_history

TODAY = date(2026, 11, 24)  # a Tuesday
LAST_MONDAY = date(2026, 11, 16)


@pytest.fixture
def state(tmp_path):
    db = open_state(tmp_path / "state.db")
    db.upsert_runs("test", runs_from_activities(weekly_history(LAST_MONDAY, 6), "t"))
    return db


def sync(state, target, *, today=TODAY, config=None, dry_run=False):
    return run_sync(
        config=config or Config(athlete=AthleteConfig(start_date=date(2026, 11, 16))),
        state=state,
        source=None,
        target=("fake", target),
        today=today,
        days=14,
        dry_run=dry_run,
    )


def desired(result):
    return {(s.session.key, s.date) for s in result.plan.sessions}


def assert_exactly_planned(target, result):
    assert {k for k, _ in target.calendar() if k} == {k for k, _ in desired(result)}
    assert {c for c in target.calendar() if c[0]} == desired(result)
    keys = [w["key"] for w in target.ours().values()]
    assert sorted(keys) == sorted(set(keys)), "duplicate workouts"
    assert set(keys) == {k for k, _ in desired(result)}, "orphan or missing workouts"


def test_first_sync_creates_and_schedules_every_session(state):
    target = FakeTarget()
    result = sync(state, target)
    assert result.exit_code == 0
    assert_exactly_planned(target, result)
    assert len(result.outcome.report()["created"]) == len(result.plan.sessions) >= 4
    records = RemoteRecords(state, "fake").all()
    assert all(r.workout_id and r.schedule_id for r in records.values())


def test_quiet_night_makes_no_mutating_call_and_one_read(state):
    target = FakeTarget()
    sync(state, target)
    target.calls.clear()
    result = sync(state, target)
    assert target.calls == ["list_scheduled"]
    assert result.actions == []


def test_dry_run_changes_nothing(state):
    target = FakeTarget()
    result = sync(state, target, dry_run=True)
    assert target.mutations() == [] and target.workouts == {}
    assert {a.kind for a in result.actions} == {"create"}
    assert RemoteRecords(state, "fake").all() == {}


def test_moved_long_run_moves_sessions_and_keeps_the_past(state):
    target = FakeTarget()
    first = sync(state, target)
    past = min(s.date for s in first.plan.sessions)
    later = past + timedelta(days=1)
    config = Config(athlete=AthleteConfig(start_date=date(2026, 11, 16), long_run_day="wednesday"))
    second = sync(state, target, today=later, config=config)
    assert second.exit_code == 0
    assert second.outcome.report()["moved"] or second.outcome.report()["deleted"]
    assert (first.plan.sessions[0].session.key, past) in target.calendar()  # the past stays
    future = {c for c in target.calendar() if c[0] and c[1] >= later}
    assert future == desired(second)
    for _, day in future:
        assert day.weekday() != 1  # never the day before the new Wednesday long run


def test_race_added_removes_sessions_before_it(state):
    target = FakeTarget()
    sync(state, target)
    race = TODAY + timedelta(days=4)
    config = Config(athlete=AthleteConfig(start_date=date(2026, 11, 16), races=[race]))
    result = sync(state, target, config=config)
    assert result.outcome.report()["deleted"]
    for _, day in target.calendar():
        assert not 0 <= (race - day).days <= 2
    assert_exactly_planned(target, result)


def test_workout_deleted_by_the_runner_is_restored(state):
    target = FakeTarget()
    first = sync(state, target)
    victim = next(iter(target.ours()))
    del target.workouts[victim]
    target.schedules = {s: v for s, v in target.schedules.items() if v[0] != victim}
    result = sync(state, target)
    assert result.outcome.report()["created"]
    assert_exactly_planned(target, result)
    assert desired(result) == desired(first)


def test_unscheduled_by_the_runner_is_put_back_without_a_new_workout(state):
    target = FakeTarget()
    sync(state, target)
    sid = next(iter(target.schedules))
    del target.schedules[sid]
    before = set(target.workouts)
    result = sync(state, target)
    assert set(target.workouts) == before
    assert result.outcome.report()["repaired"]
    assert_exactly_planned(target, result)


def test_duplicate_of_ours_is_removed_and_foreign_workouts_untouched(state):
    target = FakeTarget()
    foreign = target.add_foreign("Leg day", TODAY + timedelta(days=2))
    result = sync(state, target)
    wid, (_, day) = next(
        (w, v)
        for w, v in [(v[0], v) for v in target.schedules.values()]
        if target.workouts[w]["key"]
    )
    target.schedules["dup"] = (wid, day + timedelta(days=1))
    result = sync(state, target)
    assert_exactly_planned(target, result)
    assert foreign in target.workouts
    assert ("dup" not in target.schedules) and result.outcome.report()["repaired"]


@pytest.mark.parametrize("mode", ["before", "after"])
def test_a_fault_at_every_position_then_a_clean_run_ends_exactly_right(tmp_path, mode):
    reference_state = open_state(tmp_path / "ref.db")
    reference_state.upsert_runs("t", runs_from_activities(weekly_history(LAST_MONDAY, 6), "t"))
    reference = FakeTarget()
    clean = sync(reference_state, reference)
    total = len(reference.mutations())
    assert total >= 8
    for position in range(1, total + 1):
        state = open_state(tmp_path / f"{mode}-{position}.db")
        state.upsert_runs("t", runs_from_activities(weekly_history(LAST_MONDAY, 6), "t"))
        target = FakeTarget()
        foreign = target.add_foreign("Foreign", TODAY + timedelta(days=3))
        target.fail_at, target.fail_mode = position, mode
        failed = sync(state, target)
        assert failed.exit_code == 75, (position, mode)
        target.fail_at = None
        repaired = sync(state, target)
        assert repaired.exit_code == 0
        assert desired(repaired) == desired(clean)
        assert_exactly_planned(target, repaired)
        assert foreign in target.workouts
        target.calls.clear()
        sync(state, target)
        assert target.mutations() == [], (position, mode, target.calls)


def test_crash_between_remote_create_and_state_write(state, monkeypatch):
    target = FakeTarget()

    def crash(self, key, workout_id):
        raise KeyboardInterrupt("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(RemoteRecords, "set_workout", crash)
        with pytest.raises(KeyboardInterrupt):
            sync(state, target)
    assert len(target.ours()) == 1  # created remotely, unknown locally
    result = sync(state, target)
    assert "list_owned_workouts" in target.calls
    assert_exactly_planned(target, result)


def test_one_failing_session_does_not_stop_the_others(state):
    target = FakeTarget()
    target.fail_at, target.fail_mode = 1, "before"
    result = sync(state, target)
    assert result.exit_code == 75
    assert len(result.outcome.done) == len(result.plan.sessions) - 1


def test_a_failing_action_leaves_its_sessions_other_actions_to_the_next_night(state):
    """A session whose update fails is not also moved that night (the move would ask the
    same failed question again, or put stale content on the new day): the next night does
    both."""
    target = FakeTarget()
    sync(state, target)
    config = Config(athlete=AthleteConfig(start_date=date(2026, 11, 16), long_run_day="wednesday"))
    planned = sync(state, target, config=config, dry_run=True).actions
    updated = {a.key for a in planned if a.kind is ActionKind.UPDATE}
    moved = {a.key for a in planned if a.kind is ActionKind.MOVE}
    assert updated & moved  # a session that both changes and moves (light the day after)
    update = target.update_workout

    def fail_once(workout_id, session):  # type: ignore[no-untyped-def]
        target.update_workout = update  # type: ignore[method-assign]
        raise InjectedFault("injected failure")

    target.update_workout = fail_once  # type: ignore[method-assign]
    failed = sync(state, target, config=config)
    ((action, _),) = failed.outcome.failures
    assert action.kind is ActionKind.UPDATE
    done = {(a.key, a.kind) for a in failed.outcome.done}
    assert (action.key, ActionKind.MOVE) not in done  # not moved either
    assert failed.outcome.done  # the other sessions went ahead
    assert_exactly_planned(target, sync(state, target, config=config))


@pytest.mark.parametrize("fault", [CredentialsError("expired"), RateLimited("429")])
def test_credentials_and_rate_limits_stop_the_run(state, fault):
    target = FakeTarget()
    target.fail_at, target.fault = 1, fault
    result = sync(state, target)
    assert result.outcome.done == []
    assert result.exit_code == fault.exit_code
    target.fail_at = None
    assert_exactly_planned(target, sync(state, target))


def test_a_session_rebooked_by_the_runner_is_adopted_not_duplicated(state):
    target = FakeTarget()
    first = sync(state, target)
    item = first.plan.sessions[1]
    sid, (wid, _) = next(
        (s, v)
        for s, v in target.schedules.items()
        if target.workouts[v[0]]["key"] == item.session.key
    )
    del target.schedules[sid]
    target.schedules["rebooked"] = (wid, item.date + timedelta(days=1))
    result = sync(state, target)
    entries = [d for w, d in target.schedules.values() if w == wid]
    assert entries == [item.date]
    assert {a.kind for a in result.actions} == {"adopt_schedule", "move"}
    assert_exactly_planned(target, result)


def test_a_planned_delete_is_not_also_a_duplicate(state):
    target = FakeTarget()
    sync(state, target)
    race = TODAY + timedelta(days=4)
    config = Config(athlete=AthleteConfig(start_date=date(2026, 11, 16), races=[race]))
    target.calls.clear()
    result = sync(state, target, config=config)
    report = result.outcome.report()
    assert report["deleted"] and not report["repaired"]
    assert target.calls.count("unschedule") == len(report["deleted"]) + len(report["moved"])


def test_a_lost_state_db_adopts_what_is_on_the_calendar(state, tmp_path):
    target = FakeTarget()
    first = sync(state, target)
    workouts_before = set(target.ours())
    fresh = open_state(tmp_path / "fresh.db")
    fresh.upsert_runs("test", state.cached_runs())
    target.calls.clear()
    result = sync(fresh, target)
    assert result.exit_code == 0
    assert set(target.ours()) == workouts_before  # nothing deleted, nothing recreated
    assert "create_workout" not in target.calls and "delete_workout" not in target.calls
    assert desired(result) == desired(first)
    assert_exactly_planned(target, result)
    target.calls.clear()
    sync(fresh, target)
    assert target.mutations() == []


def test_the_past_is_kept_when_state_is_lost_midweek(state, tmp_path):
    target = FakeTarget()
    first = sync(state, target)
    done = first.plan.sessions[0]
    later = done.date + timedelta(days=2)
    fresh = open_state(tmp_path / "fresh.db")
    fresh.upsert_runs("test", state.cached_runs())
    result = sync(fresh, target, today=later)
    keys = [w["key"] for w in target.ours().values()]
    assert keys.count(done.session.key) == 1  # the done session is not planned again
    assert (done.session.key, done.date) in target.calendar()
    assert done.session.key not in {s.session.key for s in result.plan.sessions}


def test_a_shorter_window_leaves_later_sessions_alone(state):
    target = FakeTarget()
    run_sync(
        config=Config(athlete=AthleteConfig(start_date=date(2026, 11, 16))),
        state=state,
        source=None,
        target=("fake", target),
        today=TODAY,
        days=28,
    )
    before = target.calendar()
    target.calls.clear()
    result = sync(state, target)  # back to 14 days
    assert target.mutations() == []
    assert target.calendar() == before
    assert result.exit_code == 0


def test_an_unreadable_calendar_changes_nothing_and_keeps_the_worst_code(state, monkeypatch):
    target = FakeTarget()
    sync(state, target)

    def broken(start, end):
        raise RateLimited("Garmin said 429")

    monkeypatch.setattr(target, "list_scheduled", broken)
    result = sync(state, target)
    assert result.exit_code == 75
    assert result.outcome.aborted is not None and result.actions == []


def foreign_on_first_session(state, target):
    """A foreign workout on the day of the first planned session (its name is irrelevant)."""
    first = sync(state, target, dry_run=True).plan.sessions[0]
    workout_id = target.add_foreign(f"hipcoach {first.session.key} · my old plan", first.date)
    entry = next(s for s, (w, _) in target.schedules.items() if w == workout_id)
    return workout_id, entry, dict(target.workouts[workout_id])


def test_foreign_entries_are_never_touched_also_after_a_lost_state_db(state, tmp_path):
    target = FakeTarget()
    foreign, entry, original = foreign_on_first_session(state, target)
    for night in range(3):
        fresh = open_state(tmp_path / f"lost-{night}.db")  # state.db lost every night
        fresh.upsert_runs("test", state.cached_runs())
        result = sync(fresh, target)
        assert result.exit_code == 0, result.outcome.failures
        assert target.workouts[foreign] == original and entry in target.schedules
        assert_exactly_planned(target, result)
        if night:
            assert "create_workout" not in target.calls  # adopted by the marker
        target.calls.clear()


def test_a_foreign_workout_recorded_by_an_older_version_is_dropped_and_replaced(state):
    target = FakeTarget()
    first = sync(state, target)
    foreign, entry, original = foreign_on_first_session(state, target)
    item = first.plan.sessions[0]
    # What the title-matching adoption of older versions left behind: the look-alike recorded
    # for the session, and the real workout gone.
    ours = next(w for w, v in target.workouts.items() if v["key"] == item.session.key)
    target.delete_workout(ours)
    records = RemoteRecords(state, "fake")
    records.begin_create(item.session.key, item.date, "")
    records.set_workout(item.session.key, foreign)
    records.set_schedule(item.session.key, entry, item.date)

    result = sync(state, target)
    assert result.exit_code == 0, result.outcome.failures
    assert target.workouts[foreign] == original and entry in target.schedules
    assert_exactly_planned(target, result)
    assert RemoteRecords(state, "fake").all()[item.session.key].workout_id != foreign
    target.calls.clear()
    assert sync(state, target).exit_code == 0 and target.mutations() == []
