"""The plugin contract: what an integration may provide.

An integration is a class registered under the entry-point group ``hipcoach.integrations``.
It subclasses :class:`Integration` and offers any of: an activity source (runs in), a workout
target (workouts out), a completion source (what the runner did), a race calendar (the
runner's future races), a running plan (the runs planned ahead), exporters (files out) and an
``auth`` sub-command. Integrations import
their heavy libraries lazily, inside these methods, so ``hipcoach --help`` stays fast.

This module itself imports neither pydantic nor the domain model (``hipcoach auth --help``
imports every plugin, and so this module, just to list their sign-in commands); the values
plugins hand the core are in :mod:`.values`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import click

    from hipcoach.adherence.completions import CompletedActivity
    from hipcoach.models import Run, ScheduledSession, Session
    from hipcoach.plugins.values import (
        ActivityPage,
        PlannedRun,
        PluginContext,
        RaceEvent,
        RemoteScheduleEntry,
        RemoteWorkout,
    )


class ActivitySource(ABC):
    """Yields the runner's runs. Only running sports become :class:`Run`s."""

    @abstractmethod
    def fetch_runs(self, since: date) -> Iterator[Run]:
        """Runs on or after ``since`` (athlete-local), in any order."""

    def fetch_pages(self, since: date, resume: str | None = None) -> Iterator[ActivityPage]:
        """Runs on or after ``since`` a page at a time, from ``resume`` (a page's
        ``next_page``, kept by the core across runs) or the start.

        Sources that page override this, so that a long import interrupted by a rate limit
        keeps every page it got and the next run carries on; the default is one page.
        """
        from hipcoach.plugins.values import ActivityPage

        yield ActivityPage(runs=list(self.fetch_runs(since)))


class WorkoutTarget(ABC):
    """Creates, updates, schedules and deletes remote workouts that hipcoach owns.

    Implementations only do I/O and mapping; what to create, move or delete is decided once,
    by the core sync engine. They must never modify or delete a workout without the marker.
    """

    @abstractmethod
    def list_owned_workouts(self) -> list[RemoteWorkout]:
        """Every remote workout carrying the hipcoach marker (never one matched by name)."""

    @abstractmethod
    def list_scheduled(self, start: date, end: date) -> list[RemoteScheduleEntry]:
        """Every calendar entry of a workout on ``start`` … ``end`` (inclusive), whoever's.

        Must be cheap (the nightly sync calls it every night): read the calendar only. Items
        without a workout id (activities, notes, events, coach plans) are left out; which of
        the entries are hipcoach's, the core decides by workout id.
        """

    @abstractmethod
    def create_workout(self, session: Session) -> str:
        """Create the workout for ``session``; return its remote id."""

    @abstractmethod
    def update_workout(self, workout_id: str, session: Session) -> None:
        """Replace the content of an owned workout in place (same id)."""

    @abstractmethod
    def schedule(self, workout_id: str, on: date) -> str:
        """Put the workout on the calendar; return the schedule id."""

    @abstractmethod
    def unschedule(self, schedule_id: str, workout_id: str) -> None:
        """Remove one calendar entry of the owned workout ``workout_id``.

        Implementations check ownership themselves: refuse (ServiceError) unless the workout
        carries the marker and the entry is one of that workout's; an entry already gone
        counts as removed.
        """

    @abstractmethod
    def delete_workout(self, workout_id: str) -> None:
        """Delete an owned workout (refusing, like :meth:`unschedule`, one without the marker)."""

    def verify_workout(self, workout_id: str, session: Session) -> None:
        """Read back a workout just created or updated, once, and raise
        :class:`hipcoach.errors.ContentLost` if the target did not keep it as sent (Garmin
        blanks an exercise name it does not know). The default trusts the target."""
        return None

    def reschedule(self, schedule_id: str, workout_id: str, on: date) -> str:
        """Move one calendar entry of the owned workout ``workout_id`` to ``on``; return the
        entry's id afterwards.

        Targets that can move an entry in place (one request, the id kept) override this;
        the default takes the entry off and books the workout anew (a new id), with
        :meth:`unschedule`'s ownership checks; an entry already gone is just booked anew.
        """
        from contextlib import suppress

        from hipcoach.errors import RemoteNotFound

        with suppress(RemoteNotFound):
            self.unschedule(schedule_id, workout_id)
        return self.schedule(workout_id, on)

    def use_plan(self, sessions: Sequence[ScheduledSession]) -> None:
        """The sessions this sync plans, given before it changes anything (default: unused).

        A workout on most targets keeps its content between nights. A target whose calendar
        entry *is* the workout (an intervals.icu event) keeps these, so that :meth:`schedule`
        can write a whole entry for a session whose workout it did not make in this run.
        """
        return None


