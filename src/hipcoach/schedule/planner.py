"""Where the programme meets the athlete's data: the one plan assembly.

:func:`plan_from_state` is the only place that turns the state (runs, check-ins, missed
weeks, the programme's first day, sessions already placed) into a schedule; ``schedule``,
``export``, ``sync``, ``demo`` and ``report`` all call it, with one default window (today …
today + horizon_days − 1). :func:`programme_from_state` does the same for ``plan``. Both
only read. The commands that hand sessions over (``sync``, ``export``, ``schedule --ics``)
call :func:`record_handover`, which records the programme's first day and each session as
handed over (what adherence holds the runner's activities against).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from hipcoach.adherence.catchups import CatchUp, catch_ups
from hipcoach.adherence.statuses import progression_adherence
from hipcoach.config import Config
from hipcoach.models import CheckIn, Programme, Run, ScheduledSession
from hipcoach.programme.generator import ProgrammeSettings, generate
from hipcoach.programme.progression import (
    Adherence,
    GateRule,
    combine_rules,
    physio_advice,
    taper_rule,
)
from hipcoach.schedule.history import (
    PREDICTION_WEEKS,
    classify,
    mileage_jump_rule,
    plan_ahead,
    predict_long_run_weekday,
    predict_workout_weekday,
    with_planned_races,
)
from hipcoach.schedule.races import stored_race_dates, stored_race_distances
from hipcoach.schedule.rules import hard_rule_violations
from hipcoach.schedule.running_plan import LOOK_AHEAD_DAYS, PlanRun, stored_plan
from hipcoach.schedule.scheduler import FixedSession, ScheduleRequest, schedule
from hipcoach.state import StateDB
from hipcoach.timeutil import in_range, monday

PROGRAMME_START_KEY = "programme_start"
#: Sessions placed this many days before the window stay where they are and count.
PLACED_LOOKBACK_DAYS = 7


def programme_first_day(config: Config, state: StateDB | None, today: date) -> date:
    """The programme's first day: config ``start_date``, else the one recorded, else today.

    Reads only; :func:`record_programme_start` records it.
    """
    if config.athlete.start_date:
        return config.athlete.start_date
    if state is None:
        return today
    stored = state.get_meta(PROGRAMME_START_KEY)
    with state.reading("meta"):  # a value edited by hand is a clear error, not a crash
        return in_range(date.fromisoformat(stored)) if stored else today


def record_programme_start(config: Config, state: StateDB, today: date) -> None:
    """Remember today as the programme's first day, unless config or the state has one."""
    if config.athlete.start_date is None and state.get_meta(PROGRAMME_START_KEY) is None:
        state.set_meta(PROGRAMME_START_KEY, today.isoformat())


def record_handover(config: Config, state: StateDB, today: date, plan: SchedulePlan) -> None:
    """The plan's sessions have left hipcoach (synced or exported): the programme counts
    from today, and each session from today on is kept as handed over, so that what the
    runner does can be held against it (adherence)."""
    from hipcoach.adherence.statuses import PlannedSession
    from hipcoach.state.sessions import record_planned

    record_programme_start(config, state, today)
    start = max(plan.request.start, today)
    handed = [PlannedSession.from_scheduled(item) for item in plan.sessions if item.date >= start]
    record_planned(state, handed, start, plan.request.end, keep=plan.over)


def gates(runs: Sequence[Run], races: Iterable[date]) -> GateRule:
    """The progression gates besides pain and adherence: mileage jumps, race tapers."""
    return combine_rules([mileage_jump_rule(runs), taper_rule(sorted(races))])


def race_dates(
    configured: Iterable[date], runs: Iterable[Run], extra: Iterable[date]
) -> list[date]:
    """Races from config, the command line, the runner's calendars (``extra`` too) and the
    history (Strava ``workout_type`` 1, Garmin ``eventType`` race)."""
    return sorted({*configured, *extra, *(r.date for r in runs if r.kind == "race")})


def planned_races(runs: Sequence[Run], planned: Iterable[PlanRun]) -> list[date]:
    """The races of the runner's plan (still ahead of what was recorded): races like any
    other, for the hard rules, race weeks and the taper."""
    return [p.date for p in plan_ahead(runs, planned) if p.kind == "race"]


