"""The plain values an integration and the core hand each other: the plugin context, a page
of activities, an activity skipped, a remote workout, a calendar entry, a race, a planned run.

Frozen dataclasses that check their own types (a plugin's value of the wrong type fails where
it is made, not deep in the sync). Kept apart from :mod:`.interfaces`, which ``hipcoach auth
--help`` imports to list the plugins and which need none of these to be defined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.models import Run


@dataclass(frozen=True)
class PluginContext:
    """What an integration may read: the home, the validated config, the environment."""

    home: Home
    config: Config
    env: Mapping[str, str]
    tz: tzinfo
    interactive: bool = False
    extra: Mapping[str, object] = field(default_factory=dict)

    def plugin_settings(self, name: str) -> dict[str, object]:
        """The free-form ``[plugins.<name>]`` table of config.toml (empty when absent)."""
        return dict(self.config.plugins.get(name, {}))


@dataclass(frozen=True)
class SkippedActivity:
    """An activity a source could not use (unreadable or implausible), and why."""

    #: how to find it: the activity id (with its name) or its place in the answer
    ident: str
    reason: str

    def __str__(self) -> str:
        return f"{self.ident}: {self.reason}"


@dataclass(frozen=True)
class ActivityPage:
    """One page of a source's activities: the core stores each page as it arrives."""

    runs: Sequence[Run]
    skipped: Sequence[SkippedActivity] = ()
    #: where the next page starts (opaque to the core); None after the last page
    next_page: str | None = None


def _require(owner: object, name: str, kind: type, *, empty_ok: bool = False) -> None:
    """A plugin's value of the wrong type fails where it is made, not deep in the sync."""
    value = getattr(owner, name)
    if not isinstance(value, kind) or (kind is date and isinstance(value, datetime)):
        raise TypeError(f"{type(owner).__name__}.{name} must be a {kind.__name__}, not {value!r}")
    if not empty_ok and value == "":
        raise ValueError(f"{type(owner).__name__}.{name} must not be empty")


@dataclass(frozen=True)
class RemoteWorkout:
    """A workout on the target that carries hipcoach's ownership marker."""

    workout_id: str
    session_key: str
    name: str = ""

    def __post_init__(self) -> None:
        _require(self, "workout_id", str)
        _require(self, "session_key", str)
        _require(self, "name", str, empty_ok=True)


@dataclass(frozen=True)
class RemoteScheduleEntry:
    """A calendar entry on the target: a workout (anyone's) scheduled on a date.

    Whether it is hipcoach's is decided by the core sync, by its ``workout_id`` only: an
    entry is hipcoach's if and only if its workout is (a titled entry proves nothing).
    """

    schedule_id: str
    workout_id: str
    date: date

    def __post_init__(self) -> None:
        _require(self, "schedule_id", str)
        _require(self, "workout_id", str)
        _require(self, "date", date)


class RaceEvent(NamedTuple):
    """A race on the runner's calendar: its (athlete-local) date, what it is called, and its
    distance in metres where the calendar gives one (it sets the rest days after the race
    until the race is run and recorded).

    A named tuple, so that races sort by date.
    """

    date: date
    name: str = ""
    distance_m: float | None = None


@dataclass(frozen=True)
class PlannedRun:
    """A run the runner's plan puts on a future day (Garmin Coach, Runna, a coach's plan, the
    runner's own scheduled workouts), as the plan describes it. The core classifies it (long,
    quality, race or easy) from these facts; a plugin only reports them.
    """

    date: date
    #: the workout's name as the plan calls it ("Long Run 28 km", "6 x 800 m")
    name: str = ""
    #: planned distance in metres, where the plan gives one (or the plugin estimates it)
    distance_m: float | None = None
    #: planned duration in seconds, where the plan gives one (or the plugin estimates it)
    duration_s: float | None = None
    #: the plan marks it a race (a race event, a race-day workout)
    race: bool = False
    #: its structure holds repeated work intervals (so it is a quality session whatever its name)
    intervals: bool = False
    #: who planned it, for the reason text ("Runna", "Garmin Coach"); the plugin's name if unknown
    source: str = ""

    def __post_init__(self) -> None:
        _require(self, "date", date)
        _require(self, "name", str, empty_ok=True)
        _require(self, "source", str, empty_ok=True)
        for name in ("distance_m", "duration_s"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0
            ):
                raise TypeError(f"PlannedRun.{name} must be a number ≥ 0 or None, not {value!r}")
