"""Every exercise's ladder: regressions, the catalog's version, pauses, then load.

Rungs are ordered by difficulty, in four parts (DESIGN.md "Programme"):

1. regressions: an isometric hold, a smaller range, more support;
2. the version the level starts from (the article's for its five), then pauses and slower
   lowering, all bodyweight: tempo and pause rungs come before the first loaded rung;
3. load, one kind at a time and lightest first (bands light → medium → heavy; ankle weights
   1 → 2 kg; a step, then a step and a dumbbell); a runner who owns several kinds climbs the
   longest chain whose equipment only grows (:func:`hipcoach.programme.levels.chain`), so a
   progression never takes load away;
4. harder bodyweight variants (``bodyweight_only``) for runners without that load.

Each rung carries its own instructions, cues, load, equipment, dose (reps per side 6–20 at its
tempo, or a hold of 10–60 s), Garmin/FIT mapping (a test checks every pair against Garmin's
catalog and the FIT profile) and the report's drawing of its body position. ``starts`` marks
where a level begins (rung 0 for that level). Knee-loading rungs say how far the knee bends
under load (``knee_flexion``) and whether the runner stands on one leg: up a ladder the knee
never bends less, so a regression never asks more of the kneecap than the rung above it.

Tempo (``tempo_s``, seconds per rep): 3 to lift and lower, 4 with a pause or a slow lowering,
5 with a 3-s hold, 7 with a 3-s hold and a 3-s lowering.

Where Garmin has no exercise for a movement (hip hikes), the generic entry of the right
category is used and the step note on the watch says what to do.
"""

from __future__ import annotations

from typing import Any

from hipcoach.models import FitMapping, GarminMapping, Variant
from hipcoach.programme.vocabulary import Equipment, Level

Mapping = tuple[str, str | None, int, int | None]
#: What the watch calls an exercise mapped to a generic category entry.
SHOWN_AS: dict[Mapping, str] = {}

# Garmin Connect category / exerciseName, FIT exercise_category / <category>_exercise_name.
SIDE_LYING_LEG_RAISE: Mapping = ("HIP_STABILITY", "SIDE_LYING_LEG_RAISE", 11, 21)
WEIGHTED_SIDE_LYING_LEG_RAISE: Mapping = ("HIP_STABILITY", "WEIGHTED_SIDE_LYING_LEG_RAISE", 11, 22)
BAND_SIDE_LYING_LEG_RAISE: Mapping = ("HIP_STABILITY", "BAND_SIDE_LYING_LEG_RAISE", 11, 0)
QUADRUPED_WITH_LEG_LIFT: Mapping = ("HIP_STABILITY", "QUADRUPED_WITH_LEG_LIFT", 11, 19)
WEIGHTED_QUADRUPED_WITH_LEG_LIFT: Mapping = (
    "HIP_STABILITY",
    "WEIGHTED_QUADRUPED_WITH_LEG_LIFT",
    11,
    20,
)
QUADRUPED_HIP_EXTENSION: Mapping = ("HIP_STABILITY", "QUADRUPED_HIP_EXTENSION", 11, 17)
WEIGHTED_QUADRUPED_HIP_EXTENSION: Mapping = (
    "HIP_STABILITY",
    "WEIGHTED_QUADRUPED_HIP_EXTENSION",
    11,
    18,
)
# No hip hike, hip hitch or pelvic drop anywhere in Garmin's catalog or the FIT profile.
HIP_STABILITY_GENERIC: Mapping = ("HIP_STABILITY", "HIP_STABILITY", 11, None)
SHOWN_AS[HIP_STABILITY_GENERIC] = "Hip Stability"
STANDING_HIP_ABDUCTION: Mapping = ("HIP_STABILITY", "STANDING_HIP_ABDUCTION", 11, 28)
WEIGHTED_STANDING_HIP_ABDUCTION: Mapping = (
    "HIP_STABILITY",
    "WEIGHTED_STANDING_HIP_ABDUCTION",
    11,
    29,
)
FIRE_HYDRANT_KICKS: Mapping = ("HIP_STABILITY", "FIRE_HYDRANT_KICKS", 11, 5)
WEIGHTED_FIRE_HYDRANT_KICKS: Mapping = ("HIP_STABILITY", "WEIGHTED_FIRE_HYDRANT_KICKS", 11, 6)
LATERAL_WALKS_AT_ANKLES: Mapping = ("HIP_STABILITY", "LATERAL_WALKS_WITH_BAND_AT_ANKLES", 11, 11)
HIP_RAISE: Mapping = ("HIP_RAISE", "HIP_RAISE", 10, 11)
WEIGHTED_HIP_RAISE: Mapping = ("HIP_RAISE", "WEIGHTED_HIP_RAISE", 10, 12)
MARCHING_HIP_RAISE: Mapping = ("HIP_RAISE", "MARCHING_HIP_RAISE", 10, 24)
SINGLE_LEG_HIP_RAISE: Mapping = ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE", 10, 30)
WEIGHTED_SINGLE_LEG_HIP_RAISE: Mapping = ("HIP_RAISE", "WEIGHTED_SINGLE_LEG_HIP_RAISE", 10, 31)
SINGLE_LEG_HIP_RAISE_FOOT_ON_BENCH: Mapping = (
    "HIP_RAISE",
    "SINGLE_LEG_HIP_RAISE_WITH_FOOT_ON_BENCH",
    10,
    32,
)
WEIGHTED_SINGLE_LEG_HIP_RAISE_FOOT_ON_BENCH: Mapping = (
    "HIP_RAISE",
    "WEIGHTED_SINGLE_LEG_HIP_RAISE_WITH_FOOT_ON_BENCH",
    10,
    33,
)
BANDED_CLAM_SHELLS: Mapping = ("BANDED_EXERCISES", "CLAM_SHELLS", 37, 6)
BANDED_DONKEY_KICK: Mapping = ("BANDED_EXERCISES", "DONKEY_KICK", 37, 10)
BANDED_EXTERNAL_ROTATION: Mapping = ("BANDED_EXERCISES", "EXTERNAL_ROTATION", 37, 11)
BANDED_FIRE_HYDRANT: Mapping = ("BANDED_EXERCISES", "FIRE_HYDRANT", 37, 14)
BANDED_GLUTE_BRIDGE: Mapping = ("BANDED_EXERCISES", "GLUTE_BRIDGE", 37, 17)
BANDED_LATERAL_BAND_WALKS: Mapping = ("BANDED_EXERCISES", "LATERAL_BAND_WALKS", 37, 24)
BANDED_LEG_ABDUCTION: Mapping = ("BANDED_EXERCISES", "LEG_ABDUCTION", 37, 27)
BANDED_SIDE_PLANK_LEG_LIFTS: Mapping = ("BANDED_EXERCISES", "SIDE_PLANK_LEG_LIFTS", 37, 40)
KNEELING_SIDE_PLANK_WITH_LEG_LIFT: Mapping = (
    "PLANK",
    "KNEELING_SIDE_PLANK_WITH_LEG_LIFT",
    19,
    24,
)
SIDE_PLANK: Mapping = ("PLANK", "SIDE_PLANK", 19, 66)
SIDE_PLANK_WITH_FEET_ON_BENCH: Mapping = ("PLANK", "SIDE_PLANK_WITH_FEET_ON_BENCH", 19, 74)
SIDE_PLANK_WITH_LEG_LIFT: Mapping = ("PLANK", "SIDE_PLANK_WITH_LEG_LIFT", 19, 80)
WEIGHTED_SIDE_PLANK_WITH_LEG_LIFT: Mapping = ("PLANK", "WEIGHTED_SIDE_PLANK_WITH_LEG_LIFT", 19, 81)
PLANK_OPPOSITE_ARM_AND_LEG_LIFT: Mapping = (
    "PLANK",
    "WIDE_STANCE_PLANK_WITH_OPPOSITE_ARM_AND_LEG_LIFT",
    19,
    124,
)
PLANK_WITH_LEG_LIFT: Mapping = ("PLANK", "PLANK_WITH_LEG_LIFT", 19, 133)
BODY_WEIGHT_WALL_SQUAT: Mapping = ("SQUAT", "BODY_WEIGHT_WALL_SQUAT", 28, 20)
SQUAT: Mapping = ("SQUAT", "SQUAT", 28, 61)
GOBLET_SQUAT: Mapping = ("SQUAT", "GOBLET_SQUAT", 28, 37)
STEP_UP: Mapping = ("SQUAT", "STEP_UP", 28, 66)
SINGLE_LEG_BENCH_GET_UP: Mapping = ("SQUAT", "SINGLE_LEG_BENCH_GET_UP", 28, 55)
SINGLE_LEG_BENCH_SQUAT: Mapping = ("SQUAT", "SINGLE_LEG_BENCH_SQUAT", 28, 57)
PARTIAL_SINGLE_LEG_SQUAT: Mapping = ("SQUAT", "PARTIAL_SINGLE_LEG_SQUAT", 28, 45)
WEIGHTED_PARTIAL_SINGLE_LEG_SQUAT: Mapping = (
    "SQUAT",
    "WEIGHTED_PARTIAL_SINGLE_LEG_SQUAT",
    28,
    46,
)
STAGGERED_SQUAT: Mapping = ("SQUAT", "STAGGERED_SQUAT", 28, 64)
ELEVATED_SINGLE_LEG_SQUAT: Mapping = ("SQUAT", "ELEVATED_SINGLE_LEG_SQUAT", 28, 33)
WEIGHTED_ELEVATED_SINGLE_LEG_SQUAT: Mapping = (
    "SQUAT",
    "WEIGHTED_ELEVATED_SINGLE_LEG_SQUAT",
    28,
    34,
)

