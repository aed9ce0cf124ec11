"""The Garmin Connect workout-service JSON for a session: pure functions, no I/O.

Shape (``reference/garmin.md`` §1): sport type strength_training (5) on the workout and its
segment; a lap-button warm-up; per prescription a repeat group of ``sets`` iterations holding
the exercise step(s) (reps, or time for holds) and a rest step. ``stepOrder`` is one global
depth-first counter over steps and groups; ``childStepId`` numbers the repeat groups, on the
group and on its children. No weight fields (Garmin's weight unit is unresolved, see
``garmin.md`` §1): the load (band, ankle weight, dumbbell) is in the step note, with the
variant and its cues.

Ownership: the workout name is ``hipcoach <session key> · <title>`` (calendar entries carry
only the name, so :func:`parse_session_key` reads the key back from a calendar title) and the
description ends with the marker ``[hipcoach:<session key>]`` (:data:`MARKER_RE`).

A per-side exercise becomes one step per side inside each set, left then right, each with
the per-side reps (or hold): the watch counts what the runner does on each side, and a
timed hold advances to the other side when its time is up.

Where Garmin has no exercise for the movement (hip hikes), the step keeps the generic entry
of its category and the note says what the watch will call it and what to do.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date
from itertools import count
from typing import Any

from hipcoach.errors import InputDataError
from hipcoach.models import Prescription, Session

NAME_LIMIT = 80
TEXT_LIMIT = 512
NAME_PREFIX = "hipcoach "
NAME_SEPARATOR = " · "
ELLIPSIS = "…"

#: the ownership marker in a workout description; group ``key`` is the session key
MARKER_RE = re.compile(r"\[hipcoach:(?P<key>[A-Za-z0-9][A-Za-z0-9._:-]*)\]")
# Only the core's session keys (ISO year, week, session number): a runner's own workout
# titled "hipcoach drills" must never be mistaken for one of ours.
_KEY_RE = re.compile(r"\d{4}-W\d{2}-\d{1,2}")
_NAME_RE = re.compile(
    rf"{re.escape(NAME_PREFIX)}(?P<key>{_KEY_RE.pattern})(?:{re.escape(NAME_SEPARATOR)}.*)?",
    re.DOTALL,
)

SPORT_TYPE: dict[str, Any] = {
    "sportTypeId": 5,
    "sportTypeKey": "strength_training",
    "displayOrder": 5,
}
NO_TARGET: dict[str, Any] = {
    "workoutTargetTypeId": 1,
    "workoutTargetTypeKey": "no.target",
    "displayOrder": 1,
}

WARMUP_TEXT = (
    "Warm-up: 3-5 min of easy mobility (leg swings, hip circles, a few bridges). "
    "Press lap when ready."
)
DISCLAIMER = "Not medical advice; see a physio if pain persists."
SIDES = ("left", "right")

#: Garmin Connect's exercise categories (``Exercises.json``); anything else is HTTP 400.
KNOWN_CATEGORIES: frozenset[str] = frozenset(
    (
        "BANDED_EXERCISES",
        "BATTLE_ROPE",
        "BENCH_PRESS",
        "BIKE_OUTDOOR",
        "CALF_RAISE",
        "CARDIO",
        "CARRY",
        "CHOP",
        "CORE",
        "CRUNCH",
        "CURL",
        "DEADLIFT",
        "ELLIPTICAL",
        "FLOOR_CLIMB",
        "FLYE",
        "HIP_RAISE",
        "HIP_STABILITY",
        "HIP_SWING",
        "HYPEREXTENSION",
        "INDOOR_BIKE",
        "LADDER",
        "LATERAL_RAISE",
        "LEG_CURL",
        "LEG_RAISE",
        "LUNGE",
        "OLYMPIC_LIFT",
        "PLANK",
        "PLYO",
        "PULL_UP",
        "PUSH_UP",
        "ROW",
        "RUN",
        "RUN_INDOOR",
        "SANDBAG",
        "SHOULDER_PRESS",
        "SHOULDER_STABILITY",
        "SHRUG",
        "SIT_UP",
        "SLED",
        "SLEDGE_HAMMER",
        "SQUAT",
        "STAIR_STEPPER",
        "SUSPENSION",
        "TIRE",
        "TOTAL_BODY",
        "TRICEPS_EXTENSION",
        "WARM_UP",
    )
)


def _kind(prefix: str, ident: int, key: str) -> dict[str, Any]:
    return {f"{prefix}Id": ident, f"{prefix}Key": key, "displayOrder": ident}


def _condition(ident: int, key: str, *, displayable: bool = True) -> dict[str, Any]:
    return {**_kind("conditionType", ident, key), "displayable": displayable}


STEP_WARMUP = _kind("stepType", 1, "warmup")
STEP_INTERVAL = _kind("stepType", 3, "interval")
STEP_REST = _kind("stepType", 5, "rest")
STEP_REPEAT = _kind("stepType", 6, "repeat")
END_LAP = _condition(1, "lap.button")
END_TIME = _condition(2, "time")
END_ITERATIONS = _condition(7, "iterations", displayable=False)
END_REPS = _condition(10, "reps")


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marked with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def check_key(key: str) -> str:
    """The session key, if it survives a round trip through names and markers."""
    if not _KEY_RE.fullmatch(key):
        raise InputDataError(f"session key {key!r} cannot be used in a Garmin workout name")
    return key


def workout_name(session: Session) -> str:
    """``hipcoach <key> · <title>``, at most 80 characters; only the title is ever cut."""
    prefix = NAME_PREFIX + check_key(session.key)
    room = NAME_LIMIT - len(prefix) - len(NAME_SEPARATOR)
    if room < len(ELLIPSIS) + 1:
        raise InputDataError(f"session key {session.key!r} is too long for a Garmin workout name")
    return prefix + NAME_SEPARATOR + clip(session.title, room)


def parse_session_key(title: object) -> str | None:
    """The session key in a hipcoach workout name (or calendar title); None for others."""
    if not isinstance(title, str):
        return None
    match = _NAME_RE.fullmatch(title.strip())
    return match.group("key") if match else None


def marker(key: str) -> str:
    """The ownership marker for a session key."""
    return f"[hipcoach:{check_key(key)}]"


def session_key_from_description(description: object) -> str | None:
    """The session key of the (last) ownership marker in a description; None without one."""
    if not isinstance(description, str):
        return None
    keys = [m.group("key") for m in MARKER_RE.finditer(description)]
    return keys[-1] if keys else None


def workout_description(session: Session, on: date | None = None) -> str:
    """A summary of the session, at most 512 characters, ending with the ownership marker."""
    tag = marker(session.key)
    exercises = "; ".join(f"{p.label()} {p.dose_text()}" for p in session.prescriptions)
    parts = [f"{session.title}: {exercises}."]
    if session.light_note:
        parts.append(f"Light session: {session.light_note}.")
    if on is not None:
        parts.append(f"Planned for {on.isoformat()}.")
    parts.append(f"About {session.estimated_minutes()} min. {DISCLAIMER}")
    body = clip(" ".join(parts), TEXT_LIMIT - len(tag) - 1)
    return f"{body}\n{tag}"


def step_note(p: Prescription, side: str | None = None) -> str:
    """One exercise step's note: variant, dose and side, load, cues (not clipped)."""
    amount = f"{p.reps} reps" if p.reps is not None else f"hold {p.seconds} s"
    dose = f"{amount}, {side} side" if side is not None else amount
    shown = p.variant.garmin.shown_as
    alias = f" (on the watch: {shown})" if shown else ""
    return f"{p.variant.name}{alias}: {dose}. Load: {p.load}. {p.cues}"


