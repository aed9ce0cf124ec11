"""The scheduler: hard rules on generated histories, preferences, reasons, races."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations, pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.config import AthleteConfig, Config
from hipcoach.models import CheckIn
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.schedule.planner import plan_schedule
from hipcoach.schedule.rules import full_weeks, hard_rule_violations
from hipcoach.schedule.scheduler import FixedSession, blocked_reason
from tests.strava_shapes import activity, weekly_history

START_MONDAY = date(2026, 11, 23)


def make_plan(acts, start, *, days=14, races=(), programme_start=None, checkins=(), **athlete):
    config = Config(athlete=AthleteConfig(**athlete))
    return plan_schedule(
        config,
        config.programme_settings(),
        runs=runs_from_activities(acts, "test"),
        checkins=list(checkins),
        first_day=programme_start or start - timedelta(days=start.weekday()),
        start=start,
        days=days,
        extra_races=races,
    )


def dates(plan):
    return [s.date for s in plan.sessions]


def max_feasible(plan, week):
    """Brute force: the most non-consecutive allowed days in one ISO week, given the sessions
    placed in the neighbouring weeks (a Sunday session rules out the next Monday)."""
    request = plan.request
    outside = {d for d in dates(plan) if not week <= d <= week + timedelta(days=6)}
    allowed = [
        day
        for day in (week + timedelta(days=i) for i in range(7))
        if blocked_reason(request, day) is None
        and not {day - timedelta(days=1), day + timedelta(days=1)} & outside
    ]
    best = 0
    for size in range(1, len(allowed) + 1):
        for combo in combinations(allowed, size):
            if all((b - a).days >= 2 for a, b in pairwise(combo)):
                best = size
    return best


def full_session(request, session, day):
    """The session the programme holds for that key on ``day`` (from a check-in above 5/10
    on, the step-down's) that the scheduled one was made from."""
    week = next(w for w in request.programme.weeks if w.week == session.week)
    return week.on(day, next(s for s in week.sessions if s.key == session.key))


def assert_lighter(light, full):
    """Never a harder rung, never more sets or reps, and less work in total."""
    assert light.light and light.light_note
    pairs = list(zip(light.prescriptions, full.prescriptions, strict=True))
    for a, b in pairs:
        assert a.key == b.key and a.rung <= b.rung and a.sets <= b.sets
        assert (a.reps or a.seconds or 0) <= (b.reps or b.seconds or 0)
    assert light.volume() < full.volume()
    assert light.estimated_seconds() < full.estimated_seconds()


def assert_light_sessions_are_lighter(plan):
    request = plan.request
    races = set(request.races) | {r.date for r in plan.runs if r.kind == "race"}
    for item in plan.sessions:
        full = full_session(request, item.session, item.date)
        if item.session.light and not full.light:
            assert_lighter(item.session, full)
        elif item.session.light:  # the programme made it light: a race week, pain
            assert full.phase == "race" or full.light_note, full.title
            assert item.session.prescriptions == full.prescriptions
        assert ("light session" in item.reason) == item.session.light, item.reason
        quality = request.workout_weekday is not None and (
            (item.date + timedelta(days=1)).weekday() == request.workout_weekday
        )
        after_race = any(
            0 < (item.date - r).days <= 7 and not any(r < o.date < item.date for o in plan.sessions)
            for r in races
        )
        if quality or after_race:
            assert item.session.light or "lightest dose" in item.reason, item.reason


def assert_valid(plan, max_per_week=3, min_per_week=2):
    request = plan.request
    assert hard_rule_violations(plan.sessions, request, max_per_week) == []
    races = set(request.races) | {r.date for r in plan.runs if r.kind == "race"}
    assert not {d - timedelta(days=1) for d in dates(plan)} & races, "rule 6: day after a race"
    assert_light_sessions_are_lighter(plan)
    assert all(request.start <= d <= request.end for d in dates(plan))
    assert len(set(dates(plan))) == len(dates(plan))
    for week in full_weeks(request.start, request.end):
        if any(week <= r <= week + timedelta(days=6) for r in request.races):
            continue
        count = sum(week <= d <= week + timedelta(days=6) for d in dates(plan))
        assert count >= min(min_per_week, max_feasible(plan, week)), (week, dates(plan))
    keys = request.key_days()
    for day, key in keys.items():
        after = day + timedelta(days=1)
        if key.kind != "long" or not request.start <= after <= request.end:
            continue
        if blocked_reason(request, after) is not None:
            continue
        neighbours = {after - timedelta(days=1), after + timedelta(days=1)}
        assert after in dates(plan) or neighbours & set(dates(plan)), (
            f"no session the day after the long run on {day}: {dates(plan)}"
        )


# -- the runners -----------------------------------------------------------------


def test_sunday_long_runner_gets_mondays():
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6, long_weekday=6)
    plan = make_plan(acts, START_MONDAY, days=14)
    assert_valid(plan)
    assert START_MONDAY in dates(plan) and START_MONDAY + timedelta(weeks=1) in dates(plan)
    assert START_MONDAY + timedelta(days=5) not in dates(plan)  # the day before Sunday


