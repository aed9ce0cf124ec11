"""The exercise catalog: the article's five exercises, then evidence-based extras.

Garmin mappings come from Garmin Connect's public catalog (``Exercises.json``) and the FIT
profile's ``<category>_exercise_name`` tables; a test checks every pair against the catalog.
Where Garmin has no exact exercise, the closest one in the right category is used and the
step description carries the real name and cues.
"""

from __future__ import annotations

from collections.abc import Iterable

from hipcoach.errors import UsageError
from hipcoach.models import Exercise, FitMapping, GarminMapping

ARTICLE_KEYS: tuple[str, ...] = (
    "side_leg_raise",
    "bird_dog",
    "hip_hike",
    "single_leg_bridge",
    "donkey_kick",
)

_EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="side_leg_raise",
        name="Side leg raise",
        instructions=(
            "Start by lying on your side with your legs stacked atop one another. Carefully lift "
            "your top leg up and away from the other, towards the ceiling until you create a "
            "forty-five-degree angle. Once you have held the position for a moment, gradually "
            "lower the leg back down, and repeat around twenty times per leg."
        ),
        cues="Lie on your side, lift top leg to 45°, pause, lower slowly.",
        per_side=True,
        reps=20,
        equipment="mat",
        source="article",
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="SIDE_LYING_LEG_RAISE"),
        fit=FitMapping(category=11, name=21),
    ),
    Exercise(
        key="bird_dog",
        name="Bird dog",
        instructions=(
            "Get on all fours on the ground (using a mat for comfort), then raise your right arm "
            "and extend it out in front of your body, while lifting your left leg and stretching "
            "it out behind your body. Bring both the arm and knee back into the center of your "
            "body, then stretch them out again, for about twenty reps on each side."
        ),
        cues="On all fours, reach opposite arm and leg long, return to centre.",
        per_side=True,
        reps=20,
        equipment="mat",
        source="article",
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="QUADRUPED_WITH_LEG_LIFT"),
        fit=FitMapping(category=11, name=19),
    ),
    Exercise(
        key="hip_hike",
        name="Hip hike",
        instructions=(
            "Standing on a single foot, drop the right side of your pelvis down a couple of "
            "inches, while keeping the left side in a natural position. Use the muscles in the "
            "left side of your hip to lift your right side back to the normal pose, and repeat "
            "twenty times on each side."
        ),
        cues="Stand on one foot, let the free hip drop, lift it back with the standing hip.",
        per_side=True,
        reps=20,
        equipment="step (optional)",
        weight_bearing=True,
        source="article",
        # Garmin has no hip hike / pelvic drop; the generic entry keeps the category right.
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="HIP_STABILITY"),
        fit=FitMapping(category=11, name=None),
    ),
    Exercise(
        key="single_leg_bridge",
        name="Single-leg bridge",
        instructions=(
            "Lie on your back with your feet flat against the ground and both legs bent. Lift "
            "your right leg away from the ground and stretch it outwards while raising your back "
            "and buttocks, then hold the position for a couple of seconds before lowering back "
            "to the floor. Repeat about fifteen times on each leg."
        ),
        cues="On your back, one leg straight, lift hips, hold 2 s, lower.",
        per_side=True,
        reps=15,
        equipment="mat",
        weight_bearing=True,
        source="article",
        garmin=GarminMapping(category="HIP_RAISE", exercise_name="SINGLE_LEG_HIP_RAISE"),
        fit=FitMapping(category=10, name=30),
    ),
    Exercise(
        key="donkey_kick",
        name="Donkey kick",
        instructions=(
            "On all fours again, lift and extend only your legs, keeping your hands on the "
            "ground and kicking your feet up and backwards as best you can without losing your "
            "balance. Try to make sure you don't accidentally land on your knees. Aim for 15 to "
            "20 kicks on each leg."
        ),
        cues="On all fours, kick one foot up and back, don't drop onto the knee.",
        per_side=True,
        reps=15,
        equipment="mat",
        source="article",
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="QUADRUPED_HIP_EXTENSION"),
        fit=FitMapping(category=11, name=17),
    ),
    Exercise(
        key="clamshell",
        name="Clamshell",
        instructions=(
            "Lie on your side with hips and knees bent and heels together. Keeping the feet "
            "touching and the pelvis still, open the top knee as far as you can without rolling "
            "back, pause, and close slowly. Add a loop band above the knees when 3 × 15 is easy."
        ),
        cues="Side-lying, heels together, open the top knee, keep the pelvis still.",
        per_side=True,
        reps=15,
        equipment="mat, loop band (optional)",
        garmin=GarminMapping(category="BANDED_EXERCISES", exercise_name="CLAM_SHELLS"),
        fit=FitMapping(category=37, name=6),
    ),
    Exercise(
        key="lateral_band_walk",
        name="Lateral band walk",
        instructions=(
            "Loop a band around the ankles, stand with feet hip-width apart in a quarter squat, "
            "and step sideways keeping tension on the band and the knees over the toes. Count "
            "steps in one direction, then walk back."
        ),
        cues="Band at ankles, quarter squat, step sideways, keep tension.",
        per_side=True,
        reps=15,
        equipment="loop band",
        weight_bearing=True,
        garmin=GarminMapping(
            category="HIP_STABILITY", exercise_name="LATERAL_WALKS_WITH_BAND_AT_ANKLES"
        ),
        fit=FitMapping(category=11, name=11),
    ),
    Exercise(
        key="side_plank",
        name="Side plank",
        instructions=(
            "Lie on your side propped on the forearm, elbow under the shoulder. Lift the hips so "
            "the body is a straight line from head to feet (knees bent to make it easier) and "
            "hold. Breathe normally."
        ),
        cues="Elbow under shoulder, hips up, straight line, breathe.",
        per_side=True,
        seconds=30,
        equipment="mat",
        garmin=GarminMapping(category="PLANK", exercise_name="SIDE_PLANK"),
        fit=FitMapping(category=19, name=66),
    ),
    Exercise(
        key="glute_bridge",
        name="Glute bridge",
        instructions=(
            "Lie on your back with knees bent and feet flat, hip-width apart. Squeeze the glutes "
            "and lift the hips until knees, hips and shoulders line up, pause, and lower slowly."
        ),
        cues="On your back, feet flat, squeeze glutes, lift hips, lower slowly.",
        per_side=False,
        reps=15,
        equipment="mat",
        garmin=GarminMapping(category="HIP_RAISE", exercise_name="HIP_RAISE"),
        fit=FitMapping(category=10, name=11),
    ),
    Exercise(
        key="step_down",
        name="Step-down",
        instructions=(
            "Stand on a low step (10–20 cm) on one leg. Slowly bend the standing knee to lower "
            "the other heel towards the floor, keeping the knee over the second toe and the "
            "pelvis level, then straighten. Stop short of pain."
        ),
        cues="On a low step, lower the free heel slowly, knee over toes, pelvis level.",
        per_side=True,
        reps=10,
        equipment="low step",
        weight_bearing=True,
        garmin=GarminMapping(category="SQUAT", exercise_name="ELEVATED_SINGLE_LEG_SQUAT"),
        fit=FitMapping(category=28, name=33),
    ),
    Exercise(
        key="standing_hip_abduction",
        name="Standing hip abduction",
        instructions=(
            "Stand tall holding a wall or chair. Keeping the toes pointing forward and the trunk "
            "upright, lift one leg out to the side, pause, and lower with control."
        ),
        cues="Stand tall, toes forward, lift the leg out to the side, lower slowly.",
        per_side=True,
        reps=15,
        equipment="chair or wall",
        weight_bearing=True,
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="STANDING_HIP_ABDUCTION"),
        fit=FitMapping(category=11, name=28),
    ),
    Exercise(
        key="fire_hydrant",
        name="Fire hydrant",
        instructions=(
            "On all fours with the back flat, keep the knee bent and lift one leg out to the side "
            "until the thigh is level with the hip, pause, and lower without shifting your weight."
        ),
        cues="On all fours, lift the bent knee out to the side, keep the back flat.",
        per_side=True,
        reps=15,
        equipment="mat",
        garmin=GarminMapping(category="HIP_STABILITY", exercise_name="FIRE_HYDRANT_KICKS"),
        fit=FitMapping(category=11, name=5),
    ),
)

_BY_KEY: dict[str, Exercise] = {e.key: e for e in _EXERCISES}


def all_exercises() -> tuple[Exercise, ...]:
    """Every exercise, the article's five first."""
    return _EXERCISES


def get(key: str) -> Exercise:
    """The exercise with this key; a UsageError names the known keys otherwise."""
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise UsageError(f"unknown exercise {key!r}; known exercises: {known}") from None


def select(keys: Iterable[str]) -> tuple[Exercise, ...]:
    """The exercises for these keys, in the order given."""
    return tuple(get(k) for k in keys)
