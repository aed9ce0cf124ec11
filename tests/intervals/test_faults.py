"""A failure at every request of the night after a missed session (its catch-up moves its
event) and of one where the plan moved too (ported from an adversarial review): the night
exits with the failure's code in one line, never sends a request twice (a failed read is not
read again by another reader, a failed write is not written again), the next night repairs,
and the night after writes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hipcoach.errors import ExitCode
from tests.fakes.intervals_server import FakeIntervals
from tests.intervals.conftest import MONDAY, save_key
from tests.intervals.test_sync import add_foreign
from tests.intervals_shapes import history, planned_run


def run(home: Path) -> Any:
    from hipcoach.cli import cli as root

    return CliRunner().invoke(root, ["--home", str(home), "sync"])


def repeated(fake: FakeIntervals) -> list[tuple[str, str, str, str]]:
    """Requests sent more than once: the same method, path, query and body (a session that
    changed and moved is two different PUTs of its event: its content, then its day)."""
    sent = Counter(
        (method, path, repr(sorted(query.items())), body)
        for (method, path), query, body in zip(
            fake.requests, fake.queries, fake.bodies, strict=True
        )
    )
    return [request for request, times in sent.items() if times > 1]


def missed(fake: FakeIntervals) -> None:
    """Nothing new since the last night, but the first session was not done."""


def plan_moved(fake: FakeIntervals) -> None:
    """The coach moved the long run two days later: sessions move."""
    (long_run,) = (i for i, e in fake.events.items() if e.get("name") == "Long run 28 km")
    fake.events[long_run]["start_date_local"] = f"{MONDAY + timedelta(days=5)}T00:00:00"


@pytest.mark.parametrize("night", [missed, plan_moved], ids=["missed", "plan-moved"])
@pytest.mark.parametrize(
    ("failure", "code"),
    [("500", ExitCode.TEMPFAIL), ("timeout", ExitCode.TEMPFAIL), ("lost", ExitCode.TEMPFAIL)],
)
def test_a_failure_at_every_request_of_a_night(
    tmp_path: Path,
    fake: FakeIntervals,
    clock: Any,
    night: Callable[[FakeIntervals], None],
    failure: str,
    code: int,
) -> None:
    def synced_home(name: str) -> tuple[Path, dict[int, dict[str, Any]]]:
        fake.events.clear()
        fake.activities = history(MONDAY - timedelta(weeks=1), 6)
        fake.add_event(planned_run(MONDAY + timedelta(days=3), "Long run 28 km", km=28))
        home = tmp_path / name
        save_key(home)
        clock.day = MONDAY
        assert run(home).exit_code == 0
        clock.day = MONDAY + timedelta(days=1)
        foreign = add_foreign(fake, MONDAY + timedelta(days=4))
        night(fake)
        fake.requests.clear()
        fake.queries.clear()
        fake.bodies.clear()
        return home, foreign

    home, _ = synced_home("reference")
    assert run(home).exit_code == 0
    total = len(fake.requests)
    expected = fake.hipcoach_events()
    for position in range(1, total + 1):
        home, foreign = synced_home(f"at-{position}")
        fake.fail_at, fake.failure = position, failure
        failed = run(home)
        fake.fail_at = None
        assert failed.exit_code == code, (position, failed.output)
        assert len(failed.stderr.strip().splitlines()) == 1, (position, failed.stderr)
        assert repeated(fake) == [], (position, fake.requests)
        fake.requests.clear()
        fake.queries.clear()
        fake.bodies.clear()
        assert run(home).exit_code == 0, position
        assert repeated(fake) == [], (position, fake.requests)
        assert fake.hipcoach_events() == expected, position
        for ident, event in foreign.items():
            assert fake.events[ident] == event, position
        fake.requests.clear()
        fake.queries.clear()
        fake.bodies.clear()
        assert run(home).exit_code == 0
        assert fake.mutating_requests() == [], position
