"""The programme's small vocabularies, kept free of pydantic so that the command line can
offer them as choices without loading the domain model (``--help`` stays fast)."""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["gentle", "standard", "strong"]
LEVELS: tuple[Level, ...] = ("gentle", "standard", "strong")

Equipment = Literal["band", "ankle_weight", "step", "dumbbell"]
EQUIPMENT: tuple[Equipment, ...] = ("band", "ankle_weight", "step", "dumbbell")

#: What an exercise trains (DESIGN.md "Programme": hip and knee).
Focus = Literal["hip_abduction", "hip_external_rotation", "hip_extension", "knee", "trunk"]
FOCI: tuple[Focus, ...] = get_args(Focus)
#: What every programme week trains from week 3 on (trunk is welcome, not required).
WEEKLY_FOCI: tuple[Focus, ...] = ("hip_abduction", "hip_external_rotation", "hip_extension", "knee")

#: The external loads, lightest first within each kind: a rung's ``load`` is one of these.
Load = Literal[
    "bodyweight",
    "light band",
    "medium band",
    "heavy band",
    "ankle weight 1 kg",
    "ankle weight 2 kg",
    "dumbbell 4-8 kg",
    "dumbbell 8-12 kg",
]
LOADS: tuple[Load, ...] = get_args(Load)
