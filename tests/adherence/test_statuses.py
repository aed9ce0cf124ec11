"""What became of each session: matching, set counting, statuses, progression, catch-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hipcoach.adherence.catchups import CatchUp, catch_ups
from hipcoach.adherence.completions import CompletedActivity, DoneSet
from hipcoach.adherence.statuses import (
    PlannedExercise,
    PlannedSession,
    adherence_log,
    count_done_sets,
    evaluate,
    progression_adherence,
    session_key_in,
    weekly,
)
from hipcoach.models import CheckIn

MONDAY = date(2026, 11, 16)
TODAY = MONDAY + timedelta(days=9)  # Wednesday of the next week
EXERCISES = (
    PlannedExercise("side_leg_raise", "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 2, True),
    PlannedExercise("single_leg_bridge", "HIP_RAISE", "SINGLE_LEG_HIP_RAISE", 2, True),
    PlannedExercise("glute_bridge", "HIP_RAISE", "HIP_RAISE", 2, False),
)


def session(key: str, day: date, missed_on: date | None = None) -> PlannedSession:
    return PlannedSession(key, day, 6, False, "hash", EXERCISES, missed_on)


def sets(category: str, name: str | None, count: int) -> tuple[DoneSet, ...]:
    return tuple(DoneSet(category=category, exercise_name=name, reps=12) for _ in range(count))


def full() -> tuple[DoneSet, ...]:
    """Everything, as the watch records it: one set per side of each per-side exercise."""
    return (
        sets("HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 4)
        + sets("HIP_RAISE", "SINGLE_LEG_HIP_RAISE", 4)
        + sets("HIP_RAISE", "HIP_RAISE", 2)
    )


def activity(
    ident: str,
    day: date,
    *,
    workout: str | None = None,
    name: str = "Strength",
    done: tuple[DoneSet, ...] | None = None,
) -> CompletedActivity:
    return CompletedActivity(
        source="garmin", activity_id=ident, date=day, name=name, workout_id=workout, sets=done
    )


PLANNED = [
    session("2026-W47-1", MONDAY),
    session("2026-W47-2", MONDAY + timedelta(days=2)),
    session("2026-W47-3", MONDAY + timedelta(days=4)),
    session("2026-W48-1", MONDAY + timedelta(days=7)),
    session("2026-W48-2", MONDAY + timedelta(days=10)),
]
WORKOUTS = {"901": "2026-W47-1", "902": "2026-W47-2", "903": "2026-W47-3", "904": "2026-W48-1"}


def statuses(completions=(), marks=None, checked=TODAY):  # type: ignore[no-untyped-def]
    return {
        s.key: s
        for s in evaluate(
            PLANNED,
            list(completions),
            marks or {},
            workout_ids=WORKOUTS,
            checked_through=checked,
            today=TODAY,
        )
    }


# -- counting sets -----------------------------------------------------------------------------
def test_a_per_side_set_counts_once_both_sides_are_done() -> None:
    assert count_done_sets(PLANNED[0], full()) == 6
    one_side_each = sets("HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 3)
    assert count_done_sets(PLANNED[0], one_side_each) == 1


def test_extra_sets_never_count_beyond_the_plan() -> None:
    assert count_done_sets(PLANNED[0], full() + full()) == 6


def test_a_set_corrected_to_another_exercise_does_not_count() -> None:
    corrected = sets("HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 4) + sets("PLANK", "PLANK", 6)
    assert count_done_sets(PLANNED[0], corrected) == 2


# -- counting by workout step (Garmin's wktStepIndex) -------------------------------------------
#: the article's hip hike has no Garmin catalog name: the watch records its sets by category
HIKE = PlannedExercise("hip_hike", "HIP_STABILITY", "HIP_STABILITY", 2, True, steps=(5, 6))
STEPPED = (
    PlannedExercise("side_leg_raise", "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 2, True, (1, 2)),
    HIKE,
    PlannedExercise("glute_bridge", "HIP_RAISE", "HIP_RAISE", 1, False, steps=(9,)),
)
STEPPED_SESSION = PlannedSession("2026-W47-1", MONDAY, 5, False, "hash", STEPPED)


def in_step(step: int, category: str | None, name: str | None, count: int) -> tuple[DoneSet, ...]:
    done = DoneSet(category=category, exercise_name=name, reps=12, step_index=step)
    return (done,) * count


def test_category_only_sets_count_for_their_step() -> None:
    """Ten of ten sets done count as ten, though the watch named the hip hike's sets by their
    category only (``name: null``): by identity they would count eight."""
    recorded = (
        in_step(1, "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 2)
        + in_step(2, "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 2)
        + in_step(5, "HIP_STABILITY", None, 2)
        + in_step(6, "HIP_STABILITY", None, 2)
        + in_step(9, "HIP_RAISE", "HIP_RAISE", 1)
    )
    assert count_done_sets(STEPPED_SESSION, recorded) == 5
    by_identity = [d.model_copy(update={"step_index": None}) for d in recorded]
    assert count_done_sets(STEPPED_SESSION, by_identity) == 3  # the hike is lost


def test_a_step_counts_a_per_side_set_once_both_sides_are_done() -> None:
    recorded = in_step(5, "HIP_STABILITY", None, 2) + in_step(6, "HIP_STABILITY", None, 1)
    assert count_done_sets(STEPPED_SESSION, recorded) == 1


def test_a_set_in_a_step_corrected_to_another_exercise_does_not_count() -> None:
    recorded = in_step(9, "PLANK", "PLANK", 1) + in_step(1, "HIP_STABILITY", "QUADRUPED", 2)
    assert count_done_sets(STEPPED_SESSION, recorded) == 0


def test_sets_without_a_step_fall_back_to_identity() -> None:
    recorded = in_step(9, "HIP_RAISE", "HIP_RAISE", 1) + sets(
        "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 4
    )
    assert count_done_sets(STEPPED_SESSION, recorded) == 3


def test_a_session_recorded_before_steps_were_kept_counts_by_identity() -> None:
    recorded = in_step(99, "HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 4)
    assert count_done_sets(PLANNED[0], recorded) == 2


def test_workout_steps_number_as_the_fit_writer_does() -> None:
    from hipcoach.adherence.statuses import workout_steps
    from hipcoach.exports.fit import fit_steps
    from hipcoach.programme.generator import ProgrammeSettings, generate, lighten

    settings = ProgrammeSettings(equipment=frozenset({"band", "step"}), max_session_minutes=45)
    sessions = [s for week in generate(settings, MONDAY, weeks=12).weeks for s in week.sessions]
    for planned in [*sessions, *(lighten(s) for s in sessions)]:
        written = fit_steps(planned)
        exercise_steps = [s["message_index"] for s in written if "exercise_category" in s]
        numbered = [i for steps in workout_steps(planned.prescriptions) for i in steps]
        assert numbered == exercise_steps, planned.key
    assert any(p.sets == 1 for s in sessions for p in lighten(s).prescriptions)


# -- statuses -----------------------------------------------------------------------------------
def test_done_partial_skipped_missed_and_planned() -> None:
    found = statuses(
        [
            activity("1", MONDAY, workout="901", done=full()),
            activity("2", MONDAY + timedelta(days=2), workout="902", done=full()[:3]),
        ],
        marks={"2026-W47-3": "skipped"},
    )
    assert {k: s.status for k, s in found.items()} == {
        "2026-W47-1": "done",
        "2026-W47-2": "partial",
        "2026-W47-3": "skipped",
        "2026-W48-1": "missed",
        "2026-W48-2": "planned",  # still to come
    }
    assert (found["2026-W47-1"].done_sets, found["2026-W47-1"].source) == (6, "garmin")
    assert (found["2026-W47-2"].done_sets, found["2026-W47-3"].source) == (1, "checkin")
    assert found["2026-W48-1"].done_sets is None and found["2026-W48-1"].source is None


def test_without_any_completion_source_nothing_is_missed() -> None:
    assert all(s.status == "planned" for s in statuses(checked=None).values())


def test_a_day_not_yet_read_is_not_missed() -> None:
    found = statuses(checked=MONDAY + timedelta(days=3))
    assert found["2026-W47-1"].status == "missed"
    assert found["2026-W47-3"].status == "planned"


def test_matching_by_name_then_by_date_but_never_a_foreign_workout() -> None:
    found = statuses(
        [
            activity("1", MONDAY + timedelta(days=1), name="hipcoach 2026-W47-1 · Hip strength"),
            activity("2", MONDAY + timedelta(days=2)),  # no workout: the day's session
            activity("3", MONDAY + timedelta(days=4), workout="555"),  # the runner's own
        ]
    )
    assert found["2026-W47-1"].status == "done" and found["2026-W47-1"].activity_id == "1"
    assert found["2026-W47-2"].status == "done" and found["2026-W47-2"].activity_id == "2"
    assert found["2026-W47-3"].status == "missed"


def test_strava_activities_have_no_detail_and_count_as_done() -> None:
    strava = CompletedActivity(source="strava", activity_id="7", date=MONDAY, name="Weights")
    found = statuses([strava])["2026-W47-1"]
    assert (found.status, found.done_sets, found.source) == ("done", None, "strava")


def test_the_fullest_of_two_activities_stands_for_the_session() -> None:
    found = statuses(
        [
            activity("1", MONDAY, workout="901", done=full()[:2]),
            activity("2", MONDAY, workout="901", done=full()),
        ]
    )["2026-W47-1"]
    assert (found.activity_id, found.status) == ("2", "done")


def test_the_runners_word_wins_over_the_watch() -> None:
    found = statuses([activity("1", MONDAY, workout="901", done=())], marks={"2026-W47-1": "done"})
    assert found["2026-W47-1"].status == "done" and found["2026-W47-1"].source == "checkin"


def test_session_keys_in_activity_names() -> None:
    assert session_key_in("hipcoach 2026-W48-1 · Hip strength") == "2026-W48-1"
    assert session_key_in("Legs [hipcoach:2026-W49-3]") == "2026-W49-3"
    assert session_key_in("my 2026-W48-1 notes") is None


# -- weeks, progression, catch-ups ----------------------------------------------------------
def test_weeks_count_partial_sessions_as_half_with_the_worst_pain() -> None:
    found = statuses(
        [
            activity("1", MONDAY, workout="901", done=full()),
            activity("2", MONDAY + timedelta(days=2), workout="902", done=full()[:3]),
        ]
    )
    pain = [CheckIn(date=MONDAY + timedelta(days=1), pain=2), CheckIn(date=MONDAY, pain=4)]
    first, second = weekly(list(found.values()), pain)
    assert (first.start, first.planned, first.done, first.pain_max) == (MONDAY, 3, 1.5, 4)
    assert (second.planned, second.done, second.pain_max) == (2, 0.0, None)


def test_progression_counts_known_weeks_and_assumes_what_is_still_to_come() -> None:
    adherence = progression_adherence(list(statuses().values()), 2)
    assert adherence.sessions_done(MONDAY) == 0.0  # all three missed
    assert adherence.sessions_done(MONDAY + timedelta(weeks=1)) == 1.0  # W48-2 still to come
    assert progression_adherence(list(statuses(checked=None).values()), 2).done == {}


def test_a_week_with_everything_done_counts_even_below_the_minimum() -> None:
    one = [session("2026-W47-1", MONDAY)]  # a race week: one session, done
    (done,) = evaluate(
        one,
        [activity("1", MONDAY, workout="901", done=full())],
        {},
        workout_ids=WORKOUTS,
        checked_through=TODAY,
        today=TODAY,
    )
    assert progression_adherence([done], 2).sessions_done(MONDAY) == 2.0


def test_a_session_missed_this_week_is_caught_up_once() -> None:
    found = statuses()
    assert catch_ups(list(found.values()), TODAY) == [
        CatchUp("2026-W48-1", MONDAY + timedelta(days=7))
    ]
    # Once re-placed it stays a catch-up while it is to come; missed again, it is not re-placed.
    moved = session("2026-W48-1", TODAY + timedelta(days=1), missed_on=MONDAY + timedelta(days=7))
    planned = [s for s in PLANNED if s.key != "2026-W48-1"] + [moved]
    again = evaluate(planned, [], {}, workout_ids=WORKOUTS, checked_through=TODAY, today=TODAY)
    assert catch_ups(again, TODAY) == [CatchUp("2026-W48-1", MONDAY + timedelta(days=7))]
    later = TODAY + timedelta(days=3)
    missed_twice = evaluate(
        planned, [], {}, workout_ids=WORKOUTS, checked_through=later, today=later
    )
    assert "2026-W48-1" not in {c.key for c in catch_ups(missed_twice, later)}


def test_the_log_lists_every_week() -> None:
    log = adherence_log(list(statuses().values()), [], TODAY, 4)
    assert [w.start for w in log.weeks] == [MONDAY - timedelta(weeks=2 - i) for i in range(4)]
    assert [w.planned for w in log.weeks] == [0, 0, 3, 2]


def copy_of(
    original: CompletedActivity, source: str, *, minutes_later: float = 0, elapsed: float = 1500
) -> CompletedActivity:
    """The same workout on a service without detail (Strava, intervals.icu)."""
    assert original.started is not None
    return CompletedActivity(
        source=source,
        activity_id=f"{source}-{original.activity_id}",
        date=original.date,
        name=original.name,
        started=original.started + timedelta(minutes=minutes_later),
        elapsed_s=elapsed,
    )


def at(done: CompletedActivity, hour: int = 18) -> CompletedActivity:
    started = datetime(done.date.year, done.date.month, done.date.day, hour, 30, tzinfo=UTC)
    return done.model_copy(update={"started": started, "elapsed_s": 1500.0})


def test_one_workout_on_two_services_counts_once() -> None:
    """Session B done from the watch on session A's day, the watch's activity uploaded to
    Strava: one workout, B's (the watch knows which workout it ran); not A done by Strava's
    copy as well. Strava's copy may start a little apart, or overlap most of it."""
    watch = at(activity("1", MONDAY, workout="902", done=full()))
    for copy in (copy_of(watch, "strava"), copy_of(watch, "intervals", minutes_later=9)):
        found = statuses([watch, copy])
        assert found["2026-W47-2"].status == "done"
        assert found["2026-W47-1"].status == "missed", copy
    # A Strava session at another time of the day is another workout: it counts.
    other = copy_of(watch, "strava", minutes_later=-180)
    assert statuses([watch, other])["2026-W47-1"].status == "done"


