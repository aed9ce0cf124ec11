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
from hipcoach.plugins.interfaces import ActivitySource, CompletionSource, WorkoutTarget
from hipcoach.schedule.planner import (
    SchedulePlan,
    plan_from_state,
    record_handover,
    record_programme_start,
)
from hipcoach.schedule.scheduler import FixedSession
from hipcoach.state import StateDB
from hipcoach.state.remote import RemoteRecords, has_records, recent_placements
from hipcoach.sync.engine import SyncOutcome, apply_actions, owned_placements, plan_actions
from hipcoach.sync.pull import (
    CompletionPull,
    PullProgress,
    PullResult,
    pull_completions,
    pull_runs,
    shared_since,
)
from hipcoach.sync.reconcile import Action

log = logging.getLogger(__name__)


@dataclass
class Reads:
    """What a sync read from the services before planning, and what it could not."""

    pull: PullResult | None = None
    pull_error: HipcoachError | None = None
    done: CompletionPull | None = None
    done_error: HipcoachError | None = None


@dataclass
class SyncResult:
    """Everything a sync did, for the report and the exit code."""

    plan: SchedulePlan
    target_name: str | None
    actions: list[Action]
    outcome: SyncOutcome | None
    reads: Reads

    @property
    def pull(self) -> PullResult | None:
        return self.reads.pull

    @property
    def pull_error(self) -> HipcoachError | None:
        return self.reads.pull_error

    @property
    def done(self) -> CompletionPull | None:
        return self.reads.done

    @property
    def done_error(self) -> HipcoachError | None:
        return self.reads.done_error

    @property
    def exit_code(self) -> int:
        codes = [0] + [e.exit_code for e in (self.pull_error, self.done_error) if e is not None]
        if self.outcome is not None:
            codes.append(self.outcome.exit_code)
        return max(codes)


def past_sessions(
    state: StateDB, today: date, target: WorkoutTarget | None, per_week: int
) -> list[FixedSession]:
    """Sessions of the last week already placed: they stay, and count. With no records at
    all (a new or lost state.db) and a target at hand, they are read from its calendar (those
    that could be sessions of a plan of ``per_week`` a week)."""
    since = today - timedelta(days=7)
    placed = recent_placements(state, since, today)
    if not placed and target is not None and not has_records(state):
        placed = owned_placements(target, since, today - timedelta(days=1), per_week)
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
    failed read of completed sessions leaves adherence as it was; an unreadable target
    changes nothing there."""
    reads = read_services(state, source, completions, today, on_pull_page)
    target_error: HipcoachError | None = None
    try:
        per_week = config.athlete.sessions_per_week
        fixed = past_sessions(state, today, target[1] if target else None, per_week)
    except HipcoachError as exc:
        fixed, target_error = [], exc
    if not dry_run:
        record_programme_start(config, state, today)
    plan = plan_from_state(config, state, today=today, days=days, extra_races=races, fixed=fixed)
    if target is None:
        return SyncResult(plan, None, [], None, reads)
    name, remote = target
    records = RemoteRecords(state, name)
    if target_error is not None:
        return SyncResult(plan, name, [], SyncOutcome(aborted=target_error), reads)
    desired = {s.session.key: s for s in plan.sessions}
    try:
        actions = plan_actions(remote, records, desired, today, plan.request.end, plan.over)
    except HipcoachError as exc:
        # The target could not be read: nothing changes; the report says why.
        return SyncResult(plan, name, [], SyncOutcome(aborted=exc), reads)
    if dry_run:
        return SyncResult(plan, name, actions, None, reads)
    outcome = apply_actions(remote, records, actions)
    # What is on the calendar now is what the runner is asked to do.
    record_handover(config, state, today, plan)
    return SyncResult(plan, name, actions, outcome, reads)


def read_services(
    state: StateDB,
    source: tuple[str, ActivitySource] | None,
    completions: tuple[str, CompletionSource] | None,
    today: date,
    on_pull_page: Callable[[PullProgress], None] | None = None,
) -> Reads:
    """Pull the runs, then the completed sessions; a failure of either is kept, not raised.

    When one integration is both, the runs are pulled from the earlier of the two start
    dates, so that the completions are served from the same listing: one read.
    """
    reads = Reads()
    if source is not None:
        name, runs = source
        since = None
        if completions is not None and completions[0] == name:
            since = shared_since(state, name, today)
        try:
            reads.pull = pull_runs(runs, name, state, today, since, on_page=on_pull_page)
        except HipcoachError as exc:
            # Reported once, in the sync's errors; the log file keeps the details.
            log.info("could not pull runs from %s: %s", name, exc)
            reads.pull_error = exc
    if completions is not None:
        name, done = completions
        try:
            reads.done = pull_completions(done, name, state, today)
        except HipcoachError as exc:
            log.info("could not read completed sessions from %s: %s", name, exc)
            reads.done_error = exc
    return reads
