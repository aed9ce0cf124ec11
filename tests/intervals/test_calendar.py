"""The runner's intervals.icu calendar as a running plan and a race calendar: planned runs of
running types with their planned distance and duration, races, nothing else; one read of the
window's months shared with the workout target."""

from __future__ import annotations

from datetime import date, timedelta

from hipcoach.plugins.values import PlannedRun, RaceEvent
from hipcoach.schedule.races import month_span
from hipcoach_intervals import IntervalsIntegration
from tests.intervals.conftest import context_for
from tests.intervals_shapes import note, planned_run, race

START = date(2026, 11, 30)
END = START + timedelta(days=13)


def test_planned_runs_and_races_come_from_one_read_shared_with_the_target(fake, home, key_file):
    fake.add_event(planned_run(START + timedelta(days=6), "Long run 28 km", km=28, minutes=170))
    fake.add_event(planned_run(START + timedelta(days=1), "6 x 800 m", minutes=55, repeats=6))
    fake.add_event(race(START + timedelta(days=12), "Winter Half", 21.1, category="RACE_B"))
    fake.add_event(note(START + timedelta(days=2), "Travel"))
    fake.add_event({**planned_run(START, "Turbo"), "type": "VirtualRide"})
    integration, context = IntervalsIntegration(), context_for(home)
    races, plan = integration.race_calendar(context), integration.running_plan(context)
    target = integration.workout_target(context)
    assert races is not None and plan is not None and target is not None
    first, last = month_span(START, END)
    assert races.races(first, last) == [RaceEvent(START + timedelta(days=12), "Winter Half")]
    runs = plan.planned_runs(START, END)
    assert runs == [
        PlannedRun(
            START + timedelta(days=1), "6 x 800 m", None, 3300.0, False, True, "intervals.icu"
        ),
        PlannedRun(
            START + timedelta(days=6),
            "Long run 28 km",
            28000.0,
            10200.0,
            False,
            False,
            "intervals.icu",
        ),
        PlannedRun(
            START + timedelta(days=12), "Winter Half", 21100.0, None, True, False, "intervals.icu"
        ),
    ]
    assert target.list_scheduled(START, END) == []  # the runner's events carry no external_id
    assert fake.requests == [("GET", "/api/v1/athlete/i434414/events")]
    # The months of the window, and two weeks on each side (a plan's whole weeks, the past
    # week the sync looks back at).
    assert fake.queries == [
        {"oldest": str(first - timedelta(days=14)), "newest": str(last + timedelta(days=14))}
    ]


def test_a_calendar_that_is_not_a_list_is_69(fake, home, key_file):
    import pytest
    import responses

    from hipcoach.errors import ServiceError

    plan = IntervalsIntegration().running_plan(context_for(home))
    assert plan is not None
    with responses.RequestsMock() as mock:
        mock.add("GET", "https://intervals.icu/api/v1/athlete/i434414/events", json={"x": 1})
        with pytest.raises(ServiceError, match="instead of a list of events"):
            plan.planned_runs(START, END)
