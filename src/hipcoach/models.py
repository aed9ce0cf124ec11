"""The domain model: exercises, prescriptions, sessions, programmes, runs.

Everything here is an immutable pydantic model so that a session's content hash is a
pure function of what the runner will be asked to do.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

Level = Literal["gentle", "standard", "strong"]
LEVELS: tuple[Level, ...] = ("gentle", "standard", "strong")
Phase = Literal["build", "deload", "maintenance", "taper", "race"]
RunKind = Literal["easy", "long", "workout", "race"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GarminMapping(_Frozen):
    """Where the exercise lives in Garmin Connect's exercise catalog (UPPER_SNAKE keys)."""

    category: str
    exercise_name: str | None = None


class FitMapping(_Frozen):
    """The FIT profile numbers: `exercise_category` and `<category>_exercise_name`."""

    category: int
    name: int | None = None


class Exercise(_Frozen):
    """One exercise of the catalog, with its default dose and device mappings."""

    key: str
    name: str
    instructions: str
    cues: str = Field(description="One short line for the watch screen.")
    per_side: bool
    reps: int | None = None
    seconds: int | None = None
    equipment: str | None = None
    weight_bearing: bool = False
    source: Literal["article", "evidence"] = "evidence"
    garmin: GarminMapping
    fit: FitMapping

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Exercise:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError(f"exercise {self.key}: give exactly one of reps or seconds")
        return self


class Prescription(_Frozen):
    """An exercise with its dose for one session."""

    exercise: Exercise
    sets: int = Field(ge=1)
    reps: int | None = Field(default=None, ge=1)
    seconds: int | None = Field(default=None, ge=1)
    rest_seconds: int = Field(ge=0)

    @property
    def key(self) -> str:
        return self.exercise.key

    @property
    def per_side(self) -> bool:
        return self.exercise.per_side

    def dose_text(self) -> str:
        """'2 × 20 each side', '3 × 30 s each side'."""
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds} s"
        side = " each side" if self.per_side else ""
        return f"{self.sets} × {amount}{side}"


class Session(_Frozen):
    """An ordered list of prescriptions with a stable key (e.g. ``2026-W48-1``)."""

    key: str
    week: int = Field(ge=1, description="Programme week, 1-based.")
    index: int = Field(ge=1, description="Session number within its week.")
    level: Level
    phase: Phase
    step: int = Field(ge=0, description="Progression step reached (0 = entry dose).")
    title: str
    prescriptions: tuple[Prescription, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        """A short hash of what the runner is asked to do; it changes when the workout does."""
        payload = json.dumps(
            [self.title, [p.model_dump(mode="json") for p in self.prescriptions]],
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def estimated_seconds(self) -> int:
        """A rough duration: 3 s a rep, the holds, the rests, both sides where per side."""
        total = 0
        for p in self.prescriptions:
            work = 3 * p.reps if p.reps is not None else p.seconds or 0
            sides = 2 if p.per_side else 1
            total += p.sets * (work * sides + p.rest_seconds)
        return total


class ProgrammeWeek(_Frozen):
    """One programme week: its phase, progression step, and why it held, if it did."""

    week: int = Field(ge=1)
    start: date
    phase: Phase
    step: int
    held: str | None = None
    sessions: tuple[Session, ...]

    @property
    def iso_week(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"


class Programme(_Frozen):
    """The generated weeks, from programme week ``first_week`` on."""

    level: Level
    sessions_per_week: int
    start: date
    weeks: tuple[ProgrammeWeek, ...]


class Run(_Frozen):
    """A run on the athlete's local date. Other sports never become Runs."""

    id: str
    date: date
    distance_m: float = Field(ge=0)
    moving_time_s: int = Field(ge=0)
    kind: RunKind = "easy"
    name: str = ""
    sport: str = "Run"
    workout_type: int | None = None

    @property
    def distance_km(self) -> float:
        return self.distance_m / 1000


class ScheduledSession(_Frozen):
    """A session placed on a date, with the reason it landed there."""

    session: Session
    date: date
    reason: str


class CheckIn(_Frozen):
    """A knee-pain check-in (0–10) on a local date."""

    date: date
    pain: int = Field(ge=0, le=10)
