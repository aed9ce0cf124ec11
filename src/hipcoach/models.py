"""The domain model: exercises and their ladders, prescriptions, sessions, programmes, runs.

Everything here is an immutable pydantic model so that a session's content hash is a
pure function of what the runner will be asked to do.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from hipcoach.hashing import stable_hash
from hipcoach.programme.vocabulary import (
    EQUIPMENT,
    LEVELS,
    Equipment,
    Focus,
    Level,
    Load,
)

Day = date  # for fields after one named ``date``

__all__ = ["EQUIPMENT", "LEVELS", "Equipment", "Level"]

Phase = Literal["build", "deload", "maintenance", "taper", "race"]
Progression = Literal["start", "progress", "hold", "deload", "step_down", "pause", "maintain"]
RunKind = Literal["easy", "long", "workout", "race"]

#: Reps per side and holds per side stay in these bounds (DESIGN.md "Programme").
MIN_REPS, MAX_REPS = 6, 20
MIN_HOLD_SECONDS, MAX_HOLD_SECONDS = 10, 60
MIN_SETS, MAX_SETS = 1, 3
#: The warm-up every session starts with (easy mobility), counted in estimates and shown.
WARMUP_MINUTES = 3
#: "Lift and lower": about three seconds a rep. Rungs with a pause or a slow lowering say more.
REP_SECONDS = 3
#: Changing sides within a set, and setting up each exercise (DESIGN.md's minutes formula).
SIDE_SWITCH_SECONDS = 10
SET_UP_SECONDS = 20
#: A hold counts one rep-equivalent per three seconds (a rep's plain tempo), so holds and reps
#: add up to one measure of load.
HOLD_SECONDS_PER_REP = 3


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

    A ladder runs from regressions (isometric holds, shorter range, more support) through the
    article's version to pauses and slower lowering, then load (bands, ankle weights, a step, a
    dumbbell), lightest first within each kind; harder bodyweight variants close it for runners
    without that load (``bodyweight_only``). Sets are not a property of the rung: the level and
    the session's time cap set them, so that climbing the ladder never piles on volume.
    """

    name: str = Field(description="Human text naming the variation, e.g. 'with a light band'.")
    instructions: str
    cues: str = Field(description="One short line for the watch screen.")
    load: Load = "bodyweight"
    equipment: tuple[Equipment, ...] = ()
    per_side: bool = True
    reps: int | None = Field(default=None, ge=MIN_REPS, le=MAX_REPS)
    seconds: int | None = Field(default=None, ge=MIN_HOLD_SECONDS, le=MAX_HOLD_SECONDS)
    tempo_s: int = Field(
        default=REP_SECONDS,
        ge=2,
        le=8,
        description="Seconds per rep: 3 to lift and lower, 4 or more with a pause or a slow "
        "lowering.",
    )
    garmin: GarminMapping
    fit: FitMapping
    starts: tuple[Level, ...] = Field(default=(), description="Levels that start here.")
    base: bool = Field(default=False, description="The version `exercises` describes.")
    picture: str | None = Field(
        default=None,
        description="The report's drawing of this rung's body position (a file in "
        "hipcoach/report/pictures/ without '.svg'); rungs of one position may share one.",
    )
    bodyweight_only: bool = Field(
        default=False,
        description="A harder bodyweight variant for runners without this ladder's load; "
        "skipped once a loaded rung is within reach, so that load never goes backwards.",
    )
    knee_flexion: int | None = Field(
        default=None,
        ge=0,
        le=120,
        description="Knee-loading rungs: the knee's deepest bend under load, in degrees.",
    )
    single_leg: bool = Field(
        default=False, description="Knee-loading rungs: the whole body on one leg."
    )

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Variant:
        _one_amount(f"variant {self.name!r}", self.reps, self.seconds)
        return self

    @property
    def hold(self) -> bool:
        """An isometric hold (a time, no reps)."""
        return self.seconds is not None

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
    focus: tuple[Focus, ...] = Field(min_length=1, description="What it trains, main first.")
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
    def knee_loading(self) -> bool:
        """Loads the knee: knee-targeted, or done standing (the first to lighten on pain)."""
        return "knee" in self.focus or self.weight_bearing

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
    def sides(self) -> int:
        return 2 if self.per_side else 1

    @property
    def cues(self) -> str:
        return self.variant.cues

    @property
    def load(self) -> str:
        return self.variant.load

    @property
    def tempo_s(self) -> int | None:
        """Seconds per rep (None for a hold)."""
        return self.variant.tempo_s if self.reps is not None else None

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
        if self.reps is not None:
            return self.reps * self.variant.tempo_s * self.sides
        return (self.seconds or 0) * self.sides

    def estimated_seconds(self) -> int:
        """The exercise's block (DESIGN.md's formula): 20 s to set it up, then every set's
        work with 10 s to change sides where per side, and the rest after each set but the
        last."""
        switch = SIDE_SWITCH_SECONDS if self.per_side else 0
        rests = (self.sets - 1) * self.rest_seconds
        return SET_UP_SECONDS + self.sets * (self.work_seconds() + switch) + rests

    def volume(self) -> int:
        """Reps (or hold seconds) per side over all sets: what "piling on reps" would raise."""
        return self.sets * (self.reps if self.reps is not None else self.seconds or 0)

    def rep_equivalents(self) -> float:
        """Reps over all sets and sides, a hold counting one per three seconds: the load a
        step-down must cut."""
        amount = self.reps if self.reps is not None else (self.seconds or 0) / HOLD_SECONDS_PER_REP
        return self.sets * self.sides * amount

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


