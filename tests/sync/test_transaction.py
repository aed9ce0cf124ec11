"""The sync transaction in the core (issue 12, item 10): lock, run log, target resolution and
a typed report, with no CLI involved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hipcoach.config import AthleteConfig, Config
from hipcoach.errors import CredentialsError, ExitCode, TemporaryError
from hipcoach.home import Home
from hipcoach.plugins.interfaces import Integration, WorkoutTarget
from hipcoach.plugins.registry import LoadedPlugin, Origin, Registry
from hipcoach.plugins.values import PluginContext
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.state import open_state
from hipcoach.state.remote import SyncRun, last_sync_run
from hipcoach.sync.reconcile import ActionKind
from hipcoach.sync.transaction import sync_transaction
from tests.fakes.target import FakeTarget
from tests.strava_shapes import weekly_history

TODAY = date(2026, 11, 24)


class FakeIntegration(Integration):
    name = "fake"

    def __init__(self, target: FakeTarget | None) -> None:
        self.target = target

    def workout_target(self, context: PluginContext) -> WorkoutTarget | None:
        return self.target


def transaction(home: Path, target: FakeTarget | None, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    registry = Registry()
    registry.add(LoadedPlugin(FakeIntegration(target), Origin("hipcoach", "0")))
    config = Config(athlete=AthleteConfig(start_date=date(2026, 11, 16), timezone="UTC"))
    state = open_state(home / "state.db")
    if not state.cached_runs():
        state.upsert_runs("t", runs_from_activities(weekly_history(date(2026, 11, 16), 6), "t"))
    context = PluginContext(home=Home(home), config=config, env={}, tz=config.tz())
    return state, sync_transaction(
        home=Home(home),
        state=state,
        config=config,
        registry=registry,
        context=context,
        today=TODAY,
        days=14,
        dry_run=dry_run,
    )


def test_a_transaction_syncs_and_logs_a_typed_record(home):
    target = FakeTarget()
    state, report = transaction(home, target)
    assert report.exit_code == ExitCode.OK
    counts = report.counts()
    assert counts["created"] == len(report.result.plan.sessions) >= 4
    assert {a.kind for a in report.result.actions} == {ActionKind.CREATE}
    last = last_sync_run(state)
    assert isinstance(last, SyncRun)
    assert (last.exit_code, last.target, last.counts, last.errors) == (0, "fake", counts, [])
    assert last.to_json()["counts"]["created"] == counts["created"]


def test_a_dry_run_reports_what_it_would_do_and_is_not_the_last_sync(home):
    target = FakeTarget()
    state, report = transaction(home, target, dry_run=True)
    assert target.mutations() == []
    assert report.counts()["created"] == len(report.result.plan.sessions)
    assert last_sync_run(state) is None
    assert last_sync_run(state, include_dry_runs=True).dry_run


def test_no_target_is_a_credentials_error_and_logs_nothing(home):
    with pytest.raises(CredentialsError, match="hipcoach auth garmin"):
        transaction(home, None)
    assert last_sync_run(open_state(home / "state.db"), include_dry_runs=True) is None


def test_a_failed_action_is_in_the_report_and_the_log(home):
    target = FakeTarget()
    target.fail_at = 1
    state, report = transaction(home, target)
    assert report.exit_code == TemporaryError.exit_code
    assert len(report.errors()) == 1 and "injected failure" in report.errors()[0]
    assert last_sync_run(state).errors == report.errors()
