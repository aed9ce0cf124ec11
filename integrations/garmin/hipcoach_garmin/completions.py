"""Garmin strength activities → :class:`CompletedActivity` (pure).

A strength activity in the activity list carries ``workoutId`` when the watch ran a scheduled
workout (for hipcoach's, the id hipcoach created) and a summary (``activeSets``,
``totalReps``, ``summarizedExerciseSets``) that changes when the runner edits the sets in
Connect. The detail comes from ``/activity-service/activity/{id}/exerciseSets``: one entry
per set, ``setType`` ``ACTIVE`` or ``REST``, the exercise as the runner last corrected it,
``repetitionCount``, ``duration`` (s), ``weight`` (grams; -1 when none was recorded) and
``wktStepIndex`` (the workout step it was done in; absent or null outside a workout).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from hipcoach.adherence.completions import (
    CompletedActivity,
    DoneSet,
    fingerprint,
    plausible_seconds,
)
from hipcoach.schedule.activities import checked_id
from hipcoach.timeutil import utc_time
from hipcoach_garmin.activities import BadGarminActivity, activity_date, activity_id, type_key

STRENGTH_TYPES = frozenset({"strength_training"})
#: no count, duration (s) or weight (g) of one set comes near a million
MAX_AMOUNT = 1_000_000
#: the list item's fields that change when the runner edits the activity in Connect
SUMMARY_FIELDS = (
    "activityName",
    "workoutId",
    "activeSets",
    "totalSets",
    "totalReps",
    "summarizedExerciseSets",
    "startTimeLocal",
)


def is_strength(item: object) -> bool:
    """Whether an activity-list item is a strength-training activity."""
    return isinstance(item, Mapping) and type_key(item) in STRENGTH_TYPES


def strength_summary(item: Mapping[str, Any], source: str) -> CompletedActivity:
    """The activity without its sets (they are read separately, once per change)."""
    workout = item.get("workoutId")
    if workout is not None and (isinstance(workout, bool) or not str(workout).isdigit()):
        raise BadGarminActivity(f"workoutId {workout!r} is not an id")
    return CompletedActivity(
        source=source,
        activity_id=activity_id(item),
        date=activity_date(item),
        name=str(item.get("activityName") or ""),
        workout_id=checked_id(workout),
        fingerprint=fingerprint({k: item.get(k) for k in SUMMARY_FIELDS}),
        started=utc_time(item.get("startTimeGMT")),
        elapsed_s=plausible_seconds(item.get("duration")),
    )


def done_sets(payload: object) -> tuple[DoneSet, ...] | None:
    """The active sets of an ``exerciseSets`` answer (rest sets are left out); None when the
    activity has no set detail (logged without sets: it counts as done, like Strava's)."""
    if not isinstance(payload, Mapping):
        raise BadGarminActivity("exercise sets: not a JSON object")
    entries = payload.get("exerciseSets")
    if entries is None:
        return None
    if not isinstance(entries, list):
        raise BadGarminActivity("exercise sets: exerciseSets is not a list")
    return tuple(_done_set(e) for e in entries if isinstance(e, Mapping) and _active(e))


def _active(entry: Mapping[str, Any]) -> bool:
    return str(entry.get("setType") or "").upper() == "ACTIVE"


def _done_set(entry: Mapping[str, Any]) -> DoneSet:
    exercise = _likeliest_exercise(entry.get("exercises"))
    return DoneSet(
        category=_text(exercise.get("category")),
        exercise_name=_text(exercise.get("name")),
        reps=_count(entry.get("repetitionCount"), "repetitionCount"),
        seconds=_amount(entry.get("duration"), "duration"),
        weight_g=_weight(entry.get("weight")),
        step_index=_count(entry.get("wktStepIndex"), "wktStepIndex"),
    )


def _likeliest_exercise(exercises: object) -> Mapping[str, Any]:
    """The watch lists its guesses with a probability; a runner's correction is the only one."""
    if not isinstance(exercises, list):
        return {}
    candidates = [e for e in exercises if isinstance(e, Mapping)]
    if not candidates:
        return {}
    return max(candidates, key=lambda e: _amount(e.get("probability"), "probability") or 0.0)


def _weight(value: object) -> float | None:
    """Grams; Garmin writes -1 (or another negative number) for "no weight": unknown, not a
    reason to throw the activity's sets away."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return None
    return _amount(value, "weight")


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _count(value: object, field: str) -> int | None:
    number = _amount(value, field)
    return None if number is None else int(number)


def _amount(value: object, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise BadGarminActivity(f"exercise sets: {field} {value!r} is not a count")
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise BadGarminActivity(f"exercise sets: {field} {value!r} is implausible")
    return float(value)
