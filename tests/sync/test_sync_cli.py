"""``hipcoach sync`` end to end: real stravalib and garminconnect over fake services."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from hipcoach.errors import ExitCode
from tests.garmin.conftest import ACCESS_TOKEN, REFRESH_TOKEN
from tests.strava_shapes import activity, weekly_history
from tests.sync.conftest import STRAVA_ENV, last_monday

SECRETS = (
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    STRAVA_ENV["STRAVA_CLIENT_SECRET"],
    STRAVA_ENV["STRAVA_REFRESH_TOKEN"],
    "sync-access-1-zzzzzz",
    "sync-refresh-1-yyyyyy",
)


def run(cli, *args):  # type: ignore[no-untyped-def]
    result = cli("sync", "--json", *args)
    report = json.loads(result.stdout) if result.stdout.strip() else None
    return result, report


def planned(report):  # type: ignore[no-untyped-def]
    return {(s["key"], s["date"]) for s in report["sessions"]}


def on_calendar(garmin):  # type: ignore[no-untyped-def]
    return garmin.hipcoach_calendar()


def assert_remote_matches(garmin, report):  # type: ignore[no-untyped-def]
    assert garmin.hipcoach_entries() == sorted(planned(report)), "missing or duplicate entries"
    keys = garmin.hipcoach_workouts()
    assert len(keys) == len(set(keys)) == len(report["sessions"]), "duplicates or orphans"


def test_first_sync_then_a_quiet_night(cli, services):
    _, garmin, mock = services
    foreign = garmin.add_foreign_workout("Leg day", date.today() + timedelta(days=2))
    result, report = run(cli)
    assert result.exit_code == 0, result.output
    assert len(report["created"]) == len(report["sessions"]) >= 4
    assert_remote_matches(garmin, report)
    assert foreign in garmin.workouts

    garmin.requests.clear()
    mock.calls.reset()
    result, report = run(cli)
    assert result.exit_code == 0
    assert garmin.mutating_requests() == []
    # The floor: one Strava activities GET (the access token is still fresh here; on a real
    # night a refresh comes first), one Garmin activities GET (the completed sessions: the
    # watch records them), one calendar read per month of the window and one read of the
    # workouts scheduled in it (the running plan).
    end = date.today() + timedelta(days=13)
    months = 1 + ((end.year, end.month) != (date.today().year, date.today().month))
    assert len(mock.calls) == 3 + months
    assert report["created"] == report["updated"] == report["moved"] == report["deleted"] == []
    assert all(method == "GET" for method, _ in garmin.requests)
    assert sum("activitylist-service" in url for _, url in garmin.requests) == 1


def test_dry_run_changes_nothing(cli, services):
    _, garmin, _ = services
    result = cli("sync", "--dry-run")
    assert result.exit_code == 0
    assert "would create" in result.stdout
    assert garmin.mutating_requests() == [] and garmin.workouts == {}


def test_a_moved_long_run_moves_the_sessions(cli, home, services):
    _strava, garmin, _ = services
    _, first = run(cli)
    (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
    result, report = run(cli)
    assert result.exit_code == 0
    assert report["moved"] or report["deleted"]
    assert_remote_matches(garmin, report)
    assert planned(report) != planned(first)


def test_a_race_in_config_removes_sessions_before_it(cli, home, services):
    _, garmin, _ = services
    run(cli)
    race = date.today() + timedelta(days=5)
    (home / "config.toml").write_text(f"[athlete]\nraces = [{race.isoformat()}]\n")
    result, report = run(cli)
    assert result.exit_code == 0
    for _, day in on_calendar(garmin):
        assert not 0 <= (race - date.fromisoformat(day)).days <= 2
    assert_remote_matches(garmin, report)


def test_a_workout_the_runner_deleted_is_restored(cli, services):
    _, garmin, _ = services
    run(cli)
    victim = next(i for i, w in garmin.workouts.items() if w["workoutName"].startswith("hipcoach"))
    del garmin.workouts[victim]
    garmin.schedules = {s: v for s, v in garmin.schedules.items() if v[0] != victim}
    result, report = run(cli)
    assert result.exit_code == 0 and report["created"]
    assert_remote_matches(garmin, report)


@pytest.mark.parametrize("failure", ["500", "429", "connection"])
def test_a_fault_at_every_request_then_a_clean_run(tmp_path, services, garmin_tokens, failure):
    """For each Garmin request k of a first sync: fail it, rerun cleanly, and the remote
    state must equal the fault-free one (no duplicates, no orphans, foreign untouched)."""
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    _, garmin, _ = services

    def fresh_home(name):  # type: ignore[no-untyped-def]
        home = tmp_path / name
        (home / "tokens" / "garmin").mkdir(parents=True, mode=0o700)
        (home / "tokens" / "garmin" / "garmin_tokens.json").write_text(garmin_tokens.read_text())
        return home

    def sync_in(home):  # type: ignore[no-untyped-def]
        result = CliRunner().invoke(root, ["--home", str(home), "sync", "--json"])
        return result, (json.loads(result.stdout) if result.stdout.strip() else None)

    sync_in(fresh_home("reference"))
    expected = on_calendar(garmin)
    total = len(garmin.requests)
    assert total >= 10
    assert garmin.repeated_requests() == []
    for position in range(1, total + 1):
        home = fresh_home(f"run-{position}")
        garmin.workouts.clear()
        garmin.schedules.clear()
        foreign = garmin.add_foreign_workout("Foreign", date.today() + timedelta(days=3))
        garmin.new_night()
        garmin.fail_at, garmin.failure = position, failure
        failed, _ = sync_in(home)
        assert failed.exit_code in (ExitCode.TEMPFAIL, 0), (position, failed.output)
        assert "Traceback" not in failed.output
        # Every request is made once a night: the one that failed is not tried again.
        assert garmin.repeated_requests() == [], position
        failed_request = garmin.sent[position - 1]
        assert garmin.sent.count(failed_request) == 1, position
        garmin.fail_at = None
        garmin.new_night()
        repaired, report = sync_in(home)
        assert repaired.exit_code == 0, (position, repaired.output)
        assert garmin.repeated_requests() == [], position
        assert on_calendar(garmin) == expected, position
        assert_remote_matches(garmin, report)
        assert foreign in garmin.workouts
        garmin.new_night()
        sync_in(home)
        assert garmin.mutating_requests() == [], position


def test_no_secret_in_any_output_at_vv(cli, home, services):
    result = cli("-vv", "sync", "--json")
    assert result.exit_code == 0
    log = (home / "logs" / "hipcoach.log").read_text()
    for text in (result.stdout, result.stderr, log):
        for secret in SECRETS:
            assert secret not in text


def test_expired_garmin_sign_in_is_77_naming_the_command(cli, services):
    _, garmin, _mock = services
    garmin.fail_all, garmin.failure = True, "401"
    result = cli("sync")
    assert result.exit_code == ExitCode.NOPERM
    assert "hipcoach auth garmin" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_target_is_77_and_status_reports_it(cli, home, monkeypatch):
    result = cli("sync")
    assert result.exit_code == ExitCode.NOPERM
    assert "hipcoach auth garmin" in result.stderr


def test_two_concurrent_syncs(cli, home, services, monkeypatch):
    import fcntl

    from hipcoach.sync import lock, transaction

    # Patched where the sync looks it up, so the wait is 0.3 s, not the real 5 s.
    waits: list[float] = []

    def short_wait(home_root):
        waits.append(0.3)
        return lock.sync_lock(home_root, wait_seconds=0.3)

    monkeypatch.setattr(transaction, "sync_lock", short_wait)
    with open(home / "sync.lock", "w") as handle:  # another sync holds the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = cli("sync")
    assert result.exit_code == ExitCode.TEMPFAIL
    assert "another sync is running" in result.stderr
    assert waits == [0.3]  # the short wait was the one used
    # A lock left by a killed process is released by the kernel: the next sync runs.
    assert cli("sync").exit_code == 0


def test_status_after_sync(cli, services):
    _, garmin, _ = services
    run(cli)
    garmin.requests.clear()
    data = json.loads(cli("status", "--json").stdout)
    assert garmin.requests == []  # status reads local state only
    assert data["last_sync"]["exit_code"] == 0
    assert data["upcoming"]
    assert data["last_sync"]["counts"]["created"] >= 4
    assert data["attention"] == []
    assert "Next sessions on your watch" in cli("status").stdout


def test_status_names_what_needs_setting_up(cli):
    data = json.loads(cli("status", "--json").stdout)
    assert any("hipcoach auth strava" in note for note in data["attention"])
    assert any("hipcoach auth garmin" in note for note in data["attention"])


def test_cron_prints_paths(cli, home):
    result = cli("cron")
    assert result.exit_code == 0
    assert f"--home {home}" in result.stdout and "sync -q" in result.stdout
    assert "OnCalendar=*-*-* 03:17:00" in result.stdout
    assert cli("cron", "--time", "25:00").exit_code == ExitCode.USAGE


def test_a_long_run_this_morning_moves_todays_session(cli, home, services):
    strava, garmin, _ = services
    yesterday = date.today() - timedelta(days=1)
    strava.activities = weekly_history(last_monday(), 6, long_weekday=yesterday.weekday())
    strava.activities.append(activity(yesterday, 22, minutes=120, workout_type=2, ident=55))
    (home / "config.toml").write_text(f"[athlete]\nlong_run_day = '{yesterday:%A}'\n")
    _, first = run(cli)
    today = date.today().isoformat()
    assert today in {day for _, day in planned(first)}
    strava.activities.append(
        activity(date.today(), 30, hour=6, minutes=170, workout_type=2, ident=987654)
    )
    result, report = run(cli)
    assert result.exit_code == 0
    assert today not in {day for _, day in planned(report)}
    assert report["moved"] or report["deleted"]
    assert_remote_matches(garmin, report)


def test_schedule_agrees_with_what_sync_put_on_the_watch(cli, services):
    _, first = run(cli)
    shown = json.loads(cli("schedule", "--json", "--offline").stdout)
    # One plan assembly, one window (today on): what schedule shows is what sync pushed.
    assert (shown["from"], shown["to"]) == (first["from"], first["to"])
    assert [(s["key"], s["date"], s["content_hash"]) for s in shown["sessions"]] == [
        (s["key"], s["date"], s["content_hash"]) for s in first["sessions"]
    ]


def test_a_window_before_the_programme_start_still_has_sessions(cli, tmp_path):
    acts = tmp_path / "acts.json"
    acts.write_text(json.dumps(weekly_history(last_monday() - timedelta(weeks=10), 6)))
    past = (date.today() - timedelta(days=60)).isoformat()
    cli("plan")  # stores this week as the programme start
    data = json.loads(cli("schedule", "--json", "--activities", str(acts), "--from", past).stdout)
    assert len(data["sessions"]) >= 4


def test_the_sync_records_the_programme_start_and_a_dry_run_does_not(cli, home, services):
    from hipcoach.schedule.planner import PROGRAMME_START_KEY
    from hipcoach.state import open_state

    def stored():  # type: ignore[no-untyped-def]
        state = open_state(home / "state.db")
        try:
            return state.get_meta(PROGRAMME_START_KEY)
        finally:
            state.close()

    assert cli("sync", "--dry-run").exit_code == 0
    assert stored() is None
    result, _ = run(cli)
    assert result.exit_code == 0
    assert stored() == date.today().isoformat()
