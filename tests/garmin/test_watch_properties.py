"""The watch counts each side: for any generated session (levels × equipment × weeks × light),
the Garmin payload and the decoded FIT file hold, per set, one step per side (left, then
right) with the per-side reps or hold, then the rest; the repeat counts the sets."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach.exports.fit import NAME_BYTES, clip_bytes, encode_workout
from hipcoach.models import Prescription, Session
from hipcoach.programme.generator import ProgrammeSettings, generate, lighten
from hipcoach_garmin.payload import build_workout
from tests.garmin.test_exports import decode

MONDAY = date(2026, 11, 23)
#: Garmin's step limit is not documented; public tools cap workouts at 50 steps.
STEP_LIMIT = 50

sessions = st.builds(
    lambda level, equipment, minutes, week, light: _session(level, equipment, minutes, week, light),
    st.sampled_from(["gentle", "standard", "strong"]),
    st.frozensets(st.sampled_from(["band", "ankle_weight", "step", "dumbbell"])),
    st.sampled_from([20, 30, 45, 90]),
    st.integers(1, 12),
    st.booleans(),
)


def _session(
    level: str, equipment: frozenset[str], minutes: int, week: int, light: bool
) -> Session:
    settings_ = ProgrammeSettings(
        level=level,  # type: ignore[arg-type]
        equipment=equipment,
        max_session_minutes=minutes,
    )
    session = generate(settings_, MONDAY, weeks=week).weeks[-1].sessions[0]
    return lighten(session) if light else session


def expected_steps(p: Prescription) -> list[tuple[str | None, float]]:
    """(side, per-side reps or seconds) of one set's exercise steps."""
    amount = float(p.reps if p.reps is not None else p.seconds or 0)
    sides = ["left", "right"] if p.per_side else [None]
    return [(side, amount) for side in sides]


def payload_blocks(payload: dict[str, Any]) -> list[tuple[int, list[dict[str, Any]]]]:
    """(sets, steps of one set) per prescription, after the warm-up."""
    out = []
    steps = payload["workoutSegments"][0]["workoutSteps"][1:]
    while steps:
        head = steps.pop(0)
        if head["type"] == "RepeatGroupDTO":
            out.append((head["numberOfIterations"], head["workoutSteps"]))
            continue
        block = [head]
        while steps and steps[0]["type"] == "ExecutableStepDTO":
            block.append(steps.pop(0))
            if block[-1]["stepType"]["stepTypeKey"] == "rest":
                break
        out.append((1, block))
    return out


@settings(max_examples=40, deadline=None)
@given(sessions)
def test_the_payload_has_one_step_per_side_inside_each_set(session: Session) -> None:
    payload = build_workout(session)
    blocks = payload_blocks(payload)
    assert len(blocks) == len(session.prescriptions)
    count = 1
    for (sets, steps), p in zip(blocks, session.prescriptions, strict=True):
        assert sets == p.sets
        *exercise, rest = steps
        assert rest["stepType"]["stepTypeKey"] == "rest"
        assert rest["endConditionValue"] == float(p.rest_seconds)
        found = []
        for step in exercise:
            side = "left" if "left side" in step["description"] else None
            side = "right" if "right side" in step["description"] else side
            found.append((side, step["endConditionValue"]))
            assert step["category"] == p.variant.garmin.category
            assert p.variant.name in step["description"] and p.cues in step["description"]
            assert f"Load: {p.load}." in step["description"]
        assert found == expected_steps(p)
        count += len(steps) + (p.sets > 1)
    assert count < STEP_LIMIT


@settings(max_examples=25, deadline=None)
@given(sessions)
def test_the_fit_file_decodes_to_one_step_per_side_inside_each_set(session: Session) -> None:
    decoded = decode(encode_workout(session, MONDAY))["workout_step_mesgs"]
    assert decoded[0]["intensity"] == "warmup"
    index = 1
    for p in session.prescriptions:
        first = index
        for side, amount in expected_steps(p):
            step = decoded[index]
            name = p.variant.name if side is None else f"{p.variant.name} ({side})"
            assert step["wkt_step_name"] == clip_bytes(name, NAME_BYTES)
            if p.reps is not None:
                assert (step["duration_type"], step["duration_reps"]) == ("reps", amount)
            else:
                assert (step["duration_type"], step["duration_time"]) == ("time", amount)
            if side is not None:
                assert f"{side} side" in step["notes"]
            index += 1
        assert decoded[index]["intensity"] == "rest"
        index += 1
        if p.sets > 1:
            repeat = decoded[index]
            assert repeat["duration_type"] == "repeat_until_steps_cmplt"
            assert (repeat["duration_step"], repeat["repeat_steps"]) == (first, p.sets)
            index += 1
    assert index == len(decoded) < STEP_LIMIT
