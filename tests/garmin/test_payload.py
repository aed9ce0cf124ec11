"""The Garmin workout-service payload, checked against golden files.

Golden files live in ``tests/garmin/golden/``. After an intended change to the payload or
the FIT encoding, regenerate them and review the diff::

    HIPCOACH_REGEN_GOLDEN=1 python -m pytest tests/garmin
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from garminconnect import exercises as library_catalog

from hipcoach.adherence.statuses import session_key_in
from hipcoach.errors import InputDataError
from hipcoach.exports.workout import clip, workout_name
from hipcoach.models import CheckIn, GarminMapping, Prescription, Session
from hipcoach.programme import catalog
from hipcoach.programme.generator import ProgrammeSettings, generate, lighten
from hipcoach_garmin.payload import (
    MARKER_RE,
    blanked_names,
    build_workout,
    iter_steps,
    marker,
    session_key_from_description,
)
from tests.conftest import DATA
from tests.garmin.conftest import MONDAY, STRONG_WITH_EXTRAS, session_for

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("HIPCOACH_REGEN_GOLDEN") == "1"
GARMIN_CATALOG = json.loads((DATA / "garmin-exercises.json").read_text())["categories"]


def golden_session(name: str) -> Session:
    """The sessions kept as golden files: the article's dose, a light one, loads, extras."""
    if name == "standard-week1":
        return session_for()
    if name == "standard-week1-light":
        return lighten(session_for())
    if name == "standard-week7-loads":
        return session_for(week=7, equipment=("band", "ankle_weight", "step", "dumbbell"))
    if name == "strong-week1-side-plank":
        return session_for("strong", **STRONG_WITH_EXTRAS)  # type: ignore[arg-type]
    if name == "standard-week6-pause":
        return pause_session()
    assert name == "gentle-week1"
    return session_for("gentle")


def pause_session() -> Session:
    """Week 6 after a check-in of 8/10 in week 5: pain-free holds, the physio line."""
    hurt = CheckIn(date=MONDAY + timedelta(weeks=4, days=2), pain=8)
    return generate(ProgrammeSettings(), MONDAY, weeks=6, checkins=[hurt]).weeks[5].sessions[0]


GOLDEN_SESSIONS = (
    "standard-week1",
    "standard-week1-light",
    "standard-week7-loads",
    "strong-week1-side-plank",
    "gentle-week1",
    "standard-week6-pause",
)


def check_golden(name: str, data: str | bytes) -> None:
    """Compare with (or, when regenerating, write) ``golden/<name>``."""
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    expected = path.read_bytes() if isinstance(data, bytes) else path.read_text(encoding="utf-8")
    assert data == expected, f"{name} differs from its golden file (see module docstring)"


