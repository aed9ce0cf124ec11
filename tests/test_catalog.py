import json

import pytest
from garmin_fit_sdk.profile import Profile

from hipcoach import catalog
from tests.conftest import DATA

GARMIN = json.loads((DATA / "garmin-exercises.json").read_text())["categories"]
FIT_TYPES = Profile["types"]
EXERCISES = catalog.all_exercises()


def test_article_five_come_first_with_their_keys():
    assert [e.key for e in EXERCISES[:5]] == [
        "side_leg_raise",
        "bird_dog",
        "hip_hike",
        "single_leg_bridge",
        "donkey_kick",
    ]
    assert all(e.source == "article" for e in EXERCISES[:5])


def test_at_least_six_evidence_based_extras():
    extras = {e.key for e in EXERCISES[5:]}
    assert len(extras) >= 6
    assert {"clamshell", "lateral_band_walk", "side_plank", "glute_bridge", "step_down"} <= extras


@pytest.mark.parametrize(
    ("key", "reps", "text"),
    [
        ("side_leg_raise", 20, "forty-five-degree angle"),
        ("bird_dog", 20, "raise your right arm"),
        ("hip_hike", 20, "drop the right side of your pelvis"),
        ("single_leg_bridge", 15, "hold the position for a couple of seconds"),
        ("donkey_kick", 15, "kicking your feet up and backwards"),
    ],
)
def test_article_doses_and_instructions(key, reps, text):
    exercise = catalog.get(key)
    assert exercise.reps == reps
    assert exercise.per_side
    assert text in exercise.instructions


def test_keys_are_unique():
    keys = [e.key for e in EXERCISES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_garmin_mapping_exists_in_garmins_catalog(exercise):
    category = exercise.garmin.category
    assert category in GARMIN, f"{category} is not a Garmin category (400 Invalid category)"
    name = exercise.garmin.exercise_name
    assert name is None or name in GARMIN[category]["exercises"], (
        f"{category}/{name} is not in Garmin's catalog: Garmin would store it blank"
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_fit_numbers_match_the_fit_profile(exercise):
    fit_category = FIT_TYPES["exercise_category"][exercise.fit.category]
    assert fit_category == exercise.garmin.category.lower()
    if exercise.fit.name is not None:
        table = FIT_TYPES[f"{fit_category}_exercise_name"]
        assert table[exercise.fit.name] == (exercise.garmin.exercise_name or "").lower()


def test_unknown_key_names_the_known_ones():
    from hipcoach.errors import UsageError

    with pytest.raises(UsageError, match="side_leg_raise"):
        catalog.get("squat_jump")
