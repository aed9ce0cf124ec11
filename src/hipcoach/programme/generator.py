"""The programme generator: pure functions from settings, gates and adherence to weeks.

Progress by difficulty, not by piling on reps (``evidence.md`` §3 and §7): every exercise
climbs its ladder one rung after two completed weeks that met every limit (Khayambashi
raised resistance every two weeks). Sets are fixed by the level and the time cap, so
climbing never adds volume. Every 4th week is a deload (one set fewer, same rungs). After
the block (``block_weeks``) comes maintenance at ``min_sessions_per_week``, at the rungs
reached, never above them. Pain steps every exercise down a rung, below the level's start
too; a week with a race is one light session.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from hipcoach.models import (
    Phase,
    Prescription,
    Programme,
    ProgrammeWeek,
    Progression,
    Session,
)
from hipcoach.programme.dose import fit_to_cap, prescribe, reduce_all
from hipcoach.programme.levels import REST_SECONDS, ProgrammeSettings, Slot, level_slots
from hipcoach.programme.progression import Adherence, Gate, GateRule, combine, no_gates
from hipcoach.timeutil import monday

__all__ = ["ProgrammeSettings", "generate", "lighten", "session_key"]

WEEKS_PER_RUNG = 2
DELOAD_EVERY = 4


#: what :func:`session_key` makes (and nothing else: "hipcoach drills" holds no key)
SESSION_KEY = re.compile(r"\d{4}-W\d{2}-\d{1,2}")


def session_key(week_start: date, index: int) -> str:
    """The stable key of a session: ISO year, ISO week and the session number (``2026-W48-1``)."""
    year, week, _ = week_start.isocalendar()
    return f"{year}-W{week:02d}-{index}"


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


def first_week_sessions(settings: ProgrammeSettings, first_day: date) -> int:
    """Sessions the first week can be assumed to hold: one per two days left before Sunday
    (no two days in a row, and room for the day before a long run), so that a programme
    starting on a Friday does not count a one-session stub as a full week."""
    days_left = 7 - first_day.weekday()
    return min(settings.sessions_per_week, days_left // 2)


def lighten(session: Session) -> Session:
    """The session made light: one set fewer per exercise (a third fewer reps where only one
    set is left), never a harder rung. Unchanged when nothing can be lighter."""
    if session.light:
        return session
    prescriptions, note = reduce_all(session.prescriptions)
    if note is None:
        return session
    return session.model_copy(
        update={
            "prescriptions": prescriptions,
            "light": True,
            "light_note": note,
            "title": f"{session.title} (light)",
        }
    )


@dataclass(frozen=True)
class Plan:
    """How a level is laid out for this runner: the slots and each one's sets at rung 0."""

    settings: ProgrammeSettings
    slots: tuple[Slot, ...]
    sets: dict[str, int]

    @classmethod
    def for_settings(cls, settings: ProgrammeSettings) -> Plan:
        """Sets fitted to the cap at the level's starting rungs (the extras only if they
        fit); climbing never adds a set back."""
        slots = level_slots(settings)
        fitted = _fit(settings, slots, {s.key: 0 for s in slots}, {s.key: s.sets for s in slots})
        keep = {p.key: p.sets for p in fitted}
        return cls(settings, tuple(s for s in slots if s.key in keep), keep)

    def prescriptions(self, rungs: dict[str, int]) -> tuple[Prescription, ...]:
        """A full session at ``rungs``, trimmed (never added to) to fit the cap."""
        return _fit(self.settings, self.slots, rungs, self.sets)


def _fit(
    settings: ProgrammeSettings,
    slots: Sequence[Slot],
    rungs: dict[str, int],
    sets: dict[str, int],
) -> tuple[Prescription, ...]:
    wanted = [prescribe(s, rungs[s.key], sets[s.key], REST_SECONDS) for s in slots]
    optional = {s.key for s in slots if s.optional}
    return fit_to_cap(wanted, optional, settings.max_session_minutes * 60)


@dataclass
class _Climb:
    """Where the programme stands: each exercise's rung, credit towards the next, the peak."""

    rungs: dict[str, int]
    credit: int = 0
    step: int = 0
    peak: dict[str, int] | None = None
    moved: list[str] = field(default_factory=list)

    def move(self, slots: Sequence[Slot], by: int, ceiling: dict[str, int] | None = None) -> None:
        """Every exercise ``by`` rungs (within its ladder and ``ceiling``); remember which."""
        self.moved = []
        for slot in slots:
            old = self.rungs[slot.key]
            if by > 0:
                top = slot.highest if ceiling is None else min(slot.highest, ceiling[slot.key])
                new = max(old, min(top, old + by))
            else:
                new = min(old, max(slot.lowest, old + by))
            if new != old:
                self.rungs[slot.key] = new
                self.moved.append(slot.exercise.name)
        if self.moved:
            self.step += 1 if by > 0 else -1


