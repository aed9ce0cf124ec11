"""Adherence: what became of each session handed over, and what progression and catch-up
make of it (pure functions; the state and the completion sources supply the data).

A session's status (DESIGN "Adherence"):

- ``done``: a completed activity matched it with at least two thirds of its planned sets (or
  with no set detail, as Strava's), or the runner said so (``checkin --done``);
- ``partial``: a matched activity with fewer than two thirds of the planned sets;
- ``skipped``: the runner said so (``checkin --skipped``);
- ``missed``: its day has passed with nothing recorded, while a completion source had been
  read through that day;
- ``planned``: still to come, or nothing can be known (no completion source).

An activity matches a session by the workout hipcoach created for it (the activity's workout
id), else by the session key in the activity's name (a workout run from the watch is named
after it), else by its date, if it is not a workout of the runner's own; matched by name or
date, it must hold at least one of the session's sets when it has set detail (a gym session
of the runner's own on a session day is not hip work). Each activity matches one session at
most. Activities come from every completion source set up, and one workout two of them hold
counts once (:func:`one_per_workout`: the watch's activity uploaded to Strava is the watch's,
which knows the workout it ran and its sets); a session matched by several takes the one with
set detail first (Garmin's), then the most sets done; the runner's own word (``checkin``) is
over all. A session recorded with none of its sets done is not done, and counts nothing.

Sets are tied to the session's exercises by the workout step they were done in (Garmin's
``wktStepIndex``, :func:`workout_steps`), so a set the watch records with its category only
(``name: null``, as it records the hip hike) still counts for its step; a set without a step
(recorded outside the workout, or a session recorded before steps were kept) is counted by
its exercise identity (category and name), so a set the runner corrected to another exercise
in Connect does not count. A per-side set done on both sides is one set, although the watch
records one set per side. A session handed over before hipcoach recorded sessions (a home
upgraded from schema 4) has no exercises recorded: an activity matched to it makes it done,
its sets unknown.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from hipcoach.adherence.completions import CompletedActivity, DoneSet
from hipcoach.models import CheckIn, Day, Prescription, ScheduledSession
from hipcoach.programme.generator import SESSION_KEY
from hipcoach.programme.progression import PARTIAL_SESSION, Adherence
from hipcoach.timeutil import monday

Status = Literal["done", "partial", "missed", "skipped", "planned"]
Mark = Literal["done", "skipped"]
#: a matched activity with fewer than this share of the planned sets is partial
DONE_SHARE = 2 / 3
#: activities of two sources starting this close together are one workout uploaded twice
SAME_START = timedelta(minutes=5)

_KEY = SESSION_KEY.pattern
_KEY_IN_NAME = re.compile(rf"\[hipcoach:({_KEY})\]|\bhipcoach\s+({_KEY})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlannedExercise:
    """An exercise of a handed-over session: what its sets are counted against."""

    key: str
    category: str | None
    exercise_name: str | None
    sets: int
    per_side: bool
    #: its steps in the workout, as the watch numbers them (one per side); empty when unknown
    steps: tuple[int, ...] = ()


def workout_steps(prescriptions: Sequence[Prescription]) -> list[tuple[int, ...]]:
    """Each prescription's exercise steps, numbered as the watch numbers a workout hipcoach
    made (FIT ``message_index``, Garmin's ``wktStepIndex``; ``reference/garmin.md`` §5, §10):
    step 0 is the warm-up; then per exercise one step per side, a rest step when it rests, and
    a repeat step after them when it has more than one set (every set reports the same
    indices). The FIT writer lays workouts out the same way (tested together)."""
    found = []
    index = 1
    for p in prescriptions:
        sides = 2 if p.per_side else 1
        found.append(tuple(range(index, index + sides)))
        index += sides + (p.rest_seconds > 0) + (p.sets > 1)
    return found


@dataclass(frozen=True)
class PlannedSession:
    """A session as it was handed over (synced or exported) on its day."""

    key: str
    date: date
    planned_sets: int
    light: bool
    content_hash: str
    exercises: tuple[PlannedExercise, ...]
    #: a catch-up: the day the session was first missed on (it is re-placed only once)
    missed_on: Day | None = None

    @classmethod
    def from_scheduled(cls, item: ScheduledSession) -> PlannedSession:
        """The record of a scheduled session."""
        session = item.session
        exercises = tuple(
            PlannedExercise(
                key=p.key,
                category=p.variant.garmin.category,
                exercise_name=p.variant.garmin.exercise_name,
                sets=p.sets,
                per_side=p.per_side,
                steps=steps,
            )
            for p, steps in zip(
                session.prescriptions, workout_steps(session.prescriptions), strict=True
            )
        )
        return cls(
            key=session.key,
            date=item.date,
            planned_sets=session.total_sets(),
            light=session.light,
            content_hash=session.content_hash,
            exercises=exercises,
            missed_on=item.missed_on,
        )


@dataclass(frozen=True)
class SessionStatus:
    """What became of one session."""

    key: str
    date: date
    status: Status
    planned_sets: int
    #: sets done, in the planned sets' unit; None where unknown (no set detail, by hand)
    done_sets: int | None
    #: where the status comes from: a completion source's name, "checkin", or None
    source: str | None
    activity_id: str | None = None
    missed_on: Day | None = None
    #: the day it was done (the activity's) or said done or skipped; None otherwise
    done_on: Day | None = None

    @property
    def settled(self) -> bool:
        """Whether the status is known (anything but "planned")."""
        return self.status != "planned"

    @property
    def over(self) -> bool:
        """Done, partial or skipped: it stays where it was done, and is never placed again."""
        return self.status in ("done", "partial", "skipped")


@dataclass(frozen=True)
class AdherenceWeek:
    """One ISO week: sessions planned, sessions done (a partial one counts half), worst pain."""

    start: date
    planned: int
    done: float
    pain_max: int | None


def session_key_in(text: str) -> str | None:
    """The session key an activity's name carries (``hipcoach 2026-W48-1 · …`` or the
    marker), else None."""
    match = _KEY_IN_NAME.search(text)
    return (match.group(1) or match.group(2)) if match else None


def count_done_sets(planned: PlannedSession, sets: Sequence[DoneSet]) -> int:
    """Sets done, in the planned unit: per exercise at most its planned sets; a per-side
    exercise counts a set when both sides were done (the watch records each side). Sets are
    tied to exercises by their workout step where both sides know it, else by identity."""
    by_step = all(e.steps for e in planned.exercises)
    stepped_sets = [s for s in sets if by_step and s.step_index is not None]
    recorded = Counter(
        (s.category, s.exercise_name) for s in sets if not by_step or s.step_index is None
    )
    done = 0
    for exercise in planned.exercises:
        identity = (exercise.category, exercise.exercise_name)
        per_set = 2 if exercise.per_side else 1
        in_step = Counter(s.step_index for s in stepped_sets if _done_as(s, exercise))
        stepped = min((in_step[i] for i in exercise.steps), default=0)
        counted = min(exercise.sets, stepped + recorded[identity] // per_set)
        done += counted
        # Two exercises with one Garmin identity share what was recorded, in order.
        recorded[identity] -= max(0, counted - stepped) * per_set
    return done


def _done_as(done: DoneSet, exercise: PlannedExercise) -> bool:
    """Whether a set recorded in one of the exercise's steps is that exercise: the watch may
    know only its category (``name: null``), but a set the runner corrected in Connect to
    another exercise is not."""
    return done.category in (None, exercise.category) and done.exercise_name in (
        None,
        exercise.exercise_name,
    )


def evaluate(
    planned: Sequence[PlannedSession],
    completions: Sequence[CompletedActivity],
    marks: Mapping[str, Mark],
    *,
    workout_ids: Mapping[str, str],
    checked_through: date | None,
    today: date,
) -> list[SessionStatus]:
    """The status of every planned session, by date.

    ``marks`` maps session keys to what the runner said; ``workout_ids`` maps the workouts
    hipcoach created to their session keys; ``checked_through`` is the last day a completion
    source was read through (None: never).
    """
    matched = _match(planned, one_per_workout(completions), workout_ids)
    statuses = []
    for session in sorted(planned, key=lambda s: (s.date, s.key)):
        mark = marks.get(session.key)
        activity = matched.get(session.key)
        statuses.append(_status(session, mark, activity, checked_through, today))
    return statuses


def _status(
    session: PlannedSession,
    mark: Mark | None,
    activity: CompletedActivity | None,
    checked_through: date | None,
    today: date,
) -> SessionStatus:
    def made(
        status: Status,
        done: int | None = None,
        source: str | None = None,
        by: CompletedActivity | None = None,
        on: date | None = None,
    ) -> SessionStatus:
        return SessionStatus(
            key=session.key,
            date=session.date,
            status=status,
            planned_sets=session.planned_sets,
            done_sets=done,
            source=source,
            activity_id=by.activity_id if by else None,
            missed_on=session.missed_on,
            done_on=on,
        )

    if mark is not None:  # the runner's word wins
        return made(mark, source="checkin", on=session.date)
    done = None
    if activity is not None:
        # Without set detail, or sets unknown (handed over before hipcoach recorded them).
        unknown = activity.sets is None or not session.exercises
        done = None if unknown else count_done_sets(session, activity.sets or ())
        if done != 0:
            status: Status = (
                "partial"
                if done is not None and done < DONE_SHARE * session.planned_sets
                else "done"
            )
            return made(status, done, activity.source, activity, activity.date)
    # Nothing recorded, or none of its sets done: not done (the recording is named).
    source = activity.source if activity is not None else None
    if session.date < today and checked_through is not None and session.date <= checked_through:
        return made("missed", done, source, activity)
    return made("planned", done, source, activity)


def one_per_workout(completions: Sequence[CompletedActivity]) -> list[CompletedActivity]:
    """The activities, each workout once: one without detail (no workout id, no sets: a
    Strava or intervals.icu copy) that another source's detailed activity (Garmin's: the
    workout it ran, its sets) overlaps in time is that activity uploaded twice, and the
    detailed one decides (a workout of the runner's own stays theirs on Strava too)."""
    detailed = [a for a in completions if _detailed(a) and a.started is not None]
    return [
        a
        for a in completions
        if _detailed(a) or not any(d.source != a.source and _same_workout(a, d) for d in detailed)
    ]


def _detailed(activity: CompletedActivity) -> bool:
    return activity.workout_id is not None or activity.sets is not None


def _same_workout(one: CompletedActivity, other: CompletedActivity) -> bool:
    """Starting within a few minutes of each other, or overlapping for half the shorter."""
    if one.started is None or other.started is None:
        return False
    if abs(one.started - other.started) <= SAME_START:
        return True
    first, second = _span(one), _span(other)
    if first is None or second is None:
        return False
    shared = min(first[1], second[1]) - max(first[0], second[0])
    shorter = min(first[1] - first[0], second[1] - second[0])
    return shorter > timedelta(0) and shared >= shorter / 2


def _span(activity: CompletedActivity) -> tuple[datetime, datetime] | None:
    if activity.started is None or activity.elapsed_s is None:
        return None
    return activity.started, activity.started + timedelta(seconds=activity.elapsed_s)


def _match(
    planned: Sequence[PlannedSession],
    completions: Sequence[CompletedActivity],
    workout_ids: Mapping[str, str],
) -> dict[str, CompletedActivity]:
    """Session key → the activity that stands for it (the one with the most sets done)."""
    by_key = {s.key: s for s in planned}
    by_date: dict[date, list[str]] = defaultdict(list)
    for session in planned:
        by_date[session.date].append(session.key)
    candidates: dict[str, list[CompletedActivity]] = defaultdict(list)
    for activity in completions:
        key = _session_for(activity, by_key, by_date, workout_ids)
        if key is None:
            continue
        ours = activity.workout_id is not None  # run from the workout hipcoach made
        unknown = activity.sets is None or not by_key[key].exercises
        if ours or unknown or count_done_sets(by_key[key], activity.sets or ()) > 0:
            candidates[key].append(activity)
    return {
        key: max(found, key=lambda a: (a.sets is not None, _done(by_key[key], a), a.activity_id))
        for key, found in candidates.items()
    }


def _session_for(
    activity: CompletedActivity,
    by_key: Mapping[str, PlannedSession],
    by_date: Mapping[date, list[str]],
    workout_ids: Mapping[str, str],
) -> str | None:
    if activity.workout_id is not None:
        # A workout the watch ran: hipcoach's (its session), or the runner's own (none).
        key = workout_ids.get(activity.workout_id)
        return key if key in by_key else None
    named = session_key_in(activity.name)
    if named is not None and named in by_key:
        return named
    on_day = by_date.get(activity.date, [])
    return on_day[0] if on_day else None


def _done(session: PlannedSession, activity: CompletedActivity) -> int:
    if activity.sets is None or not session.exercises:
        return session.planned_sets
    return count_done_sets(session, activity.sets)


def weekly(statuses: Sequence[SessionStatus], checkins: Iterable[CheckIn]) -> list[AdherenceWeek]:
    """Per ISO week with sessions or check-ins: planned, done (partial = half), worst pain."""
    planned: Counter[date] = Counter()
    done: defaultdict[date, float] = defaultdict(float)
    for s in statuses:
        week = monday(s.date)
        planned[week] += 1
        done[week] += _session_value(s.status)
    pain: dict[date, int] = {}
    for c in checkins:
        week = monday(c.date)
        pain[week] = max(pain.get(week, 0), c.worst)
    weeks = sorted(set(planned) | set(pain))
    return [AdherenceWeek(w, planned[w], done[w], pain.get(w)) for w in weeks]


def _session_value(status: Status) -> float:
    return {"done": 1.0, "partial": PARTIAL_SESSION}.get(status, 0.0)


def progression_adherence(statuses: Sequence[SessionStatus], minimum: int) -> Adherence:
    """Sessions done per week for progression. A week whose statuses are all unknown gives
    no information (its sessions are assumed done); in a week with some known, those still
    to come (or unknowable) count as done until they are known. A week in which every
    session handed over was done counts as complete even when fewer than ``minimum`` could
    be placed (blocked days, a race week): the runner did all that was asked."""
    weeks: dict[date, list[SessionStatus]] = defaultdict(list)
    for s in statuses:
        weeks[monday(s.date)].append(s)
    done = {}
    for week, items in weeks.items():
        if not any(s.settled for s in items):
            continue
        count = sum(1.0 if not s.settled else _session_value(s.status) for s in items)
        done[week] = float(max(count, minimum)) if count == len(items) else count
    return Adherence(done)


@dataclass(frozen=True)
class AdherenceLog:
    """The sessions and weeks of a stretch of time, for ``log`` and ``status``."""

    sessions: list[SessionStatus]
    weeks: list[AdherenceWeek]


def adherence_log(
    statuses: Sequence[SessionStatus],
    checkins: Sequence[CheckIn],
    today: date,
    weeks: int,
    *,
    ahead: bool = False,
) -> AdherenceLog:
    """The last ``weeks`` ISO weeks up to the current one (its sessions still to come are
    shown as planned; a session done ahead of its day is shown too); every week is listed,
    with or without sessions. ``ahead`` adds the weeks after it that hold sessions handed
    over (synced or exported), still ``planned``."""
    first = monday(today) - timedelta(weeks=weeks - 1)
    last = monday(today) + timedelta(days=6)
    if ahead:
        last = max([last, *(s.date for s in statuses)])
        weeks = (monday(last) - first).days // 7 + 1
    # A session done ahead of its week shows too (the watch ran a later workout).
    shown = [
        s for s in statuses if first <= s.date <= last or (s.done_on and first <= s.done_on <= last)
    ]
    pains = [c for c in checkins if first <= c.date <= last]
    found = {w.start: w for w in weekly(shown, pains)}
    every = [
        found.get(start, AdherenceWeek(start, 0, 0.0, None))
        for start in (first + timedelta(weeks=i) for i in range(weeks))
    ]
    return AdherenceLog(shown, every)
