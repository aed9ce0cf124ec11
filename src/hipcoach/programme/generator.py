"""The programme generator: pure functions from settings, check-ins, gates and adherence to weeks.

Progress by difficulty, not by piling on reps (``evidence.md`` §3 and §7): every exercise
climbs its ladder one rung after two completed weeks that met every limit (Khayambashi
raised resistance every two weeks). Sets are fixed by the level and the time cap, so climbing
never adds volume; one variable at a time (double progression): the week an exercise climbs,
only its variant changes, at the reps (or hold) and sets it had on the rung below, and the new
rung's own dose comes on its next full week. Every 4th week is a deload (one set fewer, same
rungs, never more reps than the week before). After the block
(``block_weeks`` completed full build weeks: weeks shaped by pain or a race do not count)
comes maintenance at ``min_sessions_per_week``, still climbing one rung
every third completed week while rungs remain, never more load than the peak build week.

Pain (:class:`hipcoach.programme.progression.PainLog`): a hold keeps the rungs; a step-down
moves every exercise one rung down (below the level's start too) and asks strictly less than
the week before, knee-loading exercises first; 7/10 or more pauses the programme: the rest of
that ISO week is cancelled, then only pain-free holds until a check-in of 2/10 or less, then
one rung below where it hurt. After any of them nothing climbs above the rung that hurt until
a later check-in of 2/10 or less.

A programme first planned on a Thursday or later starts week 1 on the next Monday; the days
before get week-1 sessions that count for nothing (a head start). A week with a race is one
light session. Every week carries one education tip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from hipcoach.models import (
    CheckIn,
    Phase,
    Prescription,
    Programme,
    ProgrammeWeek,
    Progression,
    Session,
    Tip,
    Variant,
)
from hipcoach.programme.dose import (
    FULL_SETS,
    HOLD_STEP_SECONDS,
    Template,
    compose,
    covers,
    largest_doses,
    longest_seconds,
    pause_template,
    prescribe,
    reduce_all,
    shed_load,
    step_down,
    week_load,
)
from hipcoach.programme.education import tip_by_key, tip_for_week
from hipcoach.programme.levels import (
    HIP_AND_KNEE_FROM_WEEK,
    ProgrammeSettings,
    Slot,
    level_slots,
)
from hipcoach.programme.progression import (
    PAIN_HOLD_ABOVE,
    RUNNING_ADVICE,
    Adherence,
    Gate,
    GateRule,
    PainLog,
    PainVerdict,
    combine,
    describe,
    no_gates,
    pain_action,
    physio_advice,
    running_pain,
)
from hipcoach.programme.vocabulary import WEEKLY_FOCI, Focus
from hipcoach.timeutil import monday

__all__ = ["ProgrammeSettings", "generate", "lighten", "programme_monday", "session_key"]

WEEKS_PER_RUNG = 2
MAINTENANCE_WEEKS_PER_RUNG = 3
#: New body positions a week at most (exercises joining count): a new position loads the
#: tissues differently and a runner should be able to tell which change hurt.
MAX_NEW_POSITIONS = 2
NEW_POSITIONS_WHY = f"at most {MAX_NEW_POSITIONS} new body positions a week, the knee's on its own"
DELOAD_EVERY = 4
#: A full week asks at most this much more than the last full one (graded exposure to load,
#: evidence.md §4; the figure is inferred): exercises give way first, never a direction.
MAX_WEEKLY_RISE = 1.3
#: What the sessions of a pause, a step-down, a week kept at its dose and the first week back
#: after a pause say of their dose (``light_note``).
PAUSE_NOTE = "pause: pain-free holds only, stop any that hurts"
STEPPED_NOTE = (
    "step-down after pain: every exercise one rung easier, with less load (the knee-loading "
    "exercises first)"
)
KEPT_NOTE = (
    "the step-down's lighter dose, kept while the pain holds: full sessions again the week "
    f"after a check-in of {PAIN_HOLD_ABOVE}/10 or less"
)
KEPT_WHY = (
    "at the step-down's lighter dose (full sessions again the week after a check-in of "
    f"{PAIN_HOLD_ABOVE}/10 or less)"
)
RESUMED_NOTE = (
    "first week back after the pause: the step-down's lighter dose of the week that hurt; "
    "full sessions from next week"
)
#: A programme first planned on this weekday (Thursday) or later starts on the next Monday.
LATE_START_WEEKDAY = 3

#: what :func:`session_key` makes (and nothing else: "hipcoach drills" holds no key)
SESSION_KEY = re.compile(r"\d{4}-W\d{2}-\d{1,2}")


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _its(slots: Sequence[Slot]) -> str:
    return "its" if len(slots) == 1 else "their"


def _names(slots: Sequence[Slot]) -> str:
    return ", ".join(s.exercise.name for s in slots)


def _not_yet(wait: Sequence[Slot], no_room: Sequence[Slot]) -> list[str]:
    """Why exercises due to climb do not: a new position's turn, no room under the cap."""
    out = []
    if wait:
        out.append(
            f"{_names(wait)} ({_its(wait)} new position in a later week: {NEW_POSITIONS_WHY})"
        )
    if no_room:
        out.append(
            f"{_names(no_room)} (no room under the time cap at {_its(no_room)} next rung this week)"
        )
    return out


def session_key(week_start: date, index: int) -> str:
    """The stable key of a session: ISO year, ISO week and the session number (``2026-W48-1``)."""
    year, week, _ = week_start.isocalendar()
    return f"{year}-W{week:02d}-{index}"