GENTLE: tuple[Level, ...] = ("gentle",)
STANDARD: tuple[Level, ...] = ("standard",)
STRONG: tuple[Level, ...] = ("strong",)
GENTLE_AND_STANDARD: tuple[Level, ...] = ("gentle", "standard")
BAND: tuple[Equipment, ...] = ("band",)
ANKLE: tuple[Equipment, ...] = ("ankle_weight",)
STEP: tuple[Equipment, ...] = ("step",)
DUMBBELL: tuple[Equipment, ...] = ("dumbbell",)
STEP_AND_DUMBBELL: tuple[Equipment, ...] = ("step", "dumbbell")

LIFT = 3  # seconds a rep: lift and lower
PAUSED = 4  # lift, pause, lower slowly
HOLD_3 = 5  # a 3-s hold at the top
SLOW = 7  # a 3-s hold and a 3-s lowering


def rung(
    name: str,
    instructions: str,
    cues: str,
    mapping: Mapping,
    picture: str,
    *,
    reps: int | None = None,
    seconds: int | None = None,
    **fields: Any,
) -> Variant:
    """A ladder rung; ``mapping`` is (Garmin category, exercise name, FIT category, name),
    ``picture`` the report's drawing of its body position."""
    category, exercise_name, fit_category, fit_name = mapping
    return Variant(
        name=name,
        instructions=instructions,
        cues=cues,
        reps=reps,
        seconds=seconds,
        garmin=GarminMapping(
            category=category, exercise_name=exercise_name, shown_as=SHOWN_AS.get(mapping)
        ),
        fit=FitMapping(category=fit_category, name=fit_name),
        picture=picture,
        **fields,
    )


# The article's words where a physiotherapist would let them stand; rewritten, with the
# article credited, where they would mislead (a 45-degree raise the trials kept to 30, a bridge
# leg "stretched outwards" that reads as abduction, a donkey kick that reads as two-footed).
SIDE_LEG_RAISE_ARTICLE = (
    "Start by lying on your side with your legs stacked atop one another. Carefully lift your "
    "top leg up and away from the other, towards the ceiling, to about 30 degrees. Once you "
    "have held the position for a moment, gradually lower the leg back down, and repeat "
    "around twenty times per leg. (The article's side leg raise.)"
)
BIRD_DOG_ARTICLE = (
    "Get on all fours on the ground (using a mat for comfort), then raise your right arm and "
    "extend it out in front of your body, while lifting your left leg and stretching it out "
    "behind your body. Bring both the arm and knee back into the center of your body, then "
    "stretch them out again, for about twenty reps on each side."
)
HIP_HIKE_ARTICLE = (
    "Standing on a single foot, drop the right side of your pelvis down a couple of inches, "
    "while keeping the left side in a natural position. Use the muscles in the left side of "
    "your hip to lift your right side back to the normal pose, and repeat twenty times on "
    "each side."
)
SINGLE_LEG_BRIDGE_ARTICLE = (
    "Lie on your back with your feet flat against the ground and both legs bent. Lift your "
    "right foot off the ground and straighten that leg, keeping it in line with the other "
    "thigh, while raising your back and buttocks, then hold the position for a couple of "
    "seconds before lowering back to the floor. Repeat about fifteen times on each leg. (The "
    "article's single-leg bridge.)"
)
DONKEY_KICK_ARTICLE = (
    "On all fours, hands under your shoulders and knees under your hips, work one leg at a "
    "time, never both feet off the floor. Keeping that knee bent, lift the foot towards the "
    "ceiling with control until the thigh is level with your back, squeeze the buttock at the "
    "top, and lower it with control without letting the knee touch down. Keep your back "
    "flat: don't arch it or roll the hips. Do all the kicks on one leg, then change legs. "
    "(The article's donkey kick, 15 to 20 kicks on each leg.)"
)

# What a physiotherapist adds to the article's words (the runner reads both).
SIDE_LEG_RAISE_NOTE = (
    " Physio's note: keep the top leg slightly behind the line of your body with the toes "
    "pointing forward, and lift only as far as you can without hitching the hip towards your "
    "ribs: about 30 degrees, as in the trials, is plenty."
)
HIP_HIKE_NOTE = (
    " Physio's note: keep the standing knee straight but not locked and the trunk upright; on "
    "the floor, bend the free knee a little so that the foot clears the floor as the hip drops."
)
SINGLE_LEG_BRIDGE_NOTE = (
    " Physio's note: keep the pelvis level (don't let the free side drop) and push through the "
    "heel of the foot on the floor."
)

