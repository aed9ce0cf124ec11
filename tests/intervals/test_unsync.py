"""``hipcoach unsync`` with intervals.icu as the target: hipcoach's events from today on and
those of sessions never done go; the runner's events (one named like ours, another app's, one
marked like ours for another athlete) and the event of a session done stay; a second run
writes nothing; a failure at any request is finished by the next run; ``sync`` puts the plan
back."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hipcoach.errors import ExitCode
from tests.intervals.conftest import MONDAY, save_key
from tests.intervals.test_sync import add_foreign, planned, sync
from tests.intervals_shapes import strength


def unsync(cli, *args: str) -> tuple[Any, dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = cli("unsync", "--json", *args)
    return result, json.loads(result.stdout)


def test_unsync_takes_off_only_hipcoachs_events_of_sessions_never_done(cli, runner, clock):
    _, first = sync(cli)
    assert first is not None
    done_key, done_day = planned(first)[0]
    runner.activities.append(strength(MONDAY, ident="i5150", name="Hip strength"))
    assert done_day == MONDAY.isoformat()
    clock.day = MONDAY + timedelta(days=2)
    foreign = add_foreign(runner, MONDAY + timedelta(days=5))

    runner.requests.clear()
    result, preview = unsync(cli, "--dry-run")
    assert result.exit_code == 0, result.output
    assert runner.mutating_requests() == []
    assert preview["targets"] == ["intervals"]
    assert {k["key"] for k in preview["kept"]} == {done_key}
    planned_keys = {key for key, _ in planned(first)}
    assert {r["key"] for r in preview["removed"] if r["what"] == "workout"} == planned_keys - {
        done_key
    }

    result, report = unsync(cli)
    assert result.exit_code == 0, result.output
    assert report["removed"] == preview["removed"]
    assert runner.hipcoach_events() == [(done_key, done_day)]
    for ident, event in foreign.items():
        assert runner.events[ident] == event
    assert {m for m, _ in runner.mutating_requests()} == {"DELETE"}

    runner.requests.clear()
    result, again = unsync(cli)
    assert again["removed"] == [] and runner.mutating_requests() == []

    _, back = sync(cli)
    assert back is not None and back["created"]
    assert set(planned(back)) <= set(runner.hipcoach_events())
    for ident, event in foreign.items():
        assert runner.events[ident] == event


@pytest.mark.parametrize("failure", ["429", "lost"])
def test_a_failure_at_any_request_of_unsync_is_finished_by_the_next_run(
    tmp_path, runner, clock, failure
):
    """For each request k of an unsync: a fresh synced home, unsync failing at k, then a clean
    unsync: nothing of hipcoach's left from today on, the runner's events untouched, and a
    third run writes nothing."""
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    def run(home: Path, *args: str) -> Any:
        return CliRunner().invoke(root, ["--home", str(home), *args])

    def synced_home(name: str) -> Path:
        runner.events.clear()
        home = tmp_path / name
        save_key(home)
        clock.day = MONDAY
        assert run(home, "sync").exit_code == 0
        clock.day = MONDAY + timedelta(days=1)
        return home

    home = synced_home("reference")
    runner.requests.clear()
    assert run(home, "unsync").exit_code == 0
    total = len(runner.requests)
    assert total >= 4
    for position in range(1, total + 1):
        home = synced_home(f"run-{position}")
        foreign = add_foreign(runner, MONDAY + timedelta(days=4))
        runner.requests.clear()
        runner.fail_at, runner.failure = position, failure
        failed = run(home, "unsync")
        runner.fail_at = None
        assert failed.exit_code == ExitCode.TEMPFAIL, (position, failed.output)
        assert "Traceback" not in failed.output
        assert run(home, "unsync").exit_code == 0, position
        left = [d for _, d in runner.hipcoach_events() if d >= clock.day.isoformat()]
        assert left == [], position
        for ident, event in foreign.items():
            assert runner.events[ident] == event, position
        runner.requests.clear()
        assert run(home, "unsync").exit_code == 0
        assert runner.mutating_requests() == [], position
