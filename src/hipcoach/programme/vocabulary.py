"""The programme's small vocabularies, kept free of pydantic so that the command line can
offer them as choices without loading the domain model (``--help`` stays fast)."""

from __future__ import annotations

from typing import Literal

Level = Literal["gentle", "standard", "strong"]
LEVELS: tuple[Level, ...] = ("gentle", "standard", "strong")

Equipment = Literal["band", "ankle_weight", "step", "dumbbell"]
EQUIPMENT: tuple[Equipment, ...] = ("band", "ankle_weight", "step", "dumbbell")
