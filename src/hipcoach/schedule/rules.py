"""An independent check of the scheduling hard rules (DESIGN.md) on any emitted schedule.

Written separately from the scheduler on purpose: the scheduler optimises, this module only
judges, so a bug in one is caught by the other. Races especially are gathered here from the
request's raw inputs (:func:`races_of`: the race dates, the recorded runs tagged race, and
every race of the runner's plan, run or not), not from the key days the scheduler works out,
so that a race the scheduler's view loses (a planned race once it is recorded) is still
checked.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from hipcoach.models import ScheduledSession
from hipcoach.schedule.history import KeyDay, monday
from hipcoach.schedule.scheduler import REST_AFTER_RACE, ScheduleRequest


def hard_rule_violations(
    sessions: Sequence[ScheduledSession], request: ScheduleRequest, max_per_week: int
) -> list[str]:
    """Every broken hard rule, as readable lines (empty = the schedule is valid)."""
    return date_violations([s.date for s in sessions], request, max_per_week)


def date_violations(days: Iterable[date], request: ScheduleRequest, max_per_week: int) -> list[str]:
    """Every hard rule broken by sessions on ``days`` (those on a watch, say)."""
    keys = request.key_days()
    races = races_of(request)
    dates = sorted(days)
    problems = [line for day in dates for line in _day_violations(day, keys, races, request)]
    problems += _spacing_violations(dates)
    problems += _weekly_violations(dates, races, max_per_week)
    return problems


def races_of(request: ScheduleRequest) -> dict[date, float]:
    """Every race the request knows of and its distance (metres; 0 when unknown): the race
    dates, the runs recorded as races, and every race of the runner's plan whether or not a
    run was recorded that day. A recorded run's distance counts; else the plan's, else the
    calendar's."""
    planned = {p.date: p.distance_m or 0.0 for p in request.planned if p.kind == "race"}
    days = set(request.races) | set(planned) | {r.date for r in request.runs if r.kind == "race"}
    found = {}
    for day in days:
        ran = max((r.distance_m for r in request.runs if r.date == day), default=0.0)
        found[day] = ran or planned.get(day) or request.race_metres.get(day) or 0.0
    return found


def _day_violations(
    day: date,
    keys: Mapping[date, KeyDay],
    races: Mapping[date, float],
    request: ScheduleRequest,
) -> list[str]:
    """Rules 1, 4, 5 and 6, the key-day and race-week rules and a pause, for a session on
    ``day``."""
    problems = []
    nxt = keys.get(day + timedelta(days=1))
    if nxt is not None:
        problems.append(f"{day}: rule 1, day before a {nxt.kind} on {nxt.date}")
    if day in keys:
        problems.append(f"{day}: session on a {keys[day].kind} day")
    for race in races:
        if race - timedelta(days=2) <= day <= race:
            problems.append(f"{day}: rule 4, within 2 days of the race on {race}")
        if monday(race) == monday(day) and (race - day).days < 3:
            problems.append(f"{day}: race week session less than 3 days before {race}")
    if day.weekday() in request.blocked_weekdays or day in request.blocked_dates:
        problems.append(f"{day}: rule 5, blocked day")
    problems += _after_race(day, races)
    for week in request.programme.weeks:
        if week.start == monday(day) and week.cancelled_from and day >= week.cancelled_from:
            problems.append(f"{day}: the pause from {week.cancelled_from} cancelled this week")
    return problems


def _after_race(day: date, races: Mapping[date, float]) -> list[str]:
    """Rule 6: nothing the day after a race, 3 days after 21 km or more, 5 after 42 km."""
    problems = []
    for race, metres in races.items():
        back = (day - race).days
        rest = next(days for least, days in REST_AFTER_RACE if metres >= least)
        if 1 <= back <= rest:
            problems.append(f"{day}: rule 6, {back} day(s) after the {metres / 1000:.0f} km race")
    return problems


def _spacing_violations(dates: Sequence[date]) -> list[str]:
    """Rule 2: a rest day between sessions."""
    return [
        f"{a} and {b}: rule 2, consecutive days (or twice a day)"
        for a, b in itertools.pairwise(dates)
        if (b - a).days < 2
    ]


def _weekly_violations(
    dates: Sequence[date], races: Iterable[date], max_per_week: int
) -> list[str]:
    """Rule 3: at most ``max_per_week`` sessions a week, one in a race week."""
    problems = []
    race_weeks = {monday(r) for r in races}
    for week, count in Counter(monday(d) for d in dates).items():
        race_week = week in race_weeks
        limit = 1 if race_week else max_per_week
        if count > limit:
            problems.append(f"week of {week}: rule 3, {count} sessions (at most {limit})")
    return problems


def full_weeks(start: date, end: date) -> list[date]:
    """Mondays of the ISO weeks lying wholly inside ``start`` … ``end``."""
    first = monday(start) if start.weekday() == 0 else monday(start) + timedelta(weeks=1)
    weeks = []
    while first + timedelta(days=6) <= end:
        weeks.append(first)
        first += timedelta(weeks=1)
    return weeks