class RaceCalendar(ABC):
    """The runner's races as they put them on a calendar (e.g. Garmin Connect's race events).

    The core stores what it reads, so that the commands that plan offline keep the races, and
    passes them to the planner with the config's and ``--race`` ones: no session on a race
    day, the 2 days before or the day after; race week at most one light session; the 10
    days before hold progression.
    """

    @abstractmethod
    def races(self, start: date, end: date) -> Sequence[RaceEvent | date]:
        """The races on ``start`` … ``end`` (inclusive; the core asks for whole months).

        Must be cheap: the nightly sync asks every night for the months of its window (a
        calendar that a workout target reads anyway should share those reads). Events that
        are not races (a club run, a goal) are left out.
        """


class RunningPlan(ABC):
    """The runner's running plan: the runs it puts on the days ahead (DESIGN "The runner's
    running plan comes first"). Where the plan has runs, they replace the scheduler's
    prediction; only hipcoach's own workouts and other sports are left out by the plugin."""

    @abstractmethod
    def planned_runs(self, start: date, end: date) -> Sequence[PlannedRun]:
        """The planned runs on ``start`` … ``end`` (inclusive, athlete-local dates).

        Must be cheap (the nightly sync asks every night): read the window once, sharing
        reads the plugin's workout target or race calendar makes anyway. A plan that read
        some runs but failed on others (one workout's steps) raises
        :class:`hipcoach.errors.IncompleteRead` with the runs it has: they are kept, and the
        failure is that night's error.
        """

    def remember(self, memory: MutableMapping[str, Any]) -> None:
        """Take the place where this plan keeps what it learnt between nights, before
        :meth:`planned_runs`: the core keeps ``memory`` in the state, per plugin, and hands
        it back the next night as the plan left it (JSON values only; keep it small). So a
        planned workout's structure is read once, not every night. The default keeps
        nothing."""
        return None


class Exporter(ABC):
    """Writes scheduled sessions to files."""

    #: what ``hipcoach export <format>`` calls it
    format: ClassVar[str]
    #: one line for ``--help`` and ``hipcoach plugins``
    summary: ClassVar[str] = ""

    @abstractmethod
    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        """Write the files into ``out_dir`` (created if needed); return their paths."""


class CompletionSource(ABC):
    """Yields the strength sessions the runner recorded (the core matches them to sessions)."""

    @abstractmethod
    def fetch_completions(
        self, since: date, known: Mapping[str, str]
    ) -> Iterator[CompletedActivity]:
        """Every strength activity recorded on or after ``since`` (athlete-local dates).

        ``known`` maps the activity ids already stored to their fingerprints: an activity
        listed again with the same fingerprint may come without ``sets`` (the stored ones
        are kept), so set detail is read once per new or edited activity. One that is no
        longer listed is taken as deleted.
        """


class Integration:
    """Base class of every integration plugin. Override what you provide."""

    #: the plugin's name (the entry-point name must match)
    name: ClassVar[str] = ""
    #: one line for ``hipcoach plugins``
    summary: ClassVar[str] = ""
    #: with no ``[integrations] source`` configured, the set-up sources are tried in this
    #: order (lower first; ties by name)
    source_preference: ClassVar[int] = 100

    def activity_source(self, context: PluginContext) -> ActivitySource | None:
        """The source, or None when this integration is not configured."""
        return None

    def workout_target(self, context: PluginContext) -> WorkoutTarget | None:
        """The target, or None when this integration is not configured."""
        return None

    def completion_source(self, context: PluginContext) -> CompletionSource | None:
        """The completed-session source, or None when this integration is not configured."""
        return None

    def race_calendar(self, context: PluginContext) -> RaceCalendar | None:
        """The runner's race calendar, or None when this integration is not configured."""
        return None

    def running_plan(self, context: PluginContext) -> RunningPlan | None:
        """The runner's running plan, or None when this integration is not configured."""
        return None

    def exporters(self) -> Sequence[type[Exporter]]:
        """Exporter classes this integration adds to ``hipcoach export``."""
        return ()

    def kept_files(self, context: PluginContext) -> Mapping[str, Path]:
        """The files this integration keeps for the runner (token stores), by name, whether
        they exist yet or not: ``hipcoach paths`` lists them, so that a runner can find
        (and, uninstalling, delete) every file hipcoach keeps, outside the home too."""
        return {}

    def auth_command(self) -> click.Command | None:
        """A click command mounted as ``hipcoach auth <name>``."""
        return None

    def capabilities(self) -> list[str]:
        """What this integration offers, derived from the methods it overrides."""
        caps = []
        for method, label in (
            ("activity_source", "source"),
            ("workout_target", "target"),
            ("completion_source", "completions"),
            ("race_calendar", "races"),
            ("running_plan", "plan"),
            ("auth_command", "auth"),
        ):
            if getattr(type(self), method) is not getattr(Integration, method):
                caps.append(label)
        caps += [f"export:{e.format}" for e in self.exporters()]
        return caps
