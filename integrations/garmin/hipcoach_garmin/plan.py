"""Garmin Connect as the runner's running plan: the running workouts scheduled on the days
ahead (Garmin Coach's adaptive plans, Runna, TrainingPeaks, a coach's plan, the runner's own).

Cost: one request for the whole window, garminconnect's ``get_scheduled_workouts_by_period``
(GET ``/workout-service/schedule/workoutScheduleByPeriod?startDate&endDate``): the call behind
Connect's upcoming-workouts view, which holds adaptive plans the calendar month view leaves
out until Garmin commits them (garminconnect's ``get_next_scheduled_workout`` docstring). A
scheduled run whose entry says too little (no estimated distance or duration, or a name that
does not tell its kind: "Wednesday session") costs one read of its workout
(``get_workout_by_id``: its estimates, and its steps for the size and whether it repeats work
intervals), once: what it found is kept in the state (``RunningPlan.remember``) by workout id
and a version of what the entry shows (name, estimates, update date where Garmin gives one),
so a quiet night reads no workout, and one the plan app edits is read again. A workout read
that fails leaves that run as the entry describes it and is the night's error
(:class:`~hipcoach.errors.IncompleteRead`: the other runs are kept); the next night reads it.

The answer's shape is unverified (``reference/garmin.md`` §10: no recorded response is
public), so each entry is read defensively: the keys of the schedule entry
(``calendarDate``, ``workout`` {...}) and those of Connect's GraphQL relative
(``scheduleDate``, ``workoutName``, ``workoutType``, ``estimatedDistanceInMeters``, ...) are
both understood. If Garmin answers 404, or with something that is not a list of entries, the
calendar month views are read instead (``itemType`` ``workout`` with a running
``sportTypeKey``: the same months the workout target reads, shared).

Only running workouts are planned runs: strength (hipcoach's own sessions included), rides,
swims and rest days never are, and a workout carrying hipcoach's ownership marker never is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    IncompleteRead,
    RateLimited,
    ServiceError,
)
from hipcoach.hashing import stable_hash
from hipcoach.plugins.interfaces import RunningPlan
from hipcoach.plugins.values import PlannedRun
from hipcoach.schedule.plan_names import says_kind
from hipcoach_garmin.activities import RUNNING_TYPES
from hipcoach_garmin.calendar import GarminCalendar
from hipcoach_garmin.errors import Gone
from hipcoach_garmin.payload import session_key_from_description

log = logging.getLogger(__name__)

#: Garmin's running sport keys (workouts use "running"; the activity types are accepted too)
RUNNING = RUNNING_TYPES
#: a wrapped answer's list, under one of the keys public clients use for such lists
_LIST_KEYS = ("workoutScheduleSummaries", "scheduledWorkouts", "workoutSchedules", "items")
#: end conditions of a step (garmin.md §1): time in seconds, distance in metres
_TIME, _DISTANCE = 2, 3
_INTERVAL_STEP = 3
#: repeated work shorter than this is strides in an easy run, not an interval session
_WORK_MIN_SECONDS, _WORK_MIN_METRES = 30.0, 150.0
#: what the entry shows that changes when the plan app edits the workout
_VERSION_KEYS = (
    "estimatedDistanceInMeters",
    "estimatedDurationInSecs",
    "updateDate",
    "updatedDate",
)
GARMIN_COACH = "Garmin Coach"
#: a partner's name is shown in reasons: one short line
SOURCE_LIMIT = 40
GARMIN_CONNECT = "Garmin Connect"


def _get(entry: dict[str, Any], *keys: str) -> Any:
    """The first of ``keys`` present (not None) in the entry or its nested ``workout``."""
    workout = entry.get("workout")
    for holder in (entry, workout if isinstance(workout, dict) else {}):
        for key in keys:
            if holder.get(key) is not None:
                return holder[key]
    return None


def sport_of(entry: dict[str, Any]) -> str | None:
    """The entry's sport key, wherever this shape keeps it."""
    sport = _get(entry, "workoutType", "sportTypeKey", "sportType")
    if isinstance(sport, dict):
        sport = sport.get("sportTypeKey")
    return sport if isinstance(sport, str) else None


def day_of(entry: dict[str, Any]) -> date | None:
    """The entry's date (``YYYY-MM-DD``, a time after it ignored); None when unreadable."""
    text = _get(entry, "scheduleDate", "calendarDate", "date")
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def workout_id_of(entry: dict[str, Any]) -> int | None:
    value = _get(entry, "workoutId")
    text = str(value) if value is not None and not isinstance(value, bool) else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


def who_planned(entry: dict[str, Any]) -> str:
    """The app or coach behind a scheduled workout: a partner's name when Connect gives one
    (Runna, TrainingPeaks), Garmin Coach for its plans, else Garmin Connect."""
    partner = _get(entry, "consumerName", "providerName")
    if isinstance(partner, str) and partner.strip():
        return " ".join(partner.split())[:SOURCE_LIMIT]
    if _get(entry, "fbtAdaptivePlanId", "trainingPlanId", "atpPlanId") is not None:
        return GARMIN_COACH
    return GARMIN_CONNECT