def as_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def steps(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return list(iter_steps(payload))


def with_prescriptions(session: Session, *prescriptions: Prescription) -> Session:
    return session.model_copy(update={"prescriptions": prescriptions})


@pytest.mark.parametrize("name", GOLDEN_SESSIONS)
def test_payload_matches_golden_file(name: str) -> None:
    check_golden(f"{name}.json", as_json(build_workout(golden_session(name))))


def test_strong_golden_session_holds_a_timed_side_plank() -> None:
    session = golden_session("strong-week1-side-plank")
    plank = [s for s in steps(build_workout(session)) if s.get("category") == "PLANK"]
    assert [s["endCondition"]["conditionTypeKey"] for s in plank] == ["time", "time"]
    assert [s["endConditionValue"] for s in plank] == [30.0, 30.0]
    assert ["left side" in s["description"] for s in plank] == [True, False]
    assert ["right side" in s["description"] for s in plank] == [False, True]


def test_sport_type_is_strength_at_workout_and_segment_level() -> None:
    payload = build_workout(session_for())
    strength = {"sportTypeId": 5, "sportTypeKey": "strength_training", "displayOrder": 5}
    assert payload["sportType"] == strength
    assert [s["sportType"] for s in payload["workoutSegments"]] == [strength]


def test_warm_up_then_one_repeat_group_per_prescription() -> None:
    session = session_for()
    top = build_workout(session)["workoutSegments"][0]["workoutSteps"]
    assert top[0]["stepType"]["stepTypeKey"] == "warmup"
    assert top[0]["endCondition"]["conditionTypeKey"] == "lap.button"
    groups = top[1:]
    assert len(groups) == len(session.prescriptions)
    for group, p in zip(groups, session.prescriptions, strict=True):
        assert group["type"] == "RepeatGroupDTO"
        assert group["numberOfIterations"] == p.sets == group["endConditionValue"]
        assert group["endCondition"]["conditionTypeId"] == 7
        left, right, rest = group["workoutSteps"]
        for side, exercise in (("left", left), ("right", right)):
            assert exercise["stepType"]["stepTypeId"] == 3
            assert exercise["endCondition"]["conditionTypeId"] == 10
            assert exercise["endConditionValue"] == float(p.reps or 0)  # per side, not doubled
            assert f"{p.reps} reps, {side} side" in exercise["description"]
        assert rest["stepType"]["stepTypeId"] == 5
        assert rest["endConditionValue"] == float(p.rest_seconds)


def test_step_order_is_depth_first_and_child_ids_number_the_groups() -> None:
    payload = build_workout(session_for("strong"))
    all_steps = steps(payload)
    assert [s["stepOrder"] for s in all_steps] == list(range(1, len(all_steps) + 1))
    top = payload["workoutSegments"][0]["workoutSteps"]
    assert "childStepId" not in top[0]
    for number, group in enumerate(top[1:], start=1):
        assert group["childStepId"] == number
        assert {c["childStepId"] for c in group["workoutSteps"]} == {number}


def test_a_single_set_is_a_plain_step_without_a_group() -> None:
    base = session_for()
    single = base.prescriptions[0].model_copy(update={"sets": 1})
    top = build_workout(with_prescriptions(base, single, base.prescriptions[1]))
    top_steps = top["workoutSegments"][0]["workoutSteps"]
    assert [s["type"] for s in top_steps] == [
        "ExecutableStepDTO",  # warm-up
        "ExecutableStepDTO",  # left
        "ExecutableStepDTO",  # right
        "ExecutableStepDTO",  # rest
        "RepeatGroupDTO",
    ]
    assert all("childStepId" not in s for s in top_steps[:4])
    assert top_steps[4]["childStepId"] == 1
    assert [s["stepOrder"] for s in steps(top)] == list(range(1, 9))


def test_no_rest_step_without_rest() -> None:
    base = session_for()
    no_rest = base.prescriptions[0].model_copy(update={"rest_seconds": 0})
    group = build_workout(with_prescriptions(base, no_rest))["workoutSegments"][0]
    assert [s["stepType"]["stepTypeKey"] for s in group["workoutSteps"][1]["workoutSteps"]] == [
        "interval",
        "interval",
    ]


def test_every_rung_of_every_ladder_reaches_the_payload() -> None:
    base = session_for()
    for exercise in catalog.all_exercises():
        for rung, variant in enumerate(exercise.ladder):
            p = Prescription(
                exercise=exercise,
                variant=variant,
                rung=rung,
                sets=2,
                reps=variant.reps,
                seconds=variant.seconds,
                rest_seconds=30,
            )
            exercise_steps = [
                s
                for s in steps(build_workout(with_prescriptions(base, p)))
                if s["stepType"]["stepTypeId"] == 3
            ]
            assert len(exercise_steps) == (2 if variant.per_side else 1), variant.name
            for step in exercise_steps:
                assert step["category"] == variant.garmin.category
                assert step.get("exerciseName") == variant.garmin.exercise_name
                assert step["category"] in GARMIN_CATALOG
                assert variant.name in step["description"]
                assert variant.cues in step["description"]
                assert f"Load: {variant.load}." in step["description"]


def test_garminconnects_categories_are_garmins_catalog() -> None:
    assert set(library_catalog.CATEGORIES) == set(GARMIN_CATALOG)


LIBRARY_EXERCISES = {(e["category"], e["exercise"]): e["name"] for e in library_catalog.EXERCISES}


@pytest.mark.parametrize("exercise", catalog.all_exercises(), ids=lambda e: e.key)
def test_every_rung_is_in_garminconnects_exercise_catalog(exercise) -> None:  # type: ignore[no-untyped-def]
    """The library's catalog (the Connect editor's) and Garmin's Exercises.json (checked in
    tests/test_catalog.py) both know every category/exercise hipcoach sends."""
    for variant in exercise.ladder:
        mapping = variant.garmin
        assert mapping.category in library_catalog.CATEGORIES, variant.name
        assert mapping.exercise_name is not None, variant.name
        shown = LIBRARY_EXERCISES.get((mapping.category, mapping.exercise_name))
        assert shown is not None, f"{mapping.category}/{mapping.exercise_name} ({variant.name})"
        if mapping.shown_as is not None:
            # What the step note says the watch will call it is the catalog's own name.
            assert mapping.shown_as == shown, variant.name


def test_a_missing_exercise_name_sends_the_category_only() -> None:
    base = session_for()
    p = base.prescriptions[2]
    unnamed = p.model_copy(
        update={"variant": p.variant.model_copy(update={"garmin": GarminMapping(category="X")})}
    )
    step = steps(build_workout(with_prescriptions(base, unnamed)))[2]
    assert step["category"] == "X"
    assert "exerciseName" not in step


def test_step_descriptions_carry_variant_dose_side_load_and_cues() -> None:
    session = session_for()
    exercise_steps = [s for s in steps(build_workout(session)) if "category" in s]
    p = session.prescriptions[0]
    assert [s["description"] for s in exercise_steps[:2]] == [
        f"Side leg raise: 20 reps, {side} side. Load: bodyweight. {p.cues}"
        for side in ("left", "right")
    ]
    loaded = session_for(week=7, equipment=("band",))
    band = next(p for p in loaded.prescriptions if p.load == "light band")
    described = [s["description"] for s in steps(build_workout(loaded)) if "category" in s]
    assert any(
        d.startswith(f"{band.variant.name}: {band.reps} reps, left side. Load: light band.")
        for d in described
    )


def test_hip_hikes_say_what_the_watch_calls_them_and_what_to_do() -> None:
    session = session_for()
    hike = next(p for p in session.prescriptions if p.key == "hip_hike")
    described = [
        s for s in steps(build_workout(session)) if s.get("exerciseName") == "HIP_STABILITY"
    ]
    assert len(described) == 2
    for step in described:
        assert step["category"] == "HIP_STABILITY"
        assert step["description"].startswith("Hip hike (on the watch: Hip Stability): 20 reps")
        assert hike.cues in step["description"]


def test_texts_stay_within_garmins_limits() -> None:
    base = session_for("strong")
    long_variant = base.prescriptions[0].variant.model_copy(update={"cues": "slowly " * 200})
    p = base.prescriptions[0].model_copy(update={"variant": long_variant})
    long = with_prescriptions(base, *([p] * 30)).model_copy(update={"title": "T" * 200})
    payload = build_workout(long)
    assert len(payload["workoutName"]) <= 80
    assert len(payload["description"]) <= 512
    assert payload["description"].endswith("\n" + marker(long.key))
    assert all(len(s.get("description", "")) <= 512 for s in steps(payload))
    assert session_key_in(payload["workoutName"]) == long.key


def test_name_and_marker_round_trip_the_session_key() -> None:
    session = session_for()
    payload = build_workout(session)
    assert payload["workoutName"] == f"hipcoach {session.key} · {session.title}"
    assert session_key_in(payload["workoutName"]) == session.key
    assert session_key_from_description(payload["description"]) == session.key
    assert MARKER_RE.search(payload["description"])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hip work.\n[hipcoach:2026-W48-1]", "2026-W48-1"),
        ("[hipcoach:old] edited [hipcoach:2026-W49-2]", "2026-W49-2"),
        ("no marker", None),
        ("[hipcoach:]", None),
        (None, None),
        # Only a key of the session-key pattern, exactly, is a marker.
        ("[hipcoach:garbage-key]", None),
        ("[hipcoach:2026-W48-1x]", None),
        ("[hipcoach:x2026-W48-1]", None),
        ("[hipcoach:2026-W48-123]", None),
        ("[hipcoach:2026-W48-1] then [hipcoach:garbage-key]", "2026-W48-1"),
        ("[hipcoach:2099-W01-1]", "2099-W01-1"),  # a marker; ownership also wants a record
    ],
)
def test_session_key_from_description(text: object, key: str | None) -> None:
    assert session_key_from_description(text) == key


