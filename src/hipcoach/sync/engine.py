"""Carrying out the reconcile against a target, with the state written around every call.

The write-ahead order is what makes a crash harmless: a create is recorded (without an id)
before it is sent, so a lost response is found by its marker next time; an id is recorded the
moment it is known, before anything relies on it; a delete is marked before it starts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hipcoach.errors import CredentialsError, HipcoachError, RateLimited, RemoteNotFound
from hipcoach.interfaces import WorkoutTarget
from hipcoach.models import ScheduledSession
from hipcoach.state.remote import RemoteRecords
from hipcoach.sync.reconcile import Action, Snapshot, needs_workout_listing, reconcile

log = logging.getLogger(__name__)

REPORT_KIND = {
    "create": "created",
    "update": "updated",
    "move": "moved",
    "delete": "deleted",
    "schedule": "repaired",
    "adopt": "repaired",
    "adopt_entry": "repaired",
    "adopt_schedule": "repaired",
    "stray": "repaired",
}


@dataclass
class SyncOutcome:
    """What a reconcile did (or, in a dry run, would do)."""

    actions: list[Action] = field(default_factory=list)
    done: list[Action] = field(default_factory=list)
    failures: list[tuple[Action, HipcoachError]] = field(default_factory=list)
    aborted: HipcoachError | None = None

    def report(self) -> dict[str, list[dict[str, Any]]]:
        """``created``/``updated``/``moved``/``deleted``/``repaired`` lists of ``{key, date}``."""
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in sorted(set(REPORT_KIND.values()))}
        for action in self.done:
            entry: dict[str, Any] = {
                "key": action.key,
                "date": action.date.isoformat() if action.date else None,
            }
            if action.kind == "move" and action.old_date:
                entry["from"] = action.old_date.isoformat()
            if REPORT_KIND[action.kind] == "repaired":
                entry["action"] = action.kind
            out[REPORT_KIND[action.kind]].append(entry)
        return out

    @property
    def exit_code(self) -> int:
        errors = [e for _, e in self.failures] + ([self.aborted] if self.aborted else [])
        return max((e.exit_code for e in errors), default=0)


def plan_actions(
    target: WorkoutTarget,
    records: RemoteRecords,
    desired: dict[str, ScheduledSession],
    start: date,
    end: date,
) -> list[Action]:
    """Read the target (the calendar; the workout list only when needed) and diff."""
    known = records.all()
    calendar = target.list_scheduled(start, end)
    listing = needs_workout_listing(known, calendar, start, end)
    owned = target.list_owned_workouts() if listing else None
    return reconcile(desired, known, Snapshot(calendar, owned), start, end)


def apply_actions(
    target: WorkoutTarget, records: RemoteRecords, actions: list[Action]
) -> SyncOutcome:
    """Perform the actions in order. One failing action does not stop the others, except
    credentials and rate limits, which would fail every following call as well."""
    outcome = SyncOutcome(actions=list(actions))
    for action in actions:
        try:
            _apply(target, records, action)
        except (CredentialsError, RateLimited) as exc:
            outcome.aborted = exc
            break
        except HipcoachError as exc:
            log.warning("%s failed: %s", action.describe(), exc)
            outcome.failures.append((action, exc))
            continue
        outcome.done.append(action)
    return outcome


def _apply(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    handler = _HANDLERS[action.kind]
    handler(target, records, action)


def _create(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    records.begin_create(action.key, item.date, item.session.content_hash)
    workout_id = target.create_workout(item.session)
    records.set_workout(action.key, workout_id)
    schedule_id = target.schedule(workout_id, item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _adopt(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    # The record keeps the hash of what was sent; an "update" follows when the plan changed.
    records.set_workout(action.key, _id(action.workout_id))


def _adopt_entry(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    # Content unknown (empty hash): the "update" that follows brings it up to date.
    assert action.date is not None
    records.begin_create(action.key, action.date, "")
    records.set_workout(action.key, _id(action.workout_id))
    records.set_schedule(action.key, _id(action.schedule_id), action.date)


def _update(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    target.update_workout(_id(action.workout_id), item.session)
    records.set_hash(action.key, item.session.content_hash)


def _schedule(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    records.set_schedule(action.key, None, item.date)
    schedule_id = target.schedule(_id(action.workout_id), item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _adopt_schedule(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    assert action.date is not None
    records.set_schedule(action.key, _id(action.schedule_id), action.date)


def _move(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    _unschedule(target, action.schedule_id)
    # Unscheduled, not yet rebooked: a crash here leaves schedule_id NULL and the next run
    # schedules the workout again.
    records.set_schedule(action.key, None, item.date)
    schedule_id = target.schedule(_id(action.workout_id), item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _delete(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    records.mark_deleting(action.key)
    _unschedule(target, action.schedule_id)
    if action.workout_id:
        _delete_workout(target, action.workout_id)
    records.remove(action.key)


def _stray(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    _unschedule(target, action.schedule_id)
    if action.workout_id:
        _delete_workout(target, action.workout_id)


def _unschedule(target: WorkoutTarget, schedule_id: str | None) -> None:
    if schedule_id is None:
        return
    try:
        target.unschedule(schedule_id)
    except RemoteNotFound:
        log.info("calendar entry %s was already gone", schedule_id)


def _delete_workout(target: WorkoutTarget, workout_id: str) -> None:
    try:
        target.delete_workout(workout_id)
    except RemoteNotFound:
        log.info("workout %s was already gone", workout_id)


def _item(action: Action) -> ScheduledSession:
    assert action.item is not None, action
    return action.item


def _id(value: str | None) -> str:
    assert value is not None
    return value


_HANDLERS = {
    "create": _create,
    "adopt": _adopt,
    "adopt_entry": _adopt_entry,
    "update": _update,
    "schedule": _schedule,
    "adopt_schedule": _adopt_schedule,
    "move": _move,
    "delete": _delete,
    "stray": _stray,
}
