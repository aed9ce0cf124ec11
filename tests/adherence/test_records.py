"""Adherence records in state.db: what was handed over, what was recorded, what was said."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from hipcoach.adherence.completions import CompletedActivity, DoneSet
from hipcoach.adherence.statuses import PlannedExercise, PlannedSession
from hipcoach.errors import UsageError
from hipcoach.state import open_state
from hipcoach.state.sessions import (
    checked_through,
    completions,
    marks,
    planned_sessions,
    record_mark,
    record_planned,
    session_of,
    store_completions,
)

TODAY = date(2026, 11, 25)
EXERCISE = (PlannedExercise("bird_dog", "HIP_STABILITY", "QUADRUPED_WITH_LEG_LIFT", 2, True),)


def planned(key: str, day: date, sets: int = 2, missed_on: date | None = None) -> PlannedSession:
    return PlannedSession(key, day, sets, False, f"hash{sets}", EXERCISE, missed_on)


@pytest.fixture
def state(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


def test_the_past_is_frozen_and_the_window_replaced(state) -> None:  # type: ignore[no-untyped-def]
    past = TODAY - timedelta(days=2)
    record_planned(state, [planned("W-1", past), planned("W-2", TODAY)], past, TODAY)
    # Tonight's plan: W-1 would be different (it is past: it stays), W-2 moved, W-3 new.
    later = [planned("W-1", past, sets=9), planned("W-3", TODAY + timedelta(days=2))]
    record_planned(state, later, TODAY, TODAY + timedelta(days=6))
    found = {s.key: s for s in planned_sessions(state)}
    assert found["W-1"].planned_sets == 2  # frozen
    assert "W-2" not in found  # no longer planned in the window
    assert found["W-3"].date == TODAY + timedelta(days=2)


def test_a_catch_up_moves_its_own_past_session(state) -> None:  # type: ignore[no-untyped-def]
    missed = TODAY - timedelta(days=1)
    record_planned(state, [planned("W-1", missed)], missed, missed)
    record_planned(
        state,
        [planned("W-1", TODAY + timedelta(days=1), missed_on=missed)],
        TODAY,
        TODAY + timedelta(days=6),
    )
    (session,) = planned_sessions(state)
    assert (session.date, session.missed_on) == (TODAY + timedelta(days=1), missed)


def test_completions_keep_their_sets_until_edited_and_go_when_deleted(state) -> None:  # type: ignore[no-untyped-def]
    sets = (DoneSet(category="HIP_RAISE", exercise_name="HIP_RAISE", reps=10),)
    first = CompletedActivity(
        source="garmin", activity_id="1", date=TODAY, sets=sets, fingerprint="a"
    )
    other = CompletedActivity(
        source="garmin", activity_id="2", date=TODAY, sets=(), fingerprint="b"
    )
    store_completions(state, "garmin", TODAY, [first, other], TODAY)
    unchanged = first.model_copy(update={"sets": None})
    assert store_completions(state, "garmin", TODAY, [unchanged], TODAY) == (1, 1)
    (kept,) = completions(state)
    assert kept.sets == sets  # the stored sets stand; activity 2 was deleted in Connect
    edited = first.model_copy(update={"sets": (), "fingerprint": "c"})
    store_completions(state, "garmin", TODAY, [edited], TODAY + timedelta(days=1))
    assert completions(state)[0].sets == ()
    assert checked_through(state) == TODAY + timedelta(days=1)


def test_a_mark_needs_a_session_that_day(state) -> None:  # type: ignore[no-untyped-def]
    record_planned(state, [planned("W-1", TODAY)], TODAY, TODAY)
    record_mark(state, session_of(state, TODAY), "skipped")
    assert marks(state) == {"W-1": "skipped"}
    with pytest.raises(UsageError, match="no session was planned"):
        session_of(state, TODAY - timedelta(days=1))


def test_a_mark_finds_a_session_caught_up_since(state) -> None:  # type: ignore[no-untyped-def]
    missed = TODAY - timedelta(days=1)
    record_planned(
        state,
        [planned("W-1", TODAY + timedelta(days=1), missed_on=missed)],
        TODAY,
        TODAY + timedelta(days=6),
    )
    assert session_of(state, missed).key == "W-1"


def test_a_catch_up_no_longer_planned_goes_back_to_its_day(state) -> None:  # type: ignore[no-untyped-def]
    missed = TODAY - timedelta(days=1)
    week = (TODAY, TODAY + timedelta(days=6))
    record_planned(state, [planned("W-1", TODAY + timedelta(days=1), missed_on=missed)], *week)
    record_planned(state, [], *week)  # the catch-up's day became impossible: dropped
    (session,) = planned_sessions(state)
    assert (session.date, session.missed_on) == (missed, missed)  # still there, still missed


def test_sessions_that_are_over_are_kept(state) -> None:  # type: ignore[no-untyped-def]
    record_planned(state, [planned("W-1", TODAY)], TODAY, TODAY)
    record_planned(state, [], TODAY, TODAY, keep=["W-1"])
    assert [s.key for s in planned_sessions(state)] == ["W-1"]


def test_checkin_done_and_skipped_from_the_cli(cli, home) -> None:  # type: ignore[no-untyped-def]
    result = cli("checkin", "--done")
    assert result.exit_code == 2 and "no session was planned" in result.stderr
    assert "Traceback" not in result.output
    today = date.today()
    state = open_state(home / "state.db")
    record_planned(state, [planned("2026-W48-1", today)], today, today)
    state.close()
    assert cli("checkin", "--skipped").exit_code == 0
    (session,) = json.loads(cli("log", "--json").stdout)["sessions"]
    assert (session["status"], session["source"]) == ("skipped", "checkin")