def test_unusable_session_keys_are_refused() -> None:
    with pytest.raises(InputDataError, match="cannot be used"):
        workout_name(session_for().model_copy(update={"key": "two words"}))
    with pytest.raises(InputDataError, match="cannot be used"):
        workout_name(session_for().model_copy(update={"key": "drills"}))


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("hipcoach 2026-W48-1 · Hip strength W1 S1", "2026-W48-1"),
        ("hipcoach 2026-W48-1", "2026-W48-1"),
        ("hipcoach drills", None),  # the runner's own workout, not ours
        ("hipcoach drills · legs", None),
        ("Leg day", None),
    ],
)
def test_only_real_session_keys_are_read_from_activity_names(name: str, key: str | None) -> None:
    assert session_key_in(name) == key


def test_the_date_only_adds_a_planned_line() -> None:
    session = session_for()
    dated, undated = build_workout(session, MONDAY), build_workout(session)
    assert "Planned for 2026-11-23." in dated["description"]
    assert {k: v for k, v in dated.items() if k != "description"} == {
        k: v for k, v in undated.items() if k != "description"
    }


def test_payload_is_deterministic_fresh_and_weightless() -> None:
    session = session_for("strong", week=5, equipment=("ankle_weight", "dumbbell"))
    assert any(p.load != "bodyweight" for p in session.prescriptions)
    first, second = build_workout(session), build_workout(session)
    assert first == second
    first["sportType"]["sportTypeId"] = 99
    assert build_workout(session)["sportType"]["sportTypeId"] == 5
    assert not any(k.startswith("weight") for s in steps(second) for k in s)
    assert second["estimatedDurationInSecs"] == session.estimated_seconds()


