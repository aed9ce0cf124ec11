"""Taking everything hipcoach put on the workout targets off again (``hipcoach unsync``).

The way out before uninstalling, or a fresh start: on every workout target that is set up,
every calendar entry of hipcoach's from today on is removed, and every workout hipcoach made
that was never done is deleted. Nothing of the runner's is ever touched: a workout is
hipcoach's only when it carries the marker of a session (the target lists it) **and**
state.db records that hipcoach made it for that very session; a calendar entry only when its
workout is. A workout that was done stays, with its past calendar entry, so the activity
keeps its history.

What was done is read first, from the completion sources the nightly sync reads: a session
done since the last sync is never deleted. When that read fails, nothing is removed.

Write-ahead, like the sync: a workout's record is marked ``deleting`` before any request, and
dropped once it is gone, so an interrupted run is finished by the next ``unsync`` (or sync).
A second run finds nothing of hipcoach's left and makes no mutating request. The sessions
from today on are taken out of the hand-over record too: ``log`` and ``status`` then show
none to come, and the next ``sync`` plans and puts everything back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    RemoteNotFound,
)
from hipcoach.plugins.interfaces import WorkoutTarget
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
from hipcoach.state import StateDB
from hipcoach.state.remote import RemoteRecord, RemoteRecords

if TYPE_CHECKING:
    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.plugins.registry import Registry
    from hipcoach.plugins.values import PluginContext

Kind = Literal["calendar entry", "workout"]


@dataclass(frozen=True)
class Removal:
    """One thing of hipcoach's to take off a target: a calendar entry or a workout."""

    target: str
    kind: Kind
    key: str
    #: the entry's day; for a workout, the day of its session
    date: date
    workout_id: str
    schedule_id: str | None = None

    def describe(self) -> str:
        """One human line: 'calendar entry of 2026-W49-1 on Tue 01 Dec (garmin)'."""
        return f"{self.kind} of {self.key} on {self.date:%a %d %b} ({self.target})"


@dataclass(frozen=True)
class Kept:
    """A workout of hipcoach's that stays: it was done."""

    target: str
    key: str
    date: date
    workout_id: str


@dataclass(frozen=True)
class TargetPlan:
    """What one target holds of hipcoach's, and what to remove there."""

    removals: list[Removal]
    kept: list[Kept]


def plan_removals(
    name: str,
    records: Mapping[str, RemoteRecord],
    owned: Sequence[RemoteWorkout],
    calendar: Sequence[RemoteScheduleEntry],
    done: set[str],
    today: date,
    entries_are_workouts: bool = False,
) -> TargetPlan:
    """The removals on one target (pure): ownership by marker and record, the calendar
    entries from today on (a done session's entry of today stays), then the workouts never
    done. ``done`` holds the session keys and workout ids that were done.

    Where entries are their own workouts (an intervals.icu event), only the entries state.db
    records are hipcoach's (a copy carries the same workout id), and removing a workout
    never done is removing its recorded entry, past or not."""
    from hipcoach.sync.reconcile import Snapshot, held_entries, lost_creates, owned_sessions

    snapshot = Snapshot(calendar, owned, entries_are_workouts)
    # the sync's own rule of what is hipcoach's, and the creates whose answers were lost
    owner = owned_sessions(snapshot, records) | lost_creates(snapshot, records)
    held = held_entries(snapshot, records) if entries_are_workouts else None
    ours = {w: records[key] for w, key in owner.items()}
    was_done = {w for w, r in ours.items() if w in done or r.session_key in done}
    entries = [
        Removal(
            name,
            "calendar entry",
            ours[e.workout_id].session_key,
            e.date,
            e.workout_id,
            e.schedule_id,
        )
        for e in sorted(calendar, key=lambda e: (e.date, e.schedule_id))
        if e.workout_id in ours
        and (held is None or e.schedule_id in held)
        and e.date >= today
        and not (e.workout_id in was_done and e.date == today)
    ]
    removed = {e.schedule_id for e in entries}
    workouts = [
        Removal(
            name,
            "workout",
            r.session_key,
            r.date,
            w,
            # its recorded entry, when no calendar entry above removes it (a past one)
            r.schedule_id if entries_are_workouts and r.schedule_id not in removed else None,
        )
        for w, r in sorted(ours.items(), key=lambda item: (item[1].date, item[1].session_key))
        if w not in was_done
    ]
    kept = [
        Kept(name, r.session_key, r.date, w)
        for w, r in sorted(ours.items(), key=lambda item: (item[1].date, item[1].session_key))
        if w in was_done
    ]
    return TargetPlan(entries + workouts, kept)


def done_sessions(state: StateDB, today: date) -> set[str]:
    """Session keys done or partly done, and the workout ids activities were recorded from."""
    from hipcoach.state.sessions import completions, session_statuses

    keys = {s.key for s in session_statuses(state, today) if s.status in ("done", "partial")}
    workouts = {c.workout_id for c in completions(state) if c.workout_id is not None}
    return keys | workouts