class Tip(_Frozen):
    """One short education tip with its source (``hipcoach.programme.education``)."""

    key: str
    title: str
    text: str
    source: str

    def line(self) -> str:
        """The tip in one line, for a watch workout's description."""
        return f"Tip: {self.title}. {self.text}"


class Session(_Frozen):
    """An ordered list of prescriptions with a stable key (e.g. ``2026-W48-1``)."""

    key: str
    week: int = Field(ge=1, description="Programme week, 1-based (a head start counts as 1).")
    index: int = Field(ge=1, description="Session number within its week.")
    level: Level
    phase: Phase
    step: int = Field(description="Net rungs climbed since the start (negative after pain).")
    title: str
    prescriptions: tuple[Prescription, ...]
    light: bool = False
    light_note: str | None = Field(default=None, description="What makes a light session light.")
    warmup_minutes: int = Field(default=WARMUP_MINUTES, ge=0)
    tip: Tip | None = Field(default=None, description="The week's education tip.")
    physio: str | None = Field(
        default=None, description="The see-a-physiotherapist line, while a pause lasts."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        """A short hash of what the runner is asked to do; it changes when the workout does."""
        return stable_hash(
            [
                self.title,
                [p.fingerprint() for p in self.prescriptions],
                self.tip.key if self.tip else None,
                self.physio,
            ]
        )

    def estimated_seconds(self) -> int:
        """An honest duration (DESIGN.md's formula): the warm-up, then every exercise's block
        (set-up, every set at the rung's tempo on both sides where per side, side switches,
        the rests between sets)."""
        return self.warmup_minutes * 60 + sum(p.estimated_seconds() for p in self.prescriptions)

    def estimated_minutes(self) -> int:
        """:meth:`estimated_seconds` rounded up to whole minutes (never under-promised)."""
        return -(-self.estimated_seconds() // 60)

    def volume(self) -> int:
        """Reps (and hold seconds) per side over the whole session."""
        return sum(p.volume() for p in self.prescriptions)

    def rep_equivalents(self) -> float:
        """Reps over all sets and sides (holds one per 3 s): the session's load."""
        return sum(p.rep_equivalents() for p in self.prescriptions)

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
    lead_in: bool = Field(
        default=False,
        description="A head start before week 1 (a programme first planned on a Thursday or "
        "later): week-1 sessions that count for nothing.",
    )
    tip: Tip | None = None
    physio: str | None = None
    physio_days: tuple[str | None, ...] = Field(
        default=(),
        description="The see-a-physiotherapist line of each day, Monday first, when it changes "
        "within the week (a check-in that starts or ends it); empty when it is ``physio`` all "
        "week.",
    )
    cancelled_from: Day | None = Field(
        default=None,
        description="A pause began this week: its sessions from this day on are cancelled.",
    )
    stepped_down_from: Day | None = Field(
        default=None,
        description="A check-in above 5/10 this week: its sessions from this day on are the "
        "``stepped_down`` ones.",
    )
    stepped_down: tuple[Session, ...] = Field(
        default=(),
        description="The week's sessions at the step-down's dose (same keys), for the days "
        "from ``stepped_down_from``.",
    )

    @property
    def iso_week(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    def cancelled(self, day: Day) -> bool:
        """Whether a session on ``day`` (in this week) was cancelled by a pause."""
        return self.cancelled_from is not None and day >= self.cancelled_from

    def physio_on(self, day: Day) -> str | None:
        """The see-a-physiotherapist line on ``day`` (in this week)."""
        offset = (day - self.start).days
        if self.physio_days and 0 <= offset < len(self.physio_days):
            return self.physio_days[offset]
        return self.physio

    def on(self, day: Day, session: Session) -> Session:
        """``session`` of this week as it is done on ``day``: at the step-down's dose from the
        day a check-in above 5/10 was recorded, with the physio line of that day."""
        if self.stepped_down_from is not None and day >= self.stepped_down_from:
            session = next((s for s in self.stepped_down if s.key == session.key), session)
        physio = self.physio_on(day)
        if physio != session.physio:
            session = session.model_copy(update={"physio": physio})
        return session


class Programme(_Frozen):
    """The programme weeks :func:`hipcoach.programme.generator.generate` was asked for."""

    level: Level
    sessions_per_week: int
    start: date = Field(description="Week 1's Monday.")
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
    """What the runner told of a day's knee (TREK / My Knee Cap, DESIGN.md "Programme").

    ``pain``: during the exercises, 0–10; ``run_pain``: while running, 0–10; ``lingered``: it
    took longer than 60 minutes to settle; ``worse_next_morning``: the knee was worse the
    morning after. Any may be missing; at least one is given. A check-in stored before the
    running questions existed reads as exercise pain only.
    """

    date: date
    pain: int | None = Field(default=None, ge=0, le=10)
    run_pain: int | None = Field(default=None, ge=0, le=10)
    lingered: bool = False
    worse_next_morning: bool = False

    @model_validator(mode="after")
    def _something(self) -> CheckIn:
        if self.pain is None and self.run_pain is None and not self.flags:
            raise ValueError("a check-in needs pain, running pain, lingered or worse next morning")
        return self

    @property
    def flags(self) -> bool:
        """Pain that lingered over 60 minutes or a worse next morning."""
        return self.lingered or self.worse_next_morning

    @property
    def worst(self) -> int:
        """The higher of the two pain numbers (0 when neither was given)."""
        return max(self.pain or 0, self.run_pain or 0)

    def merged(self, newer: CheckIn) -> CheckIn:
        """This day's check-in with what a later one of the same day said: the day's worst
        (a lower number later that day does not undo the pain; a correction replaces the
        day's check-in instead, ``checkin --replace``)."""
        return CheckIn(
            date=self.date,
            pain=_worse(self.pain, newer.pain),
            run_pain=_worse(self.run_pain, newer.run_pain),
            lingered=self.lingered or newer.lingered,
            worse_next_morning=self.worse_next_morning or newer.worse_next_morning,
        )

    def lowered(self, newer: CheckIn) -> list[str]:
        """What ``newer`` (a later check-in of the same day) said lower than this one, which
        the day's worst keeps: ['1/10 during the exercises']."""
        out = []
        if newer.pain is not None and self.pain is not None and newer.pain < self.pain:
            out.append(f"{newer.pain}/10 during the exercises")
        if (
            newer.run_pain is not None
            and self.run_pain is not None
            and newer.run_pain < self.run_pain
        ):
            out.append(f"{newer.run_pain}/10 while running")
        return out


def _worse(earlier: int | None, later: int | None) -> int | None:
    """The higher of two pain numbers of one day (either may be missing)."""
    if earlier is None or later is None:
        return later if earlier is None else earlier
    return max(earlier, later)
