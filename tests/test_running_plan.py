"""The runner's running plan comes first: classification of planned runs, the stored plan, and
the scheduler placing sessions around the plan (DESIGN "The runner's running plan comes
first")."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.config import AthleteConfig, Config
from hipcoach.plugins.interfaces import RunningPlan
from hipcoach.plugins.values import PlannedRun
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.schedule.planner import plan_schedule
from hipcoach.schedule.rules import hard_rule_violations
from hipcoach.schedule.running_plan import KEY, classify, plan_span, refresh, stored_plan
from hipcoach.schedule.scheduler import blocked_reason
from hipcoach.state import open_state
from tests.strava_shapes import weekly_history

MONDAY = date(2026, 11, 23)
RUNNA = "Runna"


def run(day: date, name: str = "", km: float | None = None, minutes: float | None = None, **kw):  # type: ignore[no-untyped-def]
    return PlannedRun(
        date=day,
        name=name,
        distance_m=None if km is None else km * 1000,
        duration_s=None if minutes is None else minutes * 60,
        source=kw.pop("source", RUNNA),
        **kw,
    )


def kinds(*runs: PlannedRun) -> list[str]:
    return [p.kind for p in classify(("garmin", r) for r in runs)]


# -- classification ----------------------------------------------------------------------------
def test_long_by_name_duration_or_against_the_weeks_median() -> None:
    tue, thu, sat, sun = (MONDAY + timedelta(days=d) for d in (1, 3, 5, 6))
    assert kinds(run(sun, "Long Run", km=14), run(tue, "Easy Run", km=14)) == ["easy", "long"]
    assert kinds(run(sun, "Sunday run", minutes=95)) == ["long"]
    # 1.33 × the median of the week's planned runs (8, 8, 10, 16 km → median 9 km)
    week = [run(tue, km=8), run(thu, km=8), run(sat, km=10), run(sun, km=16)]
    assert kinds(*week) == ["easy", "easy", "easy", "long"]
    # One run alone is never "long" against itself, only by its time (12 km at the default
    # 6:00 min/km is 72 min); durations stand in for distances.
    assert kinds(run(sun, km=12)) == ["easy"]
    assert kinds(run(tue, minutes=40), run(thu, minutes=40), run(sun, minutes=70)) == [
        "easy",
        "easy",
        "long",
    ]


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("6 x 800 m", "interval session"),
        ("Intervals: 5x1k", "interval session"),
        ("Tempo", "tempo run"),
        ("Threshold 3x10min", "threshold run"),
        ("Tempo 3 x 10 min", "tempo run"),
        ("Lactate threshold", "threshold run"),
        ("Hill Repeats", "hill session"),
        ("Hills", "hill session"),
        ("Fartlek", "fartlek"),
        ("VO2max", "VO2 session"),
        ("Track session", "track session"),
        ("10 km at race pace", "race-pace run"),
        ("8 km @ MP", "race-pace run"),
        ("Sprint", "speed session"),
        # the languages plans are written in
        ("Séries", "interval session"),
        ("Fractionné 10x400", "interval session"),
        ("Intervalle", "interval session"),
        ("Intervalos 6 x 1000", "interval session"),
        ("Ripetute", "interval session"),
        ("Umbral", "threshold run"),
        ("Seuil", "threshold run"),
        ("Tempolauf", "tempo run"),
        ("Cuestas", "hill session"),
        ("Côtes", "hill session"),
        ("Bergläufe", "hill session"),
        ("Allure spécifique marathon", "race-pace run"),
    ],
)
def test_quality_by_name(name: str, what: str) -> None:
    (found,) = classify([("garmin", run(MONDAY, name, km=10))])
    assert (found.kind, found.what) == ("quality", what)


def test_a_distance_counts_as_the_time_it_takes() -> None:
    """A run planned by distance only is timed at the runner's typical pace (6:00 min/km
    without history): a week's only planned run of 28 km is a long run (168 min), and a week
    that mixes time-only and distance-only runs compares them alike."""
    sat = MONDAY + timedelta(days=5)
    assert kinds(run(sat, "Run", km=28)) == ["long"]
    assert kinds(run(sat, "Run", km=14)) == ["easy"]  # 84 min
    mixed = [
        run(MONDAY, "Easy", minutes=45),
        run(MONDAY + timedelta(days=2), "Saturday run", km=28),
        run(MONDAY + timedelta(days=4), "Easy", km=8),
    ]
    assert kinds(*mixed) == ["easy", "long", "easy"]
    # At a runner's own 4:30 min/km, 18 km takes 81 min: long only against the week.
    alone = [run(sat, km=18)]
    assert [p.kind for p in classify([("garmin", r) for r in alone], 270)] == ["easy"]
    assert [p.kind for p in classify([("garmin", r) for r in alone])] == ["long"]  # 108 min


def test_the_typical_pace_is_the_runners_recent_easy_pace() -> None:
    from hipcoach.models import Run
    from hipcoach.schedule.running_plan import DEFAULT_PACE_S_PER_KM, typical_pace

    def ran(day: int, km: float, minutes: float, kind: str = "easy") -> Run:
        return Run(
            id=str(day),
            date=MONDAY + timedelta(days=day),
            distance_m=km * 1000,
            moving_time_s=int(minutes * 60),
            kind=kind,  # type: ignore[arg-type]
        )

    assert typical_pace([]) == DEFAULT_PACE_S_PER_KM
    runs = [ran(0, 10, 50), ran(2, 8, 40), ran(4, 12, 60), ran(6, 30, 150, "long")]
    assert typical_pace(runs) == 300  # 5:00 min/km; the long run is left out
    assert typical_pace([ran(d, 1, 30) for d in range(3)]) == 600  # a walk: at the bound


@pytest.mark.parametrize("name", ["Tirada larga", "Sortie longue", "Langer Lauf", "Lungo"])
def test_long_by_name_in_other_languages(name: str) -> None:
    week = [run(MONDAY, "Rodaje", km=8), run(MONDAY + timedelta(days=6), name, km=14)]
    assert kinds(*week) == ["easy", "long"]
    assert kinds(run(MONDAY, name)) == ["long"]  # no size: the name says it


def test_a_name_says_long_only_when_the_plan_does_not_say_otherwise() -> None:
    """'Long intervals 3 x 2 km' (12 km) is an interval session, 'Long easy' of 8 km in a
    week of 8–10 km runs is an easy run; a long run still needs no size to be one."""
    week = [
        run(MONDAY + timedelta(days=1), "Long intervals 3 x 2 km", km=12),
        run(MONDAY + timedelta(days=3), "Easy", km=8),
        run(MONDAY + timedelta(days=6), "Long Run", km=24),
    ]
    found = classify(("garmin", r) for r in week)
    assert [(p.kind, p.what) for p in found] == [
        ("quality", "interval session"),
        ("easy", "easy run"),
        ("long", "long run"),
    ]
    easy = [
        run(MONDAY + timedelta(days=d), n, km=k)
        for d, n, k in ((0, "Long easy", 8), (2, "Hills", 8), (4, "Easy", 8), (6, "Tempolauf", 10))
    ]
    assert kinds(*easy) == ["easy", "quality", "easy", "quality"]
    # A 10 km tempo run in a week of 5 km jogs is a tempo run, not the long run.
    jogs = [
        run(MONDAY + timedelta(days=d), n, km=k)
        for d, n, k in ((0, "Easy", 5), (2, "Tempo", 10), (4, "Easy", 5))
    ]
    assert kinds(*jogs) == ["easy", "quality", "easy"]
    # ... but a quality session of 90 minutes or more is a long run.
    assert kinds(run(MONDAY, "Marathon pace 3 x 5 km", km=22)) == ["long"]


@pytest.mark.parametrize(
    ("name", "km", "metres"),
    [
        ("Race Day", 10, 10_000),
        ("Marathon", None, 42_195),
        ("Valencia Marathon", None, 42_195),
        ("Half marathon", None, 21_097.5),
        ("10K race", None, 10_000),
        ("Semi-marathon de Paris", None, 21_097.5),
    ],
)
def test_a_race_by_its_name(name: str, km: float | None, metres: float) -> None:
    """A plan that does not flag its race still names it: a race, its distance from the
    name when the plan gives none (the rest after it depends on it)."""
    (found,) = classify([("garmin", run(MONDAY, name, km=km))])
    assert (found.kind, found.distance_m) == ("race", metres)


@pytest.mark.parametrize(
    "name",
    [
        "Marathon pace 3 x 5 km",
        "Pre-race shakeout",
        "Race week easy run",
        "Tempo",
        "parkrun",  # weekly: a race would hold progression and take the week's sessions
        "Half Marathon Training: Long Run",
        "Carrera continua",
    ],
)
def test_training_for_a_race_is_no_race(name: str) -> None:
    (found,) = classify([("garmin", run(MONDAY, name, km=8))])
    assert found.kind != "race"


def test_a_run_nothing_describes_is_undecided() -> None:
    """No size and a name that says nothing: undecided (it does not stand in for the long run
    predicted on its day); a size or a telling name decides it."""
    found = classify(
        ("garmin", r)
        for r in (
            run(MONDAY, "Run"),
            run(MONDAY + timedelta(days=1), "Endurance fondamentale"),
            run(MONDAY + timedelta(days=2), "Run", km=8),
        )
    )
    assert [(p.kind, p.decided) for p in found] == [
        ("easy", False),
        ("easy", True),
        ("easy", True),
    ]


def test_quality_by_structure_race_and_easy() -> None:
    plain = run(MONDAY, "Wednesday session", km=9, intervals=True)
    race = run(MONDAY + timedelta(days=6), "City Half", km=21.1, race=True)
    easy = run(MONDAY + timedelta(days=2), "Base", km=8)
    found = classify([("garmin", plain), ("garmin", race), ("garmin", easy)])
    assert [(p.kind, p.what) for p in found] == [
        ("quality", "interval session"),
        ("easy", "easy run"),
        ("race", "race"),
    ]


def test_how_reasons_name_a_planned_run() -> None:
    (long,) = classify([("garmin", run(MONDAY, "Long Run", km=28.2))])
    assert long.named() == "planned 28 km long run (Runna)"
    (short,) = classify([("garmin", run(MONDAY, "Shakeout", km=6.5))])
    assert short.label() == "6.5 km easy run"
    (tempo,) = classify([("intervals", run(MONDAY, "Tempo", minutes=45, source=""))])
    assert tempo.named() == "planned 45 min tempo run (intervals)"  # the plugin's name
    assert plan_span(date(2026, 11, 25), date(2026, 12, 8)) == (MONDAY, date(2026, 12, 13))
    assert plan_span(MONDAY, MONDAY)[0] == MONDAY - timedelta(weeks=1)  # yesterday's week


# -- the stored plan ---------------------------------------------------------------------------
class Plan(RunningPlan):
    def __init__(self, runs: list[object]) -> None:
        self.runs = runs
        self.asked: list[tuple[date, date]] = []

    def planned_runs(self, start: date, end: date) -> list[PlannedRun]:
        self.asked.append((start, end))
        return self.runs  # type: ignore[return-value]


@pytest.fixture
def state(tmp_path):  # type: ignore[no-untyped-def]
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


def test_a_refresh_replaces_the_range_read_and_keeps_the_rest(state) -> None:
    later = MONDAY + timedelta(weeks=3)
    old = MONDAY - timedelta(weeks=6)
    plan = Plan([run(MONDAY + timedelta(days=6), "Long Run", km=28), run(later, "Tempo", km=10)])
    assert refresh([("garmin", plan)], state, MONDAY, MONDAY + timedelta(days=13)) == []
    assert plan.asked == [plan_span(MONDAY, MONDAY + timedelta(days=13))]
    assert [p.name for p in stored_plan(state)] == ["Long Run"]  # later: outside the range
    # The next read of another range keeps this one; runs long past are dropped.
    plan.runs = [run(later, "Tempo", km=10), run(old, "Old", km=5)]
    refresh([("garmin", plan)], state, later, later)
    assert [p.name for p in stored_plan(state)] == ["Long Run", "Tempo"]
    # Read again: the Long Run was taken off the plan.
    plan.runs = []
    refresh([("garmin", plan)], state, MONDAY, MONDAY + timedelta(days=13))
    assert [p.name for p in stored_plan(state)] == ["Tempo"]


def test_a_quiet_refresh_writes_nothing_and_a_failure_keeps_the_plan(state) -> None:
    from hipcoach.errors import TemporaryError

    plan = Plan([run(MONDAY, "Long Run", km=28)])
    refresh([("garmin", plan)], state, MONDAY, MONDAY)
    before = state.get_meta(KEY)
    writes: list[str] = []
    state.set_meta = lambda key, value: writes.append(key)  # type: ignore[method-assign]
    refresh([("garmin", plan)], state, MONDAY, MONDAY)
    assert writes == []

    class Failing(RunningPlan):
        def planned_runs(self, start: date, end: date) -> list[PlannedRun]:
            raise TemporaryError("Garmin Connect failed (HTTP 500)")

    ((name, error),) = refresh([("garmin", Failing())], state, MONDAY, MONDAY)
    assert name == "garmin" and "HTTP 500" in str(error)
    assert state.get_meta(KEY) == before


def test_bad_items_and_a_damaged_store_never_cost_the_rest(state, caplog) -> None:
    plan = Plan(["nonsense", run(MONDAY, "Long Run", km=28)])
    with caplog.at_level(logging.WARNING):
        refresh([("garmin", plan)], state, MONDAY, MONDAY)
    assert "ignoring 'nonsense'" in caplog.text
    assert [p.name for p in stored_plan(state)] == ["Long Run"]
    document = json.loads(state.get_meta(KEY))
    document["garmin"]["runs"].append({"date": "not a date"})
    state.set_meta(KEY, json.dumps(document))
    assert [p.name for p in stored_plan(state)] == ["Long Run"]
    state.set_meta(KEY, "{broken")
    assert stored_plan(state) == []


# -- the scheduler around the plan -----------------------------------------------------------
def plan_with(planned, *, start=MONDAY, days=14, history_long=6, races=(), long_km=20.0, **athlete):  # type: ignore[no-untyped-def]
    """Six weeks of Strava history with the long run (``long_km``) on ``history_long``
    (Sunday), and the runner's plan ``planned`` ahead."""
    config = Config(athlete=AthleteConfig(**athlete))
    history = weekly_history(
        start - timedelta(weeks=1), 6, long_weekday=history_long, long_km=long_km
    )
    return plan_schedule(
        config,
        config.programme_settings(),
        runs=runs_from_activities(history, "strava"),
        checkins=[],
        first_day=start,
        start=start,
        days=days,
        extra_races=races,
        planned=classify(("garmin", p) for p in planned),
    )


