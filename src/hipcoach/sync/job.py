"""The sync job: pull runs, re-plan the window, reconcile the target."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.config import Config
from hipcoach.errors import HipcoachError
from hipcoach.interfaces import ActivitySource, WorkoutTarget
from hipcoach.planner import SchedulePlan, plan_from_state, record_programme_start
from hipcoach.pull import PullProgress, PullResult, pull_runs
from hipcoach.scheduler import FixedSession
from hipcoach.state import StateDB
from hipcoach.state.remote import RemoteRecords, has_records, recent_placements
from hipcoach.sync.engine import SyncOutcome, apply_actions, owned_placements, plan_actions
from hipcoach.sync.reconcile import Action

log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    """Everything a sync did, for the report and the exit code."""

    plan: SchedulePlan
    target_name: str | None
    actions: list[Action]
    outcome: SyncOutcome | None
    pull: PullResult | None
    pull_error: HipcoachError | None

    @property
    def exit_code(self) -> int:
        codes = [self.pull_error.exit_code if self.pull_error else 0]
        if self.outcome is not None:
            codes.append(self.outcome.exit_code)
        return max(codes)


def past_sessions(
    state: StateDB, today: date, target: WorkoutTarget | None = None
) -> list[FixedSession]:
    """Sessions of the last week already placed: they stay, and count. With no records at
    all (a new or lost state.db) and a target at hand, they are read from its calendar."""
    since = today - timedelta(days=7)
    placed = recent_placements(state, since, today)
    if not placed and target is not None and not has_records(state):
        placed = owned_placements(target, since, today - timedelta(days=1))
    return [FixedSession(day, key) for day, key in placed]


def run_sync(
    *,
    config: Config,
    state: StateDB,
    source: tuple[str, ActivitySource] | None,
    target: tuple[str, WorkoutTarget] | None,
    today: date,
    days: int,
    races: tuple[date, ...] = (),
    dry_run: bool = False,
    on_pull_page: Callable[[PullProgress], None] | None = None,
) -> SyncResult:
    """One sync. A failed pull keeps the pages it stored and the plan uses the cache."""
    pulled, pull_error = None, None
    if source is not None:
        try:
            pulled = pull_runs(source[1], source[0], state, today, on_page=on_pull_page)
        except HipcoachError as exc:
            # Reported once, in the sync's errors; the log file keeps the details.
            log.info("could not pull runs from %s: %s", source[0], exc)
            pull_error = exc
    records = RemoteRecords(state, target[0]) if target else None
    try:
        fixed = past_sessions(state, today, target[1] if target else None)
    except HipcoachError as exc:
        fixed = []
        target_error: HipcoachError | None = exc
    else:
        target_error = None
    if not dry_run:
        record_programme_start(config, state, today)
    plan = plan_from_state(config, state, today=today, days=days, extra_races=races, fixed=fixed)
    if target is None or records is None:
        return SyncResult(plan, None, [], None, pulled, pull_error)
    desired = {s.session.key: s for s in plan.sessions}
    end = today + timedelta(days=days - 1)
    try:
        if target_error is not None:
            raise target_error
        actions = plan_actions(target[1], records, desired, today, end)
    except HipcoachError as exc:
        # The target could not be read: nothing changes; the report says why.
        return SyncResult(plan, target[0], [], SyncOutcome(aborted=exc), pulled, pull_error)
    outcome = None if dry_run else apply_actions(target[1], records, actions)
    return SyncResult(plan, target[0], actions, outcome, pulled, pull_error)
