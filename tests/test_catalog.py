import itertools
import json
import re

import pytest
from garmin_fit_sdk.profile import Profile

from hipcoach.models import MAX_REPS, MIN_REPS, Exercise, Variant
from hipcoach.programme import catalog
from hipcoach.programme.levels import ProgrammeSettings, chain, level_slots
from hipcoach.programme.vocabulary import EQUIPMENT, FOCI, LEVELS, LOADS, WEEKLY_FOCI
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
    assert {"clamshell", "knee_strength", "lateral_band_walk", "side_plank", "glute_bridge"} <= (
        extras
    )


@pytest.mark.parametrize(
    ("key", "reps", "text"),
    [
        ("side_leg_raise", 20, "towards the ceiling, to about 30 degrees"),
        ("bird_dog", 20, "raise your right arm"),
        ("hip_hike", 20, "drop the right side of your pelvis"),
        ("single_leg_bridge", 15, "hold the position for a couple of seconds"),
        ("donkey_kick", 15, "The article's donkey kick"),
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


EQUIPMENT_SETS = [
    frozenset(c) for n in range(len(EQUIPMENT) + 1) for c in itertools.combinations(EQUIPMENT, n)
]


@pytest.mark.parametrize("item", RUNGS, ids=rung_id)
def test_a_rungs_tempo_matches_its_words(item):
    _, _, v = item
    words = f"{v.name} {v.cues}".lower()
    if v.reps is None:
        return
    if re.search(r"3-s hold|hold 3 s", words) and re.search(r"3-s lowering|3 s to lower", words):
        assert v.tempo_s >= 7, v.name
    elif re.search(
        r"3-s hold|hold 3 s|3-s lowering|3 s down|3 s to|3-s balance|balance 3 s", words
    ):
        assert v.tempo_s >= 5, v.name
    elif re.search(r"pause|slowly|hold 2 s", words):
        assert v.tempo_s >= 4, v.name
    else:
        assert v.tempo_s >= 3, v.name


def test_every_exercise_says_what_it_trains_and_the_levels_train_hip_and_knee():
    for exercise in EXERCISES:
        assert exercise.focus and set(exercise.focus) <= set(FOCI), exercise.key
    for level in LEVELS:
        slots = level_slots(ProgrammeSettings(level=level))
        assert set(WEEKLY_FOCI) <= {f for s in slots for f in s.focus}, level
        knee = next(s for s in slots if s.key == "knee_strength")
        rotation = next(s for s in slots if s.key == "clamshell")
        assert knee.from_week == rotation.from_week == 3


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_a_ladder_runs_bodyweight_then_load_then_bodyweight_only_variants(exercise):
    parts = [
        0 if not v.equipment and not v.bodyweight_only else 1 if v.equipment else 2
        for v in exercise.ladder
    ]
    assert parts == sorted(parts), exercise.key
    assert all(not v.equipment for v in exercise.ladder if v.bodyweight_only)
    for level in LEVELS:
        for v in exercise.ladder:
            if level in v.starts:
                assert not v.bodyweight_only


@pytest.mark.parametrize("equipment", EQUIPMENT_SETS, ids=lambda e: "+".join(sorted(e)) or "none")
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_load_never_goes_backwards_up_a_runners_ladder(exercise, equipment):
    ladder = [exercise.ladder[i] for i in chain(exercise.ladder, equipment)]
    assert all(v.available_with(equipment) for v in ladder)
    loaded = False
    for below, above in itertools.pairwise(ladder):
        loaded = loaded or bool(below.equipment)
        if loaded:
            # once loaded, every rung above is loaded, with the same kit or more ...
            assert above.equipment and set(above.equipment) >= set(below.equipment), above.name
            if set(above.equipment) == set(below.equipment):
                # ... and within one kit the load never drops
                assert LOADS.index(above.load) >= LOADS.index(below.load), above.name
    owns_load = any(set(v.equipment) <= equipment and v.equipment for v in exercise.ladder)
    assert owns_load or all(not v.equipment for v in ladder)
    if owns_load:  # the harder bodyweight variants are for runners without the load
        assert not any(v.bodyweight_only for v in ladder), exercise.key


@pytest.mark.parametrize("equipment", EQUIPMENT_SETS, ids=lambda e: "+".join(sorted(e)) or "none")
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.key)
def test_a_regression_never_bends_the_knee_further_under_load(exercise, equipment):
    ladder = [exercise.ladder[i] for i in chain(exercise.ladder, equipment)]
    knee = [v for v in ladder if v.knee_flexion is not None]
    if "knee" in exercise.focus:
        assert knee == ladder, "every knee rung says how far the knee bends"
    for below, above in itertools.pairwise(knee):
        # evidence.md §9: a regression has more support and less depth, never more knee
        # flexion under single-leg load. Up the ladder support only goes (two legs, then
        # one, never back), and on the same support the knee never bends less.
        assert below.single_leg <= above.single_leg, above.name
        if below.single_leg == above.single_leg:
            assert (below.knee_flexion or 0) <= (above.knee_flexion or 0), above.name


def test_the_knee_ladder_runs_from_a_shallow_wall_sit_to_loaded_step_downs():
    knee = catalog.get("knee_strength")
    names = [v.name for v in knee.ladder]
    assert names[0] == "Wall sit, high" and knee.ladder[0].seconds == 30
    assert knee.ladder[0].knee_flexion == 30 and not knee.ladder[0].single_leg
    everything = frozenset(EQUIPMENT)
    top = [knee.ladder[i].name for i in chain(knee.ladder, everything)]
    assert top[:4] == [
        "Wall sit, high",
        "Wall sit",
        "Box squat to a high seat",
        "Box squat to a high seat, 3-s lowering",
    ]
    assert top[4:8] == [
        "Box squat to a high seat, split stance",
        # evidence.md §9: step-up, then step-down from low (halfway: 10 cm), then 20 cm; a
        # physiotherapist would not sign a step-down as the regression of a step-up
        "Step-up onto a low step, hand on a wall",
        "Step-down halfway from a 20 cm step, hand on a wall",
        "Step-down from a 20 cm step, hand on a wall",
    ]
    assert top[-1] == "Step-down holding a heavier dumbbell"
    assert {"wall_sit", "box_squat", "step_up", "step_down"} <= {v.picture for v in knee.ladder}


@pytest.mark.parametrize(
    ("equipment", "single_leg_top"),
    [
        (frozenset(), "Single-leg squat to a chair, 3-s lowering"),
        (
            frozenset({"dumbbell"}),
            "Partial single-leg squat holding a heavier dumbbell, hand on a wall",
        ),
        (
            frozenset({"band", "dumbbell"}),
            "Partial single-leg squat holding a heavier dumbbell, hand on a wall",
        ),
        (frozenset({"step"}), "Step-down from a 20 cm step, 3-s lowering"),
    ],
)
def test_every_runner_reaches_single_leg_knee_work_through_a_split_stance(
    equipment, single_leg_top
):
    """Runners with a dumbbell but no step reach single-leg knee work (a partial single-leg
    squat holding the dumbbell); between the box squats and the first single-leg rung every
    runner takes a split-stance box squat (most weight on the front leg)."""
    knee = catalog.get("knee_strength")
    ladder = [knee.ladder[i] for i in chain(knee.ladder, equipment)]
    assert ladder[-1].name == single_leg_top and ladder[-1].single_leg
    first_single = next(i for i, v in enumerate(ladder) if v.single_leg)
    assert ladder[first_single - 1].name in (
        "Box squat to a high seat, split stance",
        "Box squat to a high seat holding a dumbbell",
    )
    assert "Box squat to a high seat, split stance" in [v.name for v in ladder[:first_single]]


def test_the_rotation_ladder_holds_the_trials_seated_and_standing_rotation():
    rotation = catalog.get("clamshell")
    band = [rotation.ladder[i] for i in chain(rotation.ladder, frozenset({"band"}))]
    assert [v.picture for v in band][-3:] == [
        "seated_hip_rotation",
        "clamshell.band",
        "standing_hip_rotation",
    ]
    assert rotation.focus[0] == "hip_external_rotation"


def test_the_physios_cues_are_in_the_article_exercises():
    side = catalog.get("side_leg_raise").base_variant
    assert "slightly behind" in side.instructions and "about 30 degrees" in side.instructions
    assert "toes forward" in side.cues and "no hip hitch" in side.cues
    assert "forty-five" not in side.instructions and "45" not in side.instructions
    kick = catalog.get("donkey_kick").base_variant
    assert "one leg at a time, never both feet off the floor" in kick.instructions
    assert "don't arch" in kick.cues and "squeeze" in kick.cues
    # The standard rung's own words describe one leg, not the article's two-footed kick.
    for words in ("knee bent", "towards the ceiling", "squeeze", "don't arch"):
        assert words in kick.instructions, words
    assert "kicking your feet" not in kick.instructions and "Physio's note" not in (
        kick.instructions
    )
    bridge = catalog.get("single_leg_bridge").base_variant
    assert "stretch it outwards" not in bridge.instructions
    assert "in line with the other thigh" in bridge.instructions
    # Deep single-leg rungs (75-90 degrees) say to stop short of pain, in words and on the watch.
    knee = catalog.get("knee_strength")
    for v in knee.ladder:
        if v.single_leg and (v.knee_flexion or 0) >= 75:
            assert "stop short of" in v.instructions.lower() and "pain" in v.cues, v.name
    hike = catalog.get("hip_hike").base_variant
    assert "bend the free knee" in hike.instructions and "clear" in hike.cues
    thrusts = [v for v in catalog.get("single_leg_bridge").ladder if "thrust" in v.name]
    assert thrusts and all("can't slide" in v.cues for v in thrusts)