def step_totals(workout: object) -> tuple[float | None, float | None, bool]:
    """(metres, seconds, has work intervals) of a workout's steps: distance and time steps
    summed, repeat groups × their iterations; a repeat group of two or more holding an
    interval step (of 30 s or 150 m or more: strides are no intervals) makes it an interval
    session."""
    metres = seconds = 0.0
    intervals = False

    def walk(steps: object, times: int) -> None:
        nonlocal metres, seconds, intervals
        for step in steps if isinstance(steps, list) else ():
            if not isinstance(step, dict):
                continue
            children = step.get("workoutSteps")
            if isinstance(children, list) and children:
                iterations = _number(step.get("numberOfIterations")) or 1
                if iterations >= 2 and any(_is_interval(c) for c in children):
                    intervals = True
                walk(children, times * int(iterations))
                continue
            condition = step.get("endCondition")
            kind = condition.get("conditionTypeId") if isinstance(condition, dict) else None
            value = _number(step.get("endConditionValue")) or 0.0
            if kind == _DISTANCE:
                metres += value * times
            elif kind == _TIME:
                seconds += value * times

    segments = workout.get("workoutSegments") if isinstance(workout, dict) else None
    for segment in segments if isinstance(segments, list) else ():
        if isinstance(segment, dict):
            walk(segment.get("workoutSteps"), 1)
    return metres or None, seconds or None, intervals


def _is_interval(step: object) -> bool:
    if not isinstance(step, dict):
        return False
    kind, condition = step.get("stepType"), step.get("endCondition")
    if not isinstance(kind, dict) or kind.get("stepTypeId") != _INTERVAL_STEP:
        return False
    ends = condition.get("conditionTypeId") if isinstance(condition, dict) else None
    value = _number(step.get("endConditionValue")) or 0.0
    if ends == _TIME:
        return value >= _WORK_MIN_SECONDS
    if ends == _DISTANCE:
        return value >= _WORK_MIN_METRES
    return True  # to the lap button, a heart rate, ...: work all the same


@dataclass(frozen=True)
class WorkoutFacts:
    """What a planned workout's own record says of it: its size and its structure."""

    distance_m: float | None = None
    duration_s: float | None = None
    intervals: bool = False

    def as_json(self, version: str) -> dict[str, Any]:
        return {
            "version": version,
            "distance_m": self.distance_m,
            "duration_s": self.duration_s,
            "intervals": self.intervals,
        }

    @classmethod
    def from_json(cls, item: object, version: str) -> WorkoutFacts | None:
        """The facts kept for a workout at ``version``; None when none are (or older)."""
        if not isinstance(item, dict) or item.get("version") != version:
            return None
        return cls(
            _number(item.get("distance_m")),
            _number(item.get("duration_s")),
            item.get("intervals") is True,
        )


def workout_facts(workout: object) -> WorkoutFacts:
    """The size and structure of a workout as ``get_workout_by_id`` returns it: its
    estimates, else its steps; work intervals from its steps."""
    metres, seconds, intervals = step_totals(workout)
    if isinstance(workout, dict):
        metres = _number(workout.get("estimatedDistanceInMeters")) or metres
        seconds = _number(workout.get("estimatedDurationInSecs")) or seconds
    return WorkoutFacts(metres, seconds, intervals)


def version_of(entry: dict[str, Any]) -> str:
    """What the entry shows of its workout that changes when the plan app edits it."""
    shown = {key: _get(entry, key) for key in _VERSION_KEYS}
    shown["name"] = " ".join(str(_get(entry, "workoutName", "title") or "").split())
    return stable_hash(shown)


def planned_run(entry: object, facts: WorkoutFacts | None = None) -> PlannedRun | None:
    """The planned run a scheduled workout is; None for anything else (another sport, a rest
    day, hipcoach's own workout, an entry without a date). ``facts`` are what its workout's
    own record says (``get_workout_by_id``), when the entry says too little."""
    if not isinstance(entry, dict) or sport_of(entry) not in RUNNING:
        return None
    if entry.get("isRestDay") is True:
        return None
    if session_key_from_description(_get(entry, "description")) is not None:
        return None  # hipcoach's own (by the marker)
    day = day_of(entry)
    if day is None:
        log.warning("ignoring a scheduled Garmin workout without a readable date")
        return None
    shown = workout_facts(entry.get("workout") or entry)  # an entry may carry its steps
    facts = facts or WorkoutFacts()
    name = _get(entry, "workoutName", "title")
    return PlannedRun(
        date=day,
        name=" ".join(str(name or "").split()),
        distance_m=shown.distance_m or facts.distance_m,
        duration_s=shown.duration_s or facts.duration_s,
        race=_get(entry, "race", "isRace") is True,
        intervals=shown.intervals or facts.intervals,
        source=who_planned(entry),
    )


def says_too_little(run: PlannedRun) -> bool:
    """Whether a planned run needs its workout read: no size, or nothing in the entry that
    tells its kind (a name like "Wednesday session" with no structure)."""
    if run.distance_m is None and run.duration_s is None:
        return True
    return not (run.race or run.intervals or says_kind(run.name))


