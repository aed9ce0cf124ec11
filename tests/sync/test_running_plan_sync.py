"""A Garmin runner on a Runna-style plan, end to end over the fake Garmin service: every hip
session placed around the runs the plan actually has, reasons that name them, the plan kept
for the commands that stay offline.

History (six weeks before Monday 2 Nov 2026): easy runs on Tuesdays and Thursdays, the long
run on Sundays. The plan moves this week's long run to Wednesday.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from hipcoach.errors import ExitCode
from hipcoach.schedule.running_plan import plan_span
from tests.fakes.garmin_server import FakeGarmin
from tests.sync.runner import MONDAY, sync

pytestmark = pytest.mark.usefixtures("clock")

TUE, WED, THU, SAT, SUN = (MONDAY + timedelta(days=d) for d in (1, 2, 3, 5, 6))
NEXT = MONDAY + timedelta(weeks=1)


def runna_week(watch: FakeGarmin) -> None:
    """This week as Runna put it on the Garmin calendar; next week holds nothing planned."""
    watch.add_planned_run(MONDAY, "Easy Run", distance_m=8000, consumer="Runna")
    watch.add_planned_run(WED, "Long Run", distance_m=28000, duration_s=10_000, consumer="Runna")
    watch.add_planned_run(SAT, "Intervals 6 x 800 m", distance_m=9000, consumer="Runna")
    watch.add_planned_run(SUN, "Recovery Run", distance_m=5000, consumer="Runna")


def schedule(cli, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli("schedule", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def by_day(report: dict[str, Any]) -> dict[date, str]:
    return {date.fromisoformat(s["date"]): s["reason"] for s in report["sessions"]}


def test_sessions_go_around_the_plan_and_say_which_run(cli, watch) -> None:
    runna_week(watch)
    report = sync(cli)
    placed = by_day(report)
    assert TUE not in placed and WED not in placed  # the day before, and the long run's day
    assert placed[THU] == (
        "day after your planned 28 km long run (Runna) on Wed 04 Nov"
        "; light hip work only: light session, one set fewer per exercise"
    )
    assert placed[SAT] == (
        "same day as your planned 9 km interval session (Runna): do it after the run "
        "(hard days hard)"
    )
    # Next week has nothing planned: the history's Sunday long run is expected again.
    assert NEXT + timedelta(days=5) not in placed
    assert watch.hipcoach_calendar() == {(s["key"], s["date"]) for s in report["sessions"]}


def test_the_day_before_planned_intervals_is_light_and_names_them(cli, home, watch) -> None:
    # Only Mondays and Wednesdays are free this time; Monday holds the long run.
    blocked = '["tuesday", "thursday", "friday", "saturday", "sunday"]'
    (home / "config.toml").write_text(f"[athlete]\nblocked_weekdays = {blocked}\n")
    watch.add_planned_run(MONDAY, "Long Run", distance_m=24000, consumer="Runna")
    watch.add_planned_run(THU, "Intervals 6 x 800 m", distance_m=9000, consumer="Runna")
    watch.add_planned_run(SAT, "Easy Run", distance_m=8000, consumer="Runna")
    (session,) = [s for s in sync(cli)["sessions"] if s["date"] == WED.isoformat()]
    assert "your planned 9 km interval session (Runna) is tomorrow" in session["reason"]
    assert "light session" in session["reason"] and session["light"]
    # One set fewer than the week's full session, never a harder rung.
    full = json.loads(cli("plan", "--json", "--weeks", "1").stdout)["weeks"][0]["sessions"]
    (same,) = [s for s in full if s["key"] == session["key"]]
    for light, planned in zip(session["exercises"], same["exercises"], strict=True):
        assert light["sets"] == max(1, planned["sets"] - 1)
        assert light["rung"] <= planned["rung"]


def test_schedule_json_lists_the_planned_runs(cli, watch) -> None:
    runna_week(watch)
    watch.add_foreign_workout("Leg day", THU)  # the runner's own strength: no run
    sync(cli)  # hipcoach's own strength workouts are on the calendar too now
    report = schedule(cli)
    planned = [r for r in report["runs"] if r.get("planned")]
    assert [(r["date"], r["kind"], r["source"], r["label"]) for r in planned] == [
        (MONDAY.isoformat(), "easy", "Runna", "8 km easy run"),
        (WED.isoformat(), "long", "Runna", "28 km long run"),
        (SAT.isoformat(), "quality", "Runna", "9 km interval session"),
        (SUN.isoformat(), "easy", "Runna", "5 km easy run"),
    ]
    assert all(r["plugin"] == "garmin" and r["distance_km"] for r in planned)
    key = {k["date"]: k for k in report["key_days"]}[WED.isoformat()]
    assert (key["kind"], key["planned"], key["predicted"]) == ("long", True, False)
    table = cli("schedule", "--offline", env={"COLUMNS": "200"}).stdout
    assert "planned: 28 km long run" in table and "planned: 9 km interval session" in table


def test_the_report_shows_the_planned_runs(cli, home, watch) -> None:
    runna_week(watch)
    out = home / "plan.html"
    result = cli("report", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "planned: 28 km long run" in out.read_text(encoding="utf-8")


def test_garmin_coach_runs_not_yet_on_the_calendar_count(cli, watch) -> None:
    watch.add_planned_run(THU, "Long", duration_s=6000, adaptive=True)
    placed = by_day(schedule(cli))
    assert WED not in placed
    assert placed.get(MONDAY + timedelta(days=4), "").startswith(
        "day after your planned 100 min long run (Garmin Coach)"
    )


def test_the_plan_is_kept_for_the_offline_commands(cli, watch) -> None:
    runna_week(watch)
    online = schedule(cli)
    watch.new_night()
    offline = schedule(cli, "--offline")
    assert watch.requests == []
    assert offline["sessions"] == online["sessions"]
    assert [r for r in offline["runs"] if r.get("planned")] == [
        r for r in online["runs"] if r.get("planned")
    ]
    table = cli("schedule", "--offline", env={"COLUMNS": "200"}).stdout
    assert "planned: 28 km long run" in table
    assert cli("status").exit_code == 0 and watch.requests == []


def test_a_plan_that_moves_its_long_run_moves_the_sessions_in_place(cli, watch) -> None:
    runna_week(watch)
    first = sync(cli)
    long_run = next(w for w, v in watch.workouts.items() if v["workoutName"] == "Long Run")
    entry = next(s for s, (w, _) in watch.schedules.items() if w == long_run)
    watch.schedules[entry] = (long_run, SAT.isoformat())  # Runna moved it to Saturday
    watch.new_night()
    report = sync(cli)
    assert report["moved"]
    placed = by_day(report)
    assert (SAT - timedelta(days=1)) not in placed
    assert placed[SUN] == (
        "day after your planned 28 km long run (Runna) on Sat 07 Nov"
        "; light hip work only: light session, one set fewer per exercise"
    )
    # Each move is one PUT of its calendar entry (no unschedule and book anew).
    puts = [u for m, u in watch.mutating_requests() if m == "PUT" and "/schedule/" in u]
    assert len(puts) == len(report["moved"])
    assert by_day(first) != placed
    assert watch.hipcoach_calendar() == {(s["key"], s["date"]) for s in report["sessions"]}


def test_a_plan_that_cannot_be_read_keeps_the_last_one(cli, watch) -> None:
    runna_week(watch)
    sync(cli)
    watch.new_night()
    watch.fail_first, watch.failure = ("GET", "workoutScheduleByPeriod"), "500"
    result = cli("sync", "--json")
    assert result.exit_code == ExitCode.TEMPFAIL
    report = json.loads(result.stdout)
    (error,) = report["errors"]
    assert error.startswith("the garmin running plan not updated")
    assert THU.isoformat() in {s["date"] for s in report["sessions"]}  # the plan still holds
    assert watch.repeated_requests() == []
    assert watch.mutating_requests() == []  # nothing changed: the same plan as last night


def test_a_quiet_night_with_a_plan_costs_one_read_more(cli, watch) -> None:
    runna_week(watch)
    sync(cli)
    watch.new_night()
    sync(cli)
    assert watch.mutating_requests() == []
    plan_reads = [u for _, u in watch.requests if "workoutScheduleByPeriod" in u]
    assert len(plan_reads) == 1
    # The activity list (runs and completed sessions), the calendar month(s), the plan.
    months = 1 + (MONDAY.month != (MONDAY + timedelta(days=13)).month)
    assert len(watch.requests) == 1 + months + 1


@pytest.mark.parametrize(
    ("value", "message"),
    [("strava", "strava is not a running plan"), ("nothing", "no integration named 'nothing'")],
)
def test_integrations_plan_is_checked(cli, home, value: str, message: str) -> None:
    (home / "config.toml").write_text(f'[integrations]\nplan = "{value}"\n')
    result = cli("schedule", "--offline")
    assert result.exit_code == ExitCode.CONFIG
    assert message in result.stderr


def test_integrations_plan_names_the_one_plan_read(cli, home, watch) -> None:
    runna_week(watch)
    (home / "config.toml").write_text('[integrations]\nplan = "garmin"\n')
    report = schedule(cli)
    assert any(r.get("planned") for r in report["runs"])


def step(kind_id: int, condition: int, value: float) -> dict[str, Any]:
    return {
        "type": "ExecutableStepDTO",
        "stepType": {"stepTypeId": kind_id},
        "endCondition": {"conditionTypeId": condition},
        "endConditionValue": value,
    }


#: 2 km warm-up, 8 × (400 m + 90 s jog), 1.5 km cool-down: 6.7 km
REPEATS = [
    step(1, 3, 2000),
    {
        "type": "RepeatGroupDTO",
        "numberOfIterations": 8,
        "workoutSteps": [step(3, 3, 400), step(4, 2, 90)],
    },
    step(2, 3, 1500),
]


def workout_reads(watch: FakeGarmin) -> list[str]:
    """The reads of the plan's (running) workouts: not hipcoach's own read-backs."""
    running = {
        str(w) for w, x in watch.workouts.items() if x["sportType"]["sportTypeKey"] == "running"
    }
    return [
        u
        for m, u in watch.requests
        if m == "GET" and "/workout-service/workout/" in u and u.rsplit("/", 1)[-1] in running
    ]


@pytest.mark.parametrize("name", ["Wednesday session", "Séries"])
def test_quality_by_structure_or_name_when_garmin_gives_an_estimate(cli, watch, name) -> None:
    """A 9 km run with 8 × (400 m + 90 s) is a quality session, estimate or not: by its name
    where the name says it ("Séries"), else by its steps, read once (a quiet night reads no
    workout)."""
    watch.add_planned_run(THU, name, steps=REPEATS, distance_m=9000, consumer="Runna")
    watch.add_planned_run(SUN, "Long Run", distance_m=24000, consumer="Runna")
    report = sync(cli)
    (placed,) = [s for s in report["sessions"] if s["date"] == WED.isoformat()]
    assert "9 km interval session (Runna) is tomorrow" in placed["reason"]
    assert "light session" in placed["reason"]
    assert len(workout_reads(watch)) == (0 if name == "Séries" else 1)
    watch.new_night()
    sync(cli)
    assert workout_reads(watch) == [] and watch.mutating_requests() == []


def test_the_calendar_fallback_keeps_the_plan_and_a_quiet_night_reads_no_workout(
    cli, watch
) -> None:
    """Where the by-period view answers 404, the calendar's month items list the plan but not
    its size: each workout is read once (its estimates), kept in the state, and a quiet night
    costs the same as without a plan plus the 404 (it was 18 requests for 14 runs)."""
    watch.by_period = "missing"
    for day in range(14):
        watch.add_planned_run(MONDAY + timedelta(days=day), "Easy", distance_m=8000)
    first = sync(cli)
    assert len(workout_reads(watch)) == 14
    watch.new_night()
    assert sync(cli)["sessions"] == first["sessions"]
    first_day, last_day = plan_span(MONDAY, MONDAY + timedelta(days=13))
    months = (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1
    assert len(watch.requests) == 1 + months + 1  # activities, the plan's months, the 404
    assert workout_reads(watch) == []
    runs = schedule(cli, "--offline")["runs"]
    assert {r["label"] for r in runs if r.get("planned")} == {"8 km easy run"}


def test_a_first_night_without_the_plan_places_no_session(cli, watch) -> None:
    """The first sync cannot read the plan (500) and knows none: it puts no session on the
    watch that night (any day could be the day before the plan's long run), says why in one
    line, and the next night places them around the plan."""
    runna_week(watch)
    watch.fail_first, watch.failure = ("GET", "workoutScheduleByPeriod"), "500"
    result = cli("sync", "--json")
    assert result.exit_code == ExitCode.TEMPFAIL, result.output
    report = json.loads(result.stdout)
    assert watch.hipcoach_entries() == [] and watch.mutating_requests() == []
    assert not any(s["on_target"] for s in report["sessions"])
    (line,) = result.stderr.splitlines()
    assert "running plan could not be read yet, so no session was put on a new day" in line
    assert json.loads(cli("log", "--json").stdout)["sessions"] == []  # nothing handed over
    watch.new_night()
    report = sync(cli)
    assert TUE.isoformat() not in {s["date"] for s in report["sessions"]}  # before the long run
    assert watch.hipcoach_calendar() == {(s["key"], s["date"]) for s in report["sessions"]}


def test_one_workout_that_cannot_be_read_does_not_cost_the_plan(cli, watch) -> None:
    """One planned workout's read fails (500): the rest of the plan is read and stored, the
    sessions are placed around it (exit 75, "read in part"), and the next night reads that
    workout once."""
    runna_week(watch)
    unread = watch.add_planned_run(THU, "Thursday", consumer="Runna")  # no estimate
    watch.fail_first, watch.failure = ("GET", f"/workout-service/workout/{unread}"), "500"
    result = cli("sync", "--json")
    assert result.exit_code == ExitCode.TEMPFAIL, result.output
    report = json.loads(result.stdout)
    (error,) = report["errors"]
    assert error.startswith("the garmin running plan read in part")
    placed = by_day(report)
    assert placed[THU] == (
        "day after your planned 28 km long run (Runna) on Wed 04 Nov"
        "; light hip work only: light session, one set fewer per exercise"
    )
    assert all(s["on_target"] for s in report["sessions"])
    watch.new_night()
    sync(cli)
    assert workout_reads(watch) == [
        f"https://connectapi.garmin.com/workout-service/workout/{unread}"
    ]
    watch.new_night()
    sync(cli)
    assert workout_reads(watch) == []


def test_schedule_online_says_the_plan_was_read_in_part(cli, watch) -> None:
    runna_week(watch)
    unread = watch.add_planned_run(THU, "Thursday", consumer="Runna")
    watch.fail_first, watch.failure = ("GET", f"/workout-service/workout/{unread}"), "500"
    result = cli("schedule", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "the garmin running plan read in part (the rest as read before)" in result.stderr
    assert "planned: 28 km long run" in result.stdout