@dataclass(frozen=True)
class PlanInputs:
    """What planning reads, as plain data: from the state, or the demo's sample."""

    runs: Sequence[Run]
    checkins: Sequence[CheckIn]
    adherence: Adherence
    first_day: date
    placed: Sequence[FixedSession]
    catch_ups: Sequence[CatchUp] = ()
    #: races on the runner's calendars, as last read (see :mod:`hipcoach.schedule.races`)
    calendar_races: Sequence[date] = ()
    #: the runner's running plan, as last read (see :mod:`hipcoach.schedule.running_plan`)
    planned: Sequence[PlanRun] = ()
    #: the distances the calendars give their races (metres)
    race_metres: Mapping[date, float] = field(default_factory=dict)
    #: sessions done, partial or skipped → the day that happened: they stay there
    over: Mapping[str, date] = field(default_factory=dict)

    @classmethod
    def read(
        cls,
        config: Config,
        state: StateDB | None,
        today: date,
        *,
        runs: Sequence[Run] | None = None,
        fixed: Sequence[FixedSession] | None = None,
    ) -> PlanInputs:
        """The inputs from ``state`` (None: nothing stored); arguments override.

        Adherence joins the weeks the runner reported missed and what became of each session
        handed over (done, partial, skipped, missed); sessions missed earlier this week are
        to be caught up; sessions done, partial or skipped stay on the day that happened
        (a session done early, or its watch synced late, is never asked for again).
        """
        from hipcoach.state.sessions import session_statuses

        statuses = session_statuses(state, today) if state is not None else []
        known = Adherence.from_missed_weeks(state.missed_weeks() if state else ())
        minimum = config.athlete.min_sessions_per_week
        known = known.merged(progression_adherence(statuses, minimum))
        over = {s.key: s.done_on or s.date for s in statuses if s.over}
        if fixed is None:
            fixed = _placements(state) if state is not None else []
        fixed = [f for f in fixed if f.key not in over]
        fixed += [FixedSession(day, key) for key, day in over.items()]
        runs = list(runs if runs is not None else state.cached_runs() if state else [])
        return cls(
            runs=runs,
            checkins=state.checkins() if state is not None else [],
            adherence=known,
            first_day=programme_first_day(config, state, today),
            placed=fixed,
            catch_ups=catch_ups(statuses, today),
            calendar_races=stored_race_dates(state) if state is not None else [],
            race_metres=stored_race_distances(state) if state is not None else {},
            planned=stored_plan(state, runs) if state is not None else [],
            over=over,
        )


def _placements(state: StateDB) -> list[FixedSession]:
    """Every session put on a target or exported, on the day it was placed on."""
    from hipcoach.state.remote import recent_placements
    from hipcoach.state.sessions import planned_sessions

    placed = {key: day for day, key in recent_placements(state, date.min, date.max)}
    for session in planned_sessions(state):
        placed.setdefault(session.key, session.date)
    return sorted((FixedSession(day, key) for key, day in placed.items()), key=lambda f: f.date)


@dataclass(frozen=True)
class SchedulePlan:
    """A schedule and what it was built from."""

    sessions: list[ScheduledSession]
    request: ScheduleRequest
    runs: list[Run]
    long_run_source: str
    #: sessions done, partial or skipped → the day that happened (they stay as they are)
    over: Mapping[str, date] = field(default_factory=dict)
    #: the plain see-a-physiotherapist line (a pause, or pain two weeks running), else None
    physio: str | None = None

    @property
    def recent_runs(self) -> list[Run]:
        """The runs the predictions looked at (the last weeks before the window)."""
        since = monday(self.request.start) - timedelta(weeks=PREDICTION_WEEKS)
        return [r for r in self.runs if since <= r.date <= self.request.end]

    @property
    def planned_runs(self) -> list[PlanRun]:
        """The runs of the runner's plan the schedule was placed around: those still ahead
        (no run recorded that day), from the day before the window to a few days after."""
        first, last = self.request.start - timedelta(days=1), self.request.end
        last += timedelta(days=LOOK_AHEAD_DAYS)
        ahead = plan_ahead(self.runs, self.request.planned)
        return [p for p in ahead if first <= p.date <= last]


