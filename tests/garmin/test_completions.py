"""Garmin strength activities and their exercise sets → completed activities (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from hipcoach_garmin.activities import BadGarminActivity
from hipcoach_garmin.completions import done_sets, is_strength, strength_summary
from tests.garmin_shapes import REST_SET, exercise_set, garmin_activity, garmin_strength

DAY = date(2026, 11, 20)


def test_only_strength_training_is_a_strength_activity() -> None:
    assert is_strength(garmin_strength(DAY, ident=1))
    assert not is_strength(garmin_activity(DAY, 8))
    assert not is_strength("nonsense")


def test_the_summary_keeps_the_workout_id_and_the_local_date() -> None:
    item = garmin_strength(DAY, ident=77, workout_id=700_000_001, hour=23)
    done = strength_summary(item, "garmin")
    assert (done.activity_id, done.workout_id, done.date, done.sets) == (
        "77",
        "700000001",
        DAY,
        None,
    )


def test_an_edit_in_connect_changes_the_fingerprint() -> None:
    before = strength_summary(garmin_strength(DAY, ident=1, total_reps=180), "garmin")
    after = strength_summary(garmin_strength(DAY, ident=1, total_reps=120), "garmin")
    same = strength_summary(garmin_strength(DAY, ident=1, total_reps=180), "garmin")
    assert before.fingerprint != after.fingerprint
    assert before.fingerprint == same.fingerprint


def test_active_sets_only_with_the_exercise_reps_weight_and_step() -> None:
    payload = {
        "activityId": 1,
        "exerciseSets": [
            exercise_set("HIP_RAISE", "SINGLE_LEG_HIP_RAISE", 12, step=5, weight_g=2000),
            REST_SET,
            exercise_set(None, None, 9),
        ],
    }
    found = done_sets(payload)
    assert found is not None
    first, second = found
    assert (first.category, first.exercise_name, first.reps, first.weight_g, first.step_index) == (
        "HIP_RAISE",
        "SINGLE_LEG_HIP_RAISE",
        12,
        2000.0,
        5,
    )
    assert (second.category, second.reps, second.step_index) == (None, 9, None)


def test_the_likeliest_exercise_wins() -> None:
    entry = exercise_set("HIP_RAISE", "HIP_RAISE", 10)
    entry["exercises"] = [
        {"category": "PLANK", "name": "PLANK", "probability": 20.0},
        {"category": "HIP_RAISE", "name": "SINGLE_LEG_HIP_RAISE", "probability": 70.0},
    ]
    found = done_sets({"exerciseSets": [entry]})
    assert found is not None
    (only,) = found
    assert only.exercise_name == "SINGLE_LEG_HIP_RAISE"


def test_no_set_detail_is_unknown_and_no_active_set_is_none_done() -> None:
    assert done_sets({"activityId": 1, "exerciseSets": None}) is None
    assert done_sets({"activityId": 1, "exerciseSets": [REST_SET]}) == ()


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"exerciseSets": "many"},
        {"exerciseSets": [{**exercise_set("A", "B", 1), "repetitionCount": -3}]},
    ],
)
def test_malformed_sets_are_refused(payload) -> None:
    with pytest.raises(BadGarminActivity):
        done_sets(payload)


def test_no_weight_minus_one_keeps_the_set_detail() -> None:
    """Garmin writes ``weight: -1`` for a set with no weight recorded (bodyweight work):
    unknown, never a reason to drop the activity's detail."""
    payload = {
        "exerciseSets": [
            exercise_set("HIP_STABILITY", None, 12, step=3, weight_g=-1.0),
            exercise_set("HIP_RAISE", "SINGLE_LEG_HIP_RAISE", 10, step=7, weight_g=-1),
        ]
    }
    found = done_sets(payload)
    assert found is not None
    assert [(s.weight_g, s.step_index, s.exercise_name) for s in found] == [
        (None, 3, None),
        (None, 7, "SINGLE_LEG_HIP_RAISE"),
    ]
