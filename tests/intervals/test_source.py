"""Runs (and completed strength sessions) from intervals.icu's activity list, under the real
``requests`` against the fake server: windows, local dates, races, Strava stubs, implausible
items, resuming, one read for runs and completions."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import pytest

from hipcoach.errors import ExitCode, RateLimited
from hipcoach.state import open_state
from hipcoach.sync.pull import pull_runs
from hipcoach_intervals import IntervalsIntegration
from hipcoach_intervals.source import WINDOW_DAYS
from tests.intervals.conftest import context_for
from tests.intervals_shapes import activity, strava_stub, strength

TODAY = date.today()


def source_for(home):  # type: ignore[no-untyped-def]
    integration = IntervalsIntegration()
    context = context_for(home)
    return integration, integration.activity_source(context), context


def activity_reads(fake):  # type: ignore[no-untyped-def]
    return [path for method, path in fake.requests if path.endswith("/activities")]


def test_runs_keep_the_local_date_distance_moving_time_and_races(fake, home, key_file):
    late = activity(TODAY - timedelta(days=3), 10, hour=23, utc_offset_h=-5, ident="i1")
    race = activity(TODAY - timedelta(days=10), 21.1, minutes=95, ident="i2", race=True)
    trail = activity(TODAY - timedelta(days=5), 12, sport="TrailRun", ident="i3")
    ride = activity(TODAY - timedelta(days=4), 40, sport="Ride", ident="i4")
    fake.activities = [late, race, trail, ride]
    _, source, _ = source_for(home)
    runs = {run.id: run for run in source.fetch_runs(TODAY - timedelta(days=30))}
    assert set(runs) == {"i1", "i2", "i3"}  # a ride is not a run
    # 23:00 local (04:00 UTC the next day): the run is on the local date.
    assert runs["i1"].date == TODAY - timedelta(days=3)
    assert runs["i1"].distance_m == 10000 and runs["i1"].moving_time_s == 10 * 5.5 * 60
    assert runs["i2"].kind == "race" and runs["i3"].sport == "TrailRun"
    assert runs["i1"].kind == "easy"


def test_a_treadmill_run_without_distance_still_counts(fake, home, key_file):
    treadmill = activity(TODAY - timedelta(days=1), 0, minutes=40, ident="i9")
    treadmill.update({"distance": None, "trainer": True})
    fake.activities = [treadmill]
    _, source, _ = source_for(home)
    (run,) = source.fetch_runs(TODAY - timedelta(days=7))
    assert run.distance_m == 0 and run.moving_time_s == 2400


def test_a_year_is_read_in_windows_each_passed_on_as_it_arrives(fake, home, key_file):
    fake.activities = [
        activity(TODAY - timedelta(days=d), 8, ident=f"i{d}") for d in range(1, 365, 9)
    ]
    _, source, _ = source_for(home)
    since = TODAY - timedelta(days=365)
    pages = list(source.fetch_pages(since))
    assert len(pages) == len(activity_reads(fake)) == -(-367 // WINDOW_DAYS)
    assert [p.next_page for p in pages] == [str(n) for n in range(2, len(pages) + 1)] + [None]
    assert sum(len(p.runs) for p in pages) == len(fake.activities)
    first = fake.requests[0]
    assert first[0] == "GET"


def test_windows_ask_for_local_dates_and_the_whole_last_day(fake, home, key_file):
    _, source, _ = source_for(home)
    since = TODAY - timedelta(days=3)
    list(source.fetch_pages(since))
    (path,) = activity_reads(fake)
    assert path == "/api/v1/athlete/i434414/activities"
    last = since + timedelta(days=WINDOW_DAYS - 1)
    assert fake.queries == [{"oldest": since.isoformat(), "newest": f"{last}T23:59:59"}]


def test_strava_stubs_are_skipped_named_counted_and_explained_once(fake, home, key_file, caplog):
    fake.activities = [
        strava_stub(TODAY - timedelta(days=2), "16639341172"),
        strava_stub(TODAY - timedelta(days=1), "16639341173"),
        activity(TODAY - timedelta(days=1), 8, ident="i77"),
    ]
    _, source, _ = source_for(home)
    with caplog.at_level(logging.WARNING):
        pages = list(source.fetch_pages(TODAY - timedelta(days=7)))
    (page,) = pages
    assert [run.id for run in page.runs] == ["i77"]
    assert sorted(s.ident for s in page.skipped) == [
        f"intervals.icu activity 16639341172 of {TODAY - timedelta(days=2)} (from Strava)",
        f"intervals.icu activity 16639341173 of {TODAY - timedelta(days=1)} (from Strava)",
    ]
    assert all("Strava" in s.reason for s in page.skipped)
    hints = [r for r in caplog.records if "connect your watch" in r.getMessage()]
    assert len(hints) == 1 and hints[0].getMessage().startswith("2 activities")


def test_implausible_and_unreadable_items_are_skipped_and_named(fake, home, key_file):
    fast = activity(TODAY - timedelta(days=2), 42, minutes=60, ident="i5", name="Bike as run")
    broken = activity(TODAY - timedelta(days=3), 8, ident="i6")
    broken["start_date_local"] = "yesterday"
    fake.activities = [fast, broken, activity(TODAY - timedelta(days=1), 8, ident="i7")]
    _, source, _ = source_for(home)
    (page,) = list(source.fetch_pages(TODAY - timedelta(days=7)))
    assert [run.id for run in page.runs] == ["i7"]
    named = {s.ident: s.reason for s in page.skipped}
    assert "implausible" in named["intervals.icu activity i5 (Bike as run)"]
    assert "start_date_local" in named["intervals.icu activity i6 (Morning Run)"]


def test_a_rate_limit_mid_import_keeps_the_windows_read_and_the_next_pull_resumes(
    fake, home, key_file
):
    fake.activities = [
        activity(TODAY - timedelta(days=d), 8, ident=f"i{d}") for d in range(1, 365, 7)
    ]
    state = open_state(home / "state.db")
    _, source, _ = source_for(home)
    fake.fail_at, fake.failure = 3, "429"
    with pytest.raises(RateLimited) as raised:
        pull_runs(source, "intervals", state, TODAY)
    assert raised.value.exit_code == ExitCode.TEMPFAIL
    assert "it asks to wait 30 s" in str(raised.value)
    assert "continues the pull of runs" in str(raised.value) and "at page 3" in str(raised.value)
    kept = len(state.cached_runs())
    assert kept > 0
    fake.fail_at = None
    fake.requests.clear()
    _, source, _ = source_for(home)
    result = pull_runs(source, "intervals", state, TODAY)
    assert result.resumed_from == "3"
    assert len(activity_reads(fake)) == len(fake.requests) == 2  # windows 3 and 4 only
    assert len(state.cached_runs()) == len(fake.activities)
    state.close()


def test_runs_and_completions_share_one_read(fake, home, key_file):
    fake.activities = [
        activity(TODAY - timedelta(days=2), 8, ident="i1"),
        strength(TODAY - timedelta(days=1), ident="i2", name="hipcoach 2026-W49-1 · Hip"),
        activity(TODAY - timedelta(days=1), 5, sport="Walk", ident="i3"),
    ]
    integration, source, context = source_for(home)
    done = integration.completion_source(context)
    assert done is not None
    since = TODAY - timedelta(days=10)
    runs = list(source.fetch_runs(since))
    completions = list(done.fetch_completions(since, {}))
    assert [r.id for r in runs] == ["i1"]
    assert [(c.activity_id, c.date, c.source) for c in completions] == [
        ("i2", TODAY - timedelta(days=1), "intervals")
    ]
    assert completions[0].sets is None and completions[0].fingerprint
    assert len(activity_reads(fake)) == 1


def test_a_malformed_list_is_69_in_one_line(fake, home, key_file):
    import responses as responses_lib

    _, source, _ = source_for(home)
    with responses_lib.RequestsMock() as mock:
        mock.add("GET", "https://intervals.icu/api/v1/athlete/i434414/activities", body="<html>")
        with pytest.raises(Exception) as raised:
            list(source.fetch_runs(TODAY - timedelta(days=3)))
    assert raised.value.exit_code == ExitCode.UNAVAILABLE  # type: ignore[attr-defined]
    assert "not JSON" in str(raised.value)
    _, source, _ = source_for(home)
    with responses_lib.RequestsMock() as mock:
        mock.add(
            "GET",
            "https://intervals.icu/api/v1/athlete/i434414/activities",
            body=json.dumps({"activities": []}),
        )
        with pytest.raises(Exception) as raised:
            list(source.fetch_runs(TODAY - timedelta(days=3)))
    assert raised.value.exit_code == ExitCode.UNAVAILABLE  # type: ignore[attr-defined]
    assert "instead of a list" in str(raised.value)
