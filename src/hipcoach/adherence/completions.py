"""What the runner actually did: completed strength activities, as completion sources report
them (the plugin contract's data; matching them to sessions is :mod:`hipcoach.adherence.statuses`).
"""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hipcoach.hashing import stable_hash

#: no activity lasts near this long (a number beyond it is a broken one)
MAX_SECONDS = 1_000_000


class DoneSet(BaseModel):
    """One active set the watch recorded (Garmin records one per side and step)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: str | None = None
    exercise_name: str | None = None
    # Bounded: a source's numbers are stored (no set comes near a million of anything).
    reps: int | None = Field(default=None, ge=0, le=1_000_000)
    seconds: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)
    weight_g: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)
    #: the workout step the set belongs to (Garmin's ``wktStepIndex``), when run from a workout
    step_index: int | None = Field(default=None, ge=0, le=1_000_000)


class CompletedActivity(BaseModel):
    """A strength activity the runner recorded, on their local date."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    activity_id: str
    date: date
    name: str = ""
    #: the remote workout the watch ran (Garmin's ``workoutId``): one hipcoach created, if ours
    workout_id: str | None = None
    #: the active sets, or None where the source has no detail (Strava)
    sets: tuple[DoneSet, ...] | None = None
    #: changes when the activity's summary does (an edit in Connect): then it is read again
    fingerprint: str = ""
    #: when it started (UTC) and how long it lasted, where the source says: the same workout
    #: uploaded to two services is told by them
    started: AwareDatetime | None = None
    elapsed_s: float | None = Field(default=None, ge=0, le=MAX_SECONDS, allow_inf_nan=False)


def plausible_seconds(value: object) -> float | None:
    """A source's duration in seconds, or None when it is missing or implausible (it only
    helps tell copies of one workout apart, so it never fails an activity)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 <= value <= MAX_SECONDS else None


def fingerprint(summary: object) -> str:
    """The fingerprint of an activity's summary (it changes when the runner edits it)."""
    return stable_hash(summary)