def _decide(
    settings: ProgrammeSettings,
    plan: Plan,
    climb: _Climb,
    week: int,
    phase: Phase,
    gate: Gate,
) -> tuple[Progression, str]:
    """Apply this week's progression decision to ``climb``; return its label and why."""
    slots = plan.slots
    if gate.action == "regress":
        climb.move(slots, -1)
        climb.credit = 0
        floor = "" if climb.moved else "; every exercise is already at its easiest variant"
        extra = "; deload week: one set fewer too" if phase == "deload" else ""
        return "step_down", f"{gate.reason}{floor}{extra}"
    if week == 1:
        return "start", f"week 1: the {settings.level} level's starting variants (rung 0)"
    held = f"; also holding: {gate.reason}" if gate.action == "hold" else ""
    if phase == "deload":
        return "deload", f"deload week: one set fewer per exercise, same rungs{held}"
    if phase == "race":
        return "hold", f"race week: one light session{held}"
    if gate.action == "hold":
        return "hold", gate.reason or "holding"
    ceiling = climb.peak if phase == "maintenance" else None
    if climb.credit >= WEEKS_PER_RUNG:
        climb.move(slots, +1, ceiling)
        if climb.moved:
            climb.credit = 0
            if phase == "maintenance":
                return "progress", "two completed weeks: back up a rung, towards your peak"
            return "progress", _progress_why(plan, climb)
    if phase == "maintenance":
        return "maintain", (
            f"maintenance after the {settings.block_weeks}-week block: "
            f"{settings.min_sessions_per_week} sessions a week at the rungs you reached"
        )
    if climb.credit >= WEEKS_PER_RUNG:
        return "hold", "every exercise is at the top of its ladder with your equipment"
    done = climb.credit
    why = (
        f"{done} completed week{'s' if done != 1 else ''} at these rungs: they move up after "
        f"{WEEKS_PER_RUNG} (a week counts with {settings.min_sessions_per_week} sessions done)"
    )
    if week == 2 and done == 0:
        why += "; week 1 started too late in the week to count"
    return "hold", why


def _progress_why(plan: Plan, climb: _Climb) -> str:
    stayed = [s.exercise.name for s in plan.slots if s.exercise.name not in climb.moved]
    why = f"{WEEKS_PER_RUNG} completed weeks: every exercise moves up a rung"
    if stayed:
        why = (
            f"{WEEKS_PER_RUNG} completed weeks: up a rung, except {', '.join(stayed)} (at the top)"
        )
    return why


def _sessions(
    settings: ProgrammeSettings,
    plan: Plan,
    climb: _Climb,
    week: int,
    week_start: date,
    phase: Phase,
) -> tuple[Session, ...]:
    prescriptions = plan.prescriptions(climb.rungs)
    suffix = ""
    light, note = False, None
    if phase == "deload":
        prescriptions, _ = reduce_all(prescriptions)
        suffix = " (deload)"
    elif phase == "race":
        prescriptions, note = reduce_all(prescriptions)
        light = note is not None
        suffix = " (race week, light)" if light else " (race week)"
    return tuple(
        Session(
            key=session_key(week_start, index),
            week=week,
            index=index,
            level=settings.level,
            phase=phase,
            step=climb.step,
            title=f"Hip strength W{week} S{index}{suffix}",
            prescriptions=prescriptions,
            light=light,
            light_note=note,
        )
        for index in range(1, sessions_in(settings, phase) + 1)
    )


def generate(
    settings: ProgrammeSettings,
    first_day: date,
    *,
    first_week: int = 1,
    weeks: int = 8,
    gate_for: GateRule = no_gates,
    races: Sequence[date] = (),
    adherence: Adherence | None = None,
) -> Programme:
    """Generate programme weeks ``first_week`` … ``first_week + weeks - 1``.

    ``first_day`` is the programme's first day; week 1 is its ISO week. Progression is
    replayed from week 1 so that a gate or a missed week anywhere shapes every later week.
    A week counts towards the next rung when ``min_sessions_per_week`` sessions were done
    (``adherence``; with no information, the planned ones) and it broke no limit; a first
    week starting too late to hold that many sessions does not count.
    """
    adherence = adherence or Adherence()
    start = monday(first_day)
    plan = Plan.for_settings(settings)
    climb = _Climb(rungs={s.key: 0 for s in plan.slots})
    out: list[ProgrammeWeek] = []
    previous_planned = 0
    for week in range(1, first_week + weeks):
        week_start = start + timedelta(weeks=week - 1)
        phase = phase_for(settings, week, week_start, races)
        gate = gate_for(week_start)
        if week > 1:
            gate = combine([gate, adherence.gate(week_start, settings.min_sessions_per_week)])
            last = week_start - timedelta(weeks=1)
            counted = adherence.week_counts(last, previous_planned, settings.min_sessions_per_week)
            if counted and gate.last_week_ok:
                climb.credit += 1
        progression, why = _decide(settings, plan, climb, week, phase, gate)
        if week <= settings.block_weeks:
            climb.peak = {k: max(r, (climb.peak or climb.rungs)[k]) for k, r in climb.rungs.items()}
        previous_planned = (
            first_week_sessions(settings, first_day) if week == 1 else sessions_in(settings, phase)
        )
        if week < first_week:
            continue
        out.append(
            ProgrammeWeek(
                week=week,
                start=week_start,
                phase=phase,
                step=climb.step,
                progression=progression,
                why=why,
                held=gate.reason if gate.action != "progress" else None,
                sessions=_sessions(settings, plan, climb, week, week_start, phase),
            )
        )
    return Programme(
        level=settings.level,
        sessions_per_week=settings.sessions_per_week,
        start=start,
        weeks=tuple(out),
    )