def test_untagged_saturday_long_runner_gets_sundays():
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6, long_weekday=5, tag_long=False)
    plan = make_plan(acts, START_MONDAY, days=14)
    assert plan.request.long_run_weekday == 5 and plan.long_run_source == "history"
    assert_valid(plan)
    assert {START_MONDAY + timedelta(days=6), START_MONDAY + timedelta(days=13)} <= set(dates(plan))
    assert not {START_MONDAY + timedelta(days=4), START_MONDAY + timedelta(days=11)} & set(
        dates(plan)
    )


def test_dawn_long_runner_in_sydney_is_placed_on_local_dates():
    # Sunday 05:30 in Sydney is Saturday evening in UTC; the runner's long run is Sunday.
    acts = [
        activity(
            START_MONDAY - timedelta(weeks=w, days=1),
            24,
            minutes=130,
            hour=5,
            minute=30,
            utc_offset_h=11,
            workout_type=None,
            ident=w,
        )
        for w in range(6)
    ] + [
        activity(
            START_MONDAY - timedelta(weeks=w, days=5),
            8,
            hour=5,
            minute=30,
            utc_offset_h=11,
            ident=100 + w,
        )
        for w in range(6)
    ]
    plan = make_plan(acts, START_MONDAY, timezone="Australia/Sydney")
    assert plan.request.long_run_weekday == 6
    assert_valid(plan)
    assert START_MONDAY in dates(plan)
    assert START_MONDAY + timedelta(days=5) not in dates(plan)


def test_race_in_two_weeks():
    race = START_MONDAY + timedelta(days=13)  # Sunday of the second week
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    plan = make_plan(acts, START_MONDAY, days=21, races=[race])
    assert_valid(plan)
    race_week = [d for d in dates(plan) if START_MONDAY + timedelta(7) <= d <= race]
    assert len(race_week) <= 1
    assert all((race - d).days >= 3 for d in race_week)
    light = [s for s in plan.sessions if s.date in race_week]
    assert all(s.session.phase == "race" and s.session.light for s in light)
    assert all("race week" in s.reason and "light session" in s.reason for s in light)
    # No progression in the taper: the weeks around the race hold.
    by_week = {s.session.week: s.session for s in plan.sessions}
    assert all(s.step == 0 for s in by_week.values())


def test_no_session_the_day_after_a_race_and_the_first_one_after_is_light():
    race = START_MONDAY + timedelta(days=9)  # a Wednesday race
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    plan = make_plan(acts, START_MONDAY, days=21, races=[race])
    assert_valid(plan)
    assert race + timedelta(days=1) not in dates(plan)
    assert blocked_reason(plan.request, race + timedelta(days=1)) == "day after a race"
    after = [s for s in plan.sessions if s.date > race]
    assert after and after[0].session.light
    assert f"first session since your race on {race:%a %d %b}" in after[0].reason
    assert_lighter(after[0].session, full_session(plan.request, after[0].session, after[0].date))
    assert not any(s.session.light for s in after[1:] if s.session.phase != "race")


def test_the_checker_catches_a_session_the_day_after_a_race():
    race = START_MONDAY + timedelta(days=2)
    recorded = [activity(race, 21.1, workout_type=1, ident=1, name="Half")]
    plan = make_plan(recorded, race + timedelta(days=1), days=7)
    assert race + timedelta(days=1) not in dates(plan)
    assert "first session since your race" in plan.sessions[0].reason
    moved = plan.sessions[0].model_copy(update={"date": race + timedelta(days=1)})
    assert any("rule 6" in p for p in hard_rule_violations([moved], plan.request, 3))
    planned = make_plan([], race + timedelta(days=1), days=7, races=[race])
    assert any("rule 6" in p for p in hard_rule_violations([moved], planned.request, 3))