def step_text(p: Prescription, side: str | None = None) -> str:
    """What the watch shows for one exercise step (≤ 512 characters)."""
    return clip(step_note(p, side), TEXT_LIMIT)


def _exercise_step(
    p: Prescription, order: int, group: int | None, side: str | None
) -> dict[str, Any]:
    step: dict[str, Any] = {"type": "ExecutableStepDTO", "stepOrder": order}
    if group is not None:
        step["childStepId"] = group
    step["stepType"] = STEP_INTERVAL
    step["description"] = step_text(p, side)
    if p.reps is not None:
        step["endCondition"], step["endConditionValue"] = END_REPS, float(p.reps)
    else:
        step["endCondition"], step["endConditionValue"] = END_TIME, float(p.seconds or 0)
    step["targetType"] = NO_TARGET
    step["category"] = p.variant.garmin.category
    if p.variant.garmin.exercise_name is not None:
        step["exerciseName"] = p.variant.garmin.exercise_name
    return step


def _rest_step(seconds: int, order: int, group: int | None) -> dict[str, Any]:
    step: dict[str, Any] = {"type": "ExecutableStepDTO", "stepOrder": order}
    if group is not None:
        step["childStepId"] = group
    step.update(
        stepType=STEP_REST,
        endCondition=END_TIME,
        endConditionValue=float(seconds),
        targetType=NO_TARGET,
    )
    return step


