"""An event is hipcoach's only when state.db records it (DESIGN, Ownership): an event carrying
hipcoach's exact ``external_id`` that hipcoach has no record of (a copy the runner made, one
another app wrote, one left by a lost state.db) is never deleted, moved or rewritten; it is
adopted only when it is the one such event on the very day its session is planned. A session
whose only such events sit on other days gets a new event of its own, and the runner is told.

Whether intervals.icu's web app can set ``external_id``, and whether copying or duplicating
an event keeps it, is undocumented (``reference/intervals.md``, Events): these tests take the
worst case, a copy carrying hipcoach's ``external_id`` exactly.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any

from tests.fakes.intervals_server import PREFIX, FakeIntervals
from tests.intervals.conftest import save_key
from tests.intervals.test_sync import planned, sync
from tests.intervals_shapes import planned_run


def ours(fake: FakeIntervals) -> dict[int, dict[str, Any]]:
    """The events hipcoach made (the fake knows who made what)."""
    return {
        i: e
        for i, e in fake.events.items()
        if str(e.get("external_id") or "").startswith(PREFIX) and fake.made_by[i] == "api"
    }


def copy_of(fake: FakeIntervals, key: str, on: date, made_by: str = "web") -> int:
    """A copy of hipcoach's event of ``key`` on ``on``, with its exact external_id."""
    source = next(e for e in fake.events.values() if e.get("external_id") == PREFIX + key)
    fields = {k: v for k, v in source.items() if k not in ("id", "uid")}
    return fake.add_event(
        fields | {"start_date_local": f"{on}T00:00:00", "name": "my extra session"},
        made_by=made_by,
    )


def test_a_copy_the_runner_made_is_never_deleted_as_a_stray_nor_by_unsync(cli, runner, clock):
    _, first = sync(cli)
    assert first is not None
    key, day = planned(first)[1]
    copied = copy_of(runner, key, date.fromisoformat(day) + timedelta(days=1))
    before = copy.deepcopy(runner.events[copied])
    runner.requests.clear()
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["repaired"] == []
    assert runner.mutating_requests() == []
    assert runner.events[copied] == before
    result = cli("unsync", "--json")
    assert result.exit_code == 0, result.output
    assert runner.events[copied] == before
    assert [i for i in ours(runner) if runner.events[i]["start_date_local"] >= str(clock.day)] == []


def test_a_create_never_takes_over_another_apps_event_with_our_external_id(
    cli, tmp_path, runner, clock
):
    """Fresh home; another app put an event with hipcoach's exact external_id for a planned
    session on the next day: it stays as it was, the session is a new event on its own day,
    reported as created (with the day left alone) and told on stderr."""
    probe = tmp_path / "probe"
    save_key(probe)
    _, reference = sync(lambda *a, **k: _in(probe, *a, **k))
    assert reference is not None
    key, day = planned(reference)[1]
    fake = runner
    fake.events.clear()
    fake.made_by.clear()
    beside = date.fromisoformat(day) + timedelta(days=1)
    foreign = fake.add_event(
        {
            **planned_run(beside, "my own strength"),
            "type": "WeightTraining",
            "external_id": PREFIX + key,
        },
        made_by="app",
    )
    before = copy.deepcopy(fake.events[foreign])
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    assert fake.events[foreign] == before
    assert {"key": key, "date": day, "left": [beside.isoformat()]} in report["created"]
    assert [(PREFIX + key, day)] == [
        (e["external_id"], e["start_date_local"][:10])
        for e in ours(fake).values()
        if e["external_id"] == PREFIX + key
    ]
    assert f"{beside:%a %d %b}" in result.stderr and "no record" in result.stderr


def test_an_unrecorded_event_on_the_very_day_is_adopted_and_reported_so(cli, home, runner, clock):
    """state.db lost, the plan unchanged: every event sits on its session's day and is
    adopted (no new event, nothing reported created)."""
    _, first = sync(cli)
    assert first is not None
    ids = set(ours(runner))
    for path in home.glob("state.db*"):
        path.unlink()
    runner.requests.clear()
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["created"] == []
    adopted = {r["key"] for r in report["repaired"] if r["action"] == "adopt_entry"}
    assert adopted == {key for key, _ in planned(first)}
    assert set(ours(runner)) == ids
    assert "POST" not in {m for m, _ in runner.mutating_requests()}


def test_with_state_lost_and_the_plan_changed_old_events_stay_and_new_ones_are_made(
    cli, home, runner, clock
):
    """The old events on days the new plan does not use are not hipcoach's any more as far as
    it can tell: they stay, the sessions are created anew (and said so); those on their very
    day are adopted. Nothing is reported created that was moved."""
    _, first = sync(cli)
    assert first is not None
    before = {i: copy.deepcopy(e) for i, e in ours(runner).items()}
    for path in home.glob("state.db*"):
        path.unlink()
    (home / "config.toml").write_text("[athlete]\nlong_run_day = 'wednesday'\n")
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None
    old_days = {
        e["external_id"][len(PREFIX) :]: e["start_date_local"][:10] for e in before.values()
    }
    for ident, event in before.items():
        now = runner.events.get(ident)
        key = event["external_id"][len(PREFIX) :]
        if now != event:  # only an event adopted on its very day may change (its content)
            assert now is not None and now["start_date_local"] == event["start_date_local"]
            assert {"key": key, "date": old_days[key], "action": "adopt_entry"} in report[
                "repaired"
            ]
    created = {c["key"]: c for c in report["created"]}
    for key, day in planned(report):
        if key in created:
            assert created[key]["date"] == day
            if key in old_days and old_days[key] != day:
                assert created[key]["left"] == [old_days[key]]
    assert report["moved"] == []


def test_an_event_of_ours_retyped_to_run_is_not_a_planned_run(cli, runner, clock):
    _, first = sync(cli)
    assert first is not None
    ident = sorted(ours(runner), key=lambda i: runner.events[i]["start_date_local"])[1]
    runner.events[ident]["type"] = "Run"
    runner.events[ident]["moving_time"] = 120 * 60
    assert sync(cli)[0].exit_code == 0
    shown = json.loads(cli("schedule", "--json", "--offline").stdout)
    assert [r for r in shown["runs"] if r.get("planned")] == []


def _in(home, *args: str, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    return CliRunner().invoke(root, ["--home", str(home), *args], **kwargs)
