"""The hard rules hold on what is actually on the watch, not only on what was planned: a
session whose change fails that night (Garmin blanked its exercise names, a move answered
500) never ends up next to the sessions that did move, and ``sync --json`` says where each
session really is (``on_target``, ``target_date``)."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from typing import Any

import pytest

from hipcoach.errors import ExitCode
from tests.fakes.garmin_server import FakeGarmin
from tests.sync.runner import MONDAY

pytestmark = pytest.mark.usefixtures("clock")

D = [MONDAY + timedelta(days=i) for i in range(21)]


def runna(watch: FakeGarmin) -> int | None:
    """Two weeks of a Runna plan; the id of this week's long run (Wednesday)."""
    watch.add_planned_run(D[0], "Easy Run", distance_m=8000, consumer="Runna")
    long_run = watch.add_planned_run(D[2], "Long Run", distance_m=28000, consumer="Runna")
    watch.add_planned_run(D[7], "Easy Run", distance_m=8000, consumer="Runna")
    watch.add_planned_run(D[9], "Long Run", distance_m=28000, consumer="Runna")
    watch.add_planned_run(D[11], "Intervals 6 x 800 m", distance_m=9000, consumer="Runna")
    return long_run


def move_run(watch: FakeGarmin, workout_id: int | None, to: date) -> None:
    """Runna moves one of its runs in Connect."""
    for schedule_id, (wid, _) in list(watch.schedules.items()):
        if wid == workout_id:
            watch.schedules[schedule_id] = (wid, to.isoformat())


def night(cli, watch: FakeGarmin) -> tuple[Any, dict[str, Any]]:  # type: ignore[no-untyped-def]
    watch.new_night()
    result = cli("sync", "--json")
    return result, json.loads(result.stdout)


def watch_breaks_a_rule(watch: FakeGarmin) -> list[str]:
    """Two days in a row, or a session on or the day before a planned long run, among the
    hipcoach entries on the watch."""
    days = sorted(date.fromisoformat(d) for _, d in watch.hipcoach_entries())
    longs = {
        date.fromisoformat(d)
        for wid, d in watch.schedules.values()
        if watch.workouts[wid].get("workoutName") == "Long Run"
    }
    found = [f"{a} and {b} in a row" for a, b in itertools.pairwise(days) if (b - a).days < 2]
    found += [
        f"{d} next to a long run" for d in days if d in longs or d + timedelta(days=1) in longs
    ]
    return found


def says_where_it_is(report: dict[str, Any], watch: FakeGarmin) -> None:
    """``sessions`` tells the watch's truth: on its date, or where it is instead."""
    on_watch = dict(watch.hipcoach_entries())
    for session in report["sessions"]:
        there = on_watch.get(session["key"])
        assert session["on_target"] == (there == session["date"]), (session, there)
        if not session["on_target"]:
            assert session["target_date"] == there, (session, there)


def test_a_session_garmin_keeps_blanking_still_moves_with_the_plan(cli, watch) -> None:
    """Runna moves the long run to Thursday: the sessions around it move. Garmin blanks the
    names of two of them every night: their updates fail (exit 69), but their entries still
    move in place, so the watch never holds two days in a row."""
    long_run = runna(watch)
    result, _first = night(cli, watch)
    assert result.exit_code == 0, result.output
    move_run(watch, long_run, D[3])
    watch.blank_in = {"2026-W46-1", "2026-W46-2"}
    for _ in range(3):
        result, report = night(cli, watch)
        assert result.exit_code == ExitCode.UNAVAILABLE, result.output
        assert watch_breaks_a_rule(watch) == []
        says_where_it_is(report, watch)
        assert all(s["on_target"] for s in report["sessions"]), report["sessions"]
        assert watch.repeated_requests() == []


@pytest.mark.parametrize("failing", [1, 2, 3, 4])
def test_a_move_that_fails_never_leaves_two_sessions_in_a_row(cli, watch, failing) -> None:
    """Runna moves the long run: the night moves sessions in place, and the ``failing``-th
    move is answered 500. What stayed where it was breaks no rule next to what moved (taken
    off the watch for the night where it would), ``sessions`` says where each one is, and
    the next night ends as a night without the fault would."""
    long_run = runna(watch)
    assert night(cli, watch)[0].exit_code == 0
    move_run(watch, long_run, D[3])
    moves = json.loads(cli("sync", "--dry-run", "--json").stdout)["moved"]
    assert len(moves) >= failing
    watch.new_night()
    puts = 0

    def fail_nth_put(request) -> bool:  # type: ignore[no-untyped-def]
        nonlocal puts
        if request.method == "PUT" and "/workout-service/schedule/" in request.url:
            puts += 1
            return puts == failing
        return False

    watch.fail_when = fail_nth_put
    result, report = night(cli, watch)
    watch.fail_when = None
    assert result.exit_code == ExitCode.TEMPFAIL, result.output
    assert watch_breaks_a_rule(watch) == []
    says_where_it_is(report, watch)
    assert watch.repeated_requests() == []
    result, report = night(cli, watch)
    assert result.exit_code == 0, result.output
    assert all(s["on_target"] for s in report["sessions"])
    assert watch.hipcoach_entries() == sorted((s["key"], s["date"]) for s in report["sessions"])
    assert watch_breaks_a_rule(watch) == []
