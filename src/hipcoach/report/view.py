"""The report's view model: plain dataclasses built from the domain objects.

This is the module of the report that maps the domain model (``SchedulePlan``,
``Programme``, ``Session``, ``Prescription``, ``Run``, ``CheckIn``); the template consumes
what is here and nothing else. Adherence weeks (:class:`hipcoach.adherence.statuses.AdherenceWeek`,
plain values already) pass through as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hipcoach import DISCLAIMER

if TYPE_CHECKING:
    from hipcoach.adherence.statuses import AdherenceWeek
    from hipcoach.models import CheckIn, Prescription, ProgrammeWeek, Run, Session, Tip
    from hipcoach.schedule.planner import SchedulePlan

DISTANCE_WEEKS = 10
PAIN_WEEKS = 12


@dataclass(frozen=True)
class ExerciseView:
    """One exercise with its dose, as the runner should do it this week."""

    key: str
    name: str
    variant: str
    #: the drawing of the rung's body position (``hipcoach/report/pictures/<picture>.svg``)
    picture: str | None
    load: str
    equipment: tuple[str, ...]
    rung: int
    sets: int
    reps: int | None
    seconds: int | None
    per_side: bool
    rest_seconds: int
    dose: str
    cues: str
    instructions: str
    from_article: bool


@dataclass(frozen=True)
class SessionView:
    """A scheduled session: its day, key, the scheduler's reason and what to do."""

    key: str
    date: date
    title: str
    reason: str
    light: bool
    estimated_minutes: int
    exercises: tuple[ExerciseView, ...]


@dataclass(frozen=True)
class RunView:
    """A run on a day: recorded, or expected (a predicted long run, a planned race, a run of
    the runner's plan)."""

    date: date
    kind: str
    distance_km: float | None
    expected: bool
    #: a run of the runner's plan: how it reads ("28 km long run")
    planned: str | None = None


@dataclass(frozen=True)
class DayView:
    """One calendar cell."""

    date: date
    in_window: bool
    is_today: bool
    runs: tuple[RunView, ...]
    session: SessionView | None


@dataclass(frozen=True)
class WeekDistance:
    """Running distance of one ISO week (``start`` is its Monday)."""

    start: date
    km: float


@dataclass(frozen=True)
class PainPoint:
    """A knee-pain check-in (0–10)."""

    date: date
    pain: int


@dataclass(frozen=True)
class ProgressionView:
    """The programme week the exercises come from, and its progression decision."""

    week: int
    iso_week: str
    phase: str
    #: "start", "progress", "hold", "deload", "step_down" or "maintain"
    decision: str
    why: str


@dataclass(frozen=True)
class ReportView:
    """Everything the page shows."""

    generated_on: date
    start: date
    end: date
    level: str
    calendar: tuple[tuple[DayView, ...], ...]  # Monday-to-Sunday rows covering the window
    sessions: tuple[SessionView, ...]
    exercises: tuple[ExerciseView, ...]
    progression: ProgressionView | None
    weekly_distance: tuple[WeekDistance, ...]
    adherence: tuple[AdherenceWeek, ...]
    pain: tuple[PainPoint, ...]
    warning: str | None
    disclaimer: str = DISCLAIMER
    #: the programme week's education tip
    tip: Tip | None = None


# -- mapping -------------------------------------------------------------------------------


def build_report(
    plan: SchedulePlan,
    *,
    today: date,
    checkins: Sequence[CheckIn] = (),
    adherence: Sequence[AdherenceWeek] = (),
) -> ReportView:
    """The report for a schedule plan, the runner's check-ins and (when known) adherence."""
    from hipcoach.schedule.history import monday, weekly_distance_km

    request = plan.request
    sessions = tuple(session_view(s.session, s.date, s.reason) for s in plan.sessions)
    week = _current_week(plan)
    first_week = monday(today) - timedelta(weeks=DISTANCE_WEEKS - 1)
    distance = weekly_distance_km(plan.runs, first_week, today)
    since = today - timedelta(weeks=PAIN_WEEKS)
    pain = tuple(PainPoint(c.date, c.worst) for c in checkins if since <= c.date <= today)
    return ReportView(
        generated_on=today,
        start=request.start,
        end=request.end,
        level=request.programme.level,
        calendar=_calendar(plan, sessions, today),
        sessions=sessions,
        exercises=_week_exercises(plan, week, sessions),
        progression=progression_view(week) if week else None,
        weekly_distance=tuple(WeekDistance(start, round(km, 1)) for start, km in distance.items()),
        adherence=tuple(adherence),
        pain=pain,
        warning=plan.physio if plan.physio is not None else _warning(checkins, today),
        tip=week.tip if week is not None else None,
    )