def sides_of(p: Prescription) -> tuple[str | None, ...]:
    """One step per side (left, then right) for per-side exercises, one step otherwise."""
    return SIDES if p.per_side else (None,)


def _set_steps(p: Prescription, orders: Iterator[int], group: int | None) -> list[dict[str, Any]]:
    steps = [_exercise_step(p, next(orders), group, side) for side in sides_of(p)]
    if p.rest_seconds > 0:
        steps.append(_rest_step(p.rest_seconds, next(orders), group))
    return steps


def _block(p: Prescription, orders: Iterator[int], groups: Iterator[int]) -> list[dict[str, Any]]:
    """A repeat group of ``sets`` iterations; a single set stays plain (1 iteration is rejected)."""
    if p.sets == 1:
        return _set_steps(p, orders, None)
    group, order = next(groups), next(orders)
    return [
        {
            "type": "RepeatGroupDTO",
            "stepOrder": order,
            "childStepId": group,
            "stepType": STEP_REPEAT,
            "numberOfIterations": p.sets,
            "smartRepeat": False,
            "endCondition": END_ITERATIONS,
            "endConditionValue": float(p.sets),
            "workoutSteps": _set_steps(p, orders, group),
        }
    ]


def _warmup_step(order: int) -> dict[str, Any]:
    return {
        "type": "ExecutableStepDTO",
        "stepOrder": order,
        "stepType": STEP_WARMUP,
        "description": WARMUP_TEXT,
        "endCondition": END_LAP,
        "targetType": NO_TARGET,
    }


def build_workout(session: Session, on: date | None = None) -> dict[str, Any]:
    """The exact workout-service JSON for ``session``.

    ``on`` only adds "Planned for <date>" to the description (file exports). The sync leaves
    it out, so that moving a session to another day needs no workout update.
    """
    orders, groups = count(1), count(1)
    steps = [_warmup_step(next(orders))]
    for p in session.prescriptions:
        steps.extend(_block(p, orders, groups))
    workout = {
        "workoutName": workout_name(session),
        "description": workout_description(session, on),
        "sportType": SPORT_TYPE,
        "estimatedDurationInSecs": session.estimated_seconds(),
        "workoutSegments": [{"segmentOrder": 1, "sportType": SPORT_TYPE, "workoutSteps": steps}],
    }
    # The id/key objects are shared constants: hand out a tree the caller may change.
    return copy.deepcopy(workout)


def iter_steps(workout: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every step of a workout payload, depth first (groups and their children)."""

    def walk(steps: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for step in steps:
            yield step
            yield from walk(step.get("workoutSteps", []))

    for segment in workout.get("workoutSegments", []):
        yield from walk(segment.get("workoutSteps", []))
