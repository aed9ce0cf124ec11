"""A fault at every request of a night on a Runna-style plan whose runs moved in Connect: no
request is sent twice that night (same method, URL, query and body, even after a write), the
failure is exit 0 or 75 in one line, the next night ends exactly as a fault-free night does
(nothing of the runner's touched), and the night after that is quiet."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hipcoach.errors import ExitCode
from tests.fakes.garmin_server import FakeGarmin
from tests.sync.runner import MONDAY

pytestmark = pytest.mark.usefixtures("clock")

D = [MONDAY + timedelta(days=i) for i in range(21)]


def plan(watch: FakeGarmin) -> dict[str, int | None]:
    return {
        "easy": watch.add_planned_run(D[0], "Easy Run", distance_m=8000, consumer="Runna"),
        "long": watch.add_planned_run(D[2], "Long Run", distance_m=28000, consumer="Runna"),
        "int": watch.add_planned_run(D[5], "Intervals 6 x 800 m", distance_m=9000),
        "long2": watch.add_planned_run(D[13], "Long Run", distance_m=30000, consumer="Runna"),
        "bare": watch.add_planned_run(D[9], "Thursday", consumer="Runna"),  # read once
    }


def sent_twice(watch: FakeGarmin) -> dict[tuple[str, str, str], int]:
    return {k: n for k, n in Counter(watch.sent).items() if n > 1}


def foreign(watch: FakeGarmin) -> list[tuple[int, str]]:
    return sorted((w, d) for w, d in watch.schedules.values() if watch.marker_key(w) is None)


def snapshot(home: Path, watch: FakeGarmin) -> tuple[Any, ...]:
    files = {p.name: p.read_bytes() for p in home.glob("state.db*")}
    return files, copy.deepcopy(watch.workouts), dict(watch.schedules)


def restore(home: Path, watch: FakeGarmin, saved: tuple[Any, ...]) -> None:
    for path in home.glob("state.db*"):
        path.unlink()
    for name, data in saved[0].items():
        (home / name).write_bytes(data)
    watch.workouts, watch.schedules = copy.deepcopy(saved[1]), dict(saved[2])


@pytest.mark.parametrize("failure", ["500", "connection", "429"])
def test_a_fault_at_every_request_of_a_night_the_plan_moved(cli, home, watch, failure) -> None:
    ids = plan(watch)
    assert cli("sync").exit_code == 0
    # Runna moves the long run Wed → Thu and the intervals Sat → Sun.
    for schedule_id, (wid, _) in list(watch.schedules.items()):
        if wid in (ids["long"], ids["int"]):
            day = D[3] if wid == ids["long"] else D[6]
            watch.schedules[schedule_id] = (wid, day.isoformat())
    saved = snapshot(home, watch)
    watch.new_night()
    assert cli("sync").exit_code == 0
    expected, expected_foreign = watch.hipcoach_calendar(), foreign(watch)
    assert sent_twice(watch) == {}
    problems: list[tuple[object, ...]] = []
    for position in range(1, len(watch.requests) + 1):
        restore(home, watch, saved)
        watch.new_night()
        watch.fail_at, watch.failure = position, failure
        failed = cli("sync")
        watch.fail_at = None
        what = watch.requests[position - 1]
        if failed.exit_code not in (0, ExitCode.TEMPFAIL) or "Traceback" in failed.output:
            problems.append((position, what, "exit", failed.exit_code, failed.stderr[-300:]))
        if failed.exit_code and len(failed.stderr.strip().splitlines()) != 1:
            problems.append((position, what, "not one line", failed.stderr))
        if sent_twice(watch):
            problems.append((position, what, "sent twice", sent_twice(watch)))
        if failure == "429" and len(watch.requests) != position:
            problems.append((position, what, "asked after a 429", watch.requests[position:]))
        watch.new_night()
        again = cli("sync")
        if again.exit_code != 0:
            problems.append((position, what, "rerun", again.exit_code, again.output[-300:]))
        if watch.hipcoach_calendar() != expected:
            problems.append((position, what, "calendar", watch.hipcoach_calendar() ^ expected))
        if len(watch.hipcoach_entries()) != len(set(watch.hipcoach_entries())):
            problems.append((position, what, "duplicate entries"))
        if foreign(watch) != expected_foreign:
            problems.append((position, what, "the runner's calendar touched"))
        watch.new_night()
        if cli("sync").exit_code != 0 or watch.mutating_requests():
            problems.append((position, what, "third night not quiet", watch.mutating_requests()))
    assert not problems, problems
