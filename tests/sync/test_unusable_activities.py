"""One unusable Strava activity never blocks a night (issue 12, item 4): it is skipped,
counted and named on stderr and in --json; the other runs are cached and planned with."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

from hipcoach.cli.pulling import PullBar
from hipcoach.state import open_state
from hipcoach.sync.pull import PullProgress
from tests.strava_shapes import activity


def test_a_null_distance_is_skipped_and_named_and_the_night_succeeds(cli, home, services):
    strava, garmin, _ = services
    broken = activity(date.today() - timedelta(days=2), 8, ident=4242, name="Watch glitch")
    broken["distance"] = None
    strava.activities.append(broken)
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["skipped"] == [
        {"activity": "activity 4242 (Watch glitch)", "reason": "no distance"}
    ]
    assert report["runs_pulled"] == len(strava.activities) - 1
    [warning] = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert "skipped 1 unusable strava activity: activity 4242 (Watch glitch)" in warning
    cached = {r.id for r in open_state(home / "state.db").cached_runs()}
    assert "4242" not in cached and len(cached) == len(strava.activities) - 1
    assert report["created"] and garmin.hipcoach_workouts()

    runs = cli("runs", "--json")
    assert runs.exit_code == 0 and json.loads(runs.stdout)["skipped"][0]["reason"] == "no distance"


def test_overlapping_pages_count_each_activity_once(cli, home, services):
    strava, _, _ = services
    history = strava.activities
    repeats = (history * 20)[:200]  # a full page, so a second page is read
    strava.pages = {1: repeats, 2: history[-5:]}  # and it overlaps the first
    result = cli("sync", "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["runs_pulled"] == len(history)


def test_the_progress_bar_appears_only_for_a_second_page():
    from rich.console import Console

    out = io.StringIO()
    bar = PullBar(Console(file=out, force_terminal=True, width=80))
    bar(PullProgress(pages=1, runs=120, skipped=0, more=False))
    assert out.getvalue() == ""  # a one-page nightly pull shows nothing
    bar = PullBar(Console(file=out, force_terminal=True, width=80))
    bar(PullProgress(pages=1, runs=200, skipped=0, more=True))
    bar(PullProgress(pages=2, runs=400, skipped=0, more=False))
    bar.close()
    assert "pulling runs: page 2, 400 runs" in out.getvalue()


def test_numbers_beyond_sqlite_are_skipped_and_named_every_night(cli, home, services):
    """Issue 17: a moving time or workout_type beyond SQLite's 64-bit integers, or a ride typed
    as a run (12.4 km at 2:34 min/km), used to stop runs, report and every nightly sync."""
    strava, _, _ = services
    day = date.today() - timedelta(days=2)
    huge = activity(day, 8, ident=5151, name="Glitch") | {"moving_time": 2**64}
    typed = activity(day, 8, ident=5152, name="Odd") | {"workout_type": 2**70}
    ride = activity(day, 12.4, ident=5153, name="Ride") | {"moving_time": 1_910}
    strava.activities += [huge, typed, ride]
    for _night in range(2):
        result = cli("sync", "--json")
        assert result.exit_code == 0, result.output
        reasons = {s["activity"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
        assert "over a week" in reasons["activity 5151 (Glitch)"]
        assert "workout_type" in reasons["activity 5152 (Odd)"]
        assert "2:34 min/km over 12.4 km" in reasons["activity 5153 (Ride)"]
    for command in (["runs"], ["report", "--offline", "--out", str(home / "r.html")]):
        assert cli(*command).exit_code == 0, command
