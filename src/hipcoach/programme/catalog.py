"""The exercise catalog: the article's five exercises, then evidence-based extras.

Each exercise carries a ladder of variants (``hipcoach.programme.ladders``) and what it trains
(``focus``: hip abduction, hip external rotation, hip extension, knee, trunk). Garmin mappings
come from Garmin Connect's public catalog (``Exercises.json``) and the FIT profile's
``<category>_exercise_name`` tables; a test checks every pair against both. Where Garmin has
no exact exercise, the closest one in the right category is used and the step description
carries the real name and cues.

The knee ladder (``knee_strength``: wall sit → box squat → step-up → step-down) and the
clamshell ladder (external rotation, with the trials' seated and standing rotation at its
banded end) join every level from programme week 3 (:mod:`hipcoach.programme.levels`).
"""

from __future__ import annotations

from collections.abc import Iterable

from hipcoach.errors import UsageError
from hipcoach.models import Exercise, Variant
from hipcoach.programme import ladders

ARTICLE_KEYS: tuple[str, ...] = (
    "side_leg_raise",
    "bird_dog",
    "hip_hike",
    "single_leg_bridge",
    "donkey_kick",
)


def _base_instructions(ladder: tuple[Variant, ...]) -> str:
    return next(v.instructions for v in ladder if v.base)


_EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="side_leg_raise",
        name="Side leg raise",
        instructions=_base_instructions(ladders.SIDE_LEG_RAISE),
        focus=("hip_abduction",),
        equipment="mat",
        source="article",
        ladder=ladders.SIDE_LEG_RAISE,
    ),
    Exercise(
        key="bird_dog",
        name="Bird dog",
        instructions=_base_instructions(ladders.BIRD_DOG),
        focus=("trunk", "hip_extension"),
        equipment="mat",
        source="article",
        ladder=ladders.BIRD_DOG,
    ),
    Exercise(
        key="hip_hike",
        name="Hip hike",
        instructions=_base_instructions(ladders.HIP_HIKE),
        focus=("hip_abduction",),
        equipment="step (optional)",
        weight_bearing=True,
        source="article",
        ladder=ladders.HIP_HIKE,
    ),
    Exercise(
        key="single_leg_bridge",
        name="Single-leg bridge",
        instructions=_base_instructions(ladders.SINGLE_LEG_BRIDGE),
        focus=("hip_extension",),
        equipment="mat",
        weight_bearing=True,
        source="article",
        ladder=ladders.SINGLE_LEG_BRIDGE,
    ),
    Exercise(
        key="donkey_kick",
        name="Donkey kick",
        instructions=_base_instructions(ladders.DONKEY_KICK),
        focus=("hip_extension",),
        equipment="mat",
        source="article",
        ladder=ladders.DONKEY_KICK,
    ),
    Exercise(
        key="clamshell",
        name="Clamshell",
        instructions=_base_instructions(ladders.CLAMSHELL),
        focus=("hip_external_rotation", "hip_abduction"),
        equipment="mat, loop band (optional)",
        ladder=ladders.CLAMSHELL,
    ),
    Exercise(
        key="knee_strength",
        name="Knee strength",
        instructions=_base_instructions(ladders.KNEE_STRENGTH),
        focus=("knee",),
        equipment="wall, high seat; step (optional)",
        weight_bearing=True,
        ladder=ladders.KNEE_STRENGTH,
    ),
    Exercise(
        key="lateral_band_walk",
        name="Lateral band walk",
        instructions=_base_instructions(ladders.LATERAL_BAND_WALK),
        focus=("hip_abduction",),
        equipment="loop band",
        weight_bearing=True,
        ladder=ladders.LATERAL_BAND_WALK,
    ),
    Exercise(
        key="side_plank",
        name="Side plank",
        instructions=_base_instructions(ladders.SIDE_PLANK_LADDER),
        focus=("trunk", "hip_abduction"),
        equipment="mat",
        ladder=ladders.SIDE_PLANK_LADDER,
    ),
    Exercise(
        key="glute_bridge",
        name="Glute bridge",
        instructions=_base_instructions(ladders.GLUTE_BRIDGE),
        focus=("hip_extension",),
        equipment="mat",
        ladder=ladders.GLUTE_BRIDGE,
    ),
    Exercise(
        key="standing_hip_abduction",
        name="Standing hip abduction",
        instructions=_base_instructions(ladders.STANDING_HIP_ABDUCTION_LADDER),
        focus=("hip_abduction",),
        equipment="chair or wall",
        weight_bearing=True,
        ladder=ladders.STANDING_HIP_ABDUCTION_LADDER,
    ),
    Exercise(
        key="fire_hydrant",
        name="Fire hydrant",
        instructions=_base_instructions(ladders.FIRE_HYDRANT),
        focus=("hip_abduction", "hip_external_rotation"),
        equipment="mat",
        ladder=ladders.FIRE_HYDRANT,
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
