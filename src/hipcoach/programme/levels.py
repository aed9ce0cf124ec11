"""What a level's sessions hold: which exercises, from which programme week, where each starts
on its ladder, how many sets, and the rest between sets; all filtered by the runner's
equipment.

- ``gentle``: the article's five from easier rungs (smaller range, leg-only bird dog, a
  two-footed bridge), two sets.
- ``standard``: the article's five at the article's doses, two sets.
- ``strong``: the article's five from harder rungs (pauses at the top), three sets from
  week 3 where the time cap allows, and the side plank and (with a band) the lateral band
  walk while the session still fits.

From programme week 3 every level adds the knee ladder and the clamshell ladder (hip plus
knee, abduction, external rotation and extension: the CPG and consensus, ``evidence.md`` §1
and §9; Dolak 2011: isolated hip work first, then functional).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hipcoach.models import Exercise, Variant
from hipcoach.programme import catalog
from hipcoach.programme.vocabulary import LOADS, Focus, Level

REST_SECONDS = 30
#: The week the knee and external-rotation ladders join (after two weeks of isolated hip work).
HIP_AND_KNEE_FROM_WEEK = 3
LEVEL_SETS: dict[Level, int] = {"gentle": 2, "standard": 2, "strong": 3}
EXTRA_SETS = 2
#: Every level, from programme week 3.
ADDED: tuple[str, ...] = ("clamshell", "knee_strength")
LEVEL_EXTRAS: dict[Level, tuple[str, ...]] = {
    "gentle": (),
    "standard": (),
    "strong": ("side_plank", "lateral_band_walk"),
}
#: What a session over the time cap keeps longest: the knee and external rotation (what the
#: article lacks), then one exercise per hip direction, then the rest.
PRIORITY: tuple[str, ...] = (
    "knee_strength",
    "clamshell",
    "side_leg_raise",
    "single_leg_bridge",
    "hip_hike",
    "donkey_kick",
    "bird_dog",
    "side_plank",
    "lateral_band_walk",
)
#: A pause's pain-free holds: one per direction the programme trains.
PAUSE_KEYS: tuple[str, ...] = ("knee_strength", "side_leg_raise", "clamshell", "single_leg_bridge")


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
    from_week: int = 1

    @property
    def key(self) -> str:
        return self.exercise.key

    @property
    def focus(self) -> tuple[Focus, ...]:
        return self.exercise.focus

    @property
    def priority(self) -> int:
        """Lower is kept longer when a session must shed exercises."""
        return PRIORITY.index(self.key) if self.key in PRIORITY else len(PRIORITY)

    @property
    def lowest(self) -> int:
        return -self.start

    @property
    def highest(self) -> int:
        return len(self.ladder) - 1 - self.start

    def variant(self, rung: int) -> Variant:
        """The variant at ``rung`` (clamped to the ladder)."""
        return self.ladder[self.start + max(self.lowest, min(self.highest, rung))]

    def hold_rung(self) -> int | None:
        """The easiest isometric hold on the runner's ladder (a pause's rung), if any."""
        for index, variant in enumerate(self.ladder):
            if variant.hold:
                return index - self.start
        return None


def _load_rank(variant: Variant) -> int:
    return LOADS.index(variant.load)


def chain(ladder: tuple[Variant, ...], equipment: frozenset[str]) -> tuple[int, ...]:
    """The rungs of ``ladder`` a runner owning ``equipment`` climbs (indices, in order).

    Bodyweight rungs first; then, when the runner owns some load for this exercise, the
    longest run of loaded rungs whose equipment only grows and whose load never drops within
    the same equipment (earlier in the ladder wins a tie), so that a progression never takes
    load away; otherwise the harder bodyweight variants.
    """
    usable = [i for i, v in enumerate(ladder) if v.available_with(equipment)]
    loaded = [i for i in usable if ladder[i].equipment]
    best: list[int] = []
    for first in loaded:
        picked = [first]
        for i in loaded:
            if i <= picked[-1]:
                continue
            kit, last = set(ladder[i].equipment), ladder[picked[-1]]
            grows = kit >= set(last.equipment)
            heavier = kit != set(last.equipment) or _load_rank(ladder[i]) >= _load_rank(last)
            if grows and heavier:
                picked.append(i)
        if len(picked) > len(best):
            best = picked
    if not best:
        return tuple(i for i in usable if not ladder[i].equipment)
    before = [i for i in usable if not ladder[i].equipment and not ladder[i].bodyweight_only]
    return tuple(i for i in before if i < best[0]) + tuple(best)


def slot_for(
    exercise: Exercise,
    level: Level,
    equipment: frozenset[str],
    sets: int,
    *,
    optional: bool = False,
    from_week: int = 1,
) -> Slot | None:
    """The exercise's slot for ``level``: its start is the level's marked rung or, when that
    needs equipment the runner lacks, the nearest easier rung they can do (None if none)."""
    marked = next(i for i, v in enumerate(exercise.ladder) if level in v.starts)
    indices = chain(exercise.ladder, equipment)
    below = [k for k, i in enumerate(indices) if i <= marked]
    if not below:
        return None
    ladder = tuple(exercise.ladder[i] for i in indices)
    return Slot(exercise, ladder, below[-1], sets, optional, from_week)


def level_slots(settings: ProgrammeSettings) -> tuple[Slot, ...]:
    """The level's exercises in session order: the article's five, the clamshell and knee
    ladders (from week 3), then any extras."""
    level, equipment = settings.level, settings.equipment
    slots = [
        slot_for(e, level, equipment, LEVEL_SETS[level])
        for e in catalog.select(catalog.ARTICLE_KEYS)
    ]
    slots += [
        slot_for(e, level, equipment, LEVEL_SETS[level], from_week=HIP_AND_KNEE_FROM_WEEK)
        for e in catalog.select(ADDED)
    ]
    slots += [
        slot_for(e, level, equipment, EXTRA_SETS, optional=True)
        for e in catalog.select(LEVEL_EXTRAS[level])
    ]
    return tuple(s for s in slots if s is not None)
