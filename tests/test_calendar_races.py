"""Races read from the runner's calendars: stored per calendar, replaced by month, used by
the planner without the network."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from hipcoach.config import Config
from hipcoach.errors import TemporaryError
from hipcoach.models import Run
from hipcoach.plugins.interfaces import RaceCalendar
from hipcoach.plugins.values import RaceEvent
from hipcoach.schedule import races as calendar_races
from hipcoach.schedule.planner import plan_from_state, programme_from_state
from hipcoach.schedule.races import month_span, refresh, stored_race_dates, upcoming_races
from hipcoach.state import StateDB, open_state

MONDAY = date(2026, 11, 23)


class Calendar(RaceCalendar):
    """Races by date; records what it was asked; fails when told to."""

    def __init__(self, *races: RaceEvent | date) -> None:
        self.items: list[RaceEvent | date] = list(races)
        self.asked: list[tuple[date, date]] = []
        self.fail = False

    def races(self, start: date, end: date) -> Sequence[RaceEvent | date]:
        self.asked.append((start, end))
        if self.fail:
            raise TemporaryError("calendar unavailable")
        return [
            r for r in self.items if start <= (r.date if isinstance(r, RaceEvent) else r) <= end
        ]


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateDB]:
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


@pytest.mark.parametrize(
    ("start", "end", "span"),
    [
        (date(2026, 11, 23), date(2026, 12, 6), (date(2026, 11, 1), date(2026, 12, 31))),
        (date(2026, 12, 20), date(2027, 1, 2), (date(2026, 12, 1), date(2027, 1, 31))),
        (date(2028, 2, 3), date(2028, 2, 16), (date(2028, 2, 1), date(2028, 2, 29))),
    ],
)
def test_month_span(start: date, end: date, span: tuple[date, date]) -> None:
    assert month_span(start, end) == span


def test_a_refresh_asks_for_whole_months_and_stores_the_races(state) -> None:
    calendar = Calendar(RaceEvent(date(2026, 12, 6), "Valencia Marathon"), date(2026, 11, 29))
    assert refresh([("garmin", calendar)], state, MONDAY, MONDAY + timedelta(days=13)) == []
    assert calendar.asked == [(date(2026, 11, 1), date(2026, 12, 31))]
    assert stored_race_dates(state) == [date(2026, 11, 29), date(2026, 12, 6)]
    stored = json.loads(state.get_meta(calendar_races.KEY) or "")
    assert stored["garmin"]["read"] == ["2026-11-01", "2026-12-31"]


def test_a_refresh_replaces_the_months_it_read_and_keeps_the_rest(state) -> None:
    calendar = Calendar(date(2026, 10, 4), date(2026, 11, 29), date(2027, 3, 7))
    refresh([("garmin", calendar)], state, date(2026, 10, 1), date(2027, 3, 31))
    calendar.items = [date(2026, 11, 28)]  # the runner moved the November race
    refresh([("garmin", calendar)], state, MONDAY, MONDAY + timedelta(days=6))
    # October (past) and March (ahead) were not read again: they stay.
    assert stored_race_dates(state) == [date(2026, 10, 4), date(2026, 11, 28), date(2027, 3, 7)]


def test_each_calendar_keeps_its_own_races(state) -> None:
    garmin, other = Calendar(date(2026, 11, 29)), Calendar(date(2026, 12, 6))
    refresh([("garmin", garmin), ("other", other)], state, MONDAY, MONDAY)
    other.items = []
    refresh([("other", other)], state, MONDAY, MONDAY + timedelta(days=20))
    assert stored_race_dates(state) == [date(2026, 11, 29)]


def test_an_unreadable_calendar_keeps_its_races_and_says_so(state) -> None:
    calendar = Calendar(date(2026, 11, 29))
    refresh([("garmin", calendar)], state, MONDAY, MONDAY)
    calendar.items, calendar.fail = [], True
    errors = refresh([("garmin", calendar)], state, MONDAY, MONDAY)
    assert [(name, str(error)) for name, error in errors] == [("garmin", "calendar unavailable")]
    assert stored_race_dates(state) == [date(2026, 11, 29)]


def test_what_is_not_a_race_is_ignored(state, caplog) -> None:
    from datetime import datetime

    calendar = Calendar(date(2026, 11, 29))
    # A plugin's wrong values, as they may come from any calendar: typed loosely on purpose.
    unusable: list[Any] = [
        date(2026, 11, 29),
        datetime(2026, 11, 30, 9),
        "2026-12-01",
        RaceEvent("2026-12-02", "text date"),  # type: ignore[arg-type]
        RaceEvent(date(2026, 12, 3), "Fine"),
    ]
    calendar.races = lambda start, end: unusable  # type: ignore[method-assign]
    assert refresh([("garmin", calendar)], state, MONDAY, MONDAY + timedelta(days=13)) == []
    assert stored_race_dates(state) == [date(2026, 11, 29), date(2026, 12, 3)]
    assert caplog.text.count("ignoring") == 3


def test_a_quiet_refresh_writes_nothing(state, monkeypatch) -> None:
    calendar = Calendar(date(2026, 11, 29))
    refresh([("garmin", calendar)], state, MONDAY, MONDAY)
    writes: list[str] = []
    monkeypatch.setattr(state, "set_meta", lambda key, value: writes.append(key))
    refresh([("garmin", calendar)], state, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2))
    assert writes == []


def test_a_damaged_store_reads_as_empty_and_is_rewritten(state) -> None:
    state.set_meta(calendar_races.KEY, "{not json")
    assert stored_race_dates(state) == []
    state.set_meta(calendar_races.KEY, json.dumps({"garmin": {"races": [{"date": "x"}, {}]}}))
    assert stored_race_dates(state) == []
    refresh([("garmin", Calendar(date(2026, 11, 29)))], state, MONDAY, MONDAY)
    assert stored_race_dates(state) == [date(2026, 11, 29)]


def test_upcoming_races_join_the_configs_and_keep_the_calendars_names(state) -> None:
    refresh(
        [("garmin", Calendar(RaceEvent(date(2026, 11, 29), "Turkey Trot"), date(2026, 11, 2)))],
        state,
        MONDAY,
        MONDAY,
    )
    configured = [date(2026, 11, 29), date(2026, 12, 13), date(2026, 11, 1)]
    assert upcoming_races(state, configured, MONDAY) == [
        RaceEvent(date(2026, 11, 29), "Turkey Trot"),
        RaceEvent(date(2026, 12, 13), ""),
    ]


def weekly_runs(weeks: int) -> list[Run]:
    first = MONDAY - timedelta(weeks=weeks)
    return [
        Run(
            id=f"r{w}-{d}",
            date=first + timedelta(weeks=w, days=d),
            distance_m=20_000 if d == 6 else 8_000,
            moving_time_s=6_600 if d == 6 else 2_700,
            sport="Run",
        )
        for w in range(weeks)
        for d in (1, 3, 6)
    ]


def test_the_planner_uses_the_stored_races(state) -> None:
    race = MONDAY + timedelta(days=12)  # Saturday of next week
    config = Config.model_validate({"athlete": {"start_date": "2026-11-02"}})
    runs = weekly_runs(6)
    before = plan_from_state(config, state, today=MONDAY, days=14, runs=runs)
    refresh([("garmin", Calendar(race))], state, MONDAY, MONDAY + timedelta(days=13))
    after = plan_from_state(config, state, today=MONDAY, days=14, runs=runs)
    assert race in after.request.races and race not in before.request.races
    near = {race + timedelta(days=d) for d in (-2, -1, 0, 1)}
    race_week = [s for s in after.sessions if s.date >= race - timedelta(days=race.weekday())]
    assert not {s.date for s in after.sessions} & near
    assert len(race_week) <= 1 and all(s.session.light for s in race_week)
    assert len([s for s in before.sessions if s.date >= race - timedelta(days=5)]) >= 2
    programme = programme_from_state(config, state, today=MONDAY, weeks=3)
    assert any(f"race on {race:%a %d %b}" in w.why for w in programme.weeks)
