"""Garmin Connect as the runner's running plan, on the real garminconnect client, every request
answered by responses.

The by-period answer's shape is UNVERIFIED (``reference/garmin.md`` §10: no recorded response
of GET /workout-service/schedule/workoutScheduleByPeriod is public). The entries below use the
keys public clients read from Connect's GraphQL relative (``workoutScheduleSummariesScalar``:
``scheduledWorkoutId``, ``workoutId``, ``workoutName``, ``workoutType``, ``scheduleDate``,
``estimatedDurationInSecs``, ``estimatedDistanceInMeters``, ``fbtAdaptivePlanId``,
``isRestDay``, ``race``) and those of the schedule entry (``calendarDate``, ``workout``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from responses import matchers

from hipcoach.errors import ExitCode, IncompleteRead, RateLimited, TemporaryError
from hipcoach.plugins.values import PlannedRun
from hipcoach_garmin import GarminIntegration
from hipcoach_garmin.calendar import GarminCalendar
from hipcoach_garmin.client import GarminConnection
from hipcoach_garmin.plan import GarminPlan, planned_run, step_totals
from tests.garmin.conftest import API

BY_PERIOD = f"{API}/workout-service/schedule/workoutScheduleByPeriod"
START, END = date(2026, 11, 23), date(2026, 12, 13)
NOVEMBER = f"{API}/calendar-service/year/2026/month/10"
DECEMBER = f"{API}/calendar-service/year/2026/month/11"


def summary(day: str, name: str, sport: str = "running", **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "scheduledWorkoutId": 9100,
        "workoutId": 9200,
        "workoutUuid": None,
        "workoutName": name,
        "workoutType": sport,
        "scheduleDate": day,
        "estimatedDurationInSecs": None,
        "estimatedDistanceInMeters": None,
        "trainingPlanId": None,
        "fbtAdaptivePlanId": None,
        "tpPlanName": None,
        "isRestDay": False,
        "race": False,
        "associatedActivityId": None,
    }
    return {**entry, **extra}


def plan(token_file: Path) -> GarminPlan:
    return GarminPlan(GarminCalendar(GarminConnection(token_file)))


def step(kind: int, value: float, step_type: int = 3) -> dict[str, Any]:
    """A running step: distance (3, metres) or time (2, seconds)."""
    return {
        "type": "ExecutableStepDTO",
        "stepType": {"stepTypeId": step_type},
        "endCondition": {"conditionTypeId": kind},
        "endConditionValue": value,
    }


#: 2 km warm-up, 6 × (800 m hard + 90 s jog), 2 km cool-down
INTERVALS = {
    "workoutId": 9300,
    "sportType": {"sportTypeId": 1, "sportTypeKey": "running"},
    "workoutSegments": [
        {
            "segmentOrder": 1,
            "workoutSteps": [
                step(3, 2000, step_type=1),
                {
                    "type": "RepeatGroupDTO",
                    "numberOfIterations": 6,
                    "workoutSteps": [step(3, 800), step(2, 90, step_type=4)],
                },
                step(3, 2000, step_type=2),
            ],
        }
    ],
}


def test_one_read_gives_the_running_workouts_of_the_window(token_file: Path, api) -> None:
    api.get(
        BY_PERIOD,
        match=[matchers.query_param_matcher({"startDate": "2026-11-23", "endDate": "2026-12-13"})],
        json=[
            summary(
                "2026-11-29",
                "Long Run",
                estimatedDistanceInMeters=28000.0,
                estimatedDurationInSecs=9600,
                consumerName="Runna",
            ),
            summary("2026-11-24", "Base", estimatedDurationInSecs=2700, fbtAdaptivePlanId=31),
            # Garmin Coach's adaptive run, not on the calendar yet: no ids at all.
            summary(
                "2026-11-26",
                "Tempo",
                scheduledWorkoutId=None,
                workoutId=None,
                estimatedDurationInSecs=3000,
                fbtAdaptivePlanId=31,
            ),
            summary("2026-11-27", "Hip strength", "strength_training"),  # hipcoach's or not
            summary("2026-11-28", "Leg day", "strength_training"),
            summary("2026-11-25", "Commute", "cycling", estimatedDurationInSecs=3600),
            summary("2026-11-30", "Rest", isRestDay=True),
            summary("2026-12-06", "City 10K", race=True, estimatedDistanceInMeters=10000.0),
        ],
    )
    runs = plan(token_file).planned_runs(START, END)
    assert runs == [
        PlannedRun(date(2026, 11, 24), "Base", None, 2700.0, source="Garmin Coach"),
        PlannedRun(date(2026, 11, 26), "Tempo", None, 3000.0, source="Garmin Coach"),
        PlannedRun(date(2026, 11, 29), "Long Run", 28000.0, 9600.0, source="Runna"),
        PlannedRun(date(2026, 12, 6), "City 10K", 10000.0, race=True, source="Garmin Connect"),
    ]
    assert len(api.calls) == 1


def test_a_run_without_estimates_is_measured_from_its_steps_once(token_file: Path, api) -> None:
    api.get(
        BY_PERIOD,
        json=[
            summary("2026-11-25", "Wednesday session", workoutId=9300),
            summary("2026-12-02", "Wednesday session", workoutId=9300, scheduledWorkoutId=9101),
        ],
    )
    api.get(f"{API}/workout-service/workout/9300", json=INTERVALS)
    first, second = plan(token_file).planned_runs(START, END)
    assert (first.distance_m, first.duration_s, first.intervals) == (8800.0, 540.0, True)
    assert second.intervals and second.date == date(2026, 12, 2)
    assert len(api.calls) == 2  # the workout is read once for both entries


def test_step_totals() -> None:
    assert step_totals(INTERVALS) == (8800.0, 540.0, True)
    steady = {"workoutSegments": [{"workoutSteps": [step(2, 3600)]}]}
    assert step_totals(steady) == (None, 3600.0, False)
    assert step_totals(None) == (None, None, False)
    assert step_totals({"workoutSegments": [None, {"workoutSteps": ["x", {}]}]}) == (
        None,
        None,
        False,
    )


def test_hipcoach_own_workouts_and_other_sports_are_never_planned_runs() -> None:
    ours = summary("2026-11-25", "hipcoach 2026-W48-2 · Hip strength", "strength_training")
    assert planned_run(ours) is None
    marked = summary("2026-11-25", "Run", description="x [hipcoach:2026-W48-2]")
    assert planned_run(marked) is None  # the marker, whatever the sport
    assert planned_run(summary("2026-11-25", "Swim", "lap_swimming")) is None
    assert planned_run(summary("not a date", "Run")) is None
    assert planned_run("nonsense") is None
    # The schedule entry's own shape is read too.
    entry = {
        "workoutScheduleId": 5,
        "calendarDate": "2026-11-25",
        "workout": {
            "workoutId": 7,
            "workoutName": "Progression run",
            "sportType": {"sportTypeKey": "running"},
            "estimatedDistanceInMeters": 12000,
        },
    }
    found = planned_run(entry)
    assert found is not None and (found.name, found.distance_m) == ("Progression run", 12000.0)


@pytest.mark.parametrize(
    "answer", [{"status": 404}, {"json": {"message": "maintenance"}, "status": 200}]
)
def test_an_unusable_view_falls_back_to_the_calendar(token_file: Path, api, answer) -> None:
    api.get(BY_PERIOD, **answer)
    items = [
        {
            "id": 1,
            "itemType": "workout",
            "workoutId": 2,
            "date": "2026-11-29",
            "title": "Long",
            "sportTypeKey": "running",
        },
        {
            "id": 3,
            "itemType": "workout",
            "workoutId": 4,
            "date": "2026-11-28",
            "title": "Hips",
            "sportTypeKey": "strength_training",
        },
        {
            "id": 5,
            "itemType": "activity",
            "date": "2026-11-24",
            "title": "Run",
            "sportTypeKey": "running",
        },
    ]
    api.get(NOVEMBER, json={"calendarItems": items})
    api.get(DECEMBER, json={"calendarItems": []})
    api.get(f"{API}/workout-service/workout/2", json={"workoutId": 2, "workoutSegments": []})
    (found,) = plan(token_file).planned_runs(START, END)
    assert (found.date, found.name, found.source) == (date(2026, 11, 29), "Long", "Garmin Connect")


def test_a_wrapped_list_is_read(token_file: Path, api) -> None:
    entry = summary("2026-11-29", "Long Run", estimatedDistanceInMeters=30000)
    api.get(BY_PERIOD, json={"workoutScheduleSummaries": [entry]})
    (found,) = plan(token_file).planned_runs(START, END)
    assert found.distance_m == 30000.0


@pytest.mark.parametrize(("status", "error"), [(429, RateLimited), (500, TemporaryError)])
def test_failures_are_asked_once_and_mapped(token_file: Path, api, status, error) -> None:
    api.get(BY_PERIOD, status=status, json={"message": "no"})
    with pytest.raises(error):
        plan(token_file).planned_runs(START, END)
    assert len(api.calls) == 1


def test_the_plan_shares_the_targets_calendar(context, token_file: Path) -> None:
    integration = GarminIntegration()
    found = integration.running_plan(context())
    assert isinstance(found, GarminPlan)
    assert found.calendar is integration.calendar(context())
    token_file.unlink()
    assert GarminIntegration().running_plan(context()) is None


def test_a_partners_name_is_one_short_line() -> None:
    entry = summary("2026-11-25", "Easy", consumerName="  Runna\n" + "x" * 80)
    found = planned_run(entry)
    assert found is not None and found.source == ("Runna " + "x" * 80)[:40]


def test_a_run_whose_entry_says_too_little_is_read_once_across_nights(
    token_file: Path, api
) -> None:
    """A 9 km "Wednesday session" holding 6 × 800 m: its entry's estimate gives the size,
    not the structure, so its workout is read; what was found is kept (the memory the core
    stores in the state), and the next night reads no workout until the entry changes."""
    wednesday = summary("2026-11-25", "Wednesday session", workoutId=9300)
    wednesday["estimatedDistanceInMeters"] = 9000.0
    named = summary("2026-11-27", "Easy Run", workoutId=9400, estimatedDistanceInMeters=8000.0)
    api.get(BY_PERIOD, json=[wednesday, named])
    read = api.get(f"{API}/workout-service/workout/9300", json=INTERVALS)
    memory: dict[str, Any] = {}
    first = plan(token_file)
    first.remember(memory)
    session, easy = first.planned_runs(START, END)
    assert (session.distance_m, session.intervals) == (9000.0, True)
    assert not easy.intervals
    assert read.call_count == 1  # "Easy Run" with a size says enough: not read
    assert json.loads(json.dumps(memory)) == memory  # JSON, as the state keeps it

    second = plan(token_file)  # the next night, a new process
    second.remember(memory)
    again, _ = second.planned_runs(START, END)
    assert again == session and read.call_count == 1

    wednesday["estimatedDistanceInMeters"] = 10000.0  # Runna edited the workout
    api.replace("GET", BY_PERIOD, json=[wednesday, named])
    third = plan(token_file)
    third.remember(memory)
    edited, _ = third.planned_runs(START, END)
    assert edited.distance_m == 10000.0 and read.call_count == 2
    assert set(memory["workouts"]) == {"9300"}
    # A window that no longer holds it, later on: forgotten.
    api.replace("GET", BY_PERIOD, json=[])
    later = plan(token_file)
    later.remember(memory)
    assert later.planned_runs(date(2026, 12, 7), date(2026, 12, 20)) == []
    assert memory["workouts"] == {}


def test_the_calendar_fallback_keeps_each_workouts_size(token_file: Path, api) -> None:
    """Without the by-period view, the month items give no size: each workout is read once
    (its estimates, else its steps) and kept, so a quiet night reads none."""
    api.get(BY_PERIOD, status=404)
    items = [
        {
            "id": 1,
            "itemType": "workout",
            "workoutId": 2,
            "date": "2026-11-29",
            "title": "Sunday",
            "sportTypeKey": "running",
        }
    ]
    api.get(NOVEMBER, json={"calendarItems": items})
    api.get(DECEMBER, json={"calendarItems": []})
    detail = {"workoutId": 2, "estimatedDistanceInMeters": 28000.0, "workoutSegments": []}
    read = api.get(f"{API}/workout-service/workout/2", json=detail)
    memory: dict[str, Any] = {}
    for night in range(2):
        garmin = plan(token_file)
        garmin.remember(memory)
        (found,) = garmin.planned_runs(START, END)
        assert found.distance_m == 28000.0, night
    assert read.call_count == 1


@pytest.mark.parametrize(("status", "error"), [(500, TemporaryError), (502, TemporaryError)])
def test_one_workout_that_cannot_be_read_costs_only_itself(
    token_file: Path, api, status, error
) -> None:
    """One workout's read fails: the plan is read in part (IncompleteRead, that failure's
    exit code): the other runs are there, the failed one as its entry says, nothing kept for
    it, and it is not asked again in the process."""
    api.get(
        BY_PERIOD,
        json=[
            summary("2026-11-25", "Wednesday", workoutId=9300),
            summary("2026-11-29", "Long Run", workoutId=9400, estimatedDistanceInMeters=28e3),
        ],
    )
    failing = api.get(f"{API}/workout-service/workout/9300", status=status)
    memory: dict[str, Any] = {}
    garmin = plan(token_file)
    garmin.remember(memory)
    for _ in range(2):
        with pytest.raises(IncompleteRead) as caught:
            garmin.planned_runs(START, END)
        assert isinstance(caught.value.cause, error)
        assert caught.value.exit_code == ExitCode.TEMPFAIL
        found = caught.value.found
        assert isinstance(found, list)
        wednesday, long_run = found
        assert (wednesday.name, wednesday.distance_m) == ("Wednesday", None)
        assert long_run.distance_m == 28000.0
    assert failing.call_count == 1
    assert memory == {"workouts": {}}


def test_a_429_on_a_workout_read_stops_the_plan(token_file: Path, api) -> None:
    api.get(BY_PERIOD, json=[summary("2026-11-25", "Wednesday", workoutId=9300)])
    api.get(f"{API}/workout-service/workout/9300", status=429)
    with pytest.raises(RateLimited):
        plan(token_file).planned_runs(START, END)


def test_strides_are_no_intervals() -> None:
    strides = {
        "workoutSegments": [
            {
                "workoutSteps": [
                    step(2, 2400, step_type=1),
                    {
                        "type": "RepeatGroupDTO",
                        "numberOfIterations": 6,
                        "workoutSteps": [step(2, 20), step(2, 60, step_type=4)],
                    },
                ]
            }
        ]
    }
    assert step_totals(strides)[2] is False
    assert step_totals(INTERVALS)[2] is True
