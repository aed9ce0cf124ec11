import json

import pytest
from garmin_fit_sdk.profile import Profile

from hipcoach.models import MAX_REPS, MIN_REPS, Exercise, Variant
from hipcoach.programme import catalog
from hipcoach.programme.vocabulary import EQUIPMENT, LEVELS
from tests.conftest import DATA

GARMIN = json.loads((DATA / "garmin-exercises.json").read_text())["categories"]
FIT_TYPES = Profile["types"]
EXERCISES = catalog.all_exercises()
RUNGS = [(e, i, v) for e in EXERCISES for i, v in enumerate(e.ladder)]
LOADING = {"band", "ankle_weight", "dumbbell"}


def rung_id(item: tuple[Exercise, int, Variant]) -> str:
    exercise, index, _ = item
    return f"{exercise.key}-{index}"


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
def test_article_doses_and_instructions_are_the_standard_start(key, reps, text):
    exercise = catalog.get(key)
    start = next(v for v in exercise.ladder if "standard" in v.starts)
    assert start.base and start.name == exercise.name
    assert exercise.reps == start.reps == reps
    assert exercise.per_side and start.equipment == () and start.load == "bodyweight"
    assert text in exercise.instructions == start.instructions


def test_keys_are_unique():
    keys = [e.key for e in EXERCISES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("item", RUNGS, ids=rung_id)
def test_every_rung_maps_to_garmins_catalog(item):
    _, _, variant = item
    category = variant.garmin.category
    assert category in GARMIN, f"{category} is not a Garmin category (400 Invalid category)"
    name = variant.garmin.exercise_name
    assert name is None or name in GARMIN[category]["exercises"], (
        f"{category}/{name} is not in Garmin's catalog: Garmin would store it blank"
    )


@pytest.mark.parametrize("item", RUNGS, ids=rung_id)
def test_every_rung_matches_the_fit_profile(item):
    _, _, variant = item
    fit_category = FIT_TYPES["exercise_category"][variant.fit.category]
    assert fit_category == variant.garmin.category.lower()
    if variant.fit.name is not None:
        table = FIT_TYPES[f"{fit_category}_exercise_name"]
        assert table[variant.fit.name] == (variant.garmin.exercise_name or "").lower()
    else:
        # No FIT exercise of that name: only the generic entry, and the watch note says so.
        assert variant.garmin.shown_as, variant.name


@pytest.mark.parametrize("item", RUNGS, ids=rung_id)
def test_every_rung_has_its_own_words_dose_and_honest_load(item):
    exercise, index, variant = item
    assert variant.name and variant.instructions and variant.cues
    assert set(variant.equipment) <= set(EQUIPMENT)
    # The load names what adds resistance; a step alone is bodyweight.
    assert (variant.load == "bodyweight") == (not set(variant.equipment) & LOADING)
    if variant.reps is not None:
        # 6-20 per side, and room for a light session to take a third off a single set.
        assert MIN_REPS + 2 <= variant.reps <= MAX_REPS
    else:
        assert 15 <= (variant.seconds or 0) <= 60
    names = [v.name for v in exercise.ladder]
    assert names.count(variant.name) == 1, f"{exercise.key}: rung {index} repeats a name"


def test_hip_hikes_are_mapped_to_the_generic_entry_and_say_so():
    for variant in catalog.get("hip_hike").ladder:
        assert (variant.garmin.category, variant.garmin.exercise_name) == (
            "HIP_STABILITY",
            "HIP_STABILITY",
        )
        assert variant.garmin.shown_as == "Hip Stability"
        assert variant.fit.category == 11 and variant.fit.name is None


@pytest.mark.parametrize("key", catalog.ARTICLE_KEYS)
@pytest.mark.parametrize("level", LEVELS)
def test_each_level_starts_the_article_five_on_bodyweight_with_room_both_ways(level, key):
    ladder = catalog.get(key).ladder
    starts = [i for i, v in enumerate(ladder) if level in v.starts]
    assert len(starts) == 1
    start = ladder[starts[0]]
    assert start.equipment == ()
    # A regression below the start (pain steps down below rung 0 too) ...
    assert any(v.equipment == () for v in ladder[: starts[0]])
    # ... and, with no equipment at all, at least three harder rungs for the block.
    assert sum(v.equipment == () for v in ladder[starts[0] + 1 :]) >= 3


def test_level_starts_climb_with_the_level():
    for key in catalog.ARTICLE_KEYS:
        ladder = catalog.get(key).ladder
        index = {
            level: next(i for i, v in enumerate(ladder) if level in v.starts) for level in LEVELS
        }
        assert index["gentle"] < index["standard"] < index["strong"], key


def test_every_exercise_has_a_ladder_with_a_base_and_a_regression():
    for exercise in EXERCISES:
        assert len(exercise.ladder) >= 5, exercise.key
        base = [i for i, v in enumerate(exercise.ladder) if v.base]
        assert len(base) == 1 and base[0] >= 1, exercise.key


def test_unknown_key_names_the_known_ones():
    from hipcoach.errors import UsageError

    with pytest.raises(UsageError, match="side_leg_raise"):
        catalog.get("squat_jump")
