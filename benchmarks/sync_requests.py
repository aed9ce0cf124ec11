"""HTTP requests made by ``hipcoach sync``: a first sync, a nothing-new night, and a night
after the long run moved, for a runner with Strava and Garmin, then for a Garmin-only runner
(runs and completed hip sessions from Garmin Connect's activity list, a hip session's sets read
once; a race and a club run on the Garmin calendar: the races come with the calendar months the
sync reads anyway), then for a Garmin runner on a Runna-style plan (the running plan: one read
of the workouts scheduled in the window, with or without planned runs on it; a planned run
whose entry says too little costs one read of its workout, once: kept in the state), the same
plan read from the calendar when the by-period view answers 404, then for an intervals.icu-only
runner (a year of runs from any watch, read in 100-day windows; a race and planned runs on its
calendar; the sessions as events). Uses the real stravalib, garminconnect and requests clients
against the test suite's fake services (``responses``), so it runs offline.

Run from the repository root with the test extras installed:
``python benchmarks/sync_requests.py [YYYY-MM-DD]``. The nights are those of a fixed day (by
default Monday 7 Dec 2026, whose 14-day window lies in one calendar month), so the figures in
the README do not change with the day the benchmark is run; give another day to see its.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import garminconnect.client
import responses
from click.testing import CliRunner
from tests.fakes.garmin_server import FakeGarmin
from tests.fakes.intervals_server import FakeIntervals
from tests.garmin.conftest import TOKENS
from tests.garmin_shapes import garmin_activity, garmin_history
from tests.intervals.conftest import save_key
from tests.intervals_shapes import activity as intervals_activity
from tests.intervals_shapes import planned_run as intervals_planned_run
from tests.intervals_shapes import race as intervals_race
from tests.intervals_shapes import strava_stub
from tests.intervals_shapes import strength as intervals_strength
from tests.strava_shapes import weekly_history
from tests.sync.conftest import STRAVA_ENV, FakeStrava, last_monday

from hipcoach.cli import cli


def refuse_sso(self: object, url: str, **kwargs: object) -> None:
    raise RuntimeError("the benchmark never signs in")


def count(calls: list[responses.Call]) -> str:
    hosts = Counter(c.request.url.split("/")[2] for c in calls)
    detail = ", ".join(f"{n} {host}" for host, n in sorted(hosts.items()))
    return f"{len(calls):3d} requests ({detail})"


def endpoints(calls: list[responses.Call]) -> str:
    """What a night asked for: 'GET activities ×1, GET calendar month ×1, ...'."""
    names = Counter(_endpoint(c.request.method, c.request.url) for c in calls)
    return ", ".join(f"{name} ×{n}" for name, n in sorted(names.items()))


def _endpoint(method: str, url: str) -> str:
    path = url.split("?")[0].split("/", 3)[3]
    if url.startswith("https://intervals.icu/"):
        return f"{method} intervals.icu {_intervals_endpoint(path)}"
    for piece, name in (
        ("activitylist-service", "activities"),
        ("calendar-service", "calendar month"),
        ("workoutScheduleByPeriod", "scheduled workouts"),
        ("schedule/", "schedule entry"),
        ("workout-service/workouts", "workout list"),
        ("workout-service/workout", "workout"),
        ("exerciseSets", "exercise sets"),
        ("athlete/activities", "Strava activities"),
        ("oauth/token", "Strava token"),
    ):
        if piece in path or piece in url:
            return f"{method} {name}"
    return f"{method} {path}"


def _intervals_endpoint(path: str) -> str:
    """'activities', 'events', 'event' (one, by id) of an intervals.icu path."""
    rest = path.split("/athlete/", 1)[1].partition("/")[2]
    return "event" if rest.startswith("events/") and rest[7:].isdigit() else rest


def signed_in_home(tmp: str) -> Path:
    """A home with a Garmin token store, as ``hipcoach auth garmin`` leaves it."""
    home = Path(tmp)
    store = home / "tokens" / "garmin"
    store.mkdir(parents=True, mode=0o700)
    (store / "garmin_tokens.json").write_text(json.dumps(TOKENS))
    return home


def syncer(home: Path, http: responses.RequestsMock):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def sync(label: str, *, detail: bool = False) -> None:
        http.calls.reset()
        started = time.perf_counter()
        result = runner.invoke(cli, ["--home", str(home), "-q", "sync"])
        elapsed = time.perf_counter() - started
        assert result.exit_code == 0, result.output
        print(f"  {label:<32} {count(list(http.calls))}  {elapsed * 1000:6.0f} ms")
        if detail:
            print(f"    {endpoints(list(http.calls))}")

    return sync


#: the day every night of the benchmark is run on (see the module docstring)
TODAY = date(2026, 12, 7)


def main() -> None:
    global TODAY
    if len(sys.argv) > 1:
        TODAY = date.fromisoformat(sys.argv[1])
    today = TODAY
    end = today + timedelta(days=13)
    months = 1 if (today.year, today.month) == (end.year, end.month) else 2
    print(f"window {today} … {end}: {months} calendar month(s) to read")
    pinned = mock.patch("hipcoach.timeutil.today", lambda tz: TODAY)
    with pinned, mock.patch.object(garminconnect.client.Client, "_http_post", refuse_sso):
        strava_and_garmin()
        garmin_only()
        garmin_with_a_plan()
        garmin_plan_from_the_calendar()
        intervals_only()


def strava_and_garmin() -> None:
    print("Strava runs, Garmin workouts:")
    with (
        tempfile.TemporaryDirectory() as tmp,
        responses.RequestsMock(assert_all_requests_are_fired=False) as http,
        mock.patch.dict(os.environ, STRAVA_ENV),
    ):
        home = signed_in_home(tmp)
        strava, garmin = FakeStrava(), FakeGarmin()
        strava.register(http)
        garmin.register(http)
        sync = syncer(home, http)
        sync("first sync")
        sync("nothing-new night", detail=True)
        (home / "tokens" / "strava.json").write_text(
            json.dumps(
                json.loads((home / "tokens" / "strava.json").read_text())
                | {"expires_at": int(time.time()) - 60}
            )
        )
        sync("next night (token expired)")
        strava.activities = weekly_history(last_monday(), 6, long_weekday=2)
        (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
        sync("after the long run moved")
        print(
            f"  Garmin workouts now: {len(garmin.hipcoach_workouts())}, "
            f"calendar entries: {len(garmin.hipcoach_calendar())}"
        )


@contextmanager
def garmin_runner() -> Iterator[tuple[Path, FakeGarmin, responses.RequestsMock]]:
    """A Garmin-only runner: a signed-in home, six weeks of runs on the fake Garmin."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        responses.RequestsMock(assert_all_requests_are_fired=False) as http,
    ):
        garmin = FakeGarmin()
        garmin.activities = garmin_history(last_monday(), 6)
        garmin.register(http)
        yield signed_in_home(tmp), garmin, http


