"""Where the programme meets the athlete's data: start date, gates, and the schedule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.config import Config
from hipcoach.history import (
    PREDICTION_WEEKS,
    classify,
    mileage_jump_rule,
    predict_long_run_weekday,
    predict_workout_weekday,
)
from hipcoach.models import CheckIn, Programme, Run, ScheduledSession
from hipcoach.programme import ProgrammeSettings, generate, monday_of
from hipcoach.progression import (
    GateRule,
    combine_rules,
    missed_week_rule,
    pain_rule,
    taper_rule,
)
from hipcoach.rules import hard_rule_violations
from hipcoach.scheduler import FixedSession, ScheduleRequest, schedule
from hipcoach.state import StateDB

PROGRAMME_START_KEY = "programme_start"


def programme_start(config: Config, state: StateDB, today: date) -> date:
    """The programme's first Monday: config ``start_date``, else the one stored on first use."""
    if config.athlete.start_date:
        return monday_of(config.athlete.start_date)
    stored = state.get_meta(PROGRAMME_START_KEY)
    if stored:
        return date.fromisoformat(stored)
    start = monday_of(today)
    state.set_meta(PROGRAMME_START_KEY, start.isoformat())
    return start


def week_number(start: date, day: date) -> int:
    """The programme week holding ``day`` (1 for any day before the start)."""
    return max(1, (monday_of(day) - start).days // 7 + 1)


def gates(
    checkins: Sequence[CheckIn],
    runs: Sequence[Run],
    races: Iterable[date],
    missed: Sequence[date] = (),
) -> GateRule:
    """Every progression gate: pain check-ins, missed weeks, mileage jumps, race tapers."""
    return combine_rules(
        [
            pain_rule(checkins),
            missed_week_rule(missed),
            mileage_jump_rule(runs),
            taper_rule(sorted(races)),
        ]
    )


def programme_for_range(
    settings: ProgrammeSettings,
    start: date,
    first_day: date,
    last_day: date,
    gate_for: GateRule,
    races: Sequence[date] = (),
) -> Programme:
    """The programme weeks covering ``first_day`` … ``last_day``."""
    first = week_number(start, first_day)
    last = week_number(start, last_day)
    return generate(
        settings, start, first_week=first, weeks=last - first + 1, gate_for=gate_for, races=races
    )


def upcoming_weeks(
    config: Config,
    settings: ProgrammeSettings,
    start: date,
    today: date,
    weeks: int,
    state: StateDB,
) -> Programme:
    """``weeks`` programme weeks from the current one, gated by the stored data."""
    runs = classify(state.cached_runs(), today)
    races = race_dates(config.athlete.races, runs, ())
    return programme_for_range(
        settings,
        start,
        today,
        today + timedelta(weeks=weeks - 1),
        gates(state.checkins(), runs, races, state.missed_weeks()),
        races,
    )


def race_dates(
    configured: Iterable[date], runs: Iterable[Run], extra: Iterable[date]
) -> list[date]:
    """Races from config, the command line and the history (Strava ``workout_type`` 1)."""
    return sorted({*configured, *extra, *(r.date for r in runs if r.kind == "race")})


@dataclass(frozen=True)
class SchedulePlan:
    """A schedule and what it was built from."""

    sessions: list[ScheduledSession]
    request: ScheduleRequest
    runs: list[Run]
    long_run_source: str

    @property
    def recent_runs(self) -> list[Run]:
        """The runs the predictions looked at (the last weeks before the window)."""
        since = monday_of(self.request.start) - timedelta(weeks=PREDICTION_WEEKS)
        return [r for r in self.runs if since <= r.date <= self.request.end]


def plan_schedule(
    config: Config,
    settings: ProgrammeSettings,
    *,
    runs: Sequence[Run],
    checkins: Sequence[CheckIn],
    programme_start: date,
    start: date,
    missed_weeks: Sequence[date] = (),
    days: int,
    extra_races: Iterable[date] = (),
    fixed: Sequence[FixedSession] = (),
) -> SchedulePlan:
    """Place the programme's sessions on ``start`` … ``start + days - 1`` around the runs."""
    athlete = config.athlete
    history = classify(runs, start)
    races = race_dates(athlete.races, history, extra_races)
    long_weekday, long_source = predict_long_run_weekday(history, start, athlete.long_run_day)
    end = start + timedelta(days=days - 1)
    programme = programme_for_range(
        settings,
        programme_start,
        start,
        end,
        gates(checkins, history, races, missed_weeks),
        races,
    )
    request = ScheduleRequest(
        programme=programme,
        runs=history,
        start=start,
        days=days,
        long_run_weekday=long_weekday,
        races=frozenset(races),
        workout_weekday=predict_workout_weekday(history, start),
        blocked_weekdays=frozenset(athlete.blocked_weekdays),
        blocked_dates=frozenset(athlete.blocked_dates),
        fixed=tuple(fixed),
        min_per_week=settings.min_sessions_per_week,
    )
    sessions = schedule(request)
    problems = hard_rule_violations(sessions, request, settings.sessions_per_week)
    if problems:
        # A bug, never bad input: refuse to emit a schedule that breaks a hard rule.
        raise RuntimeError("the scheduler broke a hard rule: " + "; ".join(problems))
    return SchedulePlan(sessions, request, history, long_source)
