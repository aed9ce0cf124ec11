"""``hipcoach sync`` with intervals.icu alone (source, plan, races, target, completions), end to
end under the real ``requests`` against the fake intervals.icu: the first sync, a quiet night,
a failure at every request of a first sync then a clean run, the runner's events untouched,
a race, a done session, refused keys and rate limits, and no key anywhere at ``-vv``."""

from __future__ import annotations

import base64
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hipcoach.errors import ExitCode
from tests.fakes.intervals_server import KEY, PREFIX, FakeIntervals
from tests.garmin.test_exports import decode
from tests.intervals.conftest import MONDAY, Clock, save_key
from tests.intervals_shapes import (
    ATHLETE,
    activity,
    note,
    planned_run,
    race,
    strava_stub,
    strength,
)

HEADER = base64.b64encode(f"API_KEY:{KEY}".encode()).decode()


def sync(cli, *args: str) -> tuple[Any, dict[str, Any] | None]:  # type: ignore[no-untyped-def]
    result = cli("sync", "--json", *args)
    report = json.loads(result.stdout) if result.stdout.strip() else None
    return result, report


def planned(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((s["key"], s["date"]) for s in report["sessions"])


def add_foreign(fake: FakeIntervals, day: date) -> dict[int, dict[str, Any]]:
    """What is not hipcoach's: the runner's strength workout named like ours, a note, another
    app's event, and an event marked like ours for another athlete."""
    look_alike = {
        **planned_run(day, "hipcoach 2026-W45-2 · Hip strength W1 S2"),
        "type": "WeightTraining",
    }
    ids = [
        fake.add_event(look_alike),
        fake.add_event(note(day, "Physio appointment")),
        fake.add_event(
            {**planned_run(day, "Runna: easy 5 km", km=5), "external_id": "runna-991"},
            made_by="app",
        ),
        fake.add_event(
            {**planned_run(day, "Hip strength"), "external_id": "hipcoach:i999:2026-W45-1"},
            made_by="app",
        ),
    ]
    return {i: dict(fake.events[i]) for i in ids}


def assert_matches(fake: FakeIntervals, report: dict[str, Any]) -> None:
    assert fake.hipcoach_events() == planned(report), "missing, extra or duplicate events"


def test_auth_then_sync_puts_every_session_on_the_calendar(cli, home, fake, clock):
    fake.activities = []
    assert cli("auth", "intervals", "--api-key-stdin", input=KEY).exit_code == 0
    foreign = add_foreign(fake, MONDAY + timedelta(days=2))
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["target"] == "intervals"
    assert len(report["created"]) == len(report["sessions"]) >= 4
    assert_matches(fake, report)
    for event in fake.events.values():
        if str(event.get("external_id")).startswith(PREFIX):
            key = event["external_id"][len(PREFIX) :]
            assert event["category"] == "WORKOUT" and event["type"] == "WeightTraining"
            assert event["name"].startswith(f"hipcoach {key} · ")
            assert "Not medical advice" in event["description"]
            fit = decode(fake.uploads[event["external_id"]])
            assert fit["workout_mesgs"][0]["sub_sport"] == "strength_training"
    for ident, event in foreign.items():
        assert fake.events[ident] == event


def test_a_quiet_night_reads_the_activity_window_and_the_calendar_and_writes_nothing(cli, runner):
    result, _first = sync(cli)
    assert result.exit_code == 0, result.output
    runner.requests.clear()
    result, report = sync(cli)
    assert result.exit_code == 0
    assert report is not None
    assert runner.mutating_requests() == []
    assert sorted(path.rsplit("/", 1)[1] for _, path in runner.requests) == [
        "activities",
        "events",
    ]
    for name in ("created", "updated", "moved", "deleted", "repaired"):
        assert report[name] == []
    assert_matches(runner, report)


@pytest.mark.parametrize(
    ("failure", "upsert_matches"),
    # 500 and a dropped connection never reach the server alike: 500 stands for both.
    [("500", True), ("429", True), ("lost", True), ("lost", False)],
)
def test_a_failure_at_every_request_of_a_first_sync_then_a_clean_run(
    tmp_path, runner, clock, failure, upsert_matches
):
    """For each request k of a first sync: fail it, rerun cleanly: exactly the desired events,
    no duplicate, nothing foreign touched; the night after, no write at all. Also when
    intervals.icu's upsert would not match events made with a personal key (unverified): a
    write whose answer was lost is then found on the calendar, never written twice."""
    runner.upsert_matches = upsert_matches
    from hipcoach.cli import cli as root

    def fresh_home(name: str) -> Path:
        home = tmp_path / name
        save_key(home)
        return home

    def sync_in(home: Path) -> tuple[Any, dict[str, Any] | None]:
        result = CliRunner().invoke(root, ["--home", str(home), "sync", "--json"])
        return result, (json.loads(result.stdout) if result.stdout.strip() else None)

    _, reference = sync_in(fresh_home("reference"))
    assert reference is not None
    expected = planned(reference)
    total = len(runner.requests)
    assert total >= 8
    for position in range(1, total + 1):
        runner.events.clear()
        runner.uploads.clear()
        foreign = add_foreign(runner, MONDAY + timedelta(days=3))
        home = fresh_home(f"run-{position}")
        runner.requests.clear()
        runner.fail_at, runner.failure = position, failure
        failed, _ = sync_in(home)
        assert failed.exit_code == ExitCode.TEMPFAIL, (position, failed.output)
        assert "Traceback" not in failed.output
        runner.fail_at = None
        repaired, report = sync_in(home)
        assert repaired.exit_code == 0, (position, repaired.output)
        assert report is not None
        assert planned(report) == expected, position
        assert runner.hipcoach_events() == expected, position
        for ident, event in foreign.items():
            assert runner.events[ident] == event, position
        runner.requests.clear()
        again, _ = sync_in(home)
        assert again.exit_code == 0
        assert runner.mutating_requests() == [], position


def test_a_moved_long_run_moves_the_events_and_the_runners_edits_are_repaired(
    cli, home, runner, clock
):
    _, first = sync(cli)
    assert first is not None
    # The runner deletes one of hipcoach's events and drags another to another day.
    ours = sorted(
        (i for i, e in runner.events.items() if str(e["external_id"]).startswith(PREFIX)),
        key=lambda i: str(runner.events[i]["start_date_local"]),
    )
    del runner.events[ours[0]]
    moved = runner.events[ours[1]]
    moved["start_date_local"] = f"{MONDAY + timedelta(days=12)}T00:00:00"
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    assert_matches(runner, report)
    (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
    result, report = sync(cli)
    assert result.exit_code == 0
    assert report is not None and (report["moved"] or report["deleted"])
    assert planned(report) != planned(first)
    assert_matches(runner, report)


def test_a_race_on_the_calendar_clears_the_days_around_it(cli, runner, clock):
    day = MONDAY + timedelta(days=9)
    runner.add_event(race(day, "City Half Marathon", 21.1))
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    for _, on in planned(report):
        assert not -1 <= (day - date.fromisoformat(on)).days <= 2, on
    status = json.loads(cli("status", "--json").stdout)
    assert any(r["name"] == "City Half Marathon" for r in status.get("races", []))


def test_a_weight_training_activity_on_the_day_counts_the_session_done(cli, runner, clock):
    _, first = sync(cli)
    assert first is not None
    key, day = planned(first)[0]
    runner.activities.append(
        strength(date.fromisoformat(day), ident="i424242", name=f"hipcoach {key} · Hip")
    )
    clock.day = date.fromisoformat(day) + timedelta(days=1)
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["completions_read"] == 1
    log = json.loads(cli("log", "--json").stdout)
    done = {s["key"]: s for s in log["sessions"]}
    assert done[key]["status"] == "done" and done[key]["source"] == "intervals"
    assert done[key]["done_sets"] is None


def test_strava_stubs_are_counted_and_the_runner_told_once_how_to_connect_the_watch(
    cli, runner, clock
):
    runner.activities += [
        strava_stub(MONDAY - timedelta(days=d), f"1663934{d:04d}") for d in range(1, 6)
    ]
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    assert len(report["skipped"]) == 5
    assert all("from Strava" in s["activity"] for s in report["skipped"])
    assert result.stderr.count("connect your watch") == 1


def test_a_refused_key_is_77_naming_auth_intervals_and_the_state_is_intact(
    cli, home, runner, clock
):
    _, _first = sync(cli)
    before = (
        sqlite3.connect(home / "state.db")
        .execute("SELECT * FROM remote_workouts ORDER BY session_key")
        .fetchall()
    )
    runner.fail_all, runner.failure = True, "401"
    result, _ = sync(cli)
    assert result.exit_code == ExitCode.NOPERM
    assert "hipcoach auth intervals" in result.stderr and "Traceback" not in result.output
    after = (
        sqlite3.connect(home / "state.db")
        .execute("SELECT * FROM remote_workouts ORDER BY session_key")
        .fetchall()
    )
    assert after == before


def test_a_rate_limit_is_75_without_waiting(cli, runner, clock):
    runner.fail_all, runner.failure = True, "429"
    result, _report = sync(cli)
    assert result.exit_code == ExitCode.TEMPFAIL
    assert "HTTP 429" in result.stderr and "it asks to wait 30 s" in result.stderr
    assert "Traceback" not in result.output


def test_an_event_made_without_our_external_id_is_taken_back_and_writing_stops(cli, runner, clock):
    """A server that drops the external_id would have hipcoach add events it can never find
    again, every night: the one made is deleted, and nothing more is written (69)."""
    runner.drop_external_id = True
    result, _ = sync(cli)
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert "did not keep hipcoach's external_id" in result.stderr
    assert "Traceback" not in result.output
    assert [m for m, _ in runner.mutating_requests()] == ["POST", "DELETE"]
    assert runner.events == {}


def test_no_key_anywhere_at_vv(cli, home, runner, clock):
    result = cli("-vv", "sync", "--json")
    assert result.exit_code == 0, result.output
    log = (home / "logs" / "hipcoach.log").read_text()
    state = b"".join(p.read_bytes() for p in home.glob("state.db*"))
    for text in (result.stdout, result.stderr, log):
        assert KEY not in text and HEADER not in text
    assert KEY.encode() not in state and HEADER.encode() not in state
    assert "intervals.icu GET" in log  # the requests are logged, without the key


def test_the_environment_alone_sets_intervals_up(cli, home, fake, clock):
    fake.activities = []
    env = {"INTERVALS_API_KEY": KEY, "INTERVALS_ATHLETE_ID": ATHLETE}
    result = cli("sync", "--json", env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"] == "intervals"
    assert not (home / "tokens" / "intervals").exists()


def test_with_only_a_key_the_athlete_is_read_once_for_the_external_id(cli, home, fake, clock):
    fake.activities = [activity(MONDAY - timedelta(days=2), 8, ident="i1")]
    result = cli("sync", "--json", env={"INTERVALS_API_KEY": KEY})
    assert result.exit_code == 0, result.output
    assert fake.requests.count(("GET", "/api/v1/athlete/0")) == 1
    assert all(e["external_id"].startswith(PREFIX) for e in fake.events.values())


def test_garmin_and_intervals_together_the_config_chooses(cli, home, runner, clock):
    (home / "config.toml").write_text("[integrations]\ntarget = 'intervals'\n")
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["target"] == "intervals"


def test_status_sees_intervals_as_source_and_target(cli, runner, clock):
    sync(cli)
    data = json.loads(cli("status", "--json").stdout)
    assert not any("no workout target" in note for note in data["attention"])
    assert not any("no activity source" in note for note in data["attention"])


_ = Clock  # the fixture's type, for readers


def test_a_missed_sessions_catch_up_moves_its_event_and_never_twins_it(cli, runner, clock):
    _, first = sync(cli)
    assert first is not None
    missed, day = planned(first)[0]
    clock.day = date.fromisoformat(day) + timedelta(days=1)
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    caught = [m for m in report["moved"] if m["key"] == missed]
    assert caught, report["moved"]
    assert caught[0]["catch_up"] == "catch_up" and caught[0]["from"] == day
    events = runner.hipcoach_events()
    assert [k for k, _ in events].count(missed) == 1
    assert (missed, caught[0]["date"]) in events
    runner.requests.clear()
    sync(cli)
    assert runner.mutating_requests() == []


@pytest.mark.parametrize(
    ("failure", "code"), [("401", ExitCode.NOPERM), ("429", ExitCode.TEMPFAIL)]
)
def test_a_refusal_stops_every_request_after_it_in_one_line(cli, runner, clock, failure, code):
    sync(cli)
    runner.requests.clear()
    runner.fail_at, runner.failure = 1, failure
    result, _ = sync(cli)
    assert result.exit_code == code
    assert len(runner.requests) == 1  # nothing asked after the refusal
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_runners_intervals_plan_places_the_sessions_and_moves_them_in_place(cli, runner, clock):
    """A planned long run, an interval session and a race on intervals.icu's calendar: no
    session the day before the long run, the one after it names the planned run, the day
    before the intervals is light, nothing around the race. When the plan moves the long run,
    the session follows with one PUT (the event keeps its id)."""
    long_run = runner.add_event(
        planned_run(MONDAY + timedelta(days=3), "Long run 28 km", km=28, minutes=165)
    )
    runner.add_event(planned_run(MONDAY + timedelta(days=1), "6 x 800 m", minutes=55, repeats=6))
    race_day = MONDAY + timedelta(days=12)
    runner.add_event(race(race_day, "City Half", 21.1))
    _, first = sync(cli)
    assert first is not None
    days = {s["date"]: s for s in first["sessions"]}
    thursday = MONDAY + timedelta(days=3)
    assert str(thursday - timedelta(days=1)) not in days  # never the day before the long run
    after = days[str(thursday + timedelta(days=1))]
    assert "planned 28 km long run (intervals.icu)" in after["reason"]
    assert (
        "planned 55 min interval session (intervals.icu) is tomorrow" in days[str(MONDAY)]["reason"]
    )
    for on in days:  # the 2 days before a race, the race, the 3 days after a half marathon
        assert not -2 <= (date.fromisoformat(on) - race_day).days <= 3, on
    shown = json.loads(cli("schedule", "--json", "--offline").stdout)
    planned_runs = [r for r in shown["runs"] if r.get("planned")]
    assert {(r["date"], r["kind"], r["source"]) for r in planned_runs} == {
        (str(MONDAY + timedelta(days=1)), "quality", "intervals.icu"),
        (str(thursday), "long", "intervals.icu"),
        (str(race_day), "race", "intervals.icu"),
    }

    def event_ids() -> dict[str, int]:
        return {e["external_id"]: i for i, e in runner.events.items() if e.get("external_id")}

    ids = event_ids()
    runner.events[long_run]["start_date_local"] = f"{MONDAY + timedelta(days=5)}T00:00:00"
    runner.requests.clear()
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["moved"]
    assert {m for m, _ in runner.mutating_requests()} == {"PUT"}
    assert len(runner.mutating_requests()) == len(report["moved"]) + len(report["updated"])
    assert event_ids() == ids  # moved in place: every event kept its id
    days = {s["date"]: s for s in report["sessions"]}
    assert (
        "planned 28 km long run (intervals.icu)" in days[str(MONDAY + timedelta(days=6))]["reason"]
    )
    assert_matches(runner, report)