def programme_monday(first_day: date) -> date:
    """Week 1's Monday: the first day's, or the next one when it falls on Thursday or later."""
    start = monday(first_day)
    return start if first_day.weekday() < LATE_START_WEEKDAY else start + timedelta(weeks=1)


def week_number(first_day: date, day: date) -> int:
    """The programme week holding ``day`` (1 for any day before week 1: a head start)."""
    return max(1, (monday(day) - programme_monday(first_day)).days // 7 + 1)


def phase_for(
    settings: ProgrammeSettings,
    week: int,
    week_start: date,
    races: Sequence[date] = (),
    built: int | None = None,
) -> Phase:
    """Race weeks (light), build weeks, a deload every 4th week, maintenance after the block:
    once ``built`` (the completed full build weeks so far; by default, every week before this
    one) reaches ``block_weeks``. ``week`` 0 is a head start (built like week 1)."""
    if any(week_start <= r <= week_start + timedelta(days=6) for r in races):
        return "race"
    if (week - 1 if built is None else built) >= settings.block_weeks:
        return "maintenance"
    if week >= DELOAD_EVERY and week % DELOAD_EVERY == 0:
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
    """Sessions week 1 can be assumed to hold when it starts on ``first_day`` (Monday to
    Wednesday): one per two days left before Sunday (no two days in a row)."""
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


@dataclass
class _Climb:
    """Where the programme stands: each exercise's rung, credit towards the next, the ceiling
    set by pain, a step-down's dose kept while the pain holds, a pause under way."""

    rungs: dict[str, int]
    #: each exercise's completed weeks since it last climbed (its own clock)
    credit: dict[str, int] = field(default_factory=dict)
    step: int = 0
    ceiling: dict[str, int] | None = None
    ceiling_since: date | None = None
    #: a step-down's dose, kept until a check-in of 2/10 or less
    lighter: _Lighter | None = None
    paused_by: CheckIn | None = None
    pause_rungs: dict[str, int] | None = None
    #: the week the pause began in (what the first week back steps down from)
    pause_hurt: _Built | None = None
    #: exercises due to climb into a new body position that wait (a few new positions a
    #: week), and how many climbing weeks each has waited
    waiting: dict[str, int] = field(default_factory=dict)
    moved: list[str] = field(default_factory=list)

    def move(self, slots: Sequence[Slot], by: int, *, counts: bool = True) -> None:
        """Every exercise ``by`` rungs (within its ladder and the pain ceiling); ``counts``:
        a step of the programme (climbs that only waited for their turn are not). A climb
        restarts the exercise's clock."""
        self.moved = []
        for slot in slots:
            old = self.rungs[slot.key]
            if by > 0:
                top = slot.highest
                if self.ceiling is not None:
                    top = min(top, self.ceiling.get(slot.key, top))
                new = max(old, min(top, old + by))
            else:
                new = min(old, max(slot.lowest, old + by))
            if new != old:
                self.rungs[slot.key] = new
                self.moved.append(slot.exercise.name)
                if by > 0:
                    self.credit[slot.key] = 0
                    self.waiting.pop(slot.key, None)
        if self.moved and counts:
            self.step += 1 if by > 0 else -1

    def top(self, slot: Slot) -> int:
        """The highest rung ``slot`` may reach now (its ladder's, or the pain ceiling's)."""
        if self.ceiling is None:
            return slot.highest
        return min(slot.highest, self.ceiling.get(slot.key, slot.highest))

    def cap_at(self, rungs: dict[str, int], since: date) -> None:
        """Nothing climbs above ``rungs`` until a check-in after ``since`` meets every limit."""
        ceiling = dict(rungs) if self.ceiling is None else self.ceiling
        self.ceiling = {k: min(r, ceiling.get(k, r)) for k, r in rungs.items()}
        self.ceiling_since = max(since, self.ceiling_since or since)

    def clear(self) -> None:
        """A check-in met every limit: no ceiling, no kept step-down dose."""
        self.ceiling = self.ceiling_since = None
        self.lighter = None

    def restart(self) -> None:
        """Pain stepped the programme back: every clock starts again, nothing waits."""
        self.credit, self.waiting = {}, {}

    def earned(self, keys: Collection[str]) -> None:
        """A completed week that met every limit: one week on the clock of each exercise it
        held."""
        for key in keys:
            self.credit[key] = self.credit.get(key, 0) + 1


@dataclass(frozen=True)
class _Built:
    """A week as generated: what a step-down must stay under, what counts for credit."""

    start: date
    templates: tuple[Template, ...]
    sessions: int
    planned: int
    counts: bool
    load: float
    longest: int
    #: the exercises its sessions held
    keys: frozenset[str] = frozenset()
    #: a full build week, counted towards the block when completed
    full_build: bool = False


@dataclass(frozen=True)
class _Lighter:
    """A step-down's dose and the week that hurt (no week kept at this dose asks more)."""

    templates: tuple[Template, ...]
    sessions: int
    hurt: _Built


@dataclass(frozen=True)
class _Decision:
    progression: Progression
    why: str
    pause: bool = False
    #: the first week back after a pause: the step-down's dose of the week that hurt
    resume: bool = False


DoseKind = Literal["full", "pause", "stepped", "kept", "resumed"]


#: what a deload takes off a full week (its reason says so)
DELOAD_CUT = "one set fewer per exercise"


@dataclass(frozen=True)
class _Dose:
    """The week's templates over ``count`` sessions, and what kind of dose they are."""

    templates: tuple[Template, ...]
    count: int
    kind: DoseKind = "full"
    light_note: str | None = None
    #: what a deload took off a lighter dose (None: nothing could come off)
    cut: str | None = None


class _Generator:
    def __init__(
        self,
        settings: ProgrammeSettings,
        first_day: date,
        checkins: Sequence[CheckIn],
        gate_for: GateRule,
        races: Sequence[date],
        adherence: Adherence,
        dated: Mapping[str, date],
    ) -> None:
        self.settings = settings
        self.dated = dated
        self.first_day = first_day
        self.start = programme_monday(first_day)
        self.lead_in = monday(first_day) if monday(first_day) != self.start else None
        self.slots = level_slots(settings)
        self.by_key = {s.key: s for s in self.slots}
        self.pain = PainLog(checkins)
        self.checkins = list(checkins)
        self.gate_for = gate_for
        self.races = list(races)
        self.adherence = adherence
        self.climb = _Climb({s.key: 0 for s in self.slots})
        self.previous: _Built | None = None
        self.peak_load = 0.0
        #: the load of the last full week (not a deload, race, step-down or pause)
        self.last_full_load = 0.0
        #: completed full build weeks so far: the block ends after ``block_weeks`` of them
        self.built = 0
        #: every exercise the runner has been given so far (a first one is a new position)
        self.ever: set[str] = set()
        #: each exercise's dose in the last full week that held it (what a climb starts from)
        self.last_full: dict[str, Prescription] = {}
        #: the week that hurt, from a step-down or a pause's week back until the first full
        #: week after it, which asks no more than it did (graded exposure, not a jump above)
        self.hurt: _Built | None = None

    # -- one week ----------------------------------------------------------------------------
    def week(self, week_start: date) -> ProgrammeWeek:
        lead_in = week_start == self.lead_in
        n = 0 if lead_in else (week_start - self.start).days // 7 + 1
        verdict = self.pain.verdict(week_start)
        gate = self._gate(week_start, verdict)
        phase = phase_for(self.settings, n, week_start, self.races, self.built)
        active = [s for s in self.slots if max(1, n) >= s.from_week]
        before = dict(self.climb.rungs)
        decision = self._decide(n, phase, active, verdict, gate, week_start)
        dose = self._templates(n, phase, active, decision, before)
        self._record(week_start, n, lead_in, dose, decision, phase, verdict)
        physio = physio_advice(self.checkins, week_start)
        tip = self._tip(n, decision, verdict)
        sessions = self._sessions(n, week_start, phase, dose, physio, tip)
        severe = self.pain.severe_in(week_start)
        stepped_from, stepped = self._stepped_mid_week(
            n, week_start, phase, active, dose, severe, tip
        )
        daily = tuple(
            physio_advice(self.checkins, week_start + timedelta(days=d)) for d in range(7)
        )
        return ProgrammeWeek(
            week=max(1, n),
            start=week_start,
            phase=phase,
            step=self.climb.step,
            progression=decision.progression,
            why=_deload_why(decision.why, dose) if phase == "deload" else decision.why,
            held="; ".join(r for r in (verdict.reason, gate.reason) if r) or None,
            sessions=sessions,
            lead_in=lead_in,
            tip=tip,
            physio=physio,
            physio_days=daily if any(p != physio for p in daily) else (),
            cancelled_from=severe.date if severe is not None else None,
            stepped_down_from=stepped_from,
            stepped_down=stepped,
        )

    def _tip(self, n: int, decision: _Decision, verdict: PainVerdict) -> Tip:
        """The week's tip: the pain rules or when to see a physio while pain rules the week
        (a pause, a step-down), running advice when running pain holds it, else the next."""
        if decision.pause:
            return tip_by_key("see_a_physio" if n % 2 else "pain_rules")
        if decision.progression == "step_down" or decision.resume:
            return tip_by_key("pain_rules")
        if verdict.cause is not None and running_pain(verdict.cause):
            return tip_by_key("run_walk")
        return tip_for_week(n)

    def _gate(self, week_start: date, verdict: PainVerdict) -> Gate:
        """The non-pain gates, and what the week before earns when it was completed and met
        every limit: a week on the clock of each exercise it held, and, a full build week,
        a week of the block."""
        gate = self.gate_for(week_start)
        previous = self.previous
        if previous is None:
            return gate
        gate = combine([gate, self.adherence.gate(week_start, self.settings.min_sessions_per_week)])
        done = self.adherence.week_counts(
            previous.start, previous.planned, self.settings.min_sessions_per_week
        )
        if previous.counts and done and gate.last_week_ok and verdict.last_week_ok:
            self.climb.earned(previous.keys)
            self.built += previous.full_build
        return gate

    def _decide(
        self,
        n: int,
        phase: Phase,
        active: Sequence[Slot],
        verdict: PainVerdict,
        gate: Gate,
        week_start: date,
    ) -> _Decision:
        climb = self.climb
        since = climb.ceiling_since
        if since is not None and self.pain.clear_after(since, week_start) is not None:
            climb.clear()
        if verdict.cause is not None:
            climb.cap_at(climb.pause_rungs or climb.rungs, verdict.cause.date)
        severe = self.pain.unresolved_severe(week_start)
        if severe is not None:
            if climb.paused_by is None:
                climb.pause_rungs = dict(climb.rungs)
                climb.pause_hurt = self.previous
            climb.paused_by, climb.lighter = severe, None
            climb.restart()
            return _Decision(
                "pause",
                f"{describe(severe)}: pause. Only pain-free holds until a check-in of "
                f"{PAIN_HOLD_ABOVE}/10 or less; then a week back at a lighter dose, one rung "
                "below where it hurt",
                pause=True,
            )
        if climb.paused_by is not None or verdict.action == "pause":
            return self._resume(active, week_start, verdict)
        decision = self._plain(n, phase, active, verdict, gate)
        if climb.lighter is not None and decision.progression != "step_down":
            return _Decision(decision.progression, f"{decision.why}; {KEPT_WHY}")
        return decision

    def _plain(
        self, n: int, phase: Phase, active: Sequence[Slot], verdict: PainVerdict, gate: Gate
    ) -> _Decision:
        """The decision outside a pause and its re-entry."""
        climb = self.climb
        # What holds the week (pain with its running advice, a gate) is said whatever the phase.
        said = ((verdict.reason, verdict.action), (gate.reason, gate.action))
        holding = "; ".join(r for r, action in said if r and action == "hold")
        held = f"; also holding: {holding}" if holding else ""
        if verdict.action == "step_down":
            climb.move(active, -1)
            climb.restart()
            floor = "" if climb.moved else "; every exercise is already at its easiest variant"
            extra = "; deload week: one set fewer too" if phase == "deload" else ""
            return _Decision("step_down", f"{verdict.reason}{floor}{extra}")
        if n <= 1:
            if n == 0:
                return _Decision(
                    "start",
                    f"a head start: week 1 begins {self.start:%a %d %b}; these week-1 "
                    f"sessions count for nothing{held}",
                )
            return _Decision(
                "start", f"week 1: the {self.settings.level} level's starting variants{held}"
            )
        if phase == "deload":
            return _Decision("deload", f"deload week: {DELOAD_CUT}, same rungs{held}")
        if phase == "race":
            return _Decision("hold", f"race week: one light session{held}")
        if verdict.action == "hold" or gate.action != "progress":
            # a climb put off waits for the next climbing week
            reasons = "; ".join(r for r in (verdict.reason, gate.reason) if r)
            return _Decision("hold", reasons or "holding")
        return self._climb(n, phase, active)

    def _resume(self, active: Sequence[Slot], week_start: date, verdict: PainVerdict) -> _Decision:
        climb = self.climb
        severe = climb.paused_by or verdict.cause
        cleared = self.pain.clear_after(severe.date, week_start) if severe else None
        climb.rungs = dict(climb.pause_rungs or climb.rungs)
        climb.move(active, -1)
        climb.paused_by = climb.pause_rungs = None
        climb.restart()
        climb.lighter = None
        when = f" on {cleared.date:%a %d %b}" if cleared else ""
        why = (
            f"resuming after the pause (a check-in of {PAIN_HOLD_ABOVE}/10 or less{when}): "
            "every exercise one rung below where it hurt, and for this first week back the "
            "lighter dose of a step-down (light); full sessions from next week"
        )
        window = self.pain.window(week_start)
        if any(running_pain(c) and pain_action(c) != "pause" for c in window):
            why += f"; {RUNNING_ADVICE}"
        return _Decision("hold", why, resume=True)

    def _climb(self, n: int, phase: Phase, active: Sequence[Slot]) -> _Decision:
        """Each exercise up a rung once its own clock shows ``need`` completed weeks since it
        last climbed (or joined), a few new body positions a week."""
        climb, settings = self.climb, self.settings
        maintenance = phase == "maintenance"
        need = MAINTENANCE_WEEKS_PER_RUNG if maintenance else WEEKS_PER_RUNG
        label: Progression = "maintain" if maintenance else "progress"
        last_week = self.previous.keys if self.previous is not None else frozenset()
        # An exercise joins at its level's start and climbs from the week after; one the cap
        # left out last week stays where it was (no rung the runner never did).
        movers = [s for s in active if n > s.from_week and s.key in last_week]
        due = [
            s
            for s in movers
            if climb.credit.get(s.key, 0) >= need and climb.rungs[s.key] < climb.top(s)
        ]
        joining = [s for s in active if s.from_week == n > 1]
        staged, wait = self._staggered(due, joining)
        go, later = self._held_after(staged, n, phase, active)
        wait += later
        no_room = [s for s in staged if s not in go and s not in later]
        turn = [s for s in go if s.key in climb.waiting]
        climb.move(go, +1, counts=len(turn) < len(go))
        for slot in wait:
            climb.waiting[slot.key] = climb.waiting.get(slot.key, 0) + 1
        if climb.moved and len(turn) == len(go):
            why = (
                f"{_names(turn)} up a rung into {_its(turn)} new position, after the others' "
                f"({NEW_POSITIONS_WHY})"
            )
            return _Decision(label, why + "".join(f"; {c}" for c in _not_yet(wait, no_room)))
        if climb.moved:
            return _Decision(
                label,
                self._moved_why(n, active, need, maintenance, last_week, wait, movers, no_room),
            )
        blocked = _not_yet(wait, no_room)
        climbable = [s for s in movers if climb.rungs[s.key] < climb.top(s)]
        left = min((need - climb.credit.get(s.key, 0) for s in climbable), default=None)
        if maintenance:
            soon = "" if left is None or left <= 0 else f" (the next in {left} week{_s(left)})"
            why = (
                f"maintenance after the block ({settings.block_weeks} completed build weeks): "
                f"{settings.min_sessions_per_week} sessions a week; up a rung every "
                f"{need} completed weeks while rungs remain{soon}"
            )
            return _Decision("maintain", why + "".join(f"; {c}" for c in blocked))
        if blocked:
            return _Decision("hold", f"up a rung is due, but not yet: {'; '.join(blocked)}")
        if left is None:
            at_top = "every exercise is at the top of its ladder with your equipment"
            if climb.ceiling is not None:
                at_top = (
                    "nothing climbs above the rung that hurt until a check-in of "
                    f"{PAIN_HOLD_ABOVE}/10 or less"
                )
            return _Decision("hold", at_top)
        done = need - left
        why = (
            f"consolidating, no pain holding you: {done} completed week{_s(done)} at these "
            f"rungs; they move up after {need} (a week counts with "
            f"{settings.min_sessions_per_week} sessions done)"
        )
        return _Decision("hold", why)

    def _staggered(
        self, due: Sequence[Slot], joining: Sequence[Slot]
    ) -> tuple[list[Slot], list[Slot]]:
        """The exercises that climb now, and those that wait: at most
        :data:`MAX_NEW_POSITIONS` new body positions a week (exercises joining count), the
        knee ladder's on its own (a new position loads the knee differently); those that
        waited longest first, then the most important."""
        climb = self.climb

        def new_position(slot: Slot) -> bool:
            rung = climb.rungs[slot.key]
            return slot.variant(rung + 1).picture != slot.variant(rung).picture

        def order(slot: Slot) -> tuple[int, bool, int]:
            return (-climb.waiting.get(slot.key, 0), "knee" in slot.focus, slot.priority)

        room = MAX_NEW_POSITIONS - len(joining)
        chosen: list[Slot] = []
        for slot in sorted((s for s in due if new_position(s)), key=order):
            alone = "knee" in slot.focus
            if len(chosen) >= room or (chosen and (alone or "knee" in chosen[0].focus)):
                continue
            if alone and joining:
                continue
            chosen.append(slot)
        wait = [s for s in due if new_position(s) and s not in chosen]
        return [s for s in due if s not in wait], wait

    def _held_after(
        self, go: Sequence[Slot], n: int, phase: Phase, active: Sequence[Slot]
    ) -> tuple[list[Slot], list[Slot]]:
        """Those of ``go`` the week still holds once they climb: one the cap would leave out
        at its next rung stays at its rung (never a rung the runner has not done, nor a new
        position that appears weeks later beside others); and the knee's new position, which
        waits (comes alone) when the week also brings an exercise the runner has never done."""
        go = list(go)
        later: list[Slot] = []
        count = sessions_in(self.settings, phase)
        while go:
            rungs = dict(self.climb.rungs)
            for slot in go:
                rungs[slot.key] = min(self.climb.top(slot), rungs[slot.key] + 1)
            held = {p.key for t in self._full_week(n, phase, active, rungs, count) for p in t}
            kept = [s for s in go if s.key in held]
            knee = [s for s in kept if "knee" in s.focus and self._new_position(s)]
            if knee and held - self.ever:
                later += knee
                kept = [s for s in kept if s not in knee]
            if len(kept) == len(go):
                break
            go = kept
        return go, later

    def _new_position(self, slot: Slot) -> bool:
        """Whether ``slot``'s next rung is drawn in another body position."""
        rung = self.climb.rungs[slot.key]
        return slot.variant(rung + 1).picture != slot.variant(rung).picture

    def _moved_why(
        self,
        n: int,
        active: Sequence[Slot],
        need: int,
        maintenance: bool,
        last_week: frozenset[str],
        wait: Sequence[Slot],
        movers: Sequence[Slot],
        no_room: Sequence[Slot],
    ) -> str:
        climb = self.climb
        moved = set(climb.moved)
        new = [s.exercise.name for s in active if s.from_week == n]
        stayed = [s for s in active if s.exercise.name not in moved and s.from_week < n]
        left_out = [s for s in stayed if s.key not in last_week]
        clock = [
            s for s in stayed if s in movers and s not in wait and climb.credit.get(s.key, 0) < need
        ]
        kept = [s for s in stayed if s.key in last_week and s not in (*wait, *clock, *no_room)]
        what = (
            f"maintenance, {need} completed weeks: " if maintenance else f"{need} completed weeks: "
        )
        if stayed:
            why = []
            top = [s for s in kept if climb.rungs[s.key] >= s.highest]
            if top:
                why.append(f"{_names(top)} (at the top of {_its(top)} ladder)")
            if len(top) < len(kept):
                held = [s for s in kept if s not in top]
                why.append(f"{_names(held)} (held at the rung where it hurt)")
            if clock:
                since = "it" if len(clock) == 1 else "they"
                why.append(
                    f"{_names(clock)} (under {need} completed weeks since {since} last climbed)"
                )
            if left_out:
                why.append(f"{_names(left_out)} (left out of last week's sessions)")
            why += _not_yet(wait, no_room)
            climbed = [s for s in active if s.exercise.name in moved]
            what += f"{_names(climbed)} up a rung; staying: {'; '.join(why)}"
        else:
            what += "every exercise moves up a rung"
        if new:
            what += f"; new this week, at their starting rungs: {', '.join(new)}"
        return what

    # -- the week's sessions -----------------------------------------------------------------
    def _templates(
        self,
        n: int,
        phase: Phase,
        active: Sequence[Slot],
        decision: _Decision,
        before: dict[str, int],
    ) -> _Dose:
        settings, climb = self.settings, self.climb
        count = sessions_in(settings, phase)
        if decision.pause:
            return _Dose((pause_template(self.slots),), count, "pause", PAUSE_NOTE)
        required = WEEKLY_FOCI if n >= HIP_AND_KNEE_FROM_WEEK else ()

        def at(rungs: dict[str, int], sessions: int) -> tuple[Template, ...]:
            return self._composed(n, active, rungs, sessions)

        if decision.resume:
            hurt = climb.pause_hurt or self._planned(before, count, at)
            climb.pause_hurt = None
            self.hurt = hurt
            templates, count = self._stepped(hurt, active, required, count)
            return _Dose(templates, count, "resumed", RESUMED_NOTE)
        if decision.progression == "step_down":
            # Strictly less than the week before (or, in week 1, than the week as planned).
            hurt = self.previous or self._planned(before, count, at)
            self.hurt = hurt
            templates, count = self._stepped(hurt, active, required, count)
            climb.lighter = _Lighter(templates, count, hurt)
            dose = _Dose(templates, count, "stepped", STEPPED_NOTE)
        elif climb.lighter is not None:
            # The step-down's dose, with what the week must now train and did not (the knee
            # and rotation joining in week 3); a deload or race week takes its set off it too.
            kept = climb.lighter
            count = min(count, kept.sessions)
            layout = self._with_joiners(kept.templates, active, required)
            for p in (p for t in layout for p in t):
                climb.rungs[p.key] = min(climb.rungs[p.key], p.rung)
            templates, _ = step_down(
                kept.hurt.templates, kept.hurt.sessions, layout, count, required
            )
            dose = _Dose(templates, count, "kept", KEPT_NOTE)
        else:
            caps = self._caps(active, before, phase)
            templates = self._full_week(n, phase, active, climb.rungs, count, caps)
            if self.hurt is not None and _is_full(phase, decision):
                # The first full week after pain: no more than the week that hurt (per
                # session), every exercise kept: a rep fewer, not one dropped below the back.
                limit = self.hurt.load * min(1.0, count / self.hurt.sessions)
                templates = shed_load(templates, count, limit, required, exercises_last=True)
            dose = _Dose(templates, count)
        if phase in ("deload", "race"):
            reduced = [reduce_all(t) for t in dose.templates]
            note = reduced[0][1] if phase == "race" else None
            if dose.kind in ("stepped", "kept"):
                base = STEPPED_NOTE if dose.kind == "stepped" else KEPT_NOTE
                note = f"{base}; {phase}: {reduced[0][1] or 'already at its lightest'}"
            cut = reduced[0][1] if dose.kind in ("stepped", "kept") else DELOAD_CUT
            dose = _Dose(tuple(t for t, _ in reduced), dose.count, dose.kind, note, cut)
        return dose

    def _caps(
        self, active: Sequence[Slot], before: dict[str, int], phase: Phase
    ) -> dict[str, Prescription]:
        """What caps each exercise's dose this week (double progression: one variable at a
        time). One climbing a rung (from ``before``): its dose on the rung below, the last
        full week's when it was at that rung, else that rung's own at two sets, and never
        more reps (or hold) than the week before (a deload may have cut them). In a deload
        or race week, one at the rung of its last full week: that week's dose (the week
        takes a set off what it had, never a bigger dose)."""
        out = {}
        last_week = largest_doses(self.previous.templates) if self.previous else {}
        for slot in active:
            rung, was = self.climb.rungs[slot.key], before.get(slot.key, 0)
            last = self.last_full.get(slot.key)
            if rung > was:
                fits = last is not None and last.rung == was
                base = last if fits and last else prescribe(slot, was, FULL_SETS)
                out[slot.key] = _no_more_than(base, last_week.get(slot.key))
            elif phase in ("deload", "race") and last is not None and last.rung == rung:
                out[slot.key] = last
            elif last is not None and last.rung == rung:
                building = _building(last, slot.variant(rung))
                if building is not None:
                    out[slot.key] = building
        return out

    def _composed(
        self,
        n: int,
        active: Sequence[Slot],
        rungs: dict[str, int],
        sessions: int,
        at_most: Mapping[str, Prescription] | None = None,
    ) -> tuple[Template, ...]:
        """The week's templates at ``rungs`` under the cap (:func:`compose`), those climbing
        at no more than their dose in ``at_most`` (double progression)."""
        required = WEEKLY_FOCI if n >= HIP_AND_KNEE_FROM_WEEK else ()
        # An exercise takes two sets for its first two weeks (no third set yet): the article's
        # five start at the article's dose, two sets, in weeks 1-2 (and a head start) too.
        new = [s.key for s in active if n <= s.from_week + 1]
        cap = self.settings.max_session_minutes * 60
        return compose(
            active,
            rungs,
            sessions=sessions,
            cap_seconds=cap,
            required=required,
            new=new,
            at_most=at_most,
        )

    def _full_week(
        self,
        n: int,
        phase: Phase,
        active: Sequence[Slot],
        rungs: dict[str, int],
        count: int,
        at_most: Mapping[str, Prescription] | None = None,
    ) -> tuple[Template, ...]:
        """A full week at ``rungs``: composed (those in ``at_most`` at no more than its
        dose), then within the graded rise on the last full week (a deload's basis: no
        rise at all; in maintenance, within the peak build week)."""
        templates = self._composed(n, active, rungs, count, at_most)
        # A deload lightens the last full week; it does not rise on it first.
        rise = 1.0 if phase == "deload" else MAX_WEEKLY_RISE
        limits = [self.last_full_load * rise] if self.last_full_load else []
        if phase == "maintenance" and self.peak_load:
            limits.append(self.peak_load)
        if not limits:
            return templates
        required = WEEKLY_FOCI if n >= HIP_AND_KNEE_FROM_WEEK else ()
        return shed_load(templates, count, min(limits), required)

    def _planned(
        self,
        rungs: dict[str, int],
        count: int,
        at: Callable[[dict[str, int], int], tuple[Template, ...]],
    ) -> _Built:
        """The week as it would have been at ``rungs`` (what pain before week 1 steps down
        from)."""
        templates = at(rungs, count)
        return _Built(
            self.start,
            templates,
            count,
            count,
            False,
            week_load(templates, count),
            longest_seconds(templates),
        )

    def _with_joiners(
        self, layout: Sequence[Template], active: Sequence[Slot], required: Collection[Focus]
    ) -> tuple[Template, ...]:
        """``layout`` with, for each ``required`` direction it does not train, the most
        important exercise that does at its easiest hold, one set, in every session: what a
        lighter week must now train (the knee and rotation joining in week 3)."""
        held = {p.key for t in layout for p in t}
        missing = set(required) - covers([p for t in layout for p in t])
        joiners = []
        for slot in sorted(active, key=lambda s: s.priority):
            if missing & set(slot.focus) and slot.key not in held:
                hold = slot.hold_rung()
                joiners.append(prescribe(slot, slot.lowest if hold is None else hold, 1))
                missing -= set(slot.focus)
        order = {s.key: i for i, s in enumerate(self.slots)}
        return tuple(tuple(sorted((*t, *joiners), key=lambda p: order[p.key])) for t in layout)

    def _stepped(
        self, hurt: _Built, active: Sequence[Slot], required: Collection[Focus], count: int
    ) -> tuple[tuple[Template, ...], int]:
        """The step-down of the week that hurt: its sessions, every exercise one rung down,
        cut by :func:`hipcoach.programme.dose.step_down` (never more sessions than it had)."""
        count = min(count, hurt.sessions)
        layout = []
        for template in hurt.templates:
            stepped = []
            for p in template:
                slot = self.by_key[p.key]
                rung = max(slot.lowest, p.rung - 1)
                self.climb.rungs[p.key] = min(self.climb.rungs[p.key], rung)
                stepped.append(prescribe(slot, rung, p.sets, p.rest_seconds))
            layout.append(tuple(stepped))
        layout = list(self._with_joiners(layout, active, required))
        for p in (p for t in layout for p in t):  # a joiner's hold is its rung from now on
            self.climb.rungs[p.key] = min(self.climb.rungs[p.key], p.rung)
        templates, _ = step_down(hurt.templates, hurt.sessions, layout, count, required)
        return templates, count

    def _stepped_mid_week(
        self,
        n: int,
        week_start: date,
        phase: Phase,
        active: Sequence[Slot],
        dose: _Dose,
        severe: CheckIn | None,
        tip: Tip,
    ) -> tuple[date | None, tuple[Session, ...]]:
        """A check-in above 5/10 steps down from the next session, not the next week: the
        sessions left this week (from its day on) at the step-down's dose of this week, as
        the week after will be (a pause the same week cancels them from its day instead)."""
        trigger = self.pain.step_down_in(week_start)
        built = self.previous
        if trigger is None or dose.kind == "pause" or built is None:
            return None, ()
        if severe is not None and severe.date <= trigger.date:
            return None, ()
        required = WEEKLY_FOCI if n >= HIP_AND_KNEE_FROM_WEEK else ()
        saved = dict(self.climb.rungs)
        templates, count = self._stepped(built, active, required, dose.count)
        self.climb.rungs = saved  # next week steps down on its own
        note = STEPPED_NOTE.replace("after pain", f"after {describe(trigger)}", 1)
        stepped = _Dose(templates, count, "stepped", note)
        physio = physio_advice(self.checkins, trigger.date)
        sessions = self._sessions(n, week_start, phase, stepped, physio, tip)
        # A session on a day before the check-in was done (or due) at the old dose.
        later = [s for s in sessions if self.dated.get(s.key, trigger.date) >= trigger.date]
        return trigger.date, tuple(later)

    def _record(
        self,
        week_start: date,
        n: int,
        lead_in: bool,
        dose: _Dose,
        decision: _Decision,
        phase: Phase,
        verdict: PainVerdict,
    ) -> None:
        templates, count = dose.templates, dose.count
        load = week_load(templates, count)
        self.ever.update(p.key for t in templates for p in t)
        planned = (
            first_week_sessions(self.settings, self.first_day)
            if n == 1 and (self.lead_in is None)
            else count
        )
        self.previous = _Built(
            start=week_start,
            templates=templates,
            sessions=count,
            planned=planned,
            counts=not lead_in and not decision.pause,
            load=load,
            longest=longest_seconds(templates),
            keys=frozenset(p.key for t in templates for p in t),
            # a week of the block: full sessions that no pain decided (no pause, step-down,
            # hold after pain, lighter dose or week back), not a head start or a race week
            full_build=(
                not lead_in
                and phase in ("build", "deload")
                and dose.kind == "full"
                and verdict.action == "progress"
            ),
        )
        if _is_full(phase, decision) and dose.kind == "full":
            self.last_full_load = load
            self.last_full.update(largest_doses(templates))
            self.hurt = None  # the first full week after pain is behind
        if n >= 1 and phase == "build" and not decision.pause:
            self.peak_load = max(self.peak_load, load)

    def _sessions(
        self, n: int, week_start: date, phase: Phase, dose: _Dose, physio: str | None, tip: Tip
    ) -> tuple[Session, ...]:
        settings = self.settings
        week = max(1, n)
        suffix = {
            "pause": " (pause: pain-free holds)",
            "stepped": " (step-down)",
            "kept": " (lighter, after pain)",
            "resumed": " (back after the pause, light)",
        }.get(dose.kind) or {"deload": " (deload)", "race": " (race week, light)"}.get(phase, "")
        if n == 0:
            suffix += " (head start)"
        light = dose.light_note is not None
        out = []
        for index in range(1, dose.count + 1):
            template = dose.templates[(index - 1) % len(dose.templates)]
            ab = f" {'AB'[(index - 1) % 2]}" if len(dose.templates) == 2 else ""
            out.append(
                Session(
                    key=session_key(week_start, index),
                    week=week,
                    index=index,
                    level=settings.level,
                    phase=phase,
                    step=self.climb.step,
                    title=f"Hip strength W{week} S{index}{ab}{suffix}",
                    prescriptions=template,
                    light=light,
                    light_note=dose.light_note,
                    tip=tip,
                    physio=physio,
                )
            )
        return tuple(out)


def _deload_why(why: str, dose: _Dose) -> str:
    """A deload's reason saying what it really took off a lighter dose: a third fewer reps,
    or nothing at all when every exercise was already at one set and its floor."""
    if dose.cut == DELOAD_CUT:
        return why
    what = dose.cut or "nothing comes off (already at its lightest dose: one set of each)"
    return why.replace(DELOAD_CUT, what, 1)


def _building(last: Prescription, own: Variant) -> Prescription | None:
    """The next step from ``last`` towards its rung's own reps (or hold), ``own``'s: at most
    a quarter more (two reps or 5 s at least), sets as they were until the reps are there
    (one thing at a time: 8 → 10 → 12 → 15, then the level's sets); None once there."""
    if last.reps is not None and own.reps is not None and last.reps < own.reps:
        reps = min(own.reps, max(last.reps + 2, round(last.reps * 1.25)))
        return last.model_copy(update={"reps": reps})
    if last.seconds is not None and own.seconds is not None and last.seconds < own.seconds:
        longer = max(
            last.seconds + HOLD_STEP_SECONDS,
            round(last.seconds * 1.25 / HOLD_STEP_SECONDS) * HOLD_STEP_SECONDS,
        )
        return last.model_copy(update={"seconds": min(own.seconds, longer)})
    return None


def _no_more_than(dose: Prescription, last_week: Prescription | None) -> Prescription:
    """``dose`` with no more reps (or hold) than ``last_week``'s of the same kind."""
    if last_week is None:
        return dose
    if dose.reps is not None and last_week.reps is not None:
        return dose.model_copy(update={"reps": min(dose.reps, last_week.reps)})
    if dose.seconds is not None and last_week.seconds is not None:
        return dose.model_copy(update={"seconds": min(dose.seconds, last_week.seconds)})
    return dose


def _is_full(phase: Phase, decision: _Decision) -> bool:
    """A full week's phase and decision (not a deload, race, step-down or pause)."""
    return phase in ("build", "maintenance") and decision.progression in (
        "start",
        "progress",
        "hold",
        "maintain",
    )


def generate(
    settings: ProgrammeSettings,
    first_day: date,
    *,
    from_day: date | None = None,
    weeks: int = 8,
    checkins: Sequence[CheckIn] = (),
    gate_for: GateRule = no_gates,
    races: Sequence[date] = (),
    adherence: Adherence | None = None,
    dated: Mapping[str, date] | None = None,
) -> Programme:
    """Generate ``weeks`` programme weeks from the one holding ``from_day`` (default: the
    first).

    ``first_day`` is the programme's first day: week 1 is its ISO week, or the next one when
    it falls on a Thursday or later (its own week is then a head start). Progression is
    replayed from the first week so that a check-in, a gate or a missed week anywhere shapes
    every later week. A week counts towards the next rung when ``min_sessions_per_week``
    sessions were done (``adherence``; with no information, the planned ones) and it broke no
    limit; a head start, a pause and a first week too short to hold that many do not count.

    ``dated``: the day of each session already placed or done (session key → date); a
    session on a day before a check-in above 5/10 is not among the week's ``stepped_down``.
    """
    generator = _Generator(
        settings, first_day, checkins, gate_for, races, adherence or Adherence(), dated or {}
    )
    first = generator.lead_in or generator.start
    wanted = max(first, monday(from_day)) if from_day is not None else first
    out: list[ProgrammeWeek] = []
    week_start = first
    while week_start < wanted + timedelta(weeks=weeks):
        week = generator.week(week_start)
        if week_start >= wanted:
            out.append(week)
        week_start += timedelta(weeks=1)
    return Programme(
        level=settings.level,
        sessions_per_week=settings.sessions_per_week,
        start=generator.start,
        weeks=tuple(out),
    )
