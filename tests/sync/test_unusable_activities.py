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
