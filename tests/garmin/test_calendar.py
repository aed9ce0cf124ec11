"""The Garmin calendar: month views read once per process, shared by the target and the race
calendar, forgotten on every change; race events told apart from everything else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hipcoach.errors import ServiceError
from hipcoach.plugins.values import RaceEvent
from hipcoach_garmin import GarminIntegration
from hipcoach_garmin.calendar import GarminRaceCalendar, race_event
from tests.garmin.conftest import API

NOVEMBER = f"{API}/calendar-service/year/2026/month/10"
DECEMBER = f"{API}/calendar-service/year/2026/month/11"


def event(item_id: int, day: str, title: str, *, race: object = True) -> dict[str, Any]:
    return {"id": item_id, "itemType": "event", "title": title, "date": day, "isRace": race}


def workout(item_id: int, day: str) -> dict[str, Any]:
    return {"id": item_id, "itemType": "workout", "workoutId": item_id + 1000, "date": day}


@pytest.mark.parametrize(
    ("item", "race"),
    [
        (
            event(1, "2026-12-06", "Valencia Marathon"),
            RaceEvent(date(2026, 12, 6), "Valencia Marathon"),
        ),
        (event(1, "2026-12-06", ""), RaceEvent(date(2026, 12, 6), "")),
        (event(1, "2026-12-06", "Club social run", race=False), None),
        (event(1, "2026-12-06", "Goal", race=None), None),
        (event(1, "2026-12-06", "Truthy is not true", race="true"), None),
        ({**event(1, "2026-12-06", "x"), "itemType": "workout"}, None),
        ({"id": 1, "itemType": "activity", "date": "2026-12-06", "isRace": True}, None),
        (event(1, "06/12/2026", "Bad date"), None),
        (event(1, None, "No date"), None),  # type: ignore[arg-type]
        ("not an item", None),
    ],
)
def test_race_event(item: object, race: RaceEvent | None) -> None:
    assert race_event(item) == race


@pytest.mark.parametrize(
    ("target", "metres"),
    [
        # Shapes as public clients read them from the month view (unverified: garmin.md §9,
        # Taxuspt/garmin_mcp's calendar events and their test fixtures).
        ({"value": 42195.0, "unit": "meter", "unitType": "distance"}, 42195.0),
        ({"value": 21.1, "unit": "kilometer", "unitType": "distance"}, 21100.0),
        ({"value": 10, "unit": "mile", "unitType": "distance"}, 16093.44),
        ({"value": 42195, "unitType": "distance"}, 42195.0),
        ({"value": 3600, "unit": "second", "unitType": "time"}, None),
        ({"value": 5, "unit": "furlong", "unitType": "distance"}, None),
        ({"value": -1, "unit": "meter", "unitType": "distance"}, None),
        ({"value": True, "unit": "meter", "unitType": "distance"}, None),
        (None, None),
        ("42 km", None),
    ],
)
def test_a_race_events_distance_is_its_completion_target(target: object, metres: object) -> None:
    item = {**event(1, "2026-12-06", "Valencia Marathon"), "completionTarget": target}
    found = race_event(item)
    assert found is not None
    assert found.distance_m == pytest.approx(metres) if metres else found.distance_m is None


def test_races_and_the_targets_entries_share_one_read_per_month(context, token_file, api) -> None:
    november = [
        workout(10, "2026-11-30"),
        event(11, "2026-11-29", "Turkey Trot"),
        event(12, "2026-12-06", "Valencia Marathon"),  # spills in from December
        event(13, "2026-11-28", "Club social run", race=False),
    ]
    api.get(NOVEMBER, json={"calendarItems": november})
    api.get(DECEMBER, json={"calendarItems": [event(12, "2026-12-06", "Valencia Marathon")]})
    garmin = GarminIntegration()
    races = garmin.race_calendar(context())
    target = garmin.workout_target(context())
    assert isinstance(races, GarminRaceCalendar) and target is not None
    assert races.races(date(2026, 11, 1), date(2026, 12, 31)) == [
        RaceEvent(date(2026, 11, 29), "Turkey Trot"),
        RaceEvent(date(2026, 12, 6), "Valencia Marathon"),
    ]
    assert [
        e.schedule_id for e in target.list_scheduled(date(2026, 11, 27), date(2026, 12, 10))
    ] == ["10"]
    assert races.races(date(2026, 11, 1), date(2026, 11, 30)) == [
        RaceEvent(date(2026, 11, 29), "Turkey Trot")
    ]
    assert len(api.calls) == 2  # one per month, whoever asked


def test_a_change_forgets_the_months_read(context, token_file, api) -> None:
    api.get(NOVEMBER, json={"calendarItems": []})
    api.post(f"{API}/workout-service/schedule/111", json={"workoutScheduleId": 555})
    api.get(NOVEMBER, json={"calendarItems": [workout(555, "2026-11-24")]})
    garmin = GarminIntegration()
    target = garmin.workout_target(context())
    races = garmin.race_calendar(context())
    assert target is not None and races is not None
    week = (date(2026, 11, 23), date(2026, 11, 29))
    assert target.list_scheduled(*week) == []
    target._marked.add("111")  # seen with the marker: no fetch before the change
    target.schedule("111", date(2026, 11, 24))
    assert [e.schedule_id for e in target.list_scheduled(*week)] == ["555"]
    assert races.races(*week) == []  # the month just read again, no third request
    assert [c.request.method for c in api.calls] == ["GET", "POST", "GET"]


def test_a_failed_change_forgets_the_months_too(context, token_file, api) -> None:
    """A write that failed may still have landed: the calendar is read again."""
    api.get(NOVEMBER, json={"calendarItems": []})
    api.delete(f"{API}/workout-service/schedule/555", status=400, json={"message": "no"})
    api.get(NOVEMBER, json={"calendarItems": []})
    target = GarminIntegration().workout_target(context())
    assert target is not None
    target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))
    target._entries["555"] = "111"  # read from the calendar as that workout's entry
    target._marked.add("111")
    with pytest.raises(ServiceError):
        target.unschedule("555", "111")
    target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))
    assert len(api.calls) == 3


def test_a_malformed_month_is_a_service_error_for_the_races_too(context, token_file, api) -> None:
    api.get(NOVEMBER, json={"calendarItems": {"not": "a list"}})
    races = GarminIntegration().race_calendar(context())
    assert races is not None
    with pytest.raises(ServiceError, match="malformed calendar"):
        races.races(date(2026, 11, 1), date(2026, 11, 30))


def test_no_race_calendar_without_a_token_file(context) -> None:
    assert GarminIntegration().race_calendar(context()) is None
