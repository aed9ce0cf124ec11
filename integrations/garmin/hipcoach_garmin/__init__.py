"""Garmin Connect integration: structured strength workouts on the watch, FIT files, the
runner's runs from Garmin Connect's activity list, the races on its calendar and the running
plan scheduled there (one sign-in does everything).

Registered under the ``hipcoach.integrations`` entry point as ``garmin``. This module imports
nothing heavy (no garminconnect, garmin_fit_sdk or requests): the CLI imports every plugin to
list them, so each capability imports its library only when it is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hipcoach.plugins.interfaces import Exporter, Integration

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from hipcoach.plugins.values import PluginContext
    from hipcoach_garmin.calendar import GarminCalendar, GarminRaceCalendar
    from hipcoach_garmin.client import GarminConnection
    from hipcoach_garmin.done import GarminCompletions
    from hipcoach_garmin.plan import GarminPlan
    from hipcoach_garmin.source import GarminActivityList, GarminSource
    from hipcoach_garmin.target import GarminTarget

__all__ = ["GarminIntegration"]


class GarminIntegration(Integration):
    """Pushes sessions to Garmin Connect; reads runs and races from it; writes Garmin JSON and
    FIT."""

    name = "garmin"
    summary = (
        "Garmin Connect strength workouts on your calendar and watch; runs from your "
        "Garmin activities; races and your running plan from your Garmin calendar; FIT "
        "workout files"
    )
    #: Strava's manual long-run and race tags make it the better source when both are set up.
    source_preference = 20

    def __init__(self) -> None:
        # One client per token file: a sync that reads runs and writes workouts loads (and
        # refreshes) the tokens once, and reads each activity page once.
        self._connections: dict[Path, GarminConnection] = {}
        self._activity_lists: dict[Path, GarminActivityList] = {}
        # Likewise one calendar: the races and the target's entries come from the same months.
        self._calendars: dict[Path, GarminCalendar] = {}

    def _connection(self, context: PluginContext) -> GarminConnection | None:
        from hipcoach_garmin.mfa import discard_stale
        from hipcoach_garmin.tokens import is_own_store, token_file

        discard_stale(context)  # a sign-in left waiting for its code keeps a day at most
        path = token_file(context)
        if not path.is_file():
            return None
        if path not in self._connections:
            from hipcoach_garmin.client import GarminConnection

            self._connections[path] = GarminConnection(path, own_store=is_own_store(context, path))
        return self._connections[path]

    def activity_list(self, context: PluginContext) -> GarminActivityList | None:
        """The runner's Garmin activity list (shared by the run and completion sources)."""
        connection = self._connection(context)
        if connection is None:
            return None
        path = connection.token_file
        if path not in self._activity_lists:
            from hipcoach_garmin.source import GarminActivityList

            self._activity_lists[path] = GarminActivityList(connection)
        return self._activity_lists[path]

    def activity_source(self, context: PluginContext) -> GarminSource | None:
        """Runs from Garmin Connect when a token file exists."""
        activities = self.activity_list(context)
        if activities is None:
            return None
        from hipcoach_garmin.source import GarminSource

        return GarminSource(activities)

    def completion_source(self, context: PluginContext) -> GarminCompletions | None:
        """The strength sessions recorded on the watch, when a token file exists."""
        activities = self.activity_list(context)
        if activities is None:
            return None
        from hipcoach_garmin.done import GarminCompletions

        return GarminCompletions(activities)

    def calendar(self, context: PluginContext) -> GarminCalendar | None:
        """The runner's Garmin calendar (shared by the target and the race calendar)."""
        connection = self._connection(context)
        if connection is None:
            return None
        path = connection.token_file
        if path not in self._calendars:
            from hipcoach_garmin.calendar import GarminCalendar

            self._calendars[path] = GarminCalendar(connection)
        return self._calendars[path]

    def workout_target(self, context: PluginContext) -> GarminTarget | None:
        """The Garmin target when a token file exists (``hipcoach auth garmin`` writes one)."""
        calendar = self.calendar(context)
        if calendar is None:
            return None
        from hipcoach_garmin.target import GarminTarget

        connection = calendar.connection
        return GarminTarget(connection.token_file, connection=connection, calendar=calendar)

    def race_calendar(self, context: PluginContext) -> GarminRaceCalendar | None:
        """Race events on the runner's Garmin calendar, when a token file exists."""
        calendar = self.calendar(context)
        if calendar is None:
            return None
        from hipcoach_garmin.calendar import GarminRaceCalendar

        return GarminRaceCalendar(calendar)

    def running_plan(self, context: PluginContext) -> GarminPlan | None:
        """The running workouts scheduled on the runner's Garmin calendar (Garmin Coach,
        Runna, a coach's or their own), when a token file exists."""
        calendar = self.calendar(context)
        if calendar is None:
            return None
        from hipcoach_garmin.plan import GarminPlan

        return GarminPlan(calendar)

    def kept_files(self, context: PluginContext) -> dict[str, Path]:
        """The token file (``GARMINTOKENS`` or ``[garmin] tokenstore`` may put it outside
        the home)."""
        from hipcoach_garmin.tokens import token_file

        return {"tokens": token_file(context)}

    def exporters(self) -> Sequence[type[Exporter]]:
        """``export garmin-json`` and ``export fit``."""
        from hipcoach_garmin.exporters import FitExporter, GarminJsonExporter

        return (GarminJsonExporter, FitExporter)

    def auth_command(self) -> click.Command:
        """``hipcoach auth garmin``."""
        from hipcoach_garmin.auth import command

        return command