def test_a_light_session_is_a_lighter_workout_with_the_same_key() -> None:
    full = session_for()
    light = lighten(full)
    full_payload, light_payload = build_workout(full), build_workout(light)
    assert light.key == full.key and light.content_hash != full.content_hash
    assert session_key_in(light_payload["workoutName"]) == full.key
    groups = light_payload["workoutSegments"][0]["workoutSteps"][1:]
    # Two sets became one: a plain left, right, rest per exercise, no repeat groups.
    assert all(s["type"] == "ExecutableStepDTO" for s in groups)
    assert len(groups) == 3 * len(full.prescriptions)
    assert "Light session: one set fewer per exercise." in light_payload["description"]
    assert light_payload["estimatedDurationInSecs"] < full_payload["estimatedDurationInSecs"]


def test_clip() -> None:
    assert clip("a  b\nc", 10) == "a b c"
    assert clip("abcdefghij", 5) == "abcd…"


def test_a_pause_says_see_a_physio_first_and_every_workout_carries_the_weeks_tip() -> None:
    pause = golden_session("standard-week6-pause")
    payload = build_workout(pause)
    assert pause.physio and payload["description"].startswith(pause.physio)
    assert len(payload["description"]) <= 512
    assert payload["description"].endswith("\n" + marker(pause.key))
    for name in GOLDEN_SESSIONS:
        session = golden_session(name)
        assert session.tip is not None
        assert f"Tip: {session.tip.title}." in build_workout(session)["description"], name
    plain = golden_session("standard-week1")
    assert plain.physio is None and "physiotherapist" not in build_workout(plain)["description"]


def test_blanked_names_finds_exactly_the_names_garmin_dropped() -> None:
    sent = build_workout(session_for())
    assert blanked_names(sent, json.loads(json.dumps(sent))) == []
    stored = json.loads(json.dumps(sent))
    named = [s for s in iter_steps(stored) if s.get("exerciseName")]
    first, last = named[0], named[-1]
    expected = [
        f"step {first['stepOrder']} {first['category']}/{first['exerciseName']}",
        f"step {last['stepOrder']} {last['category']}/{last['exerciseName']}",
    ]
    first["exerciseName"], last["exerciseName"] = None, ""
    assert blanked_names(sent, stored) == expected
    # A step sent with its category alone is not a name Garmin dropped.
    category_only = json.loads(json.dumps(sent))
    for step in (s for s in iter_steps(category_only) if s.get("exerciseName")):
        del step["exerciseName"]
    assert blanked_names(category_only, category_only) == []
    # An answer without the steps lost every name.
    assert len(blanked_names(sent, {"workoutId": 1})) == len(named)
    assert len(blanked_names(sent, None)) == len(named)
