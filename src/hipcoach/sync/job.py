"""The sync job: pull runs, read back the completed sessions, re-plan the window, reconcile
the target, and record what was handed over (adherence holds the runner's activities
against it)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    mark_checked,
    pull_completions,
    pull_runs,
    shared_since,
)
from hipcoach.sync.reconcile import Action, ActionKind
from hipcoach.sync.settle import placements, take_offs

log = logging.getLogger(__name__)

#: the actions that put a session on a day it is not on yet
PLACING = frozenset({ActionKind.CREATE, ActionKind.MOVE, ActionKind.CATCH_UP, ActionKind.SCHEDULE})


@dataclass
class Reads:
    """What a sync read from the services before planning, and what it could not."""

    pull: PullResult | None = None
    pull_error: HipcoachError | None = None
    #: one per completion source read
    done: list[CompletionPull] = field(default_factory=list)
    #: (completion source, error) of each that could not be read
    done_errors: list[tuple[str, HipcoachError]] = field(default_factory=list)


@dataclass
class SyncResult:
    """Everything a sync did, for the report and the exit code."""

    plan: SchedulePlan
    target_name: str | None
    actions: list[Action]
    outcome: SyncOutcome | None
    reads: Reads
    #: session key → the day its entry is on the target after the sync (None: on none);
    #: None when nothing was changed (a dry run, no target)
    placed: dict[str, date | None] | None = None

    @property
    def pull(self) -> PullResult | None:
        return self.reads.pull

    @property
    def pull_error(self) -> HipcoachError | None:
        return self.reads.pull_error

    @property
    def done(self) -> list[CompletionPull]:
        return self.reads.done

    @property
    def done_errors(self) -> list[tuple[str, HipcoachError]]:
        return self.reads.done_errors

    @property
    def exit_code(self) -> int:
        errors = [self.pull_error, *(e for _, e in self.done_errors)]
        codes = [0] + [e.exit_code for e in errors if e is not None]
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
    completions: Sequence[tuple[str, CompletionSource]] = (),
    races: tuple[date, ...] = (),
    dry_run: bool = False,
    on_pull_page: Callable[[PullProgress], None] | None = None,
    hold_placing: bool = False,
) -> SyncResult:
    """One sync. A failed pull keeps the pages it stored and the plan uses the cache; a
    failed read of completed sessions leaves adherence as it was; an unreadable target
    changes nothing there. ``hold_placing``: put no session on a new day (no create, move,
    catch-up or schedule), for a night that cannot know the runner's plan."""
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
    if hold_placing:
        actions = [a for a in actions if a.kind not in PLACING]
    if dry_run:
        return SyncResult(plan, name, actions, None, reads)
    remote.use_plan(plan.sessions)
    outcome = apply_actions(remote, records, actions)
    if outcome.failures and outcome.aborted is None:
        # What stayed where it was must not break a hard rule next to what moved.
        fixes = take_offs(records.all(), plan, outcome)
        if fixes:
            settled = apply_actions(remote, records, fixes)
            outcome.actions += fixes
            outcome.done += settled.done
            outcome.failures += settled.failures
            outcome.aborted = settled.aborted
    # What is on the calendar now is what the runner is asked to do (on a night that placed
    # nothing new, nothing more was handed over: a session never shown is never missed).
    if not hold_placing:
        record_handover(config, state, today, plan)
    placed = placements(records, plan.sessions)
    return SyncResult(plan, name, actions, outcome, reads, placed)


def read_services(
    state: StateDB,
    source: tuple[str, ActivitySource] | None,
    completions: Sequence[tuple[str, CompletionSource]],
    today: date,
    on_pull_page: Callable[[PullProgress], None] | None = None,
) -> Reads:
    """Pull the runs, then the completed sessions from every completion source; a failure of
    any is kept, not raised. Today counts as read through only when every completion source
    was read whole (a failed one, or an activity of the last week whose sets could not be
    read, could hold the session that would otherwise be missed).

    When one integration is both the run source and a completion source, the runs are pulled
    from the earlier of the two start dates, so that its completions are served from the
    same listing: one read.
    """
    reads = Reads()
    if source is not None:
        name, runs = source
        since = None
        if name in {n for n, _ in completions}:
            since = shared_since(state, name, today)
        try:
            reads.pull = pull_runs(runs, name, state, today, since, on_page=on_pull_page)
        except HipcoachError as exc:
            # Reported once, in the sync's errors; the log file keeps the details.
            log.info("could not pull runs from %s: %s", name, exc)
            reads.pull_error = exc
    held = False
    for name, done in completions:
        try:
            pulled = pull_completions(done, name, state, today, checked=False)
        except HipcoachError as exc:
            log.info("could not read completed sessions from %s: %s", name, exc)
            reads.done_errors.append((name, exc))
            held = True
            continue
        reads.done.append(pulled)
        if pulled.error is not None:
            reads.done_errors.append((name, pulled.error))
            held = held or pulled.held
    if completions and not held:
        mark_checked(state, today)
    return reads