@pytest.mark.parametrize(("km", "rest"), [(10.0, 1), (21.1, 3), (30.0, 3), (42.2, 5), (50.0, 5)])
def test_rule_six_grows_with_the_race_distance(km, rest):
    race = START_MONDAY + timedelta(days=2)  # a Wednesday race, recorded
    recorded = [
        *weekly_history(START_MONDAY - timedelta(weeks=6), 6),
        activity(race, km, workout_type=1, ident=99, name="Race"),
    ]
    plan = make_plan(recorded, race + timedelta(days=1), days=14)
    assert_valid(plan)
    for back in range(1, rest + 1):
        day = race + timedelta(days=back)
        assert day not in dates(plan)
        reason = blocked_reason(plan.request, day)
        assert reason is not None and ("after a race" in reason), (back, reason)
    if rest > 1:
        assert f"{rest} days without a session after a race of {round(km)} km" in (
            blocked_reason(plan.request, race + timedelta(days=rest)) or ""
        )
    first = min(dates(plan))
    assert first > race + timedelta(days=rest)
    moved = plan.sessions[0].model_copy(update={"date": race + timedelta(days=rest)})
    assert any("rule 6" in p for p in hard_rule_violations([moved], plan.request, 3))


def test_a_pause_cancels_the_rest_of_its_iso_week():
    tuesday = START_MONDAY + timedelta(days=1)
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    calm = make_plan(acts, START_MONDAY, days=14)
    assert [d for d in dates(calm) if d < START_MONDAY + timedelta(7)]  # a normal week
    paused = make_plan(acts, tuesday, days=13, checkins=[CheckIn(date=tuesday, pain=8)])
    assert_valid(paused)
    assert not [d for d in dates(paused) if d < START_MONDAY + timedelta(7)]
    reason = blocked_reason(paused.request, tuesday + timedelta(days=1))
    assert reason is not None and "paused" in reason
    later = [s.session for s in paused.sessions]
    assert later and all(s.light and s.physio and "(pause" in s.title for s in later)
    moved = paused.sessions[0].model_copy(update={"date": tuesday + timedelta(days=2)})
    assert any("pause" in p for p in hard_rule_violations([moved], paused.request, 3))


def _checked(days, *, races=(), blocked=(), max_per_week=3):
    """What the checker says of sessions on ``days`` (offsets from START_MONDAY)."""
    plan = make_plan([], START_MONDAY, days=14)
    request = replace(
        plan.request,
        races=frozenset(START_MONDAY + timedelta(days=d) for d in races),
        blocked_dates=frozenset(START_MONDAY + timedelta(days=d) for d in blocked),
        _key_days={},
    )
    template = plan.sessions[0]
    sessions = [
        template.model_copy(update={"date": START_MONDAY + timedelta(days=d)}) for d in days
    ]
    return hard_rule_violations(sessions, request, max_per_week)


@pytest.mark.parametrize(
    ("days", "races", "blocked", "max_per_week", "broken"),
    [
        ([2], [3], [], 3, "rule 1, day before a race"),
        ([2], [2], [], 3, "session on a race day"),
        ([3], [5], [], 3, "rule 4, within 2 days of the race"),
        ([1], [], [1], 3, "rule 5, blocked day"),
        ([1, 2], [], [], 3, "rule 2, consecutive days"),
        ([0, 2, 4], [], [], 2, "rule 3, 3 sessions (at most 2)"),
        ([0, 2], [5], [], 3, "rule 3, 2 sessions (at most 1)"),
    ],
)
def test_the_checker_names_each_broken_rule(days, races, blocked, max_per_week, broken):
    assert _checked([1]) == []  # a Tuesday session on its own breaks nothing
    assert any(
        broken in line
        for line in _checked(days, races=races, blocked=blocked, max_per_week=max_per_week)
    )


def test_blocked_days_are_never_used():
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    plan = make_plan(
        acts,
        START_MONDAY,
        blocked_weekdays=["monday", "wednesday"],
        blocked_dates=[START_MONDAY + timedelta(days=8)],
    )
    assert_valid(plan)
    assert not any(d.weekday() in (0, 2) for d in dates(plan))
    assert START_MONDAY + timedelta(days=8) not in dates(plan)


