"""What a level's sessions hold: which exercises, where each starts on its ladder, how many
sets, and the rest between sets; all filtered by the runner's equipment.

- ``gentle``: the article's five from easier rungs (smaller range, leg-only bird dog, a
  two-footed bridge), two sets.
- ``standard``: the article's five at the article's doses, two sets.
- ``strong``: the article's five from harder rungs (pauses at the top), three sets where
  the time cap allows, and evidence-based extras (step-down, side plank, band walk) added
  only while the session still fits the cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hipcoach.models import Exercise, Variant
from hipcoach.programme import catalog
from hipcoach.programme.vocabulary import Level

REST_SECONDS = 30
LEVEL_SETS: dict[Level, int] = {"gentle": 2, "standard": 2, "strong": 3}
EXTRA_SETS = 2
LEVEL_EXTRAS: dict[Level, tuple[str, ...]] = {
    "gentle": (),
    "standard": (),
    "strong": ("step_down", "side_plank", "lateral_band_walk"),
}


@dataclass(frozen=True)
class ProgrammeSettings:
    """What shapes a programme."""

    level: Level = "standard"
    sessions_per_week: int = 3
    min_sessions_per_week: int = 2
    block_weeks: int = 8
    equipment: frozenset[str] = field(default_factory=frozenset)
    max_session_minutes: int = 30


@dataclass(frozen=True)
class Slot:
    """One exercise of a level: the rungs the runner's equipment allows and rung 0 among them.

    Rung numbers are relative to the level's start: ``-start`` is the easiest rung the
    runner can do, ``len(ladder) - 1 - start`` the hardest.
    """

    exercise: Exercise
    ladder: tuple[Variant, ...]
    start: int
    sets: int
    optional: bool = False

    @property
    def key(self) -> str:
        return self.exercise.key

    @property
    def lowest(self) -> int:
        return -self.start

    @property
    def highest(self) -> int:
        return len(self.ladder) - 1 - self.start

    def variant(self, rung: int) -> Variant:
        """The variant at ``rung`` (clamped to the ladder)."""
        return self.ladder[self.start + max(self.lowest, min(self.highest, rung))]


def slot_for(
    exercise: Exercise, level: Level, equipment: frozenset[str], sets: int, optional: bool
) -> Slot | None:
    """The exercise's slot for ``level``: its start is the level's marked rung or, when that
    needs equipment the runner lacks, the nearest easier rung they can do (None if none)."""
    marked = next(i for i, v in enumerate(exercise.ladder) if level in v.starts)
    usable = [i for i, v in enumerate(exercise.ladder) if v.available_with(equipment)]
    below = [i for i in usable if i <= marked]
    if not below:
        return None
    ladder = tuple(exercise.ladder[i] for i in usable)
    return Slot(exercise, ladder, usable.index(below[-1]), sets, optional)


def level_slots(settings: ProgrammeSettings) -> tuple[Slot, ...]:
    """The level's exercises in session order: the article's five, then any extras."""
    level = settings.level
    slots = [
        slot_for(e, level, settings.equipment, LEVEL_SETS[level], optional=False)
        for e in catalog.select(catalog.ARTICLE_KEYS)
    ]
    slots += [
        slot_for(e, level, settings.equipment, EXTRA_SETS, optional=True)
        for e in catalog.select(LEVEL_EXTRAS[level])
    ]
    return tuple(s for s in slots if s is not None)
