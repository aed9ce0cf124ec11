"""Races of the runner's plan and calendar, before and after they are run: a race recorded
as Garmin records any run (event type "uncategorized") stays the race it was planned as, for
every rule about races (nothing the day after it, 3 days after 21 km, 5 after 42 km; the
first session after it light; race week one session at most)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from tests.garmin_shapes import garmin_activity
from tests.sync.runner import MONDAY, sync

pytestmark = pytest.mark.usefixtures("clock")

RACE_DAY = MONDAY + timedelta(days=6)  # Sunday


def dates(report: dict[str, Any]) -> list[date]:
    return sorted(date.fromisoformat(s["date"]) for s in report["sessions"])


def night(cli, watch, clock, day: date) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    clock.day = day
    watch.new_night()
    return sync(cli)


@pytest.mark.parametrize(("km", "rest"), [(10, 1), (21.1, 3), (42.2, 5)])
def test_a_planned_race_keeps_its_rest_once_it_is_run(cli, watch, clock, km, rest) -> None:
    watch.add_planned_run(RACE_DAY, "City race", distance_m=km * 1000, consumer="Runna", race=True)
    before = sync(cli)
    for day in dates(before):
        assert not RACE_DAY - timedelta(days=2) <= day <= RACE_DAY + timedelta(days=rest), day
    # Run, and recorded as Garmin records a run by default (event type "uncategorized").
    watch.activities.append(garmin_activity(RACE_DAY, km, minutes=km * 5.5, hour=9, name="Race"))
    after = night(cli, watch, clock, RACE_DAY + timedelta(days=1))
    placed = dates(after)
    assert placed, after
    assert all(day > RACE_DAY + timedelta(days=rest) for day in placed), placed
    first = after["sessions"][0]
    if date.fromisoformat(first["date"]) <= RACE_DAY + timedelta(days=7):  # the week after it
        assert "first session since your race on Sun 08 Nov" in first["reason"], first
        assert "light session" in first["reason"], first


def test_a_race_run_without_a_distance_keeps_the_planned_one(cli, watch, clock) -> None:
    """A treadmill or a watch without GPS records no distance: the plan's marathon still
    keeps five days free."""
    watch.add_planned_run(RACE_DAY, "Marathon", distance_m=42195, consumer="Runna", race=True)
    sync(cli)
    watch.activities.append(garmin_activity(RACE_DAY, 0, minutes=230, hour=9, name="Race"))
    after = night(cli, watch, clock, RACE_DAY + timedelta(days=1))
    assert all(day > RACE_DAY + timedelta(days=5) for day in dates(after)), dates(after)


def test_a_race_named_as_such_is_one(cli, watch, clock) -> None:
    """A plan that does not flag its race: "Valencia Marathon" is a race of 42 km by its
    name alone."""
    watch.add_planned_run(RACE_DAY, "Valencia Marathon", consumer="Runna")
    report = sync(cli)
    assert all(
        not RACE_DAY - timedelta(days=2) <= day <= RACE_DAY + timedelta(days=5)
        for day in dates(report)
    ), dates(report)
    runs = json.loads(cli("schedule", "--json", "--offline").stdout)["runs"]
    (race,) = [r for r in runs if r.get("planned")]
    assert (race["kind"], race["label"]) == ("race", "42 km race")


@pytest.mark.parametrize(
    ("target", "rest"), [((42195.0, "meter"), 5), ((21.1, "kilometer"), 3), (None, 1)]
)
def test_a_calendar_race_rests_by_its_completion_target(cli, watch, clock, target, rest) -> None:
    """A race event on the Garmin calendar gives its distance (``completionTarget``) before
    it is run; once run, the recorded distance counts."""
    watch.add_event(RACE_DAY, "Valencia Marathon", race=True, target=target)
    report = sync(cli)
    for day in dates(report):
        assert not RACE_DAY < day <= RACE_DAY + timedelta(days=rest), (day, rest)
    if rest == 1:  # a race without a distance counts as short until it is run
        assert RACE_DAY + timedelta(days=2) in dates(report)
    watch.activities.append(garmin_activity(RACE_DAY, 42.2, minutes=230, hour=9, name="Race"))
    after = night(cli, watch, clock, RACE_DAY + timedelta(days=1))
    assert all(day > RACE_DAY + timedelta(days=5) for day in dates(after)), dates(after)