class GarminPlan(RunningPlan):
    """The running workouts on the runner's Garmin Connect calendar."""

    def __init__(self, calendar: GarminCalendar) -> None:
        self.calendar = calendar
        self.connection = calendar.connection
        #: workout id → facts, as read this process (None: gone, or its read failed)
        self._read: dict[int, WorkoutFacts | None] = {}
        self._failures: dict[int, HipcoachError] = {}
        #: workout id (text) → facts kept between nights (see :meth:`remember`)
        self._kept: MutableMapping[str, Any] = {}

    def remember(self, memory: MutableMapping[str, Any]) -> None:
        """Keep each planned workout's facts between nights, by id and version."""
        kept = memory.get("workouts")
        if not isinstance(kept, dict):
            kept = memory["workouts"] = {}
        self._kept = kept

    def planned_runs(self, start: date, end: date) -> list[PlannedRun]:
        """Planned runs on ``start`` … ``end``, one per scheduled workout, by date."""
        runs: dict[tuple[date, object], PlannedRun] = {}
        failures: list[HipcoachError] = []
        for entry in self._entries(start, end):
            run = planned_run(entry)
            workout_id = workout_id_of(entry) if isinstance(entry, dict) else None
            if run is not None and workout_id is not None and says_too_little(run):
                facts = self._facts(workout_id, version_of(entry), failures)
                if facts is not None:
                    self._keep(workout_id, version_of(entry), facts, run.date)
                run = planned_run(entry, facts)
            if run is not None and start <= run.date <= end:
                ident = _get(entry, "scheduledWorkoutId", "workoutScheduleId", "id")
                runs.setdefault((run.date, ident if ident is not None else run.name), run)
        self._forget_before(start)
        found = sorted(runs.values(), key=lambda run: (run.date, run.name))
        if failures:
            raise IncompleteRead(failures[0], found)
        return found

    def _entries(self, start: date, end: date) -> Iterable[Any]:
        action = f"reading the Garmin training plan for {start.isoformat()} … {end.isoformat()}"
        try:
            with self.connection.call(action, missing_ok=True) as api:
                answer = api.get_scheduled_workouts_by_period(start.isoformat(), end.isoformat())
            return _listed(answer)
        except (Gone, _Unlisted) as exc:
            log.info("Garmin's scheduled-workouts view is unusable (%s): the calendar instead", exc)
            return list(running_items(self.calendar.items(start, end)))

    def _facts(
        self, workout_id: int, version: str, failures: list[HipcoachError]
    ) -> WorkoutFacts | None:
        """The workout's facts: kept from an earlier night at this version, else read (once
        a process); a failed read is added to ``failures`` and leaves the run as its entry
        says (credentials and rate limits stop the plan's read)."""
        key = str(workout_id)
        kept = WorkoutFacts.from_json(self._kept.get(key), version)
        if kept is not None:
            return kept
        if workout_id in self._failures:
            failures.append(self._failures[workout_id])
            return None
        if workout_id not in self._read:
            action = f"reading planned Garmin workout {workout_id}"
            try:
                with self.connection.call(action, missing_ok=True) as api:
                    self._read[workout_id] = workout_facts(api.get_workout_by_id(workout_id))
            except Gone:
                self._read[workout_id] = WorkoutFacts()
            except (CredentialsError, RateLimited):
                raise
            except HipcoachError as exc:
                self._failures[workout_id] = exc
                failures.append(exc)
                return None
        return self._read[workout_id]

    def _keep(self, workout_id: int, version: str, facts: WorkoutFacts, on: date) -> None:
        """Keep a workout's facts, with the latest day it was seen scheduled on."""
        key = str(workout_id)
        before = self._kept.get(key)
        seen = before.get("on") if isinstance(before, dict) else None
        latest = max(on.isoformat(), seen) if isinstance(seen, str) else on.isoformat()
        self._kept[key] = {**facts.as_json(version), "on": latest}

    def _forget_before(self, start: date) -> None:
        """Drop what is kept of workouts last scheduled before ``start``: history now (those
        beyond the range read stay, for a command that reads another window)."""
        for key, item in list(self._kept.items()):
            on = item.get("on") if isinstance(item, dict) else None
            if not isinstance(on, str) or on < start.isoformat():
                del self._kept[key]


class _Unlisted(ServiceError):
    """The by-period answer is not a list of entries (its shape is unverified)."""


def _listed(answer: object) -> list[Any]:
    """The entries of a by-period answer: a list, or a list wrapped in an object."""
    if isinstance(answer, list):
        return answer
    if isinstance(answer, dict):
        for key in _LIST_KEYS:
            if isinstance(answer.get(key), list):
                return list(answer[key])
    raise _Unlisted("Garmin Connect sent a malformed list of scheduled workouts")


def running_items(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The calendar items that are scheduled running workouts."""
    for item in items:
        if (
            isinstance(item, dict)
            and item.get("itemType") == "workout"
            and sport_of(item) in RUNNING
        ):
            yield item