SIDE_LEG_RAISE: tuple[Variant, ...] = (
    rung(
        "Side-lying leg raise hold",
        "Lie on your side, legs stacked, bottom knee bent for balance. Lift the top leg a "
        "hand's width, slightly behind you with the toes pointing forward, and hold it there "
        "without rolling back.",
        "Side-lying, lift the top leg a hand's width and hold; don't roll back.",
        SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        seconds=20,
    ),
    rung(
        "Side leg raise, small range",
        "Lie on your side, legs stacked. Lift the top leg 15-20 degrees, heel leading and toes "
        "forward, pause, and lower slowly.",
        "Lift the top leg a little, heel leading, pause, lower slowly.",
        SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=12,
        tempo_s=PAUSED,
        starts=GENTLE,
    ),
    rung(
        "Side leg raise",
        SIDE_LEG_RAISE_ARTICLE + SIDE_LEG_RAISE_NOTE,
        "Leg slightly behind, toes forward; lift to about 30°, no hip hitch, pause, lower.",
        SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=20,
        tempo_s=PAUSED,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Side leg raise, 3-s hold at the top",
        "The side leg raise with a 3-second hold at about 30 degrees on every rep; keep the "
        "hips stacked, the leg slightly behind you and the toes pointing forward.",
        "Lift to about 30°, hold 3 s, lower; hips stacked, toes forward.",
        SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Side leg raise, 3-s hold and 3-s lowering",
        "The side leg raise with a 3-second hold at the top and a slow 3-second lowering.",
        "Lift to about 30°, hold 3 s, take 3 s to lower.",
        SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=8,
        tempo_s=SLOW,
    ),
    rung(
        "Side leg raise with a 1 kg ankle weight",
        "Strap a 1 kg weight to the top ankle and do the side leg raise: lift to about 30 "
        "degrees, pause, lower slowly.",
        "1 kg on the top ankle; lift to about 30°, pause, lower slowly.",
        WEIGHTED_SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=12,
        tempo_s=PAUSED,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Side leg raise with a 2 kg ankle weight",
        "Strap a 2 kg weight to the top ankle and do the side leg raise.",
        "2 kg on the top ankle; lift to about 30°, pause, lower slowly.",
        WEIGHTED_SIDE_LYING_LEG_RAISE,
        "side_leg_raise",
        reps=10,
        tempo_s=PAUSED,
        load="ankle weight 2 kg",
        equipment=ANKLE,
    ),
    rung(
        "Side leg raise with a light band",
        "Loop a light band just above the knees and do the side leg raise against it: lift to "
        "about 30 degrees, pause, lower slowly.",
        "Light band above the knees; lift to about 30°, pause, lower slowly.",
        BAND_SIDE_LYING_LEG_RAISE,
        "side_leg_raise.band",
        reps=15,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Side leg raise with a medium band",
        "Loop a medium band just above the knees and do the side leg raise against it.",
        "Medium band above the knees; lift to about 30°, pause, lower slowly.",
        BAND_SIDE_LYING_LEG_RAISE,
        "side_leg_raise.band",
        reps=12,
        tempo_s=PAUSED,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Side leg raise with a heavy band",
        "Loop a heavy band just above the knees and do the side leg raise against it.",
        "Heavy band above the knees; lift, pause, lower slowly.",
        BAND_SIDE_LYING_LEG_RAISE,
        "side_leg_raise.band",
        reps=10,
        tempo_s=PAUSED,
        load="heavy band",
        equipment=BAND,
    ),
    rung(
        "Side leg raise with a heavy band, 3-s hold",
        "Loop a heavy band just above the knees; lift to about 30 degrees, hold 3 seconds, "
        "lower slowly.",
        "Heavy band above the knees; lift, hold 3 s, lower slowly.",
        BAND_SIDE_LYING_LEG_RAISE,
        "side_leg_raise.band",
        reps=10,
        tempo_s=HOLD_3,
        load="heavy band",
        equipment=BAND,
    ),
    rung(
        "Kneeling side-plank leg raise",
        "Prop yourself on one forearm and the bottom knee, hips lifted so the body is a "
        "straight line. Lift the straight top leg to hip height and lower it slowly, keeping "
        "the hips up.",
        "Side plank on the knee, hips up; lift the top leg, lower slowly.",
        KNEELING_SIDE_PLANK_WITH_LEG_LIFT,
        "kneeling_side_plank_leg_raise",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Side-plank leg raise",
        "Side plank on the forearm and the side of the bottom foot, body straight. Lift the "
        "top leg to hip height and lower it slowly without letting the hips sag.",
        "Side plank on elbow and foot; lift the top leg, lower slowly, hips up.",
        SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        reps=8,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Side-plank leg raise, 3-s hold",
        "The side-plank leg raise with a 3-second hold at the top of every rep.",
        "Side plank on elbow and foot; lift the top leg, hold 3 s, lower.",
        SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        reps=8,
        tempo_s=6,
        bodyweight_only=True,
    ),
)