def reasons(plan) -> dict[date, str]:  # type: ignore[no-untyped-def]
    return {s.date: s.reason for s in plan.sessions}


def test_a_plan_that_moves_the_long_run_moves_the_sessions() -> None:
    """History: long runs on Sundays. This week the plan puts a 28 km long run on Wednesday:
    no session on Tuesday, the Thursday after it is the best day and says why, and Saturday
    is free again (the Sunday prediction is gone)."""
    wed = MONDAY + timedelta(days=2)
    week = [
        run(MONDAY, "Easy Run", km=8),
        run(wed, "Long Run", km=28),
        run(MONDAY + timedelta(days=4), "Easy Run", km=6),
        run(MONDAY + timedelta(days=6), "Recovery Run", km=5),
    ]
    plan = plan_with(week)
    request = plan.request
    assert blocked_reason(request, wed - timedelta(days=1)) == "day before a long"
    assert blocked_reason(request, MONDAY + timedelta(days=5)) is None  # no Sunday long run
    found = reasons(plan)
    assert wed - timedelta(days=1) not in found
    thu = wed + timedelta(days=1)
    assert found[thu] == (
        "day after your planned 28 km long run (Runna) on Wed 25 Nov"
        "; light hip work only: light session, one set fewer per exercise"
    )
    assert request.key_days()[wed].planned is not None
    assert not hard_rule_violations(plan.sessions, request, 3)