def test_reasons_golden():
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6, long_km=24)
    acts += [
        activity(
            START_MONDAY - timedelta(weeks=w) + timedelta(3), 10, workout_type=3, ident=500 + w
        )
        for w in range(1, 5)
    ]
    plan = make_plan(acts, START_MONDAY, days=7)
    assert [(s.date.isoformat(), s.session.key, s.reason) for s in plan.sessions] == [
        (
            "2026-11-23",
            "2026-W48-1",
            "day after your 24 km long run on Sun 22 Nov; light hip work only: light session, "
            "one set fewer per exercise",
        ),
        (
            "2026-11-25",
            "2026-W48-2",
            "fits the week; your Thursday quality run is tomorrow, so a light session: "
            "one set fewer per exercise",
        ),
        ("2026-11-27", "2026-W48-3", "easy day with no key run tomorrow"),
    ]
    assert [s.session.light for s in plan.sessions] == [True, True, False]
    assert [p.sets for p in plan.sessions[0].session.prescriptions] == [1] * 5
    assert [p.sets for p in plan.sessions[1].session.prescriptions] == [1] * 5
    assert_valid(plan)
    two_sessions = make_plan(acts, START_MONDAY, days=7, sessions_per_week=2)
    assert [(s.date.isoformat(), s.reason) for s in two_sessions.sessions] == [
        (
            "2026-11-23",
            "day after your 24 km long run on Sun 22 Nov; light hip work only: light session, "
            "one set fewer per exercise",
        ),
        (
            "2026-11-26",
            "same day as your usual Thursday quality run: do it after the run (hard days hard)",
        ),
    ]


def test_predicted_long_run_reason_and_config_override():
    plan = make_plan([], START_MONDAY + timedelta(days=2), days=7, long_run_day="saturday")
    assert plan.long_run_source == "config"
    sunday = [s for s in plan.sessions if s.date == START_MONDAY + timedelta(days=6)]
    assert sunday and sunday[0].reason == (
        "day after your expected Saturday long run (28 Nov); light hip work only: light "
        "session, one set fewer per exercise"
    )
    assert sunday[0].session.light


def test_the_day_after_a_long_run_is_light_hip_work_only():
    """evidence.md §6: the day after the long run, light bodyweight hip work, not a full
    session of box squats and single-leg bridges."""
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6, long_km=24)
    plan = make_plan(acts, START_MONDAY, days=7)
    after = next(s for s in plan.sessions if s.date == START_MONDAY)
    assert after.session.light and "light hip work only" in after.reason
    assert all(p.sets == 1 for p in after.session.prescriptions)
    others = [s for s in plan.sessions if s.date != START_MONDAY and "is tomorrow" not in s.reason]
    assert others and not any(s.session.light for s in others)


def test_past_sessions_are_kept_and_counted():
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    full = make_plan(acts, START_MONDAY, days=7)
    first = full.sessions[0]
    config = Config()
    later = plan_schedule(
        config,
        config.programme_settings(),
        runs=runs_from_activities(acts, "t"),
        checkins=[],
        first_day=START_MONDAY,
        start=first.date + timedelta(days=1),
        days=6,
        fixed=[FixedSession(first.date, first.session.key)],
    )
    assert [s.session.key for s in later.sessions] == [s.session.key for s in full.sessions[1:]]
    assert first.date + timedelta(days=1) not in dates(later)


# -- properties over generated athletes ----------------------------------------------------

