"""intervals.icu integration: runs from any watch intervals.icu hears from (Garmin, COROS,
Polar, Suunto, Wahoo), the runner's planned runs and races, hip sessions as events on its
calendar, and the strength sessions done (``reference/intervals.md``).

Registered under the ``hipcoach.integrations`` entry point as ``intervals``, like any
third-party plugin. This module imports nothing heavy (no requests, no pydantic): the CLI
imports every plugin to list them, so each capability imports what it needs when it is used.

One API key serves everything, so one client, one calendar and one activity list per home
serve every capability in a process: a quiet night reads the activity window once (runs and
completed sessions) and the calendar's months once (races, planned runs, hipcoach's events).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipcoach.plugins.interfaces import Integration

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from hipcoach.plugins.values import PluginContext
    from hipcoach_intervals.calendar import IntervalsCalendar, IntervalsPlan, IntervalsRaceCalendar
    from hipcoach_intervals.client import IntervalsClient
    from hipcoach_intervals.done import IntervalsCompletions
    from hipcoach_intervals.source import IntervalsActivityList, IntervalsSource
    from hipcoach_intervals.target import IntervalsTarget

__all__ = ["IntervalsIntegration"]


class _Account:
    """What one key reaches: the client, the calendar, the activity list."""

    def __init__(self, client: IntervalsClient) -> None:
        from hipcoach_intervals.calendar import IntervalsCalendar
        from hipcoach_intervals.source import IntervalsActivityList

        self.client = client
        self.calendar: IntervalsCalendar = IntervalsCalendar(client)
        self.activities: IntervalsActivityList = IntervalsActivityList(client)


class IntervalsIntegration(Integration):
    """Reads runs, the running plan and races from intervals.icu; puts sessions on its
    calendar; reads back the strength sessions done."""

    name = "intervals"
    summary = (
        "intervals.icu: runs from any watch, your planned runs and races, hip sessions as "
        "events on its calendar (reaching COROS, Polar, Suunto, Wahoo), strength sessions done"
    )
    #: after Strava's tags and Garmin's own list: a runner with Garmin too reads one service
    source_preference = 30

    def __init__(self) -> None:
        self._accounts: dict[Path, _Account | None] = {}

    def account(self, context: PluginContext) -> _Account | None:
        """The key's client, calendar and activity list; None when intervals.icu is not set
        up (no ``INTERVALS_API_KEY`` and no key saved by ``hipcoach auth intervals``)."""
        home = context.home.root
        if home not in self._accounts:
            from hipcoach_intervals.client import IntervalsClient
            from hipcoach_intervals.tokens import resolve

            credentials = resolve(context)
            self._accounts[home] = (
                None if credentials is None else _Account(IntervalsClient(credentials))
            )
        return self._accounts[home]

    def activity_source(self, context: PluginContext) -> IntervalsSource | None:
        """Runs from intervals.icu's activity list."""
        account = self.account(context)
        if account is None:
            return None
        from hipcoach_intervals.source import IntervalsSource

        return IntervalsSource(account.activities)

    def completion_source(self, context: PluginContext) -> IntervalsCompletions | None:
        """``WeightTraining`` activities, from the same read as the runs."""
        account = self.account(context)
        if account is None:
            return None
        from hipcoach_intervals.done import IntervalsCompletions

        return IntervalsCompletions(account.activities)

    def workout_target(self, context: PluginContext) -> IntervalsTarget | None:
        """Sessions as ``WeightTraining`` events on the intervals.icu calendar."""
        account = self.account(context)
        if account is None:
            return None
        from hipcoach import timeutil
        from hipcoach_intervals.target import IntervalsTarget

        return IntervalsTarget(
            account.client, account.calendar, today=lambda: timeutil.today(context.tz)
        )

    def race_calendar(self, context: PluginContext) -> IntervalsRaceCalendar | None:
        """``RACE_A``/``RACE_B``/``RACE_C`` events."""
        account = self.account(context)
        if account is None:
            return None
        from hipcoach_intervals.calendar import IntervalsRaceCalendar

        return IntervalsRaceCalendar(account.calendar)

    def running_plan(self, context: PluginContext) -> IntervalsPlan | None:
        """Planned ``WORKOUT`` events of a running type, and races."""
        account = self.account(context)
        if account is None:
            return None
        from hipcoach_intervals.calendar import IntervalsPlan

        return IntervalsPlan(account.calendar)

    def calendar(self, context: PluginContext) -> IntervalsCalendar | None:
        """The calendar shared by the target, the races and the plan."""
        account = self.account(context)
        return None if account is None else account.calendar

    def kept_files(self, context: PluginContext) -> dict[str, Path]:
        """The API key file (``hipcoach auth intervals`` writes it)."""
        from hipcoach_intervals.tokens import token_path

        return {"key": token_path(context)}

    def auth_command(self) -> click.Command:
        """``hipcoach auth intervals``."""
        from hipcoach_intervals.auth import command

        return command
