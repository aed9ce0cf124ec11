"""Strava as the completion source: a WeightTraining or Workout activity on a session's day
counts it done (no set detail), read from the same page as the runs."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.strava_shapes import activity


def test_a_strava_strength_activity_counts_the_session_done(
    cli, home, services, monkeypatch
) -> None:
    strava, garmin, _ = services
    (home / "config.toml").write_text('[integrations]\ncompletions = "strava"\n')
    first = json.loads(cli("sync", "--json").stdout)["sessions"][0]
    day = date.fromisoformat(first["date"])
    strava.activities.append(
        activity(day, 0, minutes=25, sport="WeightTraining", ident=77, name="Hips")
    )
    monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: day + timedelta(days=1))
    garmin.requests.clear()
    result = cli("sync", "--json")
    assert result.exit_code == 0, result.output
    log = json.loads(cli("log", "--json").stdout)
    (done,) = [s for s in log["sessions"] if s["key"] == first["key"]]
    assert (done["status"], done["source"], done["done_sets"]) == ("done", "strava", None)
    # The strength session came with the runs: Garmin's activity list was not read.
    assert not any("activitylist-service" in url for _, url in garmin.requests)


def test_after_a_429_strava_is_asked_nothing_more_that_night(cli, home, services) -> None:
    """Strava's runs and its strength sessions come from one listing: a 429 on it ends
    Strava's night (exit 75); the completed sessions are not read with a second request."""
    from tests.sync.conftest import STRAVA_ACTIVITIES_URL

    _strava, _, mock = services
    (home / "config.toml").write_text('[integrations]\ncompletions = "strava"\n')
    assert cli("sync").exit_code == 0
    mock.remove("GET", STRAVA_ACTIVITIES_URL)
    limited = mock.add("GET", STRAVA_ACTIVITIES_URL, status=429, json={"message": "Rate Limit"})
    result = cli("sync", "--json")
    assert result.exit_code == 75, result.output
    assert limited.call_count == 1
    assert "runs not updated" in " ".join(json.loads(result.stdout)["errors"])