def calendar_end(records: Mapping[str, RemoteRecord], today: date, horizon_days: int) -> date:
    """The last day to read: the window the sync manages, or the latest session recorded."""
    end = today + timedelta(days=horizon_days - 1)
    return max([end, *(r.date for r in records.values())])


@dataclass
class UnsyncReport:
    """What ``unsync`` removed (or, in a dry run, would remove), kept, and could not do."""

    dry_run: bool
    #: the workout targets set up (looked at)
    targets: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    failures: list[tuple[Removal, HipcoachError]] = field(default_factory=list)
    #: problems that stopped a target (or the whole run) before or during its removals
    errors: list[HipcoachError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        codes = [e.exit_code for _, e in self.failures] + [e.exit_code for e in self.errors]
        return max(codes, default=0)


def unsync_target(
    name: str,
    target: WorkoutTarget,
    state: StateDB,
    done: set[str],
    today: date,
    horizon_days: int,
    report: UnsyncReport,
) -> None:
    """Remove what hipcoach owns on one target (see the module docstring)."""
    records = RemoteRecords(state, name)
    known = records.all()
    if not known:
        return  # hipcoach never made (or began to make) a workout there: no request at all
    calendar = target.list_scheduled(today, calendar_end(known, today, horizon_days))
    owned = target.list_owned_workouts()
    plan = plan_removals(name, known, owned, calendar, done, today, target.entries_are_workouts)
    report.kept += plan.kept
    if report.dry_run:
        report.removed += plan.removals
        return
    failed: set[str] = set()
    for removal in plan.removals:
        if removal.kind == "workout" and removal.key in failed:
            # Its calendar entry is still there: the record stays, and the next run finishes
            # both (one attempt at each request a night).
            continue
        try:
            _remove(target, records, known[removal.key], removal)
        except (CredentialsError, RateLimited) as exc:
            report.errors.append(exc)  # every further call would fail the same way
            return
        except HipcoachError as exc:
            report.failures.append((removal, exc))
            failed.add(removal.key)
            continue
        report.removed.append(removal)


def _remove(
    target: WorkoutTarget, records: RemoteRecords, record: RemoteRecord, removal: Removal
) -> None:
    if removal.kind == "calendar entry":
        assert removal.schedule_id is not None
        with suppress(RemoteNotFound):  # already gone
            target.unschedule(removal.schedule_id, removal.workout_id)
        if record.schedule_id == removal.schedule_id:
            records.take_back(record.session_key, record.date)
        return
    records.mark_deleting(record.session_key)
    if removal.schedule_id is not None:  # a workout that is its own (past) calendar entry
        with suppress(RemoteNotFound):  # already gone
            target.unschedule(removal.schedule_id, removal.workout_id)
    with suppress(RemoteNotFound):  # already gone
        target.delete_workout(removal.workout_id)
    records.remove(record.session_key)


def forget_handed_over(state: StateDB, report: UnsyncReport, today: date) -> None:
    """The sessions whose workouts went are no longer handed over from today on."""
    from hipcoach.state.sessions import forget_planned

    gone = {r.key for r in report.removed if r.kind == "workout"}
    forget_planned(state, gone, since=today)


def unsync(
    *,
    home: Home,
    state: StateDB,
    config: Config,
    registry: Registry,
    context: PluginContext,
    today: date,
    dry_run: bool = False,
) -> UnsyncReport:
    """Under the sync lock: read what was done, then take hipcoach's calendar entries and
    never-done workouts off every workout target that is set up.

    A target hipcoach recorded workouts on that is no longer set up cannot be reached: it
    is a CredentialsError in the report (exit 77, naming the sign-in to run).
    """
    from hipcoach.plugins.choose import resolve_completion_sources, resolve_targets
    from hipcoach.state.remote import recorded_targets
    from hipcoach.sync.job import read_services
    from hipcoach.sync.lock import sync_lock

    report = UnsyncReport(dry_run)
    home.ensure()
    with sync_lock(home.root):
        targets = resolve_targets(registry, context)
        report.targets = [name for name, _ in targets]
        for name in sorted(recorded_targets(state) - {n for n, _ in targets}):
            report.errors.append(
                CredentialsError(
                    f"hipcoach's workouts on {name} cannot be removed: {name} is not set up",
                    hint=f"run `hipcoach auth {name}`, then `hipcoach unsync` again",
                )
            )
        if not recorded_targets(state) & {n for n, _ in targets}:
            return report  # hipcoach never made a workout on a target set up: no request
        completions = resolve_completion_sources(registry, context)
        reads = read_services(state, None, completions, today)
        if reads.done_errors:
            # A session done since the last sync would look never done: remove nothing.
            _, error = reads.done_errors[0]
            report.errors.append(
                error.with_note("nothing was removed, so no workout you did is lost")
            )
            return report
        done = done_sessions(state, today)
        for name, target in targets:
            try:
                unsync_target(name, target, state, done, today, config.athlete.horizon_days, report)
            except HipcoachError as exc:  # the target could not be read: nothing changed
                report.errors.append(exc)
        if not dry_run:
            forget_handed_over(state, report, today)
    return report
