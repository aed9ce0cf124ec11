"""Carrying out the reconcile against a target, with the state written around every call.

The write-ahead order is what makes a crash harmless: a create is recorded (without an id)
before it is sent, so a lost response is found by its marker next time; an id is recorded the
moment it is known, before anything relies on it; a delete is marked before it starts.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hipcoach.errors import (
    ContentLost,
    CredentialsError,
    HipcoachError,
    NotOwned,
    RateLimited,
    RemoteNotFound,
)
from hipcoach.models import ScheduledSession
from hipcoach.plugins.interfaces import WorkoutTarget
from hipcoach.programme.generator import session_key
from hipcoach.state.remote import RemoteRecords
from hipcoach.sync.reconcile import (
    Action,
    ActionKind,
    Snapshot,
    marked_sessions,
    needs_workout_listing,
    reconcile,
)

log = logging.getLogger(__name__)

#: the ``sync --json`` list each kind of action is reported in
REPORT_KIND: dict[ActionKind, str] = {
    ActionKind.CREATE: "created",
    ActionKind.UPDATE: "updated",
    ActionKind.MOVE: "moved",
    ActionKind.CATCH_UP: "moved",
    ActionKind.TAKE_BACK: "deleted",  # one calendar entry; the workout stays
    ActionKind.DELETE: "deleted",
    ActionKind.SCHEDULE: "repaired",
    ActionKind.ADOPT: "repaired",
    ActionKind.ADOPT_ENTRY: "repaired",
    ActionKind.ADOPT_SCHEDULE: "repaired",
    ActionKind.STRAY: "repaired",
    ActionKind.TAKE_OFF: "deleted",  # one calendar entry, for the night; the workout stays
}


#: the ``sync --json`` lists of changes, in order
CHANGE_LISTS = tuple(dict.fromkeys(REPORT_KIND.values()))


@dataclass
class SyncOutcome:
    """What a reconcile did (or, in a dry run, would do)."""

    actions: list[Action] = field(default_factory=list)
    done: list[Action] = field(default_factory=list)
    failures: list[tuple[Action, HipcoachError]] = field(default_factory=list)
    aborted: HipcoachError | None = None

    def report(self) -> dict[str, list[dict[str, Any]]]:
        """``created``/``updated``/``moved``/``deleted``/``repaired`` lists of ``{key, date}``."""
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in sorted(CHANGE_LISTS)}
        for action in self.done:
            entry: dict[str, Any] = {
                "key": action.key,
                "date": action.date.isoformat() if action.date else None,
            }
            if action.kind in (ActionKind.MOVE, ActionKind.CATCH_UP) and action.old_date:
                entry["from"] = action.old_date.isoformat()
            if action.kind in (ActionKind.CATCH_UP, ActionKind.TAKE_BACK):
                # The day missed keeps its own calendar entry: nothing moved away from it.
                entry["catch_up"] = str(action.kind)
                if action.kind is ActionKind.TAKE_BACK and action.old_date:
                    entry["back_to"] = action.old_date.isoformat()
            if REPORT_KIND[action.kind] == "repaired" or action.kind is ActionKind.TAKE_OFF:
                entry["action"] = str(action.kind)
            if action.left:
                # Marked entries hipcoach has no record of, left beside the new one.
                entry["left"] = [day.isoformat() for day in action.left]
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
    over: Mapping[str, date] | None = None,
) -> list[Action]:
    """Read the target (the calendar; the workout list only when needed) and diff;
    ``over`` are the sessions done, partial or skipped (see :func:`reconcile`)."""
    known = records.all()
    calendar = target.list_scheduled(start, end)
    listing = needs_workout_listing(
        known, calendar, desired, start, end, target.entries_are_workouts, over
    )
    owned = target.list_owned_workouts() if listing else None
    snapshot = Snapshot(calendar, owned, target.entries_are_workouts)
    return reconcile(desired, known, snapshot, start, end, over)


def owned_placements(
    target: WorkoutTarget, start: date, end: date, per_week: int
) -> list[tuple[date, str]]:
    """(date, session key) of the marked calendar entries on ``start`` … ``end`` that could be
    hipcoach's, told apart by the marker alone (for a state.db that knows nothing: lost or
    new): a key of that day's ISO week numbered at most ``per_week``, one a day, one a key.
    Only read, to plan around: nothing here becomes hipcoach's."""
    calendar = target.list_scheduled(start, end)
    if not calendar:
        return []
    marked = marked_sessions(target.list_owned_workouts())
    days: dict[date, str] = {}
    for entry in sorted(calendar, key=lambda e: (e.date, e.schedule_id)):
        key = marked.get(entry.workout_id)
        if key and _of_its_week(key, entry.date, per_week) and key not in days.values():
            days.setdefault(entry.date, key)
    return sorted(days.items())


