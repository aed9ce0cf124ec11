"""A marathon plan lived night by night for almost four weeks: the long run moves Sunday →
Wednesday → Saturday, Runna moves a week's long run and intervals in Connect between nights,
and the runner runs each planned run the day it is planned (the watch records it). Every
night: the past is never touched, nothing is duplicated, no request is repeated, no session
lands on or the day before a planned long run or two days in a row, and the day after a
planned long run says so."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import date, timedelta

import pytest

from tests.garmin_shapes import garmin_activity
from tests.sync.runner import MONDAY

pytestmark = pytest.mark.usefixtures("clock")

D = [MONDAY + timedelta(days=i) for i in range(28)]

PLAN = [
    # week 1: the long run on Sunday
    (D[1], "Easy Run", 8000),
    (D[3], "Tempo 3 x 10 min", 10000),
    (D[4], "Easy", 6000),
    (D[6], "Long Run", 28000),
    # week 2: on Wednesday (Runna moves it to Thursday, and the intervals to Saturday)
    (D[7], "Easy Run", 8000),
    (D[9], "Long Run", 30000),
    (D[11], "Intervals 6 x 800 m", 9000),
    (D[13], "Recovery Run", 5000),
    # week 3: on Saturday
    (D[14], "Easy Run", 8000),
    (D[16], "Hills", 9000),
    (D[18], "Easy", 8000),
    (D[20], "Long Run", 32000),
    # week 4
    (D[22], "Easy", 8000),
    (D[24], "Tempo", 10000),
    (D[27], "Long Run", 20000),
]


def test_a_marathon_plan_lived_night_by_night(cli, watch, clock) -> None:
    ids = {
        (day, name): watch.add_planned_run(day, name, distance_m=m, consumer="Runna")
        for day, name, m in PLAN
    }
    for night in range(26):
        today = MONDAY + timedelta(days=night)
        clock.day = today
        if night == 4:
            moves = {(D[9], "Long Run"): D[10], (D[11], "Intervals 6 x 800 m"): D[12]}
            for schedule_id, (wid, _) in list(watch.schedules.items()):
                for planned, to in moves.items():
                    if wid == ids[planned]:
                        watch.schedules[schedule_id] = (wid, to.isoformat())
        yesterday = today - timedelta(days=1)
        for wid, day in list(watch.schedules.values()):
            workout = watch.workouts[wid]
            if day == yesterday.isoformat() and workout["sportType"]["sportTypeKey"] == "running":
                km = workout["estimatedDistanceInMeters"] / 1000
                name = workout["workoutName"]
                ran = garmin_activity(yesterday, km, minutes=km * 6, hour=7, name=name)
                watch.activities.append({**ran, "activityId": 5_000_000 + night})
        past = sorted((k, d) for k, d in watch.hipcoach_entries() if d < today.isoformat())
        watch.new_night()
        result = cli("sync", "--json")
        assert result.exit_code == 0, (today, result.output)
        report = json.loads(result.stdout)
        assert past == sorted(
            (k, d) for k, d in watch.hipcoach_entries() if d < today.isoformat()
        ), today
        ahead = Counter(k for k, d in watch.hipcoach_entries() if d >= today.isoformat())
        assert all(n == 1 for n in ahead.values()), (today, ahead)
        assert len(watch.hipcoach_workouts()) == len(set(watch.hipcoach_workouts()))
        assert watch.repeated_requests() == [], today
        longs = {
            date.fromisoformat(d)
            for wid, d in watch.schedules.values()
            if watch.workouts[wid].get("workoutName") == "Long Run"
        }
        placed = {date.fromisoformat(s["date"]): s for s in report["sessions"]}
        for day, session in placed.items():
            assert day not in longs and day + timedelta(days=1) not in longs, (today, day)
            if day - timedelta(days=1) in longs and day - timedelta(days=1) >= today:
                assert "planned" in session["reason"] and "long run" in session["reason"]
        days = sorted(placed)
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(days)), days