def test_a_week_without_planned_runs_falls_back_to_the_prediction() -> None:
    """The plan has runs this week only: next week is predicted from the history (long run
    on Sunday, so no session on its Saturday)."""
    plan = plan_with([run(MONDAY + timedelta(days=2), "Long Run", km=28)])
    keys = plan.request.key_days()
    next_sunday = MONDAY + timedelta(days=13)
    assert keys[next_sunday].predicted
    assert MONDAY + timedelta(days=6) not in keys  # this week: the plan speaks
    assert next_sunday - timedelta(days=1) not in reasons(plan)
    assert blocked_reason(plan.request, next_sunday - timedelta(days=1)) == "day before a long"


def test_a_plan_that_sets_no_long_run_keeps_the_predicted_one_unless_it_fills_that_day() -> None:
    """A runner who schedules only their Tuesday tempo run keeps the long run of their habit
    (Sundays): Saturday stays free of sessions. A plan with an easy run on that Sunday says
    the Sunday is no long run."""
    tempo_only = plan_with([run(MONDAY + timedelta(days=1), "Tempo", km=10)])
    assert tempo_only.request.key_days()[MONDAY + timedelta(days=6)].predicted
    assert blocked_reason(tempo_only.request, MONDAY + timedelta(days=5)) == "day before a long"
    easy_sunday = plan_with(
        [run(MONDAY + timedelta(days=1), "Tempo", km=10), run(MONDAY + timedelta(days=6), km=6)]
    )
    assert MONDAY + timedelta(days=6) not in easy_sunday.request.key_days()
    assert blocked_reason(easy_sunday.request, MONDAY + timedelta(days=5)) is None


