"""The intervals.icu calendar (``GET /athlete/{id}/events?oldest=&newest=``), read once per
range per process, and what the runner put on it: their planned runs and their races.

Cost: one list of events holds the runner's planned workouts, their races and hipcoach's
sessions alike, so the race calendar, the running plan and the workout target share one
:class:`IntervalsCalendar`: the nightly sync reads the months of its window once (the races
are read first, by whole months), with :data:`MARGIN_DAYS` more on each side, so that the
running plan's whole weeks around the window and the past week the sync looks back at are
answered from memory too. Both dates are always sent: without ``newest`` intervals.icu
returns one week. Whatever the target changes, the ranges read are forgotten, so that nothing
is decided on a calendar read before a change. The order of the list is unverified: nothing
here relies on it.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from hipcoach.plugins.interfaces import RaceCalendar, RunningPlan
from hipcoach.plugins.values import PlannedRun, RaceEvent
from hipcoach_intervals.client import IntervalsClient
from hipcoach_intervals.errors import malformed
from hipcoach_intervals.events import event_day, planned_run, race_event

log = logging.getLogger(__name__)

#: days read beyond each end of a range asked for: a plan's ISO weeks reach past the months
#: of the window by up to nine days, the week a sync looks back at by up to seven
MARGIN_DAYS = 14


class IntervalsCalendar:
    """The events of the ranges read, until :meth:`forget`."""

    def __init__(self, client: IntervalsClient) -> None:
        self.client = client
        self._read: list[tuple[date, date, list[dict[str, Any]]]] = []

    def events(self, start: date, end: date) -> list[dict[str, Any]]:
        """Every event starting on ``start`` … ``end`` (inclusive, local dates)."""
        covering = next((items for s, e, items in self._read if s <= start and end <= e), None)
        if covering is None:
            first, last = start - timedelta(days=MARGIN_DAYS), end + timedelta(days=MARGIN_DAYS)
            covering = self._fetch(first, last)
            self._read.append((first, last, covering))
        return [e for e in covering if (day := event_day(e)) is not None and start <= day <= end]

    def forget(self) -> None:
        """Drop what was read: the calendar may have changed."""
        self._read.clear()

    def _fetch(self, start: date, end: date) -> list[dict[str, Any]]:
        action = f"reading the intervals.icu calendar of {start} … {end}"
        params = {"oldest": start.isoformat(), "newest": end.isoformat()}
        items = self.client.get(self.client.athlete("/events"), action=action, params=params)
        if items is None:
            items = []
        if not isinstance(items, list):
            raise malformed(action, f"a {type(items).__name__} instead of a list of events")
        events = [item for item in items if isinstance(item, dict)]
        if len(events) != len(items):
            log.warning(
                "intervals.icu: %d calendar item(s) that are not events ignored",
                len(items) - len(events),
            )
        log.info("intervals.icu: calendar of %s … %s: %d event(s)", start, end, len(events))
        return events


class IntervalsRaceCalendar(RaceCalendar):
    """The runner's ``RACE_A``/``RACE_B``/``RACE_C`` events."""

    def __init__(self, calendar: IntervalsCalendar) -> None:
        self.calendar = calendar

    def races(self, start: date, end: date) -> list[RaceEvent]:
        """Races on ``start`` … ``end`` (shared with the target's read of the calendar)."""
        found = {race for e in self.calendar.events(start, end) if (race := race_event(e))}
        return sorted(found)


class IntervalsPlan(RunningPlan):
    """The runner's planned runs (``WORKOUT`` events of a running type) and races, as
    intervals.icu's calendar holds them (a coach's plan, intervals.icu's own plans, or one
    imported from elsewhere)."""

    def __init__(self, calendar: IntervalsCalendar) -> None:
        self.calendar = calendar

    def planned_runs(self, start: date, end: date) -> list[PlannedRun]:
        """Planned runs and races on ``start`` … ``end``, by date."""
        runs = [run for e in self.calendar.events(start, end) if (run := planned_run(e))]
        return sorted(runs, key=lambda run: (run.date, run.name))