def exercise_view(p: Prescription) -> ExerciseView:
    """A prescription as the page shows it: the rung's variant, load, dose and cues."""
    exercise, variant = p.exercise, p.variant
    return ExerciseView(
        key=exercise.key,
        name=exercise.name,
        variant=variant.name,
        picture=variant.picture,
        load=variant.load,
        equipment=tuple(variant.equipment),
        rung=p.rung,
        sets=p.sets,
        reps=p.reps,
        seconds=p.seconds,
        per_side=p.per_side,
        rest_seconds=p.rest_seconds,
        dose=p.dose_text(),
        cues=p.cues,
        instructions=variant.instructions,
        # The article's words belong to its five exercises, on the rung it describes.
        from_article=exercise.source == "article" and variant.base,
    )


def session_view(session: Session, day: date, reason: str) -> SessionView:
    """A session on its date, with the scheduler's reason."""
    return SessionView(
        key=session.key,
        date=day,
        title=session.title,
        reason=reason,
        light=session.light,
        estimated_minutes=session.estimated_minutes(),
        exercises=tuple(exercise_view(p) for p in session.prescriptions),
    )


def progression_view(week: ProgrammeWeek) -> ProgressionView:
    """The week's progression decision and why, as the programme made it."""
    return ProgressionView(week.week, week.iso_week, week.phase, week.progression, week.why)


def _current_week(plan: SchedulePlan) -> ProgrammeWeek | None:
    """The programme week of the next session (or of the window's first day)."""
    from hipcoach.schedule.history import monday

    weeks = plan.request.programme.weeks
    anchor = plan.sessions[0].date if plan.sessions else plan.request.start
    return next((w for w in weeks if w.start == monday(anchor)), weeks[0] if weeks else None)


def _week_exercises(
    plan: SchedulePlan, week: ProgrammeWeek | None, sessions: Sequence[SessionView]
) -> tuple[ExerciseView, ...]:
    """The exercises of the current week at a full (not light) session's dose."""
    if week is None:
        return ()
    in_week = [s for s in sessions if week.start <= s.date < week.start + timedelta(days=7)]
    full = next((s for s in in_week if not s.light), in_week[0] if in_week else None)
    if full is not None:
        return full.exercises
    return tuple(exercise_view(p) for p in week.sessions[0].prescriptions) if week.sessions else ()


def _calendar(
    plan: SchedulePlan, sessions: Sequence[SessionView], today: date
) -> tuple[tuple[DayView, ...], ...]:
    from hipcoach.schedule.history import monday

    request = plan.request
    runs: dict[date, list[RunView]] = {}
    for run in plan.runs:
        runs.setdefault(run.date, []).append(_run_view(run))
    for planned in plan.planned_runs:
        runs.setdefault(planned.date, []).append(
            RunView(planned.date, planned.kind, planned.distance_km, True, planned.label())
        )
    for day, key in request.key_days().items():
        if key.planned is None and (
            key.predicted
            or (key.kind == "race" and not any(r.kind == "race" for r in runs.get(day, [])))
        ):
            runs.setdefault(day, []).append(RunView(day, key.kind, key.distance_km, expected=True))
    by_day = {s.date: s for s in sessions}
    rows = []
    week = monday(request.start)
    while week <= request.end:
        days = [week + timedelta(days=i) for i in range(7)]
        rows.append(
            tuple(
                DayView(
                    date=d,
                    in_window=request.start <= d <= request.end,
                    is_today=d == today,
                    runs=tuple(runs.get(d, ())),
                    session=by_day.get(d),
                )
                for d in days
            )
        )
        week += timedelta(weeks=1)
    return tuple(rows)


def _run_view(run: Run) -> RunView:
    return RunView(run.date, run.kind, round(run.distance_km, 1), expected=False)


def _warning(checkins: Sequence[CheckIn], today: date) -> str | None:
    """The plain "stop and see a physiotherapist" line, when the check-ins call for it."""
    from hipcoach.programme.progression import physio_advice

    return physio_advice(checkins, today)
