"""The view model: everything the page shows, mapped from the domain in one place."""

from __future__ import annotations

from datetime import date, timedelta

from hipcoach import DISCLAIMER
from hipcoach.models import CheckIn, Prescription
from hipcoach.programme import catalog
from hipcoach.report.view import build_report, exercise_view
from tests.report.conftest import TODAY, sample_plan


def test_sessions_carry_date_key_and_the_schedulers_reason(plan):
    view = build_report(plan, today=TODAY)
    assert [(s.date, s.key, s.reason) for s in view.sessions] == [
        (s.date, s.session.key, s.reason) for s in plan.sessions
    ]
    assert all(s.estimated_minutes > 0 and s.exercises for s in view.sessions)


def test_calendar_is_whole_weeks_covering_the_window(plan):
    view = build_report(plan, today=TODAY)
    days = [d for week in view.calendar for d in week]
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in view.calendar)
    in_window = [d.date for d in days if d.in_window]
    assert in_window == [TODAY + timedelta(days=i) for i in range(14)]
    assert [d.date for d in days if d.is_today] == [TODAY]
    placed = {d.session.key: d.date for d in days if d.session}
    assert placed == {s.session.key: s.date for s in plan.sessions}


def test_calendar_shows_recorded_runs_and_expected_long_runs_and_races():
    last_week = TODAY - timedelta(days=TODAY.weekday() + 7)
    race = last_week + timedelta(days=12)
    view = build_report(sample_plan(races=(race,), start=last_week), today=TODAY)
    runs = [r for week in view.calendar for d in week for r in d.runs]
    assert any(r.kind == "race" and r.expected and r.date == race for r in runs)
    recorded = [r for r in runs if not r.expected]
    # Last week is the sample runner's last recorded week: its runs and its long run show.
    assert len(recorded) >= 3 and all(r.distance_km for r in recorded)
    assert any(r.kind == "long" for r in recorded)


def test_calendar_shows_the_expected_long_runs(plan):
    view = build_report(plan, today=TODAY)
    expected = [r.date for week in view.calendar for d in week for r in d.runs if r.expected]
    # The sample runner's long runs are on Sundays.
    assert expected == [TODAY + timedelta(days=4), TODAY + timedelta(days=11)]


def test_week_exercises_are_a_full_sessions_with_dose_and_article_text(plan):
    view = build_report(plan, today=TODAY)
    first = plan.sessions[0].session
    assert [e.key for e in view.exercises] == [p.key for p in first.prescriptions]
    side = view.exercises[0]
    assert side.dose == "2 × 20 each side" and side.from_article
    assert side.instructions == catalog.get("side_leg_raise").instructions
    assert (side.variant, side.load, side.equipment, side.rung) == (
        "Side leg raise",
        "bodyweight",
        (),
        0,
    )


def test_light_sessions_are_race_week_sessions():
    race = TODAY + timedelta(days=11)  # the second Sunday
    view = build_report(sample_plan(races=(race,)), today=TODAY)
    monday = race - timedelta(days=race.weekday())
    race_week = [s for s in view.sessions if monday <= s.date <= race]
    assert race_week and all(s.light for s in race_week)
    # Every other session is as light as the programme made it (the day before a quality run).
    plan = sample_plan(races=(race,))
    assert [s.light for s in view.sessions] == [s.session.light for s in plan.sessions]


def test_progression_decision_of_the_first_week(plan):
    progression = build_report(plan, today=TODAY).progression
    assert progression is not None
    assert (progression.week, progression.decision) == (1, "start")


def test_weekly_distance_covers_ten_weeks_ending_this_week(plan):
    view = build_report(plan, today=TODAY)
    weeks = view.weekly_distance
    assert len(weeks) == 10 and weeks[-1].start == TODAY - timedelta(days=TODAY.weekday())
    assert sum(w.km for w in weeks[:-1]) > 300  # the sample runner runs 40-50 km a week


def test_pain_history_and_the_see_a_physio_warning(plan, checkins):
    view = build_report(plan, today=TODAY, checkins=checkins)
    assert [p.pain for p in view.pain] == [1, 3, 2]
    assert view.warning is None
    bad = [*checkins, CheckIn(date=TODAY - timedelta(days=1), pain=7)]
    warning = build_report(plan, today=TODAY, checkins=bad).warning
    assert warning and "7/10" in warning and "physiotherapist" in warning
    assert build_report(plan, today=TODAY).disclaimer == DISCLAIMER


def test_old_checkins_are_left_out(plan):
    old = [CheckIn(date=date(2020, 1, 1), pain=4)]
    assert build_report(plan, today=TODAY, checkins=old).pain == ()


def test_each_exercise_shows_its_rungs_own_picture(plan):
    view = build_report(plan, today=TODAY)
    first = plan.sessions[0].session
    assert [e.picture for e in view.exercises] == [p.variant.picture for p in first.prescriptions]
    assert all(e.picture for e in view.exercises)


def test_per_side_holds_read_as_seconds():
    exercise = catalog.get("side_plank")
    plank = Prescription(
        exercise=exercise,
        variant=exercise.base_variant,
        rung=0,
        sets=2,
        seconds=30,
        rest_seconds=45,
    )
    view = exercise_view(plank)
    assert view.dose == "2 × 30 s each side" and view.seconds == 30 and view.reps is None
