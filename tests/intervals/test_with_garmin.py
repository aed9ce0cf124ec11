"""intervals.icu and Garmin Connect both set up: `[integrations]` chooses the target; without
it, a target that already holds hipcoach's sessions stays the target (adding Garmin to an
intervals.icu set-up never leaves sessions behind on intervals.icu unseen), and when the target
does change, sync and status say what is left on the former one and how to take it off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import responses

from tests.fakes.garmin_server import FakeGarmin
from tests.fakes.intervals_server import FakeIntervals
from tests.garmin.conftest import (
    TOKENS,
    _no_sso,  # noqa: F401  (autouse: no login, no refresh)
)
from tests.garmin_shapes import garmin_history
from tests.intervals.conftest import MONDAY, save_key
from tests.intervals.test_sync import planned, sync
from tests.intervals_shapes import history


def save_garmin_tokens(home: Path) -> Path:
    path = home / "tokens" / "garmin" / "garmin_tokens.json"
    path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    path.write_text(json.dumps(TOKENS))
    path.chmod(0o600)
    return path


@pytest.fixture
def services(home, clock) -> Iterator[tuple[FakeGarmin, FakeIntervals]]:  # type: ignore[no-untyped-def]
    """Garmin Connect and intervals.icu, the same runs on both; only intervals.icu signed in."""
    garmin, intervals = FakeGarmin(), FakeIntervals()
    garmin.activities = garmin_history(MONDAY - timedelta(weeks=1), 6)
    intervals.activities = history(MONDAY - timedelta(weeks=1), 6)
    save_key(home)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        garmin.register(mock)
        intervals.register(mock)
        yield garmin, intervals


@pytest.mark.parametrize(
    ("config", "target"),
    [("", "garmin"), ("[integrations]\ntarget = 'intervals'\n", "intervals")],
)
def test_garmin_and_intervals_together_the_config_chooses(cli, home, services, config, target):
    garmin, intervals = services
    save_garmin_tokens(home)
    (home / "config.toml").write_text(config)
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["target"] == target
    on_garmin, on_intervals = garmin.hipcoach_entries(), intervals.hipcoach_events()
    assert (on_garmin, on_intervals) == (
        (planned(report), []) if target == "garmin" else ([], planned(report))
    )


def future(entries: list[tuple[str, str]], day: Any) -> list[tuple[str, str]]:
    return [(key, on) for key, on in entries if on >= day.isoformat()]


def test_adding_garmin_keeps_the_sessions_on_intervals_until_the_config_moves_them(
    cli, home, services, clock
):
    garmin, intervals = services
    _, first = sync(cli)
    assert first is not None and first["target"] == "intervals"
    save_garmin_tokens(home)  # the runner ran `hipcoach auth garmin`
    clock.day = MONDAY + timedelta(days=1)
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["target"] == "intervals"  # kept where they are
    assert garmin.mutating_requests() == [] and garmin.hipcoach_entries() == []
    assert "[integrations] target" in json.loads(cli("status", "--json").stdout)["attention"][0]

    # The runner moves them: the sync says what is left on intervals.icu, and how to clear it.
    (home / "config.toml").write_text("[integrations]\ntarget = 'garmin'\n")
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and report["target"] == "garmin"
    left = future(intervals.hipcoach_events(), clock.day)
    assert left
    assert f"{len(left)} sessions" in result.stderr and "on intervals" in result.stderr
    assert "hipcoach unsync" in result.stderr
    attention = json.loads(cli("status", "--json").stdout)["attention"]
    assert any("hipcoach unsync" in note and "intervals" in note for note in attention)

    # unsync covers both targets; the next sync puts the plan on Garmin alone; nothing is said.
    assert cli("unsync").exit_code == 0
    assert future(intervals.hipcoach_events(), clock.day) == []
    result, report = sync(cli)
    assert result.exit_code == 0, result.output
    assert report is not None and garmin.hipcoach_entries() == planned(report)
    assert "unsync" not in result.stderr
    attention = json.loads(cli("status", "--json").stdout)["attention"]
    assert not any("unsync" in note for note in attention)