def test_the_day_before_a_planned_quality_run_is_light_and_says_so() -> None:
    thu = MONDAY + timedelta(days=3)
    plan = plan_with(
        [run(thu, "6 x 800 m", km=10), run(MONDAY + timedelta(days=6), "Long Run", km=24)],
        sessions_per_week=3,
    )
    (item,) = [s for s in plan.sessions if s.date == thu - timedelta(days=1)]
    assert item.session.light
    assert "your planned 10 km interval session (Runna) is tomorrow" in item.reason
    from tests.test_scheduler import assert_lighter, full_session

    assert_lighter(item.session, full_session(plan.request, item.session, item.date))


def test_same_day_as_a_planned_quality_run_is_preferred_and_named() -> None:
    tue = MONDAY + timedelta(days=1)
    plan = plan_with(
        [run(tue, "Tempo", km=10), run(MONDAY + timedelta(days=5), "Long Run", km=24)],
        history_long=2,
        sessions_per_week=2,
        min_sessions_per_week=2,
    )
    found = reasons(plan)
    assert found.get(tue, "").startswith("same day as your planned 10 km tempo run (Runna)")


def test_planned_races_are_races_for_every_hard_rule() -> None:
    race = MONDAY + timedelta(days=9)
    plan = plan_with([run(race, "City Half Marathon", km=21.1, race=True)])
    request = plan.request
    assert race in request.races
    assert request.key_days()[race].kind == "race"
    for day in (race - timedelta(days=d) for d in range(3)):
        assert blocked_reason(request, day) is not None
    # Rule 6 by the planned distance: a half marathon keeps three days after it free.
    for back in (1, 2, 3):
        reason = blocked_reason(request, race + timedelta(days=back))
        assert reason == "3 days without a session after a race of 21 km"
    assert sum(s.date >= MONDAY + timedelta(weeks=1) for s in plan.sessions) <= 1
    assert not hard_rule_violations(plan.sessions, request, 3)


