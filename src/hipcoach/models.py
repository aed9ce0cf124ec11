"""The domain model: exercises and their ladders, prescriptions, sessions, programmes, runs.

Everything here is an immutable pydantic model so that a session's content hash is a
pure function of what the runner will be asked to do.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from hipcoach.hashing import stable_hash
from hipcoach.programme.vocabulary import EQUIPMENT, LEVELS, Equipment, Level

Day = date  # for fields after one named ``date``

__all__ = ["EQUIPMENT", "LEVELS", "Equipment", "Level"]

Phase = Literal["build", "deload", "maintenance", "taper", "race"]
Progression = Literal["start", "progress", "hold", "deload", "step_down", "maintain"]
RunKind = Literal["easy", "long", "workout", "race"]

#: Reps per side and holds per side stay in these bounds (DESIGN.md "Programme").
MIN_REPS, MAX_REPS = 6, 20
MIN_HOLD_SECONDS, MAX_HOLD_SECONDS = 10, 60
MIN_SETS, MAX_SETS = 1, 3
#: The warm-up every session starts with (3–5 min of easy mobility), counted in estimates.
WARM_UP_SECONDS = 240
#: About three seconds a rep (the evidence's plain tempo); rungs with pauses say more.
REP_SECONDS = 3


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _one_amount(what: str, reps: int | None, seconds: int | None) -> None:
    """A dose is reps or a hold, never both, never neither."""
    if (reps is None) == (seconds is None):
        raise ValueError(f"{what}: give exactly one of reps or seconds")


class GarminMapping(_Frozen):
    """Where the exercise lives in Garmin Connect's exercise catalog (UPPER_SNAKE keys)."""

    category: str
    exercise_name: str | None = None
    shown_as: str | None = Field(
        default=None,
        description="What the watch shows where Garmin has no entry for the movement and the "
        "generic entry of its category stands in (hip hikes: 'Hip Stability').",
    )


class FitMapping(_Frozen):
    """The FIT profile numbers: `exercise_category` and `<category>_exercise_name`."""

    category: int
    name: int | None = None


class Variant(_Frozen):
    """One rung of an exercise's ladder: a variation (and load) with its own dose.

    A ladder runs from regressions (isometric holds, shorter range) through the article's
    version to harder variants, pauses, slower lowering and load (bands, ankle weights, a
    step, a dumbbell). Sets are not a property of the rung: the level and the session's time
    cap set them, so that climbing the ladder never piles on volume.
    """

    name: str = Field(description="Human text naming the variation, e.g. 'with a light band'.")
    instructions: str
    cues: str = Field(description="One short line for the watch screen.")
    load: str = "bodyweight"
    equipment: tuple[Equipment, ...] = ()
    per_side: bool = True
    reps: int | None = Field(default=None, ge=MIN_REPS, le=MAX_REPS)
    seconds: int | None = Field(default=None, ge=MIN_HOLD_SECONDS, le=MAX_HOLD_SECONDS)
    rep_seconds: int = Field(default=REP_SECONDS, ge=2, le=8, description="Seconds per rep.")
    garmin: GarminMapping
    fit: FitMapping
    starts: tuple[Level, ...] = Field(default=(), description="Levels that start here.")
    base: bool = Field(default=False, description="The version `exercises` describes.")
    picture: str | None = Field(
        default=None,
        description="The report's drawing of this rung's body position (a file in "
        "hipcoach/report/pictures/ without '.svg'); rungs of one position may share one.",
    )

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Variant:
        _one_amount(f"variant {self.name!r}", self.reps, self.seconds)
        return self

    def available_with(self, equipment: frozenset[str]) -> bool:
        """Whether a runner owning ``equipment`` can do this variant."""
        return set(self.equipment) <= equipment


class Exercise(_Frozen):
    """One exercise of the catalog: its ladder of variants and its device mappings.

    The scalar fields (cues, per_side, reps, seconds, garmin, fit) describe the ``base``
    variant: the article's version for its five exercises.
    """

    key: str
    name: str
    instructions: str
    equipment: str | None = Field(default=None, description="What the base version needs.")
    weight_bearing: bool = False
    source: Literal["article", "evidence"] = "evidence"
    ladder: tuple[Variant, ...]

    @model_validator(mode="after")
    def _one_base(self) -> Exercise:
        if sum(v.base for v in self.ladder) != 1:
            raise ValueError(f"exercise {self.key}: exactly one ladder rung must be the base")
        return self

    @property
    def base_variant(self) -> Variant:
        return next(v for v in self.ladder if v.base)

    @property
    def cues(self) -> str:
        return self.base_variant.cues

    @property
    def per_side(self) -> bool:
        return self.base_variant.per_side

    @property
    def reps(self) -> int | None:
        return self.base_variant.reps

    @property
    def seconds(self) -> int | None:
        return self.base_variant.seconds

    @property
    def garmin(self) -> GarminMapping:
        return self.base_variant.garmin

    @property
    def fit(self) -> FitMapping:
        return self.base_variant.fit