def _of_its_week(key: str, day: date, per_week: int) -> bool:
    """Whether ``key`` can be a session of ``day``'s ISO week (``2099-W01-1``, or a third
    session in a two-a-week plan, is none of hipcoach's placements whatever its marker says)."""
    week, _, number = key.rpartition("-")
    return week == session_key(day, 1).rpartition("-")[0] and 1 <= int(number) <= per_week


def apply_actions(
    target: WorkoutTarget, records: RemoteRecords, actions: list[Action]
) -> SyncOutcome:
    """Perform the actions in order. One failing action does not stop the other sessions'
    actions, except credentials and rate limits, which would fail every following call as
    well. A failing request fails its session for the night: the session's other actions
    wait for the next run (they would ask the failed question again, and a night never
    repeats a request). A workout the target did not keep as sent fails its session too,
    and the next run sends it again; but its entry already on the calendar still moves with
    the plan (its workout is the same, blanked or not, wherever it sits, and left behind it
    could break a hard rule next to the sessions that did move).

    A target refusing a workout as not hipcoach's means state.db recorded someone else's
    workout (older versions adopted look-alikes by their name): the record is forgotten,
    the rest of that session's actions are dropped, and the session is created anew.
    """
    outcome = SyncOutcome(actions=list(actions))
    pending = deque(actions)
    disowned: set[str] = set()
    damaged: dict[str, ActionKind] = {}
    failed: set[str] = set()
    while pending:
        action = pending.popleft()
        if action.key in disowned and action.kind is not ActionKind.CREATE:
            continue
        if action.key in failed:
            continue  # a request of it failed: the next run asks again
        if action.key in damaged and not (
            damaged[action.key] is ActionKind.UPDATE and action.kind is ActionKind.MOVE
        ):
            continue  # not put on the calendar as it was stored: the next run
        try:
            _apply(target, records, action)
        except NotOwned as exc:
            log.info("%s: %s; forgotten, hipcoach makes its own", action.describe(), exc)
            records.forget_workout(_id(action.workout_id))
            if action.key not in disowned and action.item is not None:
                pending.append(_recreate(action.item))
            disowned.add(action.key)
            continue
        except (CredentialsError, RateLimited) as exc:
            outcome.aborted = exc
            break
        except ContentLost as exc:
            # One cause, one line: the sync's summary says it (the log file keeps it too).
            log.info("%s failed: %s", action.describe(), exc)
            outcome.failures.append((action, exc))
            damaged[action.key] = action.kind
            continue
        except HipcoachError as exc:
            # Reported once, in the sync's summary line; the log file keeps each one.
            log.info("%s failed: %s", action.describe(), exc)
            outcome.failures.append((action, exc))
            failed.add(action.key)
            continue
        outcome.done.append(action)
    return outcome


def _recreate(item: ScheduledSession) -> Action:
    return Action(kind=ActionKind.CREATE, key=item.session.key, date=item.date, item=item)