def test_an_undecided_planned_run_keeps_the_predicted_long_run() -> None:
    """History: long runs on Sundays. The plan's only run this week is a bare "Run" on Sunday
    (no size): the Sunday long run is still expected, so Saturday stays free."""
    sunday = MONDAY + timedelta(days=6)
    plan = plan_with([run(sunday, "Run")])
    assert plan.request.key_days()[sunday].predicted
    assert blocked_reason(plan.request, sunday - timedelta(days=1)) == "day before a long"
    sized = plan_with([run(sunday, "Run", km=28)])
    assert sized.request.key_days()[sunday].planned is not None


def test_a_recorded_run_replaces_the_plan_on_its_day() -> None:
    """Sunday's planned long run was run as a short jog: the record counts, not the plan."""
    yesterday = MONDAY - timedelta(days=1)
    plan = plan_with([run(yesterday, "Long Run", km=30)], history_long=6)
    assert plan.planned_runs == []
    key = plan.request.key_days().get(yesterday)
    assert key is None or key.planned is None


def test_a_planned_race_stays_a_race_once_it_is_run() -> None:
    """Sunday's planned marathon was run yesterday and recorded as a plain run: it is still
    the race, for rule 6 (five days free, its recorded distance counting) and the light
    first session after it."""
    race = MONDAY - timedelta(days=1)
    plan = plan_with([run(race, "City Marathon", km=42.2, race=True)], long_km=42.2)
    (ran,) = [r for r in plan.request.runs if r.date == race]
    assert ran.kind == "race"
    for back in range(1, 6):
        assert blocked_reason(plan.request, race + timedelta(days=back)) is not None, back
    assert all(s.date > race + timedelta(days=5) for s in plan.sessions)
    half = plan_with([run(race, "City Half", km=21.1, race=True)], long_km=21.1)
    first = half.sessions[0]
    assert first.date == race + timedelta(days=4)
    assert "first session since your race on Sun 22 Nov" in first.reason
    assert first.session.light