def test_a_workout_of_the_runners_own_stays_theirs_on_strava() -> None:
    """The runner's own "Leg day" Garmin workout is not hip work; its Strava copy is that
    same workout: it does not mark the day's session done."""
    own = at(activity("1", MONDAY, workout="555", name="Leg day", done=()))
    found = statuses([own, copy_of(own, "strava")])
    assert found["2026-W47-1"].status == "missed"


def test_none_of_its_sets_done_is_not_done() -> None:
    """The watch ran the session's workout and recorded no set of it (started and stopped, or
    every set corrected to another exercise): not done, and it counts nothing for the week;
    its day passed, it is missed (and caught up once)."""
    (status,) = evaluate(
        [PLANNED[0]],
        [activity("1", MONDAY, workout="901", done=sets("PLANK", "PLANK", 6))],
        {},
        workout_ids=WORKOUTS,
        checked_through=TODAY,
        today=TODAY,
    )
    assert (status.status, status.done_sets, status.source) == ("missed", 0, "garmin")
    assert not status.over
    (week,) = weekly([status], [])
    assert week.done == 0.0


# -- consistency (hypothesis) ---------------------------------------------------------------
@given(
    done=st.lists(st.integers(min_value=0, max_value=4), min_size=3, max_size=3),
    extra=st.integers(min_value=0, max_value=3),
)
def test_statuses_follow_the_recorded_sets(done: list[int], extra: int) -> None:
    recorded: tuple[DoneSet, ...] = ()
    for exercise, count in zip(EXERCISES, done, strict=True):
        per_set = 2 if exercise.per_side else 1
        recorded += sets(exercise.category or "", exercise.exercise_name, count * per_set)
    recorded += sets("PLANK", "PLANK", extra)  # the runner's own extras never count
    (status,) = evaluate(
        [PLANNED[0]],
        [activity("1", MONDAY, workout="901", done=recorded)],
        {},
        workout_ids=WORKOUTS,
        checked_through=TODAY,
        today=TODAY,
    )
    expected = sum(min(count, e.sets) for count, e in zip(done, EXERCISES, strict=True))
    assert status.done_sets == expected <= status.planned_sets
    if expected == 0:  # none of its sets: not done (its day has passed: missed)
        assert status.status == "missed"
        return
    assert status.status == ("done" if expected * 3 >= 2 * status.planned_sets else "partial")