def _apply(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    handler = _HANDLERS[action.kind]
    handler(target, records, action)


def _create(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    records.begin_create(action.key, item.date, item.session.content_hash)
    workout_id = target.create_workout(item.session)
    records.set_workout(action.key, workout_id)
    _verify(target, records, action.key, workout_id, item)
    schedule_id = target.schedule(workout_id, item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _verify(
    target: WorkoutTarget, records: RemoteRecords, key: str, workout_id: str, item: ScheduledSession
) -> None:
    """Read the workout back; its content counts as sent only once it was found intact (until
    then the record holds no hash, so the next run sends it again)."""
    records.set_hash(key, "")
    target.verify_workout(workout_id, item.session)
    records.set_hash(key, item.session.content_hash)


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
    if action.schedule_id is not None:  # a target whose entries are its workouts
        target.update_entry(action.schedule_id, _id(action.workout_id), item.session)
    else:
        target.update_workout(_id(action.workout_id), item.session)
    _verify(target, records, action.key, _id(action.workout_id), item)


def _schedule(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    records.set_schedule(action.key, None, item.date)
    schedule_id = target.schedule(_id(action.workout_id), item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _catch_up(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    assert action.old_date is not None
    # Recorded first: a crash from here on leaves a catch-up with no entry, which the next
    # run schedules (or takes back), and the past entry is never the record's again.
    if action.schedule_id is not None:
        # A target whose entries are its workouts: the missed entry itself moves, by its
        # recorded id, before the record follows. A move that failed leaves the record on the
        # missed day, and the next run moves it again (sending it twice is harmless): the
        # session is never twinned by a fresh entry.
        moved = target.reschedule(action.schedule_id, _id(action.workout_id), item.date)
        records.begin_catch_up(action.key, action.old_date, item.date)
        records.set_schedule(action.key, moved, item.date)
        return
    records.begin_catch_up(action.key, action.old_date, item.date)
    schedule_id = target.schedule(_id(action.workout_id), item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _take_back(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    assert action.old_date is not None
    if action.workout_id and action.schedule_id and target.entries_are_workouts:
        # The entry is the session itself (moved from the day missed by its catch-up): it goes
        # back to the day the session belongs to, never deleted.
        back = target.reschedule(action.schedule_id, action.workout_id, action.old_date)
        records.take_back(action.key, action.old_date)
        records.set_schedule(action.key, back, action.old_date)
        return
    if action.workout_id:
        _unschedule(target, action.schedule_id, action.workout_id)
    records.take_back(action.key, action.old_date)


def _adopt_schedule(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    assert action.date is not None
    records.set_schedule(action.key, _id(action.schedule_id), action.date)


def _move(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    item = _item(action)
    # In place where the target can (Garmin: one PUT, the entry keeps its id). A crash or a
    # lost answer leaves the record on the old entry: the next run finds the entry moved (or
    # gone, when a target without in-place moves took it off first) and repairs the record.
    schedule_id = target.reschedule(_id(action.schedule_id), _id(action.workout_id), item.date)
    records.set_schedule(action.key, schedule_id, item.date)


def _delete(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    records.mark_deleting(action.key)
    if action.workout_id:
        _unschedule(target, action.schedule_id, action.workout_id)
        _delete_workout(target, action.workout_id)
    records.remove(action.key)


def _stray(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    _unschedule(target, action.schedule_id, _id(action.workout_id))


def _take_off(target: WorkoutTarget, records: RemoteRecords, action: Action) -> None:
    # Off the calendar for now; the record keeps the day the plan has it on, where the next
    # run schedules it again.
    _unschedule(target, action.schedule_id, _id(action.workout_id))
    records.set_schedule(action.key, None, _item(action).date)


def _unschedule(target: WorkoutTarget, schedule_id: str | None, workout_id: str) -> None:
    if schedule_id is None:
        return
    try:
        target.unschedule(schedule_id, workout_id)
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


_HANDLERS: dict[ActionKind, Callable[[WorkoutTarget, RemoteRecords, Action], None]] = {
    ActionKind.CREATE: _create,
    ActionKind.ADOPT: _adopt,
    ActionKind.ADOPT_ENTRY: _adopt_entry,
    ActionKind.UPDATE: _update,
    ActionKind.SCHEDULE: _schedule,
    ActionKind.ADOPT_SCHEDULE: _adopt_schedule,
    ActionKind.MOVE: _move,
    ActionKind.CATCH_UP: _catch_up,
    ActionKind.TAKE_BACK: _take_back,
    ActionKind.DELETE: _delete,
    ActionKind.STRAY: _stray,
    ActionKind.TAKE_OFF: _take_off,
}
