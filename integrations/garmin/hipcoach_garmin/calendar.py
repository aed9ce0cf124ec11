"""The Garmin Connect calendar, a month at a time, read once per month per process; and the
runner's races on it.

Cost: the month view (``get_scheduled_workouts(year, month)``, GET
``/calendar-service/year/{y}/month/{m-1}``) lists workouts, activities and events together, so
the race calendar and the workout target share one :class:`GarminCalendar`: a sync reads each
month of its window once, for its races and for its calendar entries alike. Any change the
target makes (create, update, schedule, unschedule, delete) forgets the months read, so that
nothing is ever decided on a calendar read before a change. A month whose read failed fails
again for every later reader in the process without a request: each request is made once a
night, and the next night reads it again.

Races (``reference/garmin.md`` §9): an event (``itemType`` ``"event"``) with ``isRace`` true;
any other event (a club run, a goal) is not one. Its distance is its ``completionTarget``
when that is a distance (``{"value": 42195.0, "unit": "meter", "unitType": "distance"}``, or
``21.1`` ``"kilometer"``: Garmin keeps the value in the unit the runner chose). That shape is
what public clients read from the month view, not a recorded response (unverified).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from hipcoach.errors import HipcoachError, ServiceError
from hipcoach.plugins.interfaces import RaceCalendar
from hipcoach.plugins.values import RaceEvent
from hipcoach_garmin.client import GarminConnection

log = logging.getLogger(__name__)


def months(start: date, end: date) -> Iterator[tuple[int, int]]:
    """(year, month) for every calendar month touching ``start`` … ``end`` (none if empty)."""
    if end < start:
        return
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class GarminCalendar:
    """The calendar's month views, each read once until :meth:`forget`."""

    def __init__(self, connection: GarminConnection) -> None:
        self.connection = connection
        self._months: dict[tuple[int, int], list[Any]] = {}
        self._failed: dict[tuple[int, int], HipcoachError] = {}

    def items(self, start: date, end: date) -> Iterator[Any]:
        """The items of every month view touching ``start`` … ``end`` (month views spill into
        the neighbouring months: the same item may come twice, and fall outside the range)."""
        for year, month in months(start, end):
            yield from self._month(year, month)

    def forget(self) -> None:
        """Drop the months read: the calendar may have changed."""
        self._months.clear()

    def _month(self, year: int, month: int) -> list[Any]:
        cached = self._months.get((year, month))
        if cached is not None:
            return cached
        failed = self._failed.get((year, month))
        if failed is not None:
            raise failed
        try:
            items = self._read_month(year, month)
        except HipcoachError as exc:
            self._failed[(year, month)] = exc
            raise
        self._months[(year, month)] = items
        return items

    def _read_month(self, year: int, month: int) -> list[Any]:
        with self.connection.call(f"reading the Garmin calendar for {year}-{month:02d}") as api:
            data = api.get_scheduled_workouts(year, month)
        items = data.get("calendarItems") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ServiceError("Garmin Connect sent a malformed calendar")
        return items


def race_event(item: object) -> RaceEvent | None:
    """The race a calendar item announces; None for anything else (a workout, an activity,
    an event that is not a race, an event without a readable date)."""
    if not isinstance(item, dict) or item.get("itemType") != "event":
        return None
    if item.get("isRace") is not True:
        return None  # a club run, a goal: on the calendar, but no race
    try:
        day = date.fromisoformat(str(item.get("date")))
    except ValueError:
        log.warning("ignoring a Garmin race event without a valid date: %r", item.get("date"))
        return None
    return RaceEvent(day, str(item.get("title") or ""), target_metres(item.get("completionTarget")))


#: ``completionTarget`` units → metres
_UNITS = {
    "meter": 1.0,
    "metre": 1.0,
    "kilometer": 1000.0,
    "kilometre": 1000.0,
    "mile": 1609.344,
    "yard": 0.9144,
    "foot": 0.3048,
}


def target_metres(target: object) -> float | None:
    """The race distance an event's ``completionTarget`` gives, in metres; None when it is
    no distance (a time goal) or unreadable."""
    if not isinstance(target, dict) or target.get("unitType") not in (None, "distance"):
        return None
    value, unit = target.get("value"), target.get("unit")
    unit = unit.get("unitKey") if isinstance(unit, dict) else unit
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    factor = _UNITS.get(str(unit).lower()) if unit is not None else 1.0
    return None if factor is None else float(value) * factor


class GarminRaceCalendar(RaceCalendar):
    """The race events the runner put on their Garmin Connect calendar."""

    def __init__(self, calendar: GarminCalendar) -> None:
        self.calendar = calendar

    def races(self, start: date, end: date) -> list[RaceEvent]:
        """Races on ``start`` … ``end``, from the month views (shared with the target)."""
        found = {race for item in self.calendar.items(start, end) if (race := race_event(item))}
        return sorted(race for race in found if start <= race.date <= end)
