"""The programme generator: pure functions from settings and gates to weeks of sessions.

Design (``evidence.md`` §3): 6–8-week blocks then maintenance; the dose steps up about every
two weeks of ungated training; every 4th week is a deload (one set fewer); ``gentle`` starts
with isolated, non-weight-bearing work and moves to the article's weight-bearing exercises
only after two progressions (Dolak 2011's 4 + 4-week design).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach import catalog
from hipcoach.models import (
    Exercise,
    Level,
    Phase,
    Prescription,
    Programme,
    ProgrammeWeek,
    Session,
)
from hipcoach.progression import Gate, GateRule, no_gates

WEEKS_PER_STEP = 2
DELOAD_EVERY = 4
MIN_SETS = 2

# (sets, fraction of the catalog dose) per progression step. ``standard`` starts at the
# article's reps per side; ``gentle`` well below it; ``strong`` adds sets and volume.
DOSE_STEPS: dict[Level, tuple[tuple[int, float], ...]] = {
    "gentle": ((2, 0.5), (2, 0.6), (2, 0.75), (3, 0.75), (3, 1.0)),
    "standard": ((2, 1.0), (3, 1.0), (3, 1.25)),
    "strong": ((3, 1.0), (3, 1.25), (4, 1.25), (4, 1.5)),
}
REST_SECONDS: dict[Level, int] = {"gentle": 60, "standard": 45, "strong": 60}

_GENTLE_ISOLATED = ("side_leg_raise", "clamshell", "glute_bridge", "bird_dog")
_STRONG_EXTRAS = ("lateral_band_walk", "side_plank")
_GENTLE_FUNCTIONAL_FROM_STEP = 2
_STRONG_STEP_DOWN_FROM_STEP = 2


@dataclass(frozen=True)
class ProgrammeSettings:
    """What shapes a programme."""

    level: Level = "standard"
    sessions_per_week: int = 3
    min_sessions_per_week: int = 2
    block_weeks: int = 8


def monday_of(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def session_key(week_start: date, index: int) -> str:
    """The stable key of a session: ISO year, ISO week and the session number (``2026-W48-1``)."""
    year, week, _ = week_start.isocalendar()
    return f"{year}-W{week:02d}-{index}"


def exercises_for(level: Level, step: int) -> tuple[Exercise, ...]:
    """The exercise list for a level at a progression step."""
    if level == "gentle" and step < _GENTLE_FUNCTIONAL_FROM_STEP:
        return catalog.select(_GENTLE_ISOLATED)
    keys = list(catalog.ARTICLE_KEYS)
    if level == "strong":
        keys += _STRONG_EXTRAS
        if step >= _STRONG_STEP_DOWN_FROM_STEP:
            keys.append("step_down")
    return catalog.select(keys)


def prescribe(exercise: Exercise, sets: int, fraction: float, rest: int) -> Prescription:
    """The exercise at ``sets`` × ``fraction`` of its catalog dose."""
    if exercise.reps is not None:
        return Prescription(
            exercise=exercise,
            sets=sets,
            reps=max(5, round(exercise.reps * fraction)),
            rest_seconds=rest,
        )
    seconds = max(10, 5 * round((exercise.seconds or 0) * fraction / 5))
    return Prescription(exercise=exercise, sets=sets, seconds=seconds, rest_seconds=rest)


def dose_for(level: Level, step: int, phase: Phase) -> tuple[int, float]:
    """Sets and dose fraction for a step; deload and light weeks drop a set (or a quarter)."""
    steps = DOSE_STEPS[level]
    sets, fraction = steps[min(step, len(steps) - 1)]
    if phase in ("deload", "taper", "race"):
        if sets > MIN_SETS:
            sets -= 1
        else:
            fraction *= 0.75
    return sets, fraction


def build_session(
    settings: ProgrammeSettings, week: int, week_start: date, index: int, step: int, phase: Phase
) -> Session:
    """One session of a week."""
    sets, fraction = dose_for(settings.level, step, phase)
    rest = REST_SECONDS[settings.level]
    prescriptions = tuple(
        prescribe(e, sets, fraction, rest) for e in exercises_for(settings.level, step)
    )
    suffix = {"deload": " (deload)", "taper": " (taper)", "race": " (race week, light)"}
    return Session(
        key=session_key(week_start, index),
        week=week,
        index=index,
        level=settings.level,
        phase=phase,
        step=step,
        title=f"Hip strength W{week} S{index}{suffix.get(phase, '')}",
        prescriptions=prescriptions,
    )


def phase_for(
    settings: ProgrammeSettings, week: int, week_start: date, races: Sequence[date] = ()
) -> Phase:
    """Race weeks (light), build weeks, a deload every 4th week, maintenance after the block."""
    if any(week_start <= r <= week_start + timedelta(days=6) for r in races):
        return "race"
    if week > settings.block_weeks:
        return "maintenance"
    if week % DELOAD_EVERY == 0:
        return "deload"
    return "build"


def sessions_in(settings: ProgrammeSettings, phase: Phase) -> int:
    """How many sessions a week of this phase holds."""
    if phase == "race":
        return 1
    if phase == "maintenance":
        return settings.min_sessions_per_week
    return settings.sessions_per_week


def generate(
    settings: ProgrammeSettings,
    start: date,
    *,
    first_week: int = 1,
    weeks: int = 8,
    gate_for: GateRule = no_gates,
    races: Sequence[date] = (),
) -> Programme:
    """Generate programme weeks ``first_week`` … ``first_week + weeks - 1``.

    ``start`` is the programme's first Monday. Progression is replayed from week 1 so that a
    gate in any earlier week (pain, a mileage jump) shapes every later week. A week holding
    one of ``races`` is a light race week with a single session.
    """
    start = monday_of(start)
    max_step = len(DOSE_STEPS[settings.level]) - 1
    step, credit = 0, 0
    out: list[ProgrammeWeek] = []
    for week in range(1, first_week + weeks):
        week_start = start + timedelta(weeks=week - 1)
        gate: Gate = gate_for(week_start) if week > 1 else Gate()
        if gate.action == "regress":
            step, credit = max(0, step - 1), 0
        elif gate.action == "progress" and credit >= WEEKS_PER_STEP:
            step, credit = min(max_step, step + 1), 0
        if gate.action != "hold":
            credit += 1
        if week < first_week:
            continue
        phase = phase_for(settings, week, week_start, races)
        sessions = tuple(
            build_session(settings, week, week_start, i, step, phase)
            for i in range(1, sessions_in(settings, phase) + 1)
        )
        held = gate.reason if gate.action != "progress" else None
        out.append(
            ProgrammeWeek(
                week=week, start=week_start, phase=phase, step=step, held=held, sessions=sessions
            )
        )
    return Programme(
        level=settings.level,
        sessions_per_week=settings.sessions_per_week,
        start=start,
        weeks=tuple(out),
    )
