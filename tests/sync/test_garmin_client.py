"""garminconnect 0.3.20 as the nightly sync uses it, end to end over the fake Garmin service:
every request made once a night, a 429 on a write, moves in place, a blanked exercise name."""

from __future__ import annotations

import json

import pytest

from hipcoach.errors import ExitCode
from tests.fakes.garmin_server import FakeGarmin
from tests.sync.runner import sync, workout_of

pytestmark = pytest.mark.usefixtures("clock")

SCHEDULE = "/workout-service/schedule/"


def night(cli, garmin: FakeGarmin):  # type: ignore[no-untyped-def]
    """One sync as cron runs it: a new process, its requests counted from zero."""
    garmin.new_night()
    result = cli("sync", "--json")
    report = json.loads(result.stdout) if result.stdout.strip() else None
    return result, report


def planned(report) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s["key"], s["date"]) for s in report["sessions"]}


def test_a_429_on_a_write_stops_the_night_in_one_line_and_the_next_repairs(cli, watch) -> None:
    watch.fail_first, watch.failure = ("POST", SCHEDULE), "429"
    result, report = night(cli, watch)
    assert result.exit_code == ExitCode.TEMPFAIL
    (line,) = result.stderr.splitlines()
    assert "rate-limiting" in line and "HTTP 429" in line and "Traceback" not in line
    assert watch.repeated_requests() == []
    # The night stopped at the refused write: nothing was sent after it.
    method, url = watch.requests[-1]
    assert method == "POST" and SCHEDULE in url
    result, report = night(cli, watch)
    assert result.exit_code == 0, result.output
    assert watch.hipcoach_entries() == sorted(planned(report))
    assert len(watch.hipcoach_workouts()) == len(report["sessions"])  # no duplicate made
    result, _ = night(cli, watch)
    assert watch.mutating_requests() == []


def test_moves_use_one_put_and_keep_the_calendar_entry(cli, home, watch) -> None:
    first = sync(cli)
    entries = dict(watch.schedules)
    (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
    result, report = night(cli, watch)
    assert result.exit_code == 0, result.output
    assert report["moved"], report
    assert watch.hipcoach_entries() == sorted(planned(report))
    for moved in report["moved"]:
        workout = workout_of(watch, moved["key"])
        (schedule_id,) = [s for s, (w, _) in watch.schedules.items() if w == workout]
        assert entries[schedule_id][1] == moved["from"]  # the same entry, now on its new day
    sent = [(m, url.rsplit("/", 2)[-2]) for m, url in watch.mutating_requests()]
    assert ("PUT", "schedule") in sent
    assert ("DELETE", "schedule") not in sent and ("POST", "schedule") not in sent
    assert planned(report) != planned(first)
    assert watch.repeated_requests() == []


@pytest.mark.parametrize("failure", ["500", "429"])
def test_a_fault_at_every_request_of_a_night_of_moves(
    cli, home, watch: FakeGarmin, failure: str
) -> None:
    """A night that moves sessions (GET then PUT of each entry), failed at each request in
    turn (a 5xx; a 429, which on a write garminconnect raises differently from a read's):
    no request is made twice that night, and the next night ends where a night without the
    fault would have."""
    import copy

    sync(cli)
    files = {p.name: p.read_bytes() for p in home.glob("state.db*")}
    before = (files, copy.deepcopy(watch.workouts), dict(watch.schedules))
    config = home / "config.toml"
    config.write_text("[athlete]\nlong_run_day = 'wednesday'\n")
    night(cli, watch)
    expected = watch.hipcoach_calendar()
    total = len(watch.requests)
    assert total >= 6
    for position in range(1, total + 1):
        for path in home.glob("state.db*"):  # back to the first night, here and on Garmin
            path.unlink()
        for name, data in before[0].items():
            (home / name).write_bytes(data)
        watch.workouts, watch.schedules = copy.deepcopy(before[1]), dict(before[2])
        watch.new_night()
        watch.fail_at, watch.failure = position, failure
        failed = cli("sync", "--json")
        watch.fail_at = None
        assert failed.exit_code in (0, ExitCode.TEMPFAIL), (position, failed.output)
        assert "Traceback" not in failed.output
        assert watch.repeated_requests() == [], position
        if failure == "429":  # a rate limit is honoured by stopping: nothing more that night
            assert len(watch.requests) == position, (position, watch.requests[position:])
        result, report = night(cli, watch)
        assert result.exit_code == 0, (position, result.output)
        assert watch.hipcoach_calendar() == expected, position
        assert watch.hipcoach_entries() == sorted(planned(report)), position


def test_a_blanked_name_fails_that_session_only_and_the_next_night_retries(cli, watch) -> None:
    dry = json.loads(cli("sync", "--dry-run", "--json").stdout)
    victim = dry["sessions"][1]["key"]
    watch.blank_in = {victim}
    result, report = night(cli, watch)
    assert result.exit_code == ExitCode.UNAVAILABLE
    (line,) = [x for x in report["errors"] if victim in x]
    assert "blanked the exercise name" in line and len(report["errors"]) == 1
    assert "blanked the exercise name" in result.stderr and victim in result.stderr
    others = planned(report) - {(victim, s["date"]) for s in report["sessions"]}
    assert others <= watch.hipcoach_calendar()  # the other sessions went ahead
    assert victim not in {key for key, _ in watch.hipcoach_calendar()}  # not put on the watch
    assert watch.hipcoach_workouts().count(victim) == 1
    assert watch.repeated_requests() == []

    watch.blank_in = set()  # Garmin keeps the names this time
    result, report = night(cli, watch)
    assert result.exit_code == 0, result.output
    assert [u["key"] for u in report["updated"]] == [victim]  # sent again, in place
    assert watch.hipcoach_entries() == sorted(planned(report))
    assert sorted(watch.hipcoach_workouts()) == sorted({k for k, _ in planned(report)})
    result, _ = night(cli, watch)
    assert watch.mutating_requests() == []


def test_a_blanked_name_again_fails_again_without_a_duplicate(cli, watch) -> None:
    dry = json.loads(cli("sync", "--dry-run", "--json").stdout)
    victim = dry["sessions"][0]["key"]
    watch.blank_in = {victim}
    for _ in range(3):
        result, report = night(cli, watch)
        assert result.exit_code == ExitCode.UNAVAILABLE
        assert watch.hipcoach_workouts().count(victim) == 1
        assert victim in " ".join(report["errors"])
