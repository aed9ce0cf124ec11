"""Garmin Connect as the runner's running plan: the running workouts scheduled on the days
ahead (Garmin Coach's adaptive plans, Runna, TrainingPeaks, a coach's plan, the runner's own).

Cost: one request for the whole window, garminconnect's ``get_scheduled_workouts_by_period``
(GET ``/workout-service/schedule/workoutScheduleByPeriod?startDate&endDate``): the call behind
Connect's upcoming-workouts view, which holds adaptive plans the calendar month view leaves
out until Garmin commits them (garminconnect's ``get_next_scheduled_workout`` docstring). A
scheduled run that comes without an estimated distance or duration costs one more read, of
its workout's steps (``get_workout_by_id``), once per workout per process.

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
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from hipcoach.errors import ServiceError
from hipcoach.plugins.interfaces import RunningPlan
from hipcoach.plugins.values import PlannedRun
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
    interval step makes it an interval session."""
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
    kind = step.get("stepType") if isinstance(step, dict) else None
    return isinstance(kind, dict) and kind.get("stepTypeId") == _INTERVAL_STEP


def planned_run(entry: object, detail: object = None) -> PlannedRun | None:
    """The planned run a scheduled workout is; None for anything else (another sport, a rest
    day, hipcoach's own workout, an entry without a date). ``detail`` is the workout as
    ``get_workout_by_id`` returns it, when its estimates had to be read from its steps."""
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
    metres = _number(_get(entry, "estimatedDistanceInMeters"))
    seconds = _number(_get(entry, "estimatedDurationInSecs"))
    found_metres, found_seconds, intervals = step_totals(detail or entry.get("workout") or entry)
    name = _get(entry, "workoutName", "title")
    return PlannedRun(
        date=day,
        name=" ".join(str(name or "").split()),
        distance_m=metres or found_metres,
        duration_s=seconds or found_seconds,
        race=_get(entry, "race", "isRace") is True,
        intervals=intervals,
        source=who_planned(entry),
    )


class GarminPlan(RunningPlan):
    """The running workouts on the runner's Garmin Connect calendar."""

    def __init__(self, calendar: GarminCalendar) -> None:
        self.calendar = calendar
        self.connection = calendar.connection
        self._workouts: dict[int, object] = {}

    def planned_runs(self, start: date, end: date) -> list[PlannedRun]:
        """Planned runs on ``start`` … ``end``, one per scheduled workout, by date."""
        runs: dict[tuple[date, object], PlannedRun] = {}
        for entry in self._entries(start, end):
            run = planned_run(entry)
            if run is not None and run.distance_m is None and run.duration_s is None:
                run = planned_run(entry, self._detail(entry))
            if run is not None and start <= run.date <= end:
                ident = _get(entry, "scheduledWorkoutId", "workoutScheduleId", "id")
                runs.setdefault((run.date, ident if ident is not None else run.name), run)
        return sorted(runs.values(), key=lambda run: (run.date, run.name))

    def _entries(self, start: date, end: date) -> Iterable[Any]:
        action = f"reading the Garmin training plan for {start.isoformat()} … {end.isoformat()}"
        try:
            with self.connection.call(action, missing_ok=True) as api:
                answer = api.get_scheduled_workouts_by_period(start.isoformat(), end.isoformat())
            return _listed(answer)
        except (Gone, _Unlisted) as exc:
            log.info("Garmin's scheduled-workouts view is unusable (%s): the calendar instead", exc)
            return list(running_items(self.calendar.items(start, end)))

    def _detail(self, entry: dict[str, Any]) -> object:
        """The workout with its steps (read once per workout), for an entry that says nothing
        of its size."""
        workout_id = workout_id_of(entry)
        if workout_id is None:
            return None
        if workout_id not in self._workouts:
            action = f"reading the steps of planned Garmin workout {workout_id}"
            try:
                with self.connection.call(action, missing_ok=True) as api:
                    self._workouts[workout_id] = api.get_workout_by_id(workout_id)
            except Gone:
                self._workouts[workout_id] = None
        return self._workouts[workout_id]


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