def test_a_planned_race_that_passed_unrecorded_still_keeps_its_rest_days() -> None:
    """A marathon the plan put on Saturday, two days before the window, with no activity
    recorded that day (the watch uploads late): the five days after it stay free, the
    distance read from the plan although the race is before the window's key days."""
    race = MONDAY - timedelta(days=2)
    plan = plan_with([run(race, "City Marathon", km=42.2, race=True)], history_long=6)
    assert not [r for r in plan.request.runs if r.date == race]
    for back in range(2, 6):
        reason = blocked_reason(plan.request, race + timedelta(days=back))
        assert reason == "5 days without a session after a race of 42 km", back
    assert all(s.date > race + timedelta(days=5) for s in plan.sessions)
    assert not hard_rule_violations(plan.sessions, plan.request, 3)


def test_the_check_sees_a_planned_race_the_schedulers_view_lost() -> None:
    """The independent check reads the races from the request's own inputs: a race of the
    plan whose day has a run recorded as an easy run (what the scheduler saw before it kept
    the race flag) still forbids the five days after it."""
    from dataclasses import replace

    from hipcoach.schedule.rules import date_violations

    race = MONDAY - timedelta(days=1)
    plan = plan_with([run(race, "City Marathon", km=42.2, race=True)], long_km=42.2)
    lost = replace(
        plan.request,
        runs=[r.model_copy(update={"kind": "easy"}) for r in plan.request.runs],
        races=frozenset(),
    )
    for back in range(1, 6):
        found = date_violations([race + timedelta(days=back)], lost, 3)
        assert any("rule 6" in line for line in found), (back, found)
    after = date_violations([race + timedelta(days=6)], lost, 3)
    assert not any("rule 6" in line for line in after), after


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-1, max_value=17),
            st.sampled_from(["Easy Run", "Long Run", "Tempo", "Intervals", "Race", "Base"]),
            st.integers(min_value=3, max_value=42),
            st.booleans(),
        ),
        max_size=10,
    )
)
def test_hard_rules_hold_around_any_plan(items) -> None:  # type: ignore[no-untyped-def]
    planned = [
        run(MONDAY + timedelta(days=d), name, km=km, race=name == "Race" and race)
        for d, name, km, race in items
    ]
    plan = plan_with(planned)
    assert not hard_rule_violations(plan.sessions, plan.request, 3)
    for key in plan.request.key_days().values():
        assert key.date not in {s.date for s in plan.sessions}


def test_a_run_two_plans_hold_counts_once(state) -> None:
    """A plan pushed to Garmin Connect and to intervals.icu alike: one run, not two."""
    long_run = run(MONDAY + timedelta(days=6), "Long  run", km=28)
    on_intervals = run(MONDAY + timedelta(days=6), "long run", km=28.02, source="intervals")
    other = run(MONDAY + timedelta(days=3), "Tempo", km=10)
    refresh(
        [("garmin", Plan([long_run])), ("intervals", Plan([on_intervals, other]))],
        state,
        MONDAY,
        MONDAY + timedelta(days=6),
    )
    assert [(p.name, p.plugin) for p in stored_plan(state)] == [
        ("Tempo", "intervals"),
        ("Long  run", "garmin"),
    ]


def test_a_planned_marathon_rests_five_days_after_it() -> None:
    """Rule 6 by the race's distance: a marathon the plan puts on Sunday keeps the five days
    after it free before it is run (the recorded run's distance counts once it is)."""
    race = MONDAY + timedelta(days=6)
    plan = plan_with([run(race, "City Marathon", km=42.2, race=True)], days=21)
    for back in range(1, 6):
        assert blocked_reason(plan.request, race + timedelta(days=back)) is not None, back
    assert not {race + timedelta(days=d) for d in range(1, 6)} & set(reasons(plan))
    assert not hard_rule_violations(plan.sessions, plan.request, 3)