def garmin_only() -> None:
    print("Garmin only (runs from the activity list, no Strava):")
    with garmin_runner() as (home, garmin, http):
        race = TODAY + timedelta(days=9)
        garmin.add_event(race, "City Half Marathon", race=True)
        garmin.add_event(race - timedelta(days=4), "Club social run", race=False)
        sync = syncer(home, http)
        sync("first sync (6 weeks of runs)")
        sync("nothing-new night", detail=True)
        yesterday = TODAY - timedelta(days=1)
        garmin.activities.append(garmin_activity(yesterday, 8.0, name="Evening Run"))
        sync("night after a new run")
        workout = next(iter(garmin.workouts))
        garmin.record_workout_run(workout, TODAY)
        sync("night after a hip session", detail=True)
        sync("and the night after")
        garmin.activities = garmin_history(last_monday(), 6, long_weekday=2)
        (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
        sync("after the long run moved")
        near = {(race + timedelta(days=d)).isoformat() for d in (-2, -1, 0, 1)}
        clear = not any(day in near for _, day in garmin.hipcoach_calendar())
        print(f"  race on {race}: no session that day, the 2 days before, the day after: {clear}")


def garmin_with_a_plan() -> None:
    print("Garmin only, on a Runna-style plan (four planned runs a week, two weeks ahead):")
    with garmin_runner() as (home, garmin, http):
        monday = TODAY - timedelta(days=TODAY.weekday())
        for week in (monday, monday + timedelta(weeks=1), monday + timedelta(weeks=2)):
            for day, name, km in (
                (1, "Easy Run", 8),
                (3, "Intervals 6 x 800 m", 10),
                (5, "Easy Run", 6),
                (6, "Long Run", 24),
            ):
                garmin.add_planned_run(
                    week + timedelta(days=day), name, distance_m=km * 1000, consumer="Runna"
                )
        sync = syncer(home, http)
        sync("first sync")
        sync("nothing-new night", detail=True)
        long_runs = [w for w, v in garmin.workouts.items() if v["workoutName"] == "Long Run"]
        entry = next(s for s, (w, _) in garmin.schedules.items() if w == long_runs[0])
        moved = (monday + timedelta(days=2)).isoformat()
        garmin.schedules[entry] = (long_runs[0], moved)  # Runna moves a long run
        sync("after the plan moved a long run", detail=True)
        sync("nothing-new night")
        garmin.add_planned_run(monday + timedelta(days=12), "Hill session")  # no estimate
        sync("a planned run without estimate", detail=True)
        sync("and the night after", detail=True)


def garmin_plan_from_the_calendar() -> None:
    print(
        "Garmin only, the by-period view answering 404 (the calendar fallback), an easy run "
        "every day:"
    )
    with garmin_runner() as (home, garmin, http):
        garmin.by_period = "missing"
        monday = TODAY - timedelta(days=TODAY.weekday())
        for day in range(14):
            garmin.add_planned_run(monday + timedelta(days=day), "Easy", distance_m=8000)
        sync = syncer(home, http)
        sync("first sync")
        sync("nothing-new night", detail=True)
        sync("and the night after")


def year_of_runs(today: date) -> list[dict[str, object]]:
    """A year of a runner's watch: easy runs Tuesday and Thursday, a long run on Sunday."""
    runs: list[dict[str, object]] = []
    for back in range(1, 366):
        day = today - timedelta(days=back)
        if day.weekday() in (1, 3):
            runs.append(intervals_activity(day, 8.0, ident=f"i{back}"))
        elif day.weekday() == 6:
            runs.append(intervals_activity(day, 20.0, minutes=120, ident=f"i{back}", name="Long"))
    return runs


@contextmanager
def intervals_account() -> Iterator[tuple[Path, FakeIntervals, responses.RequestsMock]]:
    """A home signed in to the fake intervals.icu, and its HTTP mock (register when filled)."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        responses.RequestsMock(assert_all_requests_are_fired=False) as http,
    ):
        home = Path(tmp)
        save_key(home)
        yield home, FakeIntervals(), http


def intervals_only() -> None:
    print("intervals.icu only (runs, its plan and races, the sessions as events):")
    with intervals_account() as (home, fake, http):
        today = TODAY
        fake.activities = year_of_runs(today)
        fake.add_event(intervals_race(today + timedelta(days=11), "City 10K", 10.0))
        long_run = fake.add_event(
            intervals_planned_run(today + timedelta(days=3), "Long run 24 km", km=24)
        )
        fake.register(http)
        sync = syncer(home, http)
        sync("first sync (a year of runs)", detail=True)
        sync("nothing-new night", detail=True)
        fake.activities.append(intervals_activity(today, 8.0, ident="i-new"))
        sync("night after a new run")
        first = min(day for _, day in fake.hipcoach_events())
        fake.activities.append(
            intervals_strength(date.fromisoformat(first), ident="i-hip", name="Hip strength")
        )
        sync("night after a hip session")
        moved = (today + timedelta(days=5)).isoformat()
        fake.events[long_run]["start_date_local"] = f"{moved}T00:00:00"  # the plan moves it
        sync("after the plan moved a long run", detail=True)
        sync("and the night after")
        print(f"  hipcoach events now: {len(fake.hipcoach_events())}")
    intervals_without_runs()


def intervals_without_runs() -> None:
    """A new runner (no run yet), then one whose every activity came from Strava: after the
    first sync, a night reads one activity window, not the year again."""
    print("intervals.icu, no usable run yet (a new runner; then every activity from Strava):")
    for label, stubs in (("new runner", False), ("every activity a Strava stub", True)):
        with intervals_account() as (home, fake, http):
            today = TODAY
            if stubs:
                fake.activities = [
                    strava_stub(today - timedelta(days=back), f"1663{back:07d}")
                    for back in range(1, 365, 2)
                ]
            fake.register(http)
            sync = syncer(home, http)
            sync(f"{label}: first sync", detail=True)
            sync(f"{label}: the next night", detail=True)


if __name__ == "__main__":
    main()
