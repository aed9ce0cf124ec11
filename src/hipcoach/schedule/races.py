"""Races on the runner's calendars (Garmin Connect's race events): read by the commands that
go online, kept in the state for the ones that do not.

Stored because ``schedule --offline``, ``plan``, ``report --offline`` and ``status`` never
touch the network, yet must keep a race the runner put on their calendar. The state's meta
table holds, per calendar (the plugin's name), the races last read and the range read (key
``calendar_races``). A refresh replaces that calendar's races within the range it read and
keeps the rest: a past race keeps counting as it did (its taper and the light session after
it), and a race further ahead stays known until its month is read again.

Calendars are read by whole months, the months of the window: what the Garmin target reads
for its calendar anyway, so the nightly sync reads no extra page for the races.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from hipcoach.errors import HipcoachError
from hipcoach.plugins.interfaces import RaceCalendar
from hipcoach.plugins.values import RaceEvent
from hipcoach.schedule.stored import StoredByPlugin, read_each
from hipcoach.timeutil import in_range

if TYPE_CHECKING:
    from hipcoach.state import StateDB

KEY = "calendar_races"
WHAT = "calendar races"
#: no race a distance is read for is longer (a multi-day ultra is 250 km)
MAX_RACE_METRES = 1_000_000

log = logging.getLogger(__name__)


def month_span(start: date, end: date) -> tuple[date, date]:
    """The first day of ``start``'s month and the last day of ``end``'s month."""
    after = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    return start.replace(day=1), after - timedelta(days=1)


def stored_races(state: StateDB) -> list[RaceEvent]:
    """Every calendar's stored races, by date (one per date and name)."""
    stored = StoredByPlugin(state, KEY, WHAT)
    return _unique(_races(item for _, item in stored.every("races")))


def stored_race_dates(state: StateDB) -> list[date]:
    """The dates of the stored calendar races (what the planner needs)."""
    return sorted({race.date for race in stored_races(state)})


def stored_race_distances(state: StateDB) -> dict[date, float]:
    """The distance (metres) the calendars give each stored race, where they give one (the
    longest, when two calendars disagree)."""
    found: dict[date, float] = {}
    for race in stored_races(state):
        if race.distance_m:
            found[race.date] = max(found.get(race.date, 0.0), race.distance_m)
    return found


def _unique(races: Iterable[RaceEvent]) -> list[RaceEvent]:
    """One race per date and name (the one with a distance, if any), by date."""
    found: dict[tuple[date, str], RaceEvent] = {}
    for race in races:
        key = (race.date, race.name)
        if key not in found or (race.distance_m or 0) > (found[key].distance_m or 0):
            found[key] = race
    return sorted(found.values(), key=lambda r: (r.date, r.name))


def upcoming_races(state: StateDB, configured: Iterable[date], today: date) -> list[RaceEvent]:
    """The races from ``today`` on: the config's and the calendars' (with their names), one
    per date."""
    named = {race.date: race for race in reversed(stored_races(state)) if race.date >= today}
    for day in configured:
        if day >= today:
            named.setdefault(day, RaceEvent(day))
    return sorted(named.values(), key=lambda race: race.date)


def refresh(
    calendars: Sequence[tuple[str, RaceCalendar]], state: StateDB, start: date, end: date
) -> list[tuple[str, HipcoachError]]:
    """Read the races of the months of ``start`` … ``end`` from each calendar and store them.

    A calendar that cannot be read keeps its stored races; its error is returned (with the
    calendar's name) for the caller to report. The state is written only when something
    changed, so a quiet night writes nothing here.
    """
    first, last = month_span(start, end)
    stored = StoredByPlugin(state, KEY, WHAT)
    read, errors = read_each(calendars, lambda calendar: calendar.races(first, last), WHAT)
    for name, answer in read:
        found = [_as_event(race, name) for race in answer]
        kept = [r for r in _races(stored.items(name, "races")) if not first <= r.date <= last]
        fresh = [r for r in found if r is not None and first <= r.date <= last]
        races = _unique([*kept, *fresh])
        items = [_item(r) for r in races]
        stored.replace(name, first, last, "races", items)
        log.info("%s calendar, %s … %s: %d race(s)", name, first, last, len(fresh))
    stored.save()
    return errors


def _item(race: RaceEvent) -> dict[str, Any]:
    item: dict[str, Any] = {"date": race.date.isoformat(), "name": race.name}
    if race.distance_m:
        item["distance_m"] = race.distance_m
    return item


def _as_event(race: object, calendar: str) -> RaceEvent | None:
    """A plugin's race as a :class:`RaceEvent` (a bare date is one too); None, and a warning,
    for anything else: one bad item must not cost the runner the other races."""
    if isinstance(race, RaceEvent) and _is_date(race.date):
        return RaceEvent(race.date, str(race.name or ""), _metres(race.distance_m))
    if _is_date(race):
        return RaceEvent(race)  # type: ignore[arg-type]
    log.warning("ignoring %r from the %s race calendar: not a race with a date", race, calendar)
    return None


def _metres(value: object) -> float | None:
    """A race distance: a plausible number of metres, else unknown."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 < value <= MAX_RACE_METRES else None


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _races(items: Iterable[Any]) -> list[RaceEvent]:
    races = []
    for item in items:
        try:
            day = in_range(date.fromisoformat(item["date"]))
            races.append(RaceEvent(day, str(item.get("name", "")), _metres(item.get("distance_m"))))
        except (TypeError, KeyError, ValueError, AttributeError):
            log.warning("ignoring a damaged stored calendar race: %r", item)
    return races