def plan_from_state(
    config: Config,
    state: StateDB | None,
    *,
    today: date,
    start: date | None = None,
    days: int | None = None,
    extra_races: Iterable[date] = (),
    runs: Sequence[Run] | None = None,
    fixed: Sequence[FixedSession] | None = None,
) -> SchedulePlan:
    """The schedule for ``start`` (default today) … ``start + days - 1`` (default
    ``horizon_days``), gated by what the state holds. Never writes.

    ``runs`` replaces the cached runs (``--activities``), ``fixed`` the sessions already
    placed before the window (the sync reads them from the target when the state lost
    them); ``state`` None plans on these alone.
    """
    inputs = PlanInputs.read(config, state, today, runs=runs, fixed=fixed)
    start = start or today
    plan = plan_schedule(
        config,
        config.programme_settings(),
        runs=inputs.runs,
        checkins=inputs.checkins,
        adherence=inputs.adherence,
        # A window before the programme began shows it as if it had started then.
        first_day=min(inputs.first_day, start),
        start=start,
        days=days or config.athlete.horizon_days,
        extra_races=[*extra_races, *inputs.calendar_races],
        fixed=[
            f
            for f in inputs.placed
            if start - timedelta(days=PLACED_LOOKBACK_DAYS) <= f.date < start
            or (f.key in inputs.over and f.date >= start)  # done today: it stays
        ],
        catch_ups=inputs.catch_ups,
        planned=inputs.planned,
        race_metres=inputs.race_metres,
    )
    return replace(plan, over=dict(inputs.over), physio=physio_advice(inputs.checkins, today))


def programme_from_state(
    config: Config,
    state: StateDB | None,
    *,
    today: date,
    weeks: int,
    settings: ProgrammeSettings | None = None,
) -> Programme:
    """``weeks`` programme weeks from the current one, gated by the state. Never writes."""
    inputs = PlanInputs.read(config, state, today)
    caught = {c.key for c in inputs.catch_ups}
    runs = classify(with_planned_races(inputs.runs, inputs.planned), today)
    races = race_dates(
        config.athlete.races, runs, [*inputs.calendar_races, *planned_races(runs, inputs.planned)]
    )
    return generate(
        settings or config.programme_settings(),
        inputs.first_day,
        from_day=today,
        weeks=weeks,
        checkins=inputs.checkins,
        gate_for=gates(runs, races),
        races=races,
        adherence=inputs.adherence,
        # a session still to be caught up happens later, at the step-down's dose if any
        dated={f.key: f.date for f in inputs.placed if f.key not in caught},
    )


def plan_schedule(
    config: Config,
    settings: ProgrammeSettings,
    *,
    runs: Sequence[Run],
    checkins: Sequence[CheckIn],
    first_day: date,
    start: date,
    days: int,
    adherence: Adherence | None = None,
    extra_races: Iterable[date] = (),
    fixed: Sequence[FixedSession] = (),
    catch_ups: Sequence[CatchUp] = (),
    planned: Sequence[PlanRun] = (),
    race_metres: Mapping[date, float] | None = None,
) -> SchedulePlan:
    """Place the programme's sessions on ``start`` … ``start + days - 1`` around the runs
    and the runner's running plan (pure: every input given). A run recorded on the day of a
    planned race is that race (:func:`with_planned_races`)."""
    athlete = config.athlete
    history = classify(with_planned_races(runs, planned), start)
    races = race_dates(athlete.races, history, [*extra_races, *planned_races(history, planned)])
    long_weekday, long_source = predict_long_run_weekday(history, start, athlete.long_run_day)
    end = start + timedelta(days=days - 1)
    programme = generate(
        settings,
        first_day,
        from_day=start,
        weeks=(monday(end) - monday(start)).days // 7 + 1,
        checkins=checkins,
        gate_for=gates(history, races),
        races=races,
        adherence=adherence,
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
        catch_ups=tuple(catch_ups),
        min_per_week=settings.min_sessions_per_week,
        planned=tuple(planned),
        race_metres=dict(race_metres or {}),
    )
    sessions = schedule(request)
    problems = hard_rule_violations(sessions, request, settings.sessions_per_week)
    if problems:
        # A bug, never bad input: refuse to emit a schedule that breaks a hard rule.
        raise RuntimeError("the scheduler broke a hard rule: " + "; ".join(problems))
    return SchedulePlan(sessions, request, history, long_source)
