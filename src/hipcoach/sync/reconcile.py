"""The reconcile diff: what to do so the target holds exactly the planned sessions.

Pure: from the desired sessions, the ownership records, the target's calendar (and, only when
something looks wrong, its list of owned workouts) to an ordered list of actions. Computed
once here for every target plugin; adapters only perform the actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from hipcoach.interfaces import RemoteScheduleEntry, RemoteWorkout
from hipcoach.models import ScheduledSession
from hipcoach.state.remote import RemoteRecord

Day = date  # Action has a field called ``date``


@dataclass(frozen=True)
class Action:
    """One step of the reconcile. ``kind`` decides which fields matter."""

    # create | adopt | adopt_entry | update | schedule | adopt_schedule | move | delete | stray
    kind: str
    key: str
    date: Day | None = None
    item: ScheduledSession | None = None
    workout_id: str | None = None
    schedule_id: str | None = None
    old_date: Day | None = None

    def describe(self) -> str:
        """One human line, for ``--dry-run`` and the summary."""
        when = f" on {self.date:%a %d %b}" if self.date else ""
        texts = {
            "create": f"create {self.key}{when}",
            "adopt": f"adopt existing workout {self.workout_id} for {self.key}",
            "adopt_entry": f"adopt {self.key}{when}, already on the calendar",
            "update": f"update {self.key}{when} (the session changed)",
            "schedule": f"put {self.key} back on the calendar{when}",
            "adopt_schedule": f"adopt calendar entry {self.schedule_id} for {self.key}",
            "move": f"move {self.key} from {self.old_date:%a %d %b} to {self.date:%a %d %b}"
            if self.old_date and self.date
            else f"move {self.key}",
            "delete": f"delete {self.key}{when} (no longer planned)",
            "stray": f"remove a duplicate of {self.key}{when}",
        }
        return texts[self.kind]


@dataclass(frozen=True)
class Snapshot:
    """What the target looks like now, as far as this run has read it."""

    calendar: Sequence[RemoteScheduleEntry]
    owned: Sequence[RemoteWorkout] | None = None  # None = not listed (a quiet night)


def needs_workout_listing(
    records: Mapping[str, RemoteRecord],
    calendar: Sequence[RemoteScheduleEntry],
    start: date,
    end: date,
) -> bool:
    """Whether the calendar alone is not enough: a create whose response may have been lost,
    or one of our calendar entries that vanished (the runner deleted it, or its workout)."""
    on_calendar = {e.schedule_id for e in calendar}
    for record in records.values():
        if not start <= record.date <= end:
            continue
        if record.workout_id is None:
            return True
        if record.schedule_id is not None and record.schedule_id not in on_calendar:
            return True
    return False


def reconcile(
    desired: Mapping[str, ScheduledSession],
    records: Mapping[str, RemoteRecord],
    snapshot: Snapshot,
    start: date,
    end: date,
) -> list[Action]:
    """The actions, deletions first so the calendar is clear before anything is added.

    Only records dated ``start`` … ``end`` are managed: the past is never touched, and a
    session beyond a shorter window than last time waits until it comes into view.
    """
    owned_ids = {w.workout_id for w in snapshot.owned} if snapshot.owned is not None else None
    by_workout = {e.workout_id: e for e in snapshot.calendar}
    by_schedule = {e.schedule_id: e for e in snapshot.calendar}
    removals: list[Action] = []
    changes: list[Action] = []
    claimed_workouts: set[str] = set()
    claimed_schedules: set[str] = set()

    for key, record in sorted(records.items()):
        if not start <= record.date <= end and not record.deleting:
            continue  # the past is never touched; later sessions wait for the window
        item = desired.get(key)
        workout_id = _live_workout(record, snapshot, owned_ids)
        if record.deleting or item is None:
            entry = by_schedule.get(record.schedule_id or "") or by_workout.get(workout_id or "")
            if entry is not None:
                claimed_schedules.add(entry.schedule_id)
            if workout_id is not None:
                claimed_workouts.add(workout_id)
            removals.append(
                Action(
                    "delete",
                    key,
                    record.date,
                    None,
                    workout_id,
                    entry.schedule_id if entry else None,
                )
            )
            continue
        if workout_id is None:
            changes.append(Action("create", key, item.date, item))
            continue
        claimed_workouts.add(workout_id)
        if record.workout_id is None:
            changes.append(Action("adopt", key, item.date, item, workout_id))
        if record.content_hash != item.session.content_hash:
            changes.append(Action("update", key, item.date, item, workout_id))
        changes.extend(_calendar_actions(key, item, record, workout_id, by_schedule, by_workout))
        entry = by_schedule.get(record.schedule_id or "") or by_workout.get(workout_id)
        if entry is not None:
            claimed_schedules.add(entry.schedule_id)

    by_key = {e.session_key: e for e in snapshot.calendar if e.session_key}
    for key, item in sorted(desired.items()):
        if key in records:
            continue
        entry = by_key.get(key)
        if entry is None or entry.workout_id in claimed_workouts:
            changes.append(Action("create", key, item.date, item))
            continue
        # Ours on the calendar but unknown here (state.db lost or replaced): adopt it and
        # bring its content up to date instead of deleting and recreating.
        claimed_workouts.add(entry.workout_id)
        claimed_schedules.add(entry.schedule_id)
        changes += [
            Action("adopt_entry", key, entry.date, item, entry.workout_id, entry.schedule_id),
            Action("update", key, item.date, item, entry.workout_id),
            *_move_if_needed(key, item, entry.workout_id, entry),
        ]

    upcoming = {k for k, r in records.items() if start <= r.date <= end} | set(desired)
    removals += _strays(snapshot, claimed_workouts, claimed_schedules, records, upcoming)
    return removals + changes


def _live_workout(
    record: RemoteRecord, snapshot: Snapshot, owned_ids: set[str] | None
) -> str | None:
    """The record's workout id if it still exists; for a pending create, the workout found by
    its marker (the create went through but its response was lost)."""
    if record.workout_id is not None:
        if owned_ids is not None and record.workout_id not in owned_ids:
            return None  # deleted on the target (by the runner)
        return record.workout_id
    if snapshot.owned is None:
        return None
    found = sorted(w.workout_id for w in snapshot.owned if w.session_key == record.session_key)
    return found[0] if found else None


def _calendar_actions(
    key: str,
    item: ScheduledSession,
    record: RemoteRecord,
    workout_id: str,
    by_schedule: Mapping[str, RemoteScheduleEntry],
    by_workout: Mapping[str, RemoteScheduleEntry],
) -> list[Action]:
    entry = by_schedule.get(record.schedule_id or "")
    if entry is None:
        # A schedule whose response was lost, or an entry the runner re-booked in Connect,
        # shows up on the calendar with our workout id: adopt it rather than add another.
        entry = by_workout.get(workout_id)
        if entry is not None:
            return [
                Action("adopt_schedule", key, entry.date, item, workout_id, entry.schedule_id),
                *_move_if_needed(key, item, workout_id, entry),
            ]
    if entry is None:
        return [Action("schedule", key, item.date, item, workout_id)]
    return _move_if_needed(key, item, workout_id, entry)


def _move_if_needed(
    key: str, item: ScheduledSession, workout_id: str, entry: RemoteScheduleEntry
) -> list[Action]:
    if entry.date == item.date:
        return []
    return [Action("move", key, item.date, item, workout_id, entry.schedule_id, entry.date)]


def _strays(
    snapshot: Snapshot,
    claimed_workouts: set[str],
    claimed_schedules: set[str],
    records: Mapping[str, RemoteRecord],
    upcoming: set[str],
) -> Iterable[Action]:
    """Our calendar entries and workouts that no record accounts for: duplicates, leftovers.

    A workout that is on no calendar entry is removed only when its session is still to
    come (a lost create's twin); those of past sessions are history and stay.
    """
    known = {r.workout_id for r in records.values() if r.workout_id}
    for entry in snapshot.calendar:
        if entry.schedule_id in claimed_schedules or entry.session_key is None:
            continue
        stray_workout = entry.workout_id not in claimed_workouts | known
        yield Action(
            "stray",
            entry.session_key,
            entry.date,
            None,
            entry.workout_id if stray_workout else None,
            entry.schedule_id,
        )
    if snapshot.owned is None:
        return
    on_calendar = {e.workout_id for e in snapshot.calendar}
    for workout in snapshot.owned:
        if workout.workout_id in claimed_workouts | known | on_calendar:
            continue
        if workout.session_key in upcoming:
            yield Action("stray", workout.session_key, None, None, workout.workout_id, None)
