"""The Garmin Connect workout-service JSON for a session: pure functions, no I/O.

Built with garminconnect's typed strength-workout builder (``garminconnect.workout``:
``StrengthWorkout``, ``create_strength_exercise_step``/``_timed_step``/``_rest_step``,
``create_repeat_group``), imported when a workout is built so that importing this module stays
cheap. Shape (``reference/garmin.md`` §1): sport type strength_training (5) on the workout and
its segment; a lap-button warm-up; per prescription a repeat group of ``sets`` iterations
holding the exercise step(s) (reps, or time for holds) and a rest step. ``stepOrder`` is one
global depth-first counter over steps and groups; ``childStepId`` numbers the repeat groups,
on the group and on its children. No weight fields (Garmin's weight unit is unresolved, see
``garmin.md`` §1): the load (band, ankle weight, dumbbell) is in the step note, with the
variant and its cues.

What the builder does not do, hipcoach does around it: a lap-button warm-up (the library's is
timed), one step per side inside a set (``create_strength_set`` holds one exercise step and
always a rest), ``childStepId`` numbering, a single set as plain steps, the text limits and
the ownership marker.

Ownership: the description ends with the marker ``[hipcoach:<session key>]``
(:data:`MARKER_RE`), the only thing on Garmin's side that can make a workout hipcoach's (the
core also wants a record that hipcoach made it). The name and the step notes are the core's
(:mod:`hipcoach.exports.workout`), the same on every watch and calendar.

A per-side exercise becomes one step per side inside each set, left then right, each with
the per-side reps (or hold): the watch counts what the runner does on each side, and a
timed hold advances to the other side when its time is up.

Where Garmin has no exercise for the movement (hip hikes), the step keeps the generic entry
of its category and the note says what the watch will call it and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import count
from typing import TYPE_CHECKING, Any

from hipcoach.exports.workout import (
    DISCLAIMER,
    WARMUP_TEXT,
    check_key,
    clip,
    sides_of,
    step_note,
    workout_name,
)
from hipcoach.models import Prescription, Session
from hipcoach.programme.generator import SESSION_KEY

if TYPE_CHECKING:
    from garminconnect.workout import ExecutableStep, RepeatGroup

TEXT_LIMIT = 512
#: the exercise list gives way to a count when it would leave the week's tip less than this
TIP_AT_LEAST = 120

#: the ownership marker in a workout description; group ``key`` is the session key, of the
#: session-key pattern exactly (``[hipcoach:garbage-key]`` is no marker)
MARKER_RE = re.compile(rf"\[hipcoach:(?P<key>{SESSION_KEY.pattern})\]")

# The library has a timed warm-up only; hipcoach's waits for the lap button.
_WARMUP_TYPE = {"stepTypeId": 1, "stepTypeKey": "warmup", "displayOrder": 1}
_LAP_BUTTON = {
    "conditionTypeId": 1,
    "conditionTypeKey": "lap.button",
    "displayOrder": 1,
    "displayable": True,
}
_NO_TARGET = {"workoutTargetTypeId": 1, "workoutTargetTypeKey": "no.target", "displayOrder": 1}


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
    """A summary of the session, at most 512 characters, ending with the ownership marker:
    the see-a-physiotherapist line first while a pause lasts, the exercises and doses (or,
    when they do not fit, how many: each step says what to do), the length, the week's tip in
    one line (shortened last), the disclaimer."""
    tag = marker(session.key)
    room = TEXT_LIMIT - len(tag) - 1
    head = [clip(session.physio, room)] if session.physio else []
    notes = []
    if session.light_note and not session.physio:  # a pause: the physio line says it all
        notes.append(f"Light session: {session.light_note}.")
    if on is not None:
        notes.append(f"Planned for {on.isoformat()}.")
    notes.append(
        f"About {session.estimated_minutes()} min with a {session.warmup_minutes}-min warm-up."
    )
    exercises = "; ".join(f"{p.label()} {p.dose_text()}" for p in session.prescriptions)
    count = f"{len(session.prescriptions)} exercises, {session.total_sets()} sets"
    tip = session.tip.line() if session.tip else ""
    for summary in (f"{exercises}.", f"{count} (each step says what to do)."):
        parts = [*head, f"{session.title}: {summary}", *notes]
        left = room - len(" ".join([*parts, DISCLAIMER])) - 1
        if not tip or left >= min(len(tip), TIP_AT_LEAST):
            break
    short = f"Tip: {session.tip.title}." if session.tip else ""
    if tip and left >= TIP_AT_LEAST:
        parts.append(clip(tip, left))
    elif short and left >= len(short):
        parts.append(short)  # the tip's title: the report and the calendar have the rest
    body = clip(" ".join([*parts, DISCLAIMER]), room)
    return f"{body}\n{tag}"


def step_text(p: Prescription, side: str | None = None) -> str:
    """What the watch shows for one exercise step (≤ 512 characters)."""
    return clip(step_note(p, side), TEXT_LIMIT)


def build_workout(session: Session, on: date | None = None) -> dict[str, Any]:
    """The exact workout-service JSON for ``session``.

    ``on`` only adds "Planned for <date>" to the description (file exports). The sync leaves
    it out, so that moving a session to another day needs no workout update.
    """
    from garminconnect.workout import StrengthWorkout, WorkoutSegment

    steps = _Steps()
    top: list[ExecutableStep | RepeatGroup] = [steps.warmup()]
    for p in session.prescriptions:
        top.extend(steps.block(p))
    workout = StrengthWorkout(
        workoutName=workout_name(session),
        description=workout_description(session, on),
        estimatedDurationInSecs=session.estimated_seconds(),
        workoutSegments=[],
    )
    # The segment carries the workout's sport type: the library's strength_training (5).
    workout.workoutSegments = [
        WorkoutSegment(segmentOrder=1, sportType=workout.sportType, workoutSteps=top)
    ]
    # The library's to_dict() adds an empty "author", which says nothing Garmin needs.
    payload: dict[str, Any] = workout.model_dump(mode="json", exclude_none=True, exclude={"author"})
    return payload


class _Steps:
    """garminconnect's strength steps, numbered as Connect numbers them: ``stepOrder`` one
    depth-first counter over steps and groups, ``childStepId`` the repeat group's number on
    the group and on each of its steps (top-level steps have none)."""

    def __init__(self) -> None:
        self._orders = count(1)
        self._groups = count(1)

    def warmup(self) -> ExecutableStep:
        from garminconnect.workout import ExecutableStep

        return ExecutableStep(
            stepOrder=next(self._orders),
            stepType=dict(_WARMUP_TYPE),
            endCondition=dict(_LAP_BUTTON),
            targetType=dict(_NO_TARGET),
            description=WARMUP_TEXT,
        )

    def block(self, p: Prescription) -> list[ExecutableStep | RepeatGroup]:
        """A repeat group of ``sets`` iterations; a single set stays plain (a repeat group
        of one iteration is rejected)."""
        from garminconnect.workout import create_repeat_group

        if p.sets == 1:
            return self._one_set(p, None)
        order, group = next(self._orders), next(self._groups)
        repeat = create_repeat_group(p.sets, self._one_set(p, group), order)
        repeat.childStepId = group
        return [repeat]

    def _one_set(self, p: Prescription, group: int | None) -> list[ExecutableStep | RepeatGroup]:
        """The exercise step per side, then the rest step (none without rest)."""
        from garminconnect.workout import create_strength_rest_step

        made: list[ExecutableStep | RepeatGroup] = [self._exercise(p, side) for side in sides_of(p)]
        if p.rest_seconds > 0:
            made.append(create_strength_rest_step(p.rest_seconds, next(self._orders)))
        for step in made:
            step.childStepId = group
        return made

    def _exercise(self, p: Prescription, side: str | None) -> ExecutableStep:
        """Reps (or a timed hold) of the exercise, with the note the watch shows."""
        from garminconnect.workout import create_strength_exercise_step, create_strength_timed_step

        mapping = p.variant.garmin
        common: dict[str, Any] = {
            "category": mapping.category,
            "step_order": next(self._orders),
            "exercise_name": mapping.exercise_name or "",
            "description": step_text(p, side),
        }
        if p.reps is not None:
            step = create_strength_exercise_step(reps=p.reps, **common)
        else:
            step = create_strength_timed_step(duration_seconds=p.seconds or 0, **common)
        if mapping.exercise_name is None:
            # The library sends "" for "category only"; hipcoach has always left the key out,
            # and no Garmin answer shows that "" is accepted.
            delattr(step, "exerciseName")  # an extra field of the model
        return step


def blanked_names(sent: dict[str, Any], stored: object) -> list[str]:
    """The exercise steps whose name Garmin did not keep, as "step <order> <category>/<name>".

    Garmin accepts an exercise name it does not know and stores it empty (``garmin.md`` §4):
    the watch then shows only the category. Steps sent without a name (the category alone,
    as the hip hike is) are not checked. Steps are paired by ``stepOrder``, which Connect
    keeps; a named step missing from the stored workout counts as blanked.
    """
    kept = {}
    if isinstance(stored, dict):
        kept = {s.get("stepOrder"): s.get("exerciseName") for s in iter_steps(stored)}
    return [
        f"step {step['stepOrder']} {step.get('category')}/{step['exerciseName']}"
        for step in iter_steps(sent)
        if step.get("exerciseName") and not kept.get(step.get("stepOrder"))
    ]


def iter_steps(workout: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every step of a workout payload, depth first (groups and their children); anything
    that is not a step (a stored workout as Garmin answers it may hold nulls) is passed over."""

    def walk(steps: object) -> Iterator[dict[str, Any]]:
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, dict):
                yield step
                yield from walk(step.get("workoutSteps"))

    segments = workout.get("workoutSegments")
    for segment in segments if isinstance(segments, list) else ():
        if isinstance(segment, dict):
            yield from walk(segment.get("workoutSteps"))