athletes = st.fixed_dictionaries(
    {
        "weeks": st.integers(0, 8),
        "long_weekday": st.integers(0, 6),
        "tag_long": st.booleans(),
        "long_km": st.floats(8, 35),
        "easy_days": st.lists(st.integers(0, 6), max_size=5, unique=True),
        "doubles": st.booleans(),
        "utc_offset": st.sampled_from([-10, -5, 0, 1, 5.5, 11, 13]),
        "start_offset": st.integers(0, 13),
        "days": st.integers(7, 35),
        "race_in": st.one_of(st.none(), st.integers(0, 40)),
        "blocked_weekdays": st.lists(st.integers(0, 6), max_size=3, unique=True),
        "blocked_in": st.lists(st.integers(0, 30), max_size=3),
        "sessions": st.integers(2, 3),
        "config_long_day": st.one_of(st.none(), st.integers(0, 6)),
    }
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(athletes)
def test_hard_rules_hold_for_any_athlete(a):
    last_monday = START_MONDAY - timedelta(weeks=1)
    acts = []
    if a["weeks"]:
        easy = tuple(d for d in a["easy_days"] if d != a["long_weekday"])
        acts = weekly_history(
            last_monday,
            a["weeks"],
            long_weekday=a["long_weekday"],
            long_km=a["long_km"],
            tag_long=a["tag_long"],
            easy_days=easy,
        )
        for item in acts:
            item["utc_offset"] = a["utc_offset"] * 3600
        if a["doubles"]:
            acts += [
                activity(last_monday + timedelta(days=d), 5, hour=19, ident=9000 + d) for d in easy
            ]
    start = START_MONDAY + timedelta(days=a["start_offset"])
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    plan = make_plan(
        acts,
        start,
        days=a["days"],
        races=[start + timedelta(days=a["race_in"])] if a["race_in"] is not None else [],
        sessions_per_week=a["sessions"],
        blocked_weekdays=[names[d] for d in a["blocked_weekdays"]],
        blocked_dates=[start + timedelta(days=d) for d in a["blocked_in"]],
        long_run_day=names[a["config_long_day"]] if a["config_long_day"] is not None else None,
    )
    assert_valid(plan, max_per_week=a["sessions"], min_per_week=2)


def test_an_unfinished_week_does_not_hide_the_coming_long_run():
    # Six weeks of Sunday long runs; this week so far only Tuesday and Thursday easy runs.
    acts = weekly_history(START_MONDAY - timedelta(weeks=1), 6)
    acts += [activity(START_MONDAY + timedelta(days=d), 8, ident=700 + d) for d in (1, 3)]
    plan = make_plan(acts, START_MONDAY + timedelta(days=4), days=3)
    sunday = START_MONDAY + timedelta(days=6)
    assert plan.request.key_days()[sunday].kind == "long"
    assert not {sunday, sunday - timedelta(days=1)} & set(dates(plan))
    assert all(r.kind == "easy" for r in plan.runs if r.date >= START_MONDAY)


def test_the_physio_line_starts_on_the_day_the_two_week_warning_does():
    """4/10 last week and 4/10 on this Wednesday: from Wednesday on, this week's sessions
    carry the see-a-physiotherapist line (watch, exports), not only next week's."""
    wednesday = START_MONDAY + timedelta(days=2)
    checkins = [
        CheckIn(date=START_MONDAY - timedelta(days=5), pain=4),
        CheckIn(date=wednesday, pain=4),
    ]
    plan = make_plan([], START_MONDAY, days=14, checkins=checkins, programme_start=START_MONDAY)
    this_week = [s for s in plan.sessions if s.date < START_MONDAY + timedelta(days=7)]
    assert any(s.date < wednesday for s in this_week) and any(
        s.date >= wednesday for s in this_week
    )
    for item in plan.sessions:
        if item.date >= wednesday:
            assert item.session.physio and "two different weeks" in item.session.physio
        else:
            assert item.session.physio is None
    assert_valid(plan)


def test_a_step_down_reaches_the_sessions_left_in_its_week():
    """6/10 on a Tuesday: the sessions placed from Wednesday on, this week, are the
    step-down's (lighter, light, one rung down), not the dose that hurt."""
    tuesday = START_MONDAY + timedelta(weeks=4, days=1)
    first_day = START_MONDAY
    plain = make_plan([], tuesday + timedelta(days=1), days=5, programme_start=first_day)
    plan = make_plan(
        [],
        tuesday + timedelta(days=1),
        days=5,
        programme_start=first_day,
        checkins=[CheckIn(date=tuesday, pain=6)],
    )
    assert plan.sessions and len(plan.sessions) == len(plain.sessions)
    for stepped, planned in zip(plan.sessions, plain.sessions, strict=True):
        assert stepped.session.key == planned.session.key
        assert "(step-down)" in stepped.session.title and stepped.session.light
        assert stepped.session.rep_equivalents() < planned.session.rep_equivalents()
        rungs = {p.key: p.rung for p in planned.session.prescriptions}
        assert all(p.rung <= rungs.get(p.key, p.rung) for p in stepped.session.prescriptions)
    assert_valid(plan)