class Prescription(_Frozen):
    """An exercise at one rung of its ladder, with its dose for one session."""

    exercise: Exercise
    variant: Variant
    rung: int = Field(description="Rung relative to the level's start (negative = easier).")
    sets: int = Field(ge=MIN_SETS, le=MAX_SETS)
    reps: int | None = Field(default=None, ge=MIN_REPS, le=MAX_REPS)
    seconds: int | None = Field(default=None, ge=MIN_HOLD_SECONDS, le=MAX_HOLD_SECONDS)
    rest_seconds: int = Field(ge=0)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Prescription:
        _one_amount(self.exercise.key, self.reps, self.seconds)
        return self

    @property
    def key(self) -> str:
        return self.exercise.key

    @property
    def per_side(self) -> bool:
        return self.variant.per_side

    @property
    def cues(self) -> str:
        return self.variant.cues

    @property
    def load(self) -> str:
        return self.variant.load

    def label(self) -> str:
        """The variant, with its load when it has one: 'Donkey kick with … (light band)'."""
        if self.load == "bodyweight":
            return self.variant.name
        return f"{self.variant.name} ({self.load})"

    def dose_text(self) -> str:
        """'2 × 20 each side', '3 × 30 s each side'."""
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds} s"
        side = " each side" if self.per_side else ""
        return f"{self.sets} × {amount}{side}"

    def work_seconds(self) -> int:
        """One set's work: the reps at the rung's tempo (or the hold), on both sides."""
        sides = 2 if self.per_side else 1
        if self.reps is not None:
            return self.reps * self.variant.rep_seconds * sides
        return (self.seconds or 0) * sides

    def estimated_seconds(self) -> int:
        """Every set with the rest after it (the watch times a rest after each set)."""
        return self.sets * (self.work_seconds() + self.rest_seconds)

    def volume(self) -> int:
        """Reps (or hold seconds) per side over all sets: what "piling on reps" would raise."""
        return self.sets * (self.reps if self.reps is not None else self.seconds or 0)

    def fingerprint(self) -> list[object]:
        """What the runner is asked to do, for the session's content hash."""
        return [
            self.exercise.key,
            self.variant.name,
            self.variant.load,
            self.variant.cues,
            self.variant.garmin.model_dump(),
            self.variant.fit.model_dump(),
            self.per_side,
            self.rung,
            self.sets,
            self.reps,
            self.seconds,
            self.rest_seconds,
        ]


class Session(_Frozen):
    """An ordered list of prescriptions with a stable key (e.g. ``2026-W48-1``)."""

    key: str
    week: int = Field(ge=1, description="Programme week, 1-based.")
    index: int = Field(ge=1, description="Session number within its week.")
    level: Level
    phase: Phase
    step: int = Field(description="Net rungs climbed since the start (negative after pain).")
    title: str
    prescriptions: tuple[Prescription, ...]
    light: bool = False
    light_note: str | None = Field(default=None, description="What makes a light session light.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        """A short hash of what the runner is asked to do; it changes when the workout does."""
        return stable_hash([self.title, [p.fingerprint() for p in self.prescriptions]])

    def estimated_seconds(self) -> int:
        """An honest duration: the warm-up, every set (3 s a rep or the rung's tempo, both
        sides where per side) and the rest after each set."""
        return WARM_UP_SECONDS + sum(p.estimated_seconds() for p in self.prescriptions)

    def estimated_minutes(self) -> int:
        """:meth:`estimated_seconds` rounded up to whole minutes (never under-promised)."""
        return -(-self.estimated_seconds() // 60)

    def volume(self) -> int:
        """Reps (and hold seconds) per side over the whole session."""
        return sum(p.volume() for p in self.prescriptions)

    def total_sets(self) -> int:
        """Sets over all exercises (a per-side set counts once)."""
        return sum(p.sets for p in self.prescriptions)


class ProgrammeWeek(_Frozen):
    """One programme week: its phase, the progression decision and why."""

    week: int = Field(ge=1)
    start: date
    phase: Phase
    step: int
    progression: Progression
    why: str
    held: str | None = Field(default=None, description="The gate that held it, if one did.")
    sessions: tuple[Session, ...]

    @property
    def iso_week(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"


class Programme(_Frozen):
    """The programme weeks :func:`hipcoach.programme.generator.generate` was asked for."""

    level: Level
    sessions_per_week: int
    start: date
    weeks: tuple[ProgrammeWeek, ...]


#: bounds of a run from any service (see :mod:`hipcoach.schedule.activities`): 300 km, a week,
#: Strava's workout types with room to spare; numbers SQLite can always hold
MAX_RUN_METRES = 300_000.0
MAX_RUN_SECONDS = 7 * 24 * 3600
MAX_WORKOUT_TYPE = 99


class Run(_Frozen):
    """A run on the athlete's local date. Other sports never become Runs."""

    id: str = Field(min_length=1, max_length=100)
    date: date
    distance_m: float = Field(ge=0, le=MAX_RUN_METRES, allow_inf_nan=False)
    moving_time_s: int = Field(ge=0, le=MAX_RUN_SECONDS)
    kind: RunKind = "easy"
    name: str = ""
    sport: str = "Run"
    workout_type: int | None = Field(default=None, ge=0, le=MAX_WORKOUT_TYPE)

    @property
    def distance_km(self) -> float:
        return self.distance_m / 1000


class ScheduledSession(_Frozen):
    """A session placed on a date, with the reason it landed there."""

    session: Session
    date: date
    reason: str
    #: a catch-up: the day the session was missed on (it is re-placed once, in its week)
    missed_on: Day | None = None


class CheckIn(_Frozen):
    """A knee-pain check-in (0–10) on a local date."""

    date: date
    pain: int = Field(ge=0, le=10)
