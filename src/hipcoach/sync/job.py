"""The sync job: pull runs, read back the completed sessions, re-plan the window, reconcile
the target, and record what was handed over (adherence holds the runner's activities
against it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.config import Config
from hipcoach.errors import HipcoachError
from hipcoach.interfaces import ActivitySource, CompletionSource, WorkoutTarget
from hipcoach.planner import (
    SchedulePlan,
    plan_from_state,
    record_handover,
    record_programme_start,
)
from hipcoach.pull import (
    CompletionPull,
    PullProgress,
    PullResult,
    pull_completions,
    pull_runs,
    shared_since,
)
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
    done: CompletionPull | None = None
    done_error: HipcoachError | None = None

    @property
    def exit_code(self) -> int:
        codes = [0] + [e.exit_code for e in (self.pull_error, self.done_error) if e is not None]
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
    completions: tuple[str, CompletionSource] | None = None,
    races: tuple[date, ...] = (),
    dry_run: bool = False,
    on_pull_page: Callable[[PullProgress], None] | None = None,
) -> SyncResult:
    """One sync. A failed pull keeps the pages it stored and the plan uses the cache; a
    failed read of completed sessions leaves adherence as it was."""
    pulled, pull_error, since = None, None, None
    if source is not None:
        if completions is not None and completions[0] == source[0]:
            since = shared_since(state, source[0], today)
        try:
            pulled = pull_runs(source[1], source[0], state, today, since, on_page=on_pull_page)
        except HipcoachError as exc:
            # Reported once, in the sync's errors; the log file keeps the details.
            log.info("could not pull runs from %s: %s", source[0], exc)
            pull_error = exc
    done, done_error = None, None
    if completions is not None:
        try:
            # From its own date (six weeks at most on a first pull): the run pull's whole
            # listing serves it when that started earlier, so this reads nothing more.
            done = pull_completions(completions[1], completions[0], state, today)
        except HipcoachError as exc:
            log.info("could not read completed sessions from %s: %s", completions[0], exc)
            done_error = exc
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
        return SyncResult(plan, None, [], None, pulled, pull_error, done, done_error)
    desired = {s.session.key: s for s in plan.sessions}
    end = today + timedelta(days=days - 1)
    try:
        if target_error is not None:
            raise target_error
        actions = plan_actions(target[1], records, desired, today, end, plan.over)
    except HipcoachError as exc:
        # The target could not be read: nothing changes; the report says why.
        aborted = SyncOutcome(aborted=exc)
        return SyncResult(plan, target[0], [], aborted, pulled, pull_error, done, done_error)
    outcome = None if dry_run else apply_actions(target[1], records, actions)
    if not dry_run:
        # What is on the calendar now is what the runner is asked to do.
        record_handover(config, state, today, plan)
    return SyncResult(plan, target[0], actions, outcome, pulled, pull_error, done, done_error)