BIRD_DOG: tuple[Variant, ...] = (
    rung(
        "Bird dog hold, leg only",
        "On all fours, hands under the shoulders and knees under the hips. Slide one leg back "
        "until it is straight and lift it to hip height; hold with the back flat and the "
        "pelvis level.",
        "On all fours, one leg straight back at hip height; hold, back flat.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog.leg_only",
        seconds=20,
    ),
    rung(
        "Bird dog, leg only",
        "On all fours, reach one leg straight back to hip height and bring it back, hands "
        "staying on the floor; keep the back flat and the pelvis level.",
        "On all fours, reach one leg back to hip height and return; back flat.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog.leg_only",
        reps=12,
        starts=GENTLE,
    ),
    rung(
        "Bird dog",
        BIRD_DOG_ARTICLE,
        "On all fours, reach opposite arm and leg long, return to centre.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog",
        reps=20,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Bird dog, 3-s hold at full reach",
        "The bird dog with a 3-second hold at full reach on every rep; keep the hips level.",
        "Reach opposite arm and leg long, hold 3 s, return; hips level.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Bird dog with elbow to knee",
        "Reach the opposite arm and leg long, then draw the elbow and knee together under the "
        "body and reach out again, without touching down in between.",
        "Reach long, elbow to knee underneath, reach long again.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog.elbow_to_knee",
        reps=12,
        tempo_s=PAUSED,
    ),
    rung(
        "Bird dog with a 1 kg ankle weight",
        "Strap a 1 kg weight to the ankle of the reaching leg and do the bird dog.",
        "1 kg on the ankle; reach opposite arm and leg long, return.",
        WEIGHTED_QUADRUPED_WITH_LEG_LIFT,
        "bird_dog",
        reps=12,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Bird dog with a 2 kg ankle weight, 3-s hold",
        "Strap a 2 kg weight to the ankle of the reaching leg; hold 3 seconds at full reach.",
        "2 kg on the ankle; reach long, hold 3 s, return.",
        WEIGHTED_QUADRUPED_WITH_LEG_LIFT,
        "bird_dog",
        reps=10,
        tempo_s=HOLD_3,
        load="ankle weight 2 kg",
        equipment=ANKLE,
    ),
    rung(
        "Hovering bird dog",
        "On all fours, tuck the toes and lift both knees 2-3 cm off the floor. Holding that, "
        "reach the opposite arm and leg long and return, without letting the knees touch down.",
        "Knees hovering 2-3 cm; reach opposite arm and leg long, return.",
        QUADRUPED_WITH_LEG_LIFT,
        "bird_dog.hovering",
        reps=8,
        tempo_s=HOLD_3,
        bodyweight_only=True,
    ),
    rung(
        "Bird dog from a plank",
        "In a high plank on the hands and toes, feet wide, lift one arm and the opposite leg, "
        "hold a moment and return without the hips twisting.",
        "High plank, feet wide; lift opposite arm and leg, hips square.",
        PLANK_OPPOSITE_ARM_AND_LEG_LIFT,
        "plank_bird_dog",
        reps=8,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
)

HIP_HIKE: tuple[Variant, ...] = (
    rung(
        "Standing pelvic-level hold",
        "Stand on one leg beside a wall, fingertips on it for balance, the free knee a little "
        "bent. Keep the pelvis level (don't let the free hip drop) and stand tall for the hold.",
        "One leg, fingertips on a wall, pelvis level; hold.",
        HIP_STABILITY_GENERIC,
        "single_leg_stance",
        seconds=20,
    ),
    rung(
        "Hip hike, hand on a wall, small range",
        "Stand on one leg, fingertips on a wall, the free knee a little bent so the foot "
        "clears the floor. Let the free hip drop a little, a couple of centimetres, and lift "
        "it back up with the standing hip; standing knee straight but not locked.",
        "One leg, hand on a wall, free knee bent; drop the free hip a little, lift it back.",
        HIP_STABILITY_GENERIC,
        "hip_hike.wall",
        reps=12,
        starts=GENTLE,
    ),
    rung(
        "Hip hike",
        HIP_HIKE_ARTICLE + HIP_HIKE_NOTE,
        "One foot, free knee bent to clear the floor; drop the free hip, lift it back.",
        HIP_STABILITY_GENERIC,
        "hip_hike",
        reps=20,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Hip hike, 3-s hold at the top",
        "The hip hike with a 3-second hold with the free hip lifted on every rep; free knee "
        "bent so the foot clears the floor.",
        "One foot, free knee bent; drop the free hip, lift it, hold 3 s.",
        HIP_STABILITY_GENERIC,
        "hip_hike",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Hip hike, 3-s hold and 3-s lowering",
        "The hip hike with a 3-second hold at the top and a slow 3-second drop.",
        "One foot, free knee bent; lift the free hip, hold 3 s, take 3 s to drop it.",
        HIP_STABILITY_GENERIC,
        "hip_hike",
        reps=8,
        tempo_s=SLOW,
    ),
    rung(
        "Hip hike on a step",
        "Stand side-on on a step on one foot, the other foot hanging off the edge. Let the "
        "free hip drop below the step and lift it back up with the standing hip; standing knee "
        "straight, trunk upright.",
        "On a step, free foot off the edge; drop the hip, lift it back.",
        HIP_STABILITY_GENERIC,
        "hip_hike.step",
        reps=15,
        equipment=STEP,
    ),
    rung(
        "Hip hike on a step, 3-s hold at the top",
        "The hip hike on a step with a 3-second hold with the free hip lifted on every rep.",
        "On a step; drop the free hip, lift it, hold 3 s.",
        HIP_STABILITY_GENERIC,
        "hip_hike.step",
        reps=12,
        tempo_s=HOLD_3,
        equipment=STEP,
    ),
    rung(
        "Hip hike on a step holding a dumbbell",
        "The hip hike on a step with a dumbbell in the hand on the side of the free leg.",
        "On a step, dumbbell on the free side; drop the hip, lift it back.",
        HIP_STABILITY_GENERIC,
        "hip_hike.step",
        reps=10,
        load="dumbbell 4-8 kg",
        equipment=STEP_AND_DUMBBELL,
    ),
    rung(
        "Hip hike holding a dumbbell",
        "Hold a dumbbell in the hand on the side of the free leg (the hip you lift) and do the "
        "hip hike, free knee bent so the foot clears the floor; stay upright, don't lean.",
        "Dumbbell on the free side; drop the hip, lift it back, stay upright.",
        HIP_STABILITY_GENERIC,
        "hip_hike.dumbbell",
        reps=12,
        load="dumbbell 4-8 kg",
        equipment=DUMBBELL,
    ),
    rung(
        "Hip hike holding a heavier dumbbell",
        "The hip hike with a heavier dumbbell (8-12 kg) in the hand on the side of the free "
        "leg; stay upright, don't lean.",
        "Heavier dumbbell on the free side; drop the hip, lift it back, upright.",
        HIP_STABILITY_GENERIC,
        "hip_hike.dumbbell",
        reps=10,
        load="dumbbell 8-12 kg",
        equipment=DUMBBELL,
    ),
    rung(
        "Hip hike with a knee drive",
        "From the hike, drive the free knee up to hip height and stand tall a moment on the "
        "straight standing leg; lower the knee and let the hip drop again.",
        "Hike the hip, drive the knee to hip height, stand tall, lower.",
        HIP_STABILITY_GENERIC,
        "hip_hike.knee_drive",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Hip hike with a knee drive, 3-s balance",
        "The hip hike with a knee drive, holding the balance 3 seconds with the knee up.",
        "Hike, knee to hip height, balance 3 s, lower.",
        HIP_STABILITY_GENERIC,
        "hip_hike.knee_drive",
        reps=8,
        tempo_s=6,
        bodyweight_only=True,
    ),
)

SINGLE_LEG_BRIDGE: tuple[Variant, ...] = (
    rung(
        "Glute bridge hold, both feet",
        "On your back, knees bent, feet flat and hip-width apart. Squeeze the glutes and lift "
        "the hips until knees, hips and shoulders line up; hold without arching the back.",
        "Both feet down, lift the hips, hold; glutes tight, back neutral.",
        HIP_RAISE,
        "glute_bridge",
        seconds=20,
        per_side=False,
    ),
    rung(
        "Glute bridge, both feet",
        "On your back, knees bent, feet flat. Squeeze the glutes, lift the hips until knees, "
        "hips and shoulders line up, pause, and lower slowly.",
        "Both feet down, lift the hips, pause, lower slowly.",
        HIP_RAISE,
        "glute_bridge",
        reps=15,
        tempo_s=PAUSED,
        per_side=False,
        starts=GENTLE,
    ),
    rung(
        "Marching bridge",
        "Lift into a bridge on both feet; keeping the hips level, lift one foot a few "
        "centimetres, put it down, then the other. Each lift counts for that side.",
        "Bridge up on both feet; lift one foot, then the other, hips level.",
        MARCHING_HIP_RAISE,
        "marching_bridge",
        reps=10,
        tempo_s=PAUSED,
    ),
    rung(
        "Single-leg bridge",
        SINGLE_LEG_BRIDGE_ARTICLE + SINGLE_LEG_BRIDGE_NOTE,
        "On your back, one leg straight, lift hips, hold 2 s, lower; pelvis level.",
        SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=15,
        tempo_s=PAUSED,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Single-leg bridge, 3-s hold",
        "The single-leg bridge with a 3-second hold at the top; hips level.",
        "One leg straight, lift the hips, hold 3 s, lower; hips level.",
        SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Single-leg bridge, 3-s hold and 3-s lowering",
        "The single-leg bridge with a 3-second hold at the top and a slow 3-second lowering.",
        "One leg; lift the hips, hold 3 s, take 3 s to lower.",
        SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=8,
        tempo_s=SLOW,
    ),
    rung(
        "Single-leg bridge with a light band above the knees",
        "Loop a light band above the knees and keep pressing the knees out against it through "
        "the single-leg bridge.",
        "Light band above the knees, knees out; one-leg bridge, pause, lower.",
        SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=12,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Single-leg bridge with a medium band above the knees",
        "The single-leg bridge with a medium band above the knees, pressing the knees out "
        "against it.",
        "Medium band above the knees, knees out; one-leg bridge, pause, lower.",
        SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=10,
        tempo_s=PAUSED,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Single-leg bridge, foot on a step",
        "Lie with the working foot on a step or low box and the other leg straight; lift the "
        "hips, pause, and lower slowly.",
        "Foot on a step, other leg straight; lift the hips, pause, lower.",
        SINGLE_LEG_HIP_RAISE_FOOT_ON_BENCH,
        "single_leg_bridge.step",
        reps=12,
        tempo_s=PAUSED,
        equipment=STEP,
    ),
    rung(
        "Single-leg bridge, foot on a step, with a dumbbell",
        "The single-leg bridge with the foot on a step and a dumbbell held across the hips.",
        "Foot on a step, dumbbell on the hips; lift, pause, lower.",
        WEIGHTED_SINGLE_LEG_HIP_RAISE_FOOT_ON_BENCH,
        "single_leg_bridge.step",
        reps=10,
        tempo_s=PAUSED,
        load="dumbbell 4-8 kg",
        equipment=STEP_AND_DUMBBELL,
    ),
    rung(
        "Single-leg bridge with a dumbbell on the hips",
        "Rest a dumbbell across the hips, held with both hands, and do the single-leg bridge.",
        "Dumbbell on the hips; one-leg bridge, pause, lower slowly.",
        WEIGHTED_SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=12,
        tempo_s=PAUSED,
        load="dumbbell 4-8 kg",
        equipment=DUMBBELL,
    ),
    rung(
        "Single-leg bridge with a heavier dumbbell on the hips",
        "The single-leg bridge with a heavier dumbbell (8-12 kg) across the hips.",
        "Heavier dumbbell on the hips; one-leg bridge, pause, lower slowly.",
        WEIGHTED_SINGLE_LEG_HIP_RAISE,
        "single_leg_bridge",
        reps=10,
        tempo_s=PAUSED,
        load="dumbbell 8-12 kg",
        equipment=DUMBBELL,
    ),
    rung(
        "Single-leg hip thrust, shoulders on a sofa",
        "Sit with your upper back against the edge of a sofa (or a heavy chair pushed against a "
        "wall: never a chair that can slide). With one foot flat and the other leg lifted, "
        "drive the hips up until the body is level from shoulders to knee, pause, and lower.",
        "Upper back on a sofa that can't slide, one foot down; drive up, pause, lower.",
        SINGLE_LEG_HIP_RAISE,
        "hip_thrust",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Single-leg hip thrust, 3-s hold",
        "The single-leg hip thrust with a 3-second hold at the top; the sofa (or chair against "
        "a wall) must not be able to slide.",
        "Upper back on a sofa that can't slide, one foot down; drive up, hold 3 s, lower.",
        SINGLE_LEG_HIP_RAISE,
        "hip_thrust",
        reps=8,
        tempo_s=6,
        bodyweight_only=True,
    ),
)

DONKEY_KICK: tuple[Variant, ...] = (
    rung(
        "Donkey kick hold",
        "On all fours, keep one knee bent at 90 degrees and lift that thigh until it is level "
        "with the back; hold without arching the lower back.",
        "On all fours, one bent knee lifted to back height; hold, back flat.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        seconds=20,
    ),
    rung(
        "Donkey kick, small range",
        "On all fours, one knee bent, lift that foot towards the ceiling until the thigh is "
        "nearly level with the back, and lower without touching down; the other knee stays on "
        "the mat.",
        "On all fours, one knee bent; lift that foot, lower without touching.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=12,
        starts=GENTLE,
    ),
    rung(
        "Donkey kick",
        DONKEY_KICK_ARTICLE,
        "One leg at a time, knee bent: lift the foot with control, squeeze, don't arch.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=15,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Donkey kick, 3-s hold at the top",
        "The donkey kick, one leg at a time, with a 3-second hold and a squeeze at the top of "
        "every kick; back flat.",
        "One leg, knee bent: lift, squeeze 3 s, lower; back flat.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Donkey kick, 3-s hold and 3-s lowering",
        "The donkey kick with a 3-second hold at the top and a slow 3-second lowering.",
        "One leg: lift, hold 3 s, take 3 s to lower; don't arch.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=8,
        tempo_s=SLOW,
    ),
    rung(
        "Donkey kick with a 1 kg ankle weight",
        "Strap a 1 kg weight to the ankle of the working leg and do the donkey kick.",
        "1 kg on the ankle; one leg, knee bent: lift, squeeze, lower.",
        WEIGHTED_QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=12,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Donkey kick with a 2 kg ankle weight",
        "Strap a 2 kg weight to the ankle of the working leg and do the donkey kick.",
        "2 kg on the ankle; one leg, knee bent: lift, squeeze, lower.",
        WEIGHTED_QUADRUPED_HIP_EXTENSION,
        "donkey_kick",
        reps=10,
        load="ankle weight 2 kg",
        equipment=ANKLE,
    ),
    rung(
        "Donkey kick with a light band",
        "Loop a light band around the arch of the working foot and hold its ends under the "
        "hands; lift that foot up against it and lower with control.",
        "Light band under the hands and foot; lift the foot, squeeze, lower.",
        BANDED_DONKEY_KICK,
        "donkey_kick",
        reps=15,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Donkey kick with a medium band",
        "The banded donkey kick with a medium band.",
        "Medium band under the hands and foot; lift the foot, squeeze, lower.",
        BANDED_DONKEY_KICK,
        "donkey_kick",
        reps=12,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Donkey kick with a heavy band, 3-s hold",
        "The banded donkey kick with a heavy band and a 3-second hold at the top.",
        "Heavy band; lift the foot, hold 3 s, lower slowly.",
        BANDED_DONKEY_KICK,
        "donkey_kick",
        reps=10,
        tempo_s=HOLD_3,
        load="heavy band",
        equipment=BAND,
    ),
    rung(
        "Hovering donkey kick",
        "On all fours, tuck the toes and lift both knees 2-3 cm off the floor. Holding that, "
        "lift one bent leg up and back and return it without touching down.",
        "Knees hovering 2-3 cm; lift one bent leg up and back, return.",
        QUADRUPED_HIP_EXTENSION,
        "donkey_kick.hovering",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Plank leg lift",
        "In a forearm plank, squeeze one glute and lift the straight leg a hand's width, "
        "then lower it slowly; hips square, back flat.",
        "Forearm plank; lift one straight leg a hand's width, lower, hips square.",
        PLANK_WITH_LEG_LIFT,
        "plank_leg_lift",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
)

CLAMSHELL: tuple[Variant, ...] = (
    rung(
        "Clamshell hold",
        "Lie on your side, hips bent about 45 degrees, knees bent, heels together. Open the "
        "top knee halfway without rolling back and hold.",
        "Side-lying, heels together, top knee half open; hold.",
        BANDED_CLAM_SHELLS,
        "clamshell",
        seconds=20,
    ),
    rung(
        "Clamshell",
        "Lie on your side with hips bent about 45 degrees, knees bent and heels together. "
        "Keeping the feet touching and the pelvis still, open the top knee as far as you can "
        "without rolling back, pause, and close slowly.",
        "Side-lying, heels together, open the top knee, pause, close slowly; pelvis still.",
        BANDED_CLAM_SHELLS,
        "clamshell",
        reps=15,
        tempo_s=PAUSED,
        starts=GENTLE_AND_STANDARD,
        base=True,
    ),
    rung(
        "Clamshell, 3-s hold",
        "The clamshell with a 3-second hold with the knee open.",
        "Heels together; open the knee, hold 3 s, close slowly.",
        BANDED_CLAM_SHELLS,
        "clamshell",
        reps=12,
        tempo_s=HOLD_3,
        starts=STRONG,
    ),
    rung(
        "Clamshell, 3-s hold and 3-s closing",
        "The clamshell with a 3-second hold with the knee open and a slow 3-second close.",
        "Heels together; open the knee, hold 3 s, take 3 s to close.",
        BANDED_CLAM_SHELLS,
        "clamshell",
        reps=8,
        tempo_s=SLOW,
    ),
    rung(
        "Clamshell with a light band",
        "Loop a light band above the knees and do the clamshell against it.",
        "Light band above the knees; open the top knee, pause, close slowly.",
        BANDED_CLAM_SHELLS,
        "clamshell.band",
        reps=15,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Clamshell with a medium band",
        "Loop a medium band above the knees and do the clamshell against it.",
        "Medium band above the knees; open the top knee, pause, close slowly.",
        BANDED_CLAM_SHELLS,
        "clamshell.band",
        reps=12,
        tempo_s=PAUSED,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Seated hip external rotation with a medium band",
        "Sit tall on a chair, knees bent at 90 degrees. Loop a medium band around the working "
        "ankle and tie the other end to a heavy table leg on the outside of that foot. Keeping "
        "the thigh still, turn the hip out so the foot swings in towards the other leg, pause, "
        "and return slowly (the trials' seated external rotation).",
        "Seated, band at the ankle; thigh still, swing the foot in, pause, return slowly.",
        BANDED_EXTERNAL_ROTATION,
        "seated_hip_rotation",
        reps=12,
        tempo_s=PAUSED,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Clamshell with a heavy band, 3-s hold",
        "Loop a heavy band above the knees; open the top knee, hold 3 seconds, close slowly.",
        "Heavy band above the knees; open, hold 3 s, close slowly.",
        BANDED_CLAM_SHELLS,
        "clamshell.band",
        reps=10,
        tempo_s=HOLD_3,
        load="heavy band",
        equipment=BAND,
    ),
    rung(
        "Standing hip external rotation with a heavy band",
        "Stand on one leg beside a table, fingertips on it, the free knee lifted to hip height. "
        "Loop a heavy band around the free ankle, tied to a table leg on the outside. Keeping "
        "the knee where it is, turn the thigh out so the foot swings in across the standing "
        "leg, pause, and return slowly; standing knee soft, pelvis level.",
        "One leg, free knee up, band at the ankle; turn the thigh out, pause, return.",
        BANDED_EXTERNAL_ROTATION,
        "standing_hip_rotation",
        reps=10,
        tempo_s=PAUSED,
        load="heavy band",
        equipment=BAND,
    ),
    rung(
        "Side-plank clamshell",
        "Prop on the forearm and both bent knees, lift the hips, and open the top knee while "
        "holding the side plank.",
        "Side plank on the knees, hips up; open the top knee, close slowly.",
        BANDED_CLAM_SHELLS,
        "side_plank_clamshell",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
    rung(
        "Side-plank clamshell, 3-s hold",
        "The side-plank clamshell with a 3-second hold with the knee open.",
        "Side plank on the knees, hips up; open the knee, hold 3 s, close.",
        BANDED_CLAM_SHELLS,
        "side_plank_clamshell",
        reps=8,
        tempo_s=6,
        bodyweight_only=True,
    ),
)

KNEE_STRENGTH: tuple[Variant, ...] = (
    rung(
        "Wall sit, high",
        "Stand with your back flat against a wall, feet hip-width apart and a little in front "
        "of you. Slide down only until the knees bend about 30 degrees (a small bend), knees "
        "over the toes, and hold. Stop short of any kneecap pain.",
        "Back on the wall, knees bent a little (about 30°); hold, pain-free.",
        BODY_WEIGHT_WALL_SQUAT,
        "wall_sit.high",
        seconds=30,
        per_side=False,
        knee_flexion=30,
        starts=GENTLE,
    ),
    rung(
        "Wall sit",
        "Stand with your back flat against a wall, feet hip-width apart and a little in front "
        "of you. Slide down until the knees bend about 45 degrees, knees over the toes and "
        "weight through the heels, and hold. Stop short of any kneecap pain: a shallower sit "
        "is fine.",
        "Back on the wall, knees bent about 45°, over the toes; hold, pain-free.",
        BODY_WEIGHT_WALL_SQUAT,
        "wall_sit",
        seconds=45,
        per_side=False,
        knee_flexion=45,
        starts=STANDARD,
        base=True,
    ),
    rung(
        "Box squat to a high seat",
        "Stand in front of a high seat (a bar stool, or a chair with two firm cushions) so the "
        "knees bend only about 60 degrees when you sit. Feet hip-width apart, arms forward, sit "
        "back slowly until you touch the seat, then stand up, knees over the toes.",
        "Sit back to touch a high seat, knees over the toes, stand up.",
        SQUAT,
        "box_squat",
        reps=12,
        tempo_s=PAUSED,
        per_side=False,
        knee_flexion=60,
        starts=STRONG,
    ),
    rung(
        "Box squat to a high seat, 3-s lowering",
        "The box squat to a high seat, taking 3 seconds to sit back to the touch.",
        "3 s down to touch the high seat, knees over the toes, stand up.",
        SQUAT,
        "box_squat",
        reps=10,
        tempo_s=HOLD_3,
        per_side=False,
        knee_flexion=60,
    ),
    rung(
        "Box squat to a high seat, split stance",
        "The box squat to a high seat with one foot half a step ahead of the other, most of "
        "your weight on the front leg and the back foot on its toes for balance: sit back "
        "slowly to touch the seat and stand up through the front heel, knee over the second "
        "toe. All the reps with one foot in front, then the other: the step from two legs "
        "towards one.",
        "One foot half a step ahead, weight on it; sit back to the high seat slowly, stand.",
        STAGGERED_SQUAT,
        "box_squat",
        reps=10,
        tempo_s=PAUSED,
        knee_flexion=60,
    ),
    rung(
        "Step-up onto a low step, hand on a wall",
        "Stand facing a low step of about 10 cm (an aerobics step at its lowest, or a sturdy "
        "block), fingertips on a wall or banister. Put one foot on the step and push through "
        "that heel to stand up on it, knee over the second toe and pelvis level, the other "
        "foot only tapping the step; then let the working leg lower you slowly until the "
        "other foot touches the floor. All the reps on one leg, then the other. The first "
        "single-leg rung: stop short of pain.",
        "Foot on the low step, hand on the wall; push through the heel, lower slowly.",
        STEP_UP,
        "step_up",
        reps=10,
        tempo_s=PAUSED,
        equipment=STEP,
        knee_flexion=45,
        single_leg=True,
    ),
    rung(
        "Step-down halfway from a 20 cm step, hand on a wall",
        "Stand on a 20 cm step (a stair) on one leg, fingertips on a wall or banister, the "
        "other foot off the front edge. Slowly bend the standing knee to lower the free heel "
        "only halfway to the floor (about 10 cm; the knee bends about 45 degrees), knee over "
        "the second toe and pelvis level, and straighten. Stop short of pain.",
        "On the step, hand on the wall; lower the free heel halfway, slowly, knee over toes.",
        ELEVATED_SINGLE_LEG_SQUAT,
        "step_down.halfway",
        reps=10,
        tempo_s=PAUSED,
        equipment=STEP,
        knee_flexion=45,
        single_leg=True,
    ),
    rung(
        "Step-down from a 20 cm step, hand on a wall",
        "Stand on a 20 cm step (a stair) on one leg, fingertips on a wall or banister, the "
        "other foot off the front edge. Slowly bend the standing knee to lower the free heel "
        "towards the floor, knee over the second toe and pelvis level, touch lightly, and "
        "straighten. Stop short of pain.",
        "On the step, hand on the wall; lower the free heel slowly, knee over toes.",
        ELEVATED_SINGLE_LEG_SQUAT,
        "step_down",
        reps=10,
        tempo_s=PAUSED,
        equipment=STEP,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Step-down from a 20 cm step",
        "The step-down without a hand on the wall: lower the free heel slowly towards the "
        "floor, knee over the second toe, pelvis level, and straighten.",
        "On the step, no hands; lower the free heel slowly, knee over toes, pelvis level.",
        ELEVATED_SINGLE_LEG_SQUAT,
        "step_down",
        reps=8,
        tempo_s=PAUSED,
        equipment=STEP,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Step-down from a 20 cm step, 3-s lowering",
        "The step-down from a 20 cm step, taking 3 seconds to lower.",
        "On the step, 3 s down, knee over toes, up.",
        ELEVATED_SINGLE_LEG_SQUAT,
        "step_down",
        reps=8,
        tempo_s=HOLD_3,
        equipment=STEP,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Step-down holding a dumbbell",
        "The step-down from a 20 cm step holding a dumbbell in the hand on the free side.",
        "Dumbbell on the free side; lower the heel slowly, knee over toes.",
        WEIGHTED_ELEVATED_SINGLE_LEG_SQUAT,
        "step_down",
        reps=8,
        tempo_s=PAUSED,
        load="dumbbell 4-8 kg",
        equipment=STEP_AND_DUMBBELL,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Step-down holding a heavier dumbbell",
        "The step-down from a 20 cm step holding a heavier dumbbell (8-12 kg) on the free side.",
        "Heavier dumbbell on the free side; lower the heel slowly, knee over toes.",
        WEIGHTED_ELEVATED_SINGLE_LEG_SQUAT,
        "step_down",
        reps=8,
        tempo_s=PAUSED,
        load="dumbbell 8-12 kg",
        equipment=STEP_AND_DUMBBELL,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Box squat to a high seat holding a dumbbell",
        "The box squat to a high seat (knees about 60 degrees) holding a dumbbell at the chest "
        "with both hands.",
        "Dumbbell at the chest; sit back to touch the high seat, stand up.",
        GOBLET_SQUAT,
        "box_squat",
        reps=12,
        tempo_s=PAUSED,
        per_side=False,
        load="dumbbell 4-8 kg",
        equipment=DUMBBELL,
        knee_flexion=60,
    ),
    rung(
        "Partial single-leg squat holding a dumbbell, hand on a wall",
        "Stand on one leg, fingertips of one hand on a wall and a dumbbell (4-8 kg) in the "
        "other hand, on the side of the free leg. Bend the standing knee to about 60 degrees (a "
        "quarter squat), knee over the second toe and pelvis level, and straighten.",
        "One leg, hand on a wall, dumbbell on the free side; quarter squat, knee over toes.",
        WEIGHTED_PARTIAL_SINGLE_LEG_SQUAT,
        "single_leg_squat",
        reps=8,
        tempo_s=PAUSED,
        load="dumbbell 4-8 kg",
        equipment=DUMBBELL,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Partial single-leg squat holding a heavier dumbbell, hand on a wall",
        "The partial single-leg squat with a heavier dumbbell (8-12 kg) on the side of the "
        "free leg, fingertips on a wall; quarter squat, knee over the second toe.",
        "One leg, hand on a wall, heavier dumbbell; quarter squat, knee over toes.",
        WEIGHTED_PARTIAL_SINGLE_LEG_SQUAT,
        "single_leg_squat",
        reps=8,
        tempo_s=PAUSED,
        load="dumbbell 8-12 kg",
        equipment=DUMBBELL,
        knee_flexion=60,
        single_leg=True,
    ),
    rung(
        "Partial single-leg squat, hand on a wall",
        "Stand on one leg, fingertips on a wall. Bend the standing knee to about 60 degrees (a "
        "quarter squat), knee over the second toe and pelvis level, and straighten.",
        "One leg, hand on a wall; quarter squat, knee over toes, pelvis level.",
        PARTIAL_SINGLE_LEG_SQUAT,
        "single_leg_squat",
        reps=10,
        tempo_s=PAUSED,
        knee_flexion=60,
        single_leg=True,
        bodyweight_only=True,
    ),
    rung(
        "Partial single-leg squat, 3-s lowering",
        "The partial single-leg squat, fingertips on a wall, taking 3 seconds to bend the "
        "standing knee to about 60 degrees; knee over the second toe, pelvis level.",
        "One leg, fingertips on a wall; 3 s down to a quarter squat, knee over toes, up.",
        PARTIAL_SINGLE_LEG_SQUAT,
        "single_leg_squat",
        reps=8,
        tempo_s=HOLD_3,
        knee_flexion=60,
        single_leg=True,
        bodyweight_only=True,
    ),
    rung(
        "Single-leg sit-to-stand from a high seat",
        "Sit on the front of a high seat (a bar stool, or a chair with two firm cushions: the "
        "knees bend about 75 degrees), one foot flat and the other lifted, fingertips on a "
        "table. Stand up on the one leg and sit back down slowly, knee over the second toe. "
        "Stop short of kneecap pain: a higher seat is fine.",
        "High seat, one foot down, fingertips on a table; stand up, sit slowly; pain-free.",
        SINGLE_LEG_BENCH_GET_UP,
        "sit_to_stand.high",
        reps=8,
        tempo_s=PAUSED,
        knee_flexion=75,
        single_leg=True,
        bodyweight_only=True,
    ),
    rung(
        "Single-leg sit-to-stand from a chair",
        "Sit on the front of a chair, one foot flat and the other lifted, fingertips on a "
        "table. Stand up on the one leg and sit back down slowly, knee over the second toe. "
        "The knee bends to 90 degrees here: stop short of kneecap pain, and go back to the "
        "high seat if it hurts.",
        "One foot down, fingertips on a table; stand up, sit slowly; stop short of pain.",
        SINGLE_LEG_BENCH_GET_UP,
        "sit_to_stand",
        reps=8,
        tempo_s=PAUSED,
        knee_flexion=90,
        single_leg=True,
        bodyweight_only=True,
    ),
    rung(
        "Single-leg squat to a chair",
        "Stand on one leg in front of a chair, arms forward; sit back until you touch the seat "
        "without dropping onto it, and stand up on the same leg, knee over the second toe. The "
        "knee bends to 90 degrees: stop short of kneecap pain (a higher seat is fine).",
        "One leg, arms forward; touch the seat, stand up, knee over toes; stop short of pain.",
        SINGLE_LEG_BENCH_SQUAT,
        "chair_squat",
        reps=8,
        tempo_s=PAUSED,
        knee_flexion=90,
        single_leg=True,
        bodyweight_only=True,
    ),
    rung(
        "Single-leg squat to a chair, 3-s lowering",
        "The single-leg squat to a chair, taking 3 seconds to go down; stop short of kneecap "
        "pain (a higher seat is fine).",
        "One leg; 3 s down to touch the seat, stand up; stop short of pain.",
        SINGLE_LEG_BENCH_SQUAT,
        "chair_squat",
        reps=8,
        tempo_s=6,
        knee_flexion=90,
        single_leg=True,
        bodyweight_only=True,
    ),
)

LATERAL_BAND_WALK: tuple[Variant, ...] = (
    rung(
        "Lateral band walk, band above the knees",
        "Loop a light band just above the knees, stand in a quarter squat, and step sideways "
        "keeping tension on the band and the knees over the toes. Count steps one way, then "
        "walk back.",
        "Band above the knees, quarter squat; reps are steps leading with this side.",
        BANDED_LATERAL_BAND_WALKS,
        "lateral_band_walk.knees",
        reps=12,
        load="light band",
        equipment=BAND,
        knee_flexion=30,
    ),
    rung(
        "Lateral band walk",
        "Loop a light band around the ankles, stand with feet hip-width apart in a quarter "
        "squat, and step sideways keeping tension on the band and the knees over the toes. "
        "Count steps in one direction, then walk back.",
        "Band at ankles, quarter squat; reps are steps leading with this side.",
        LATERAL_WALKS_AT_ANKLES,
        "lateral_band_walk",
        reps=12,
        load="light band",
        equipment=BAND,
        starts=STRONG,
        base=True,
        knee_flexion=30,
    ),
    rung(
        "Lateral band walk, medium band",
        "The lateral band walk with a medium band around the ankles.",
        "Medium band at the ankles, quarter squat; steps leading with this side.",
        LATERAL_WALKS_AT_ANKLES,
        "lateral_band_walk",
        reps=12,
        load="medium band",
        equipment=BAND,
        knee_flexion=30,
    ),
    rung(
        "Lateral band walk, heavy band",
        "The lateral band walk with a heavy band around the ankles.",
        "Heavy band at the ankles, quarter squat; steps leading with this side.",
        LATERAL_WALKS_AT_ANKLES,
        "lateral_band_walk",
        reps=10,
        load="heavy band",
        equipment=BAND,
        knee_flexion=30,
    ),
    rung(
        "Lateral band walk, heavy band, half squat",
        "The lateral band walk with a heavy band at the ankles in a deeper, half squat.",
        "Heavy band at the ankles, half squat, chest up; steps leading with this side.",
        LATERAL_WALKS_AT_ANKLES,
        "lateral_band_walk.half_squat",
        reps=10,
        load="heavy band",
        equipment=BAND,
        knee_flexion=60,
    ),
)

SIDE_PLANK_LADDER: tuple[Variant, ...] = (
    rung(
        "Side plank on the knees",
        "Lie on your side propped on the forearm, elbow under the shoulder, knees bent. Lift "
        "the hips so the body is straight from head to knees and hold. Breathe normally.",
        "Elbow under shoulder, knees bent, hips up; breathe.",
        SIDE_PLANK,
        "kneeling_side_plank",
        seconds=20,
    ),
    rung(
        "Side plank",
        "Lie on your side propped on the forearm, elbow under the shoulder. Lift the hips so "
        "the body is a straight line from head to feet and hold. Breathe normally.",
        "Elbow under shoulder, hips up, straight line, breathe.",
        SIDE_PLANK,
        "side_plank",
        seconds=30,
        starts=STRONG,
        base=True,
    ),
    rung(
        "Side plank, top leg lifted",
        "Hold the side plank with the top leg lifted to hip height.",
        "Side plank, top leg lifted to hip height; hold, hips up.",
        SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        seconds=20,
    ),
    rung(
        "Side plank with leg raises",
        "In the side plank, lift the top leg to hip height and lower it slowly, hips up.",
        "Side plank; raise the top leg, lower slowly, hips up.",
        SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        reps=10,
        tempo_s=PAUSED,
    ),
    rung(
        "Side plank with leg raises, 3-s hold",
        "The side plank with leg raises, holding the leg up 3 seconds on every rep.",
        "Side plank; raise the top leg, hold 3 s, lower.",
        SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        reps=8,
        tempo_s=HOLD_3,
    ),
    rung(
        "Side plank with leg raises, band above the knees",
        "The side plank with leg raises, a light band looped above the knees.",
        "Side plank, light band above the knees; raise the top leg, lower slowly.",
        BANDED_SIDE_PLANK_LEG_LIFTS,
        "side_plank_leg_raise",
        reps=10,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Side plank with leg raises and a 1 kg ankle weight",
        "The side plank with leg raises, a 1 kg weight on the top ankle.",
        "Side plank, 1 kg on the top ankle; raise the leg, lower slowly.",
        WEIGHTED_SIDE_PLANK_WITH_LEG_LIFT,
        "side_plank_leg_raise",
        reps=10,
        tempo_s=PAUSED,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Side plank, feet on a step",
        "The side plank with both feet raised on a step; hold.",
        "Feet on a step, elbow under shoulder, hips up; hold.",
        SIDE_PLANK_WITH_FEET_ON_BENCH,
        "side_plank.step",
        seconds=30,
        equipment=STEP,
    ),
)

GLUTE_BRIDGE: tuple[Variant, ...] = (
    rung(
        "Glute bridge hold",
        "On your back, knees bent, feet flat. Lift the hips until knees, hips and shoulders "
        "line up and hold without arching the back.",
        "Feet flat, lift the hips, hold; glutes tight.",
        HIP_RAISE,
        "glute_bridge",
        seconds=20,
        per_side=False,
    ),
    rung(
        "Glute bridge",
        "Lie on your back with knees bent and feet flat, hip-width apart. Squeeze the glutes "
        "and lift the hips until knees, hips and shoulders line up, pause, and lower slowly.",
        "On your back, feet flat, squeeze glutes, lift hips, lower slowly.",
        HIP_RAISE,
        "glute_bridge",
        reps=15,
        tempo_s=PAUSED,
        per_side=False,
        base=True,
    ),
    rung(
        "Glute bridge, 3-s hold",
        "The glute bridge with a 3-second hold at the top.",
        "Lift the hips, hold 3 s, lower slowly.",
        HIP_RAISE,
        "glute_bridge",
        reps=12,
        tempo_s=HOLD_3,
        per_side=False,
    ),
    rung(
        "Marching glute bridge",
        "Bridge up on both feet; keeping the hips level, lift one foot, put it down, then the "
        "other. Each lift counts for that side.",
        "Bridge up; lift one foot, then the other, hips level.",
        MARCHING_HIP_RAISE,
        "marching_bridge",
        reps=10,
        tempo_s=PAUSED,
    ),
    rung(
        "Glute bridge with a band above the knees",
        "Loop a medium band above the knees and press the knees out against it through the "
        "glute bridge.",
        "Medium band above the knees, knees out; lift, pause, lower.",
        BANDED_GLUTE_BRIDGE,
        "glute_bridge",
        reps=12,
        tempo_s=PAUSED,
        per_side=False,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Glute bridge with a dumbbell on the hips",
        "Rest a dumbbell across the hips, held with both hands, and do the glute bridge.",
        "Dumbbell on the hips; lift, pause, lower slowly.",
        WEIGHTED_HIP_RAISE,
        "glute_bridge",
        reps=12,
        tempo_s=PAUSED,
        per_side=False,
        load="dumbbell 4-8 kg",
        equipment=DUMBBELL,
    ),
    rung(
        "Glute bridge, feet on a step, 3-s hold",
        "The glute bridge with both feet on a step and a 3-second hold at the top.",
        "Feet on a step; lift the hips, hold 3 s, lower.",
        HIP_RAISE,
        "glute_bridge.step",
        reps=10,
        tempo_s=HOLD_3,
        per_side=False,
        equipment=STEP,
    ),
)

STANDING_HIP_ABDUCTION_LADDER: tuple[Variant, ...] = (
    rung(
        "Isometric wall press",
        "Stand side-on to a wall, a hand's width from it. Lift the knee nearest the wall to "
        "hip height and press the outside of that knee into the wall, standing tall on the "
        "other leg with the pelvis level; hold without moving.",
        "Side-on to a wall, near knee up; press it into the wall and hold.",
        STANDING_HIP_ABDUCTION,
        "wall_press",
        seconds=20,
    ),
    rung(
        "Standing hip abduction, small range",
        "Stand tall holding a chair. Lift one leg 15-20 degrees out to the side, toes forward, "
        "and lower with control.",
        "Hold a chair; lift the leg a little to the side, lower with control.",
        STANDING_HIP_ABDUCTION,
        "standing_hip_abduction",
        reps=12,
    ),
    rung(
        "Standing hip abduction",
        "Stand tall holding a wall or chair. Keeping the toes pointing forward and the trunk "
        "upright, lift one leg out to the side, pause, and lower with control.",
        "Stand tall, toes forward, lift the leg out to the side, pause, lower slowly.",
        STANDING_HIP_ABDUCTION,
        "standing_hip_abduction",
        reps=15,
        tempo_s=PAUSED,
        base=True,
    ),
    rung(
        "Standing hip abduction, 3-s hold",
        "The standing hip abduction with a 3-second hold at the top.",
        "Lift the leg to the side, hold 3 s, lower; trunk upright.",
        STANDING_HIP_ABDUCTION,
        "standing_hip_abduction",
        reps=12,
        tempo_s=HOLD_3,
    ),
    rung(
        "Standing hip abduction with a light band",
        "Loop a light band around the ankles and do the standing hip abduction against it.",
        "Light band at the ankles; lift the leg to the side, pause, lower slowly.",
        BANDED_LEG_ABDUCTION,
        "standing_hip_abduction.band",
        reps=12,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Standing hip abduction with a medium band",
        "Loop a medium band around the ankles and do the standing hip abduction against it.",
        "Medium band at the ankles; lift the leg to the side, pause, lower slowly.",
        BANDED_LEG_ABDUCTION,
        "standing_hip_abduction.band",
        reps=12,
        tempo_s=PAUSED,
        load="medium band",
        equipment=BAND,
    ),
    rung(
        "Standing hip abduction with a 1 kg ankle weight",
        "Strap a 1 kg weight to the working ankle and do the standing hip abduction.",
        "1 kg on the ankle; lift the leg to the side, pause, lower slowly.",
        WEIGHTED_STANDING_HIP_ABDUCTION,
        "standing_hip_abduction",
        reps=12,
        tempo_s=PAUSED,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Standing hip abduction without support, 3-s hold",
        "Without holding on, lift one leg to the side, hold 3 seconds and lower, balancing on "
        "the standing leg.",
        "No hands; lift the leg to the side, hold 3 s, lower.",
        STANDING_HIP_ABDUCTION,
        "standing_hip_abduction.unsupported",
        reps=10,
        tempo_s=HOLD_3,
        bodyweight_only=True,
    ),
)

FIRE_HYDRANT: tuple[Variant, ...] = (
    rung(
        "Fire hydrant hold",
        "On all fours, lift one bent knee out to the side until the thigh is level with the "
        "hip and hold, back flat.",
        "On all fours, bent knee out to the side; hold, back flat.",
        FIRE_HYDRANT_KICKS,
        "fire_hydrant",
        seconds=20,
    ),
    rung(
        "Fire hydrant",
        "On all fours with the back flat, keep the knee bent and lift one leg out to the side "
        "until the thigh is level with the hip, pause, and lower without shifting your weight.",
        "On all fours, lift the bent knee out to the side, pause, lower; back flat.",
        FIRE_HYDRANT_KICKS,
        "fire_hydrant",
        reps=15,
        tempo_s=PAUSED,
        base=True,
    ),
    rung(
        "Fire hydrant, 3-s hold",
        "The fire hydrant with a 3-second hold at the top.",
        "Knee out to the side, hold 3 s, lower; back flat.",
        FIRE_HYDRANT_KICKS,
        "fire_hydrant",
        reps=12,
        tempo_s=HOLD_3,
    ),
    rung(
        "Fire hydrant with a light band",
        "Loop a light band above the knees and do the fire hydrant against it.",
        "Light band above the knees; knee out to the side, pause, lower slowly.",
        BANDED_FIRE_HYDRANT,
        "fire_hydrant",
        reps=12,
        tempo_s=PAUSED,
        load="light band",
        equipment=BAND,
    ),
    rung(
        "Fire hydrant with a 1 kg ankle weight",
        "Strap a 1 kg weight to the working ankle and do the fire hydrant.",
        "1 kg on the ankle; knee out to the side, pause, lower slowly.",
        WEIGHTED_FIRE_HYDRANT_KICKS,
        "fire_hydrant",
        reps=12,
        tempo_s=PAUSED,
        load="ankle weight 1 kg",
        equipment=ANKLE,
    ),
    rung(
        "Hovering fire hydrant",
        "On all fours, tuck the toes and lift both knees 2-3 cm off the floor; holding that, "
        "lift one knee out to the side and return.",
        "Knees hovering 2-3 cm; knee out to the side, return.",
        FIRE_HYDRANT_KICKS,
        "fire_hydrant.hovering",
        reps=10,
        tempo_s=PAUSED,
        bodyweight_only=True,
    ),
)
