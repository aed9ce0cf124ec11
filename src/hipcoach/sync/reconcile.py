"""The reconcile diff: what to do so the target holds exactly the planned sessions.

Pure: from the desired sessions, the ownership records, the target's calendar (and, only when
something looks wrong, its list of marked workouts) to an ordered list of actions. Computed
once here for every target plugin; adapters only do I/O and mapping.

Ownership (DESIGN "Ownership"): a workout is hipcoach's if and only if it carries the marker
with a key of the session-key pattern exactly *and* state.db has a record of it (hipcoach made
it, or adopted it); a calendar entry is hipcoach's if and only if its workout is. A marked
workout with no record (a copy the runner made in Connect, one left by a lost state.db) is
never changed or deleted. It may be adopted only for a session planned now in the window, when
it sits on the calendar on the very day that session is planned and nothing of hipcoach's
holds the session; the one exception is hipcoach's own create whose answer was lost (its
record is pending): the one marked workout for that session on no calendar entry. Past
sessions are never touched. Titles are never read: the runner may rename ours, and a foreign
workout may be named like ours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from hipcoach.models import Day, ScheduledSession
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
from hipcoach.programme.generator import SESSION_KEY
from hipcoach.state.remote import RemoteRecord


class ActionKind(StrEnum):
    """What one reconcile step does."""

    CREATE = "create"  # a new workout, then its calendar entry
    ADOPT = "adopt"  # a create whose answer was lost: its workout, found by the marker
    ADOPT_ENTRY = "adopt_entry"  # marked, unknown to state.db, on the very day it is planned
    UPDATE = "update"  # the session changed: the workout is edited in place
    SCHEDULE = "schedule"  # the workout exists but is on no calendar entry
    ADOPT_SCHEDULE = "adopt_schedule"  # an entry of ours whose id state.db does not know
    MOVE = "move"  # the session moved to another day
    CATCH_UP = "catch_up"  # a missed session put on a later day (its past entry stays)
    TAKE_BACK = "take_back"  # off the calendar, back to the day it belongs to (workout kept)
    DELETE = "delete"  # no longer planned
    STRAY = "stray"  # a duplicate calendar entry of one of hipcoach's workouts
    TAKE_OFF = "take_off"  # an entry whose move failed, off a day where it breaks a hard rule


@dataclass(frozen=True, kw_only=True)
class Action:
    """One step of the reconcile; ``kind`` decides which fields matter."""

    kind: ActionKind
    key: str
    date: Day | None = None
    item: ScheduledSession | None = None
    workout_id: str | None = None
    schedule_id: str | None = None
    old_date: Day | None = None

    def describe(self) -> str:
        """One human line, for ``--dry-run`` and the summary."""
        return DESCRIPTIONS[self.kind](self)

    @property
    def when(self) -> str:
        return f" on {self.date:%a %d %b}" if self.date else ""


def _describe_move(a: Action) -> str:
    if a.old_date and a.date:
        return f"move {a.key} from {a.old_date:%a %d %b} to {a.date:%a %d %b}"
    return f"move {a.key}"


#: one human description per kind
DESCRIPTIONS: Mapping[ActionKind, Callable[[Action], str]] = {
    ActionKind.CREATE: lambda a: f"create {a.key}{a.when}",
    ActionKind.ADOPT: lambda a: f"adopt existing workout {a.workout_id} for {a.key}",
    ActionKind.ADOPT_ENTRY: lambda a: f"adopt {a.key}{a.when}, already on the calendar",
    ActionKind.UPDATE: lambda a: f"update {a.key}{a.when} (the session changed)",
    ActionKind.SCHEDULE: lambda a: f"put {a.key} back on the calendar{a.when}",
    ActionKind.ADOPT_SCHEDULE: lambda a: f"adopt calendar entry {a.schedule_id} for {a.key}",
    ActionKind.MOVE: _describe_move,
    ActionKind.CATCH_UP: lambda a: f"catch up {a.key}{a.when} (missed on {a.old_date:%a %d %b})",
    ActionKind.TAKE_BACK: lambda a: (
        f"take {a.key} off the calendar{a.when} (it stays on {a.old_date:%a %d %b})"
    ),
    ActionKind.DELETE: lambda a: f"delete {a.key}{a.when} (no longer planned)",
    ActionKind.STRAY: lambda a: f"remove a duplicate of {a.key}{a.when}",
    ActionKind.TAKE_OFF: lambda a: (
        f"take {a.key} off the calendar{a.when} (its change failed, and there it would break "
        "a hard rule next to the sessions that moved; the next sync puts it back)"
    ),
}


@dataclass(frozen=True)
class Snapshot:
    """What the target looks like now, as far as this run has read it."""

    #: every workout entry on the calendar in the window, hipcoach's or not
    calendar: Sequence[RemoteScheduleEntry]
    #: the workouts carrying the marker, whoever made them; None = not listed (a quiet night)
    owned: Sequence[RemoteWorkout] | None = None


def needs_workout_listing(
    records: Mapping[str, RemoteRecord],
    calendar: Sequence[RemoteScheduleEntry],
    desired: Mapping[str, ScheduledSession],
    start: date,
    end: date,
) -> bool:
    """Whether the calendar alone is not enough: a create whose response may have been lost,
    one of our calendar entries that vanished (the runner deleted it, or its workout), a
    planned session state.db does not know while a workout it does not know sits on that
    session's day (state.db lost or replaced: adoption), a catch-up of a past session (its
    workout is off the calendar read), or a workout to delete (a session no longer planned:
    the runner may have made it theirs by re-keying its marker): only the marker can tell
    which of those are ours."""
    in_window = [r for r in records.values() if start <= r.date <= end]
    return (
        _records_in_doubt(in_window, calendar)
        or _adoption_possible(records, calendar, desired)
        or any(True for _ in _caught_up(records, desired, start))
        or any(r.session_key not in desired and r.workout_id for r in in_window)
    )


def _records_in_doubt(
    in_window: Sequence[RemoteRecord], calendar: Sequence[RemoteScheduleEntry]
) -> bool:
    """A pending create, or a recorded entry no longer on the calendar."""
    on_calendar = {e.schedule_id for e in calendar}
    return any(
        r.workout_id is None or (r.schedule_id is not None and r.schedule_id not in on_calendar)
        for r in in_window
    )


def _adoption_possible(
    records: Mapping[str, RemoteRecord],
    calendar: Sequence[RemoteScheduleEntry],
    desired: Mapping[str, ScheduledSession],
) -> bool:
    """A planned session state.db does not know, with a workout state.db does not know on
    the very day it is planned (the only place a marked workout may be adopted from)."""
    known = {r.workout_id for r in records.values()}
    unknown_days = {e.date for e in calendar if e.workout_id not in known}
    return any(key not in records and item.date in unknown_days for key, item in desired.items())


def marked_sessions(owned: Sequence[RemoteWorkout]) -> dict[str, str]:
    """Workout id → session key of the listed workouts whose marker holds a session key of
    the pattern exactly (``[hipcoach:garbage-key]`` is no marker at all)."""
    return {w.workout_id: w.session_key for w in owned if SESSION_KEY.fullmatch(w.session_key)}


def owned_sessions(snapshot: Snapshot, records: Mapping[str, RemoteRecord]) -> dict[str, str]:
    """Workout id → session key of every workout that is hipcoach's as far as this run knows:
    those state.db records, and when the marked ones were listed, only those still marked
    with the very session they were recorded for (a marker the runner re-keyed makes the
    workout theirs)."""
    recorded = {r.workout_id: r.session_key for r in records.values() if r.workout_id}
    if snapshot.owned is None:
        return recorded
    marked = marked_sessions(snapshot.owned)
    return {w: key for w, key in recorded.items() if marked.get(w) == key}


def lost_creates(snapshot: Snapshot, records: Mapping[str, RemoteRecord]) -> dict[str, str]:
    """Workout id → session key of hipcoach's own creates whose answers were lost (their
    records are pending), found by the marker as :meth:`_Board.lost_create` does; only when
    the marked workouts were listed."""
    if snapshot.owned is None:
        return {}
    board = _Board.read(snapshot, records)
    found = {r.session_key: board.lost_create(r.session_key) for r in records.values()}
    return {w: key for key, w in found.items() if w is not None and records[key].workout_id is None}


@dataclass
class _Board:
    """The calendar as this run sees it, indexed, and what the passes have accounted for."""

    snapshot: Snapshot
    owner: dict[str, str]  # workout id → session key: hipcoach's (marked and recorded)
    entries: list[RemoteScheduleEntry]  # hipcoach's only
    #: marked workouts state.db has no record of (listed runs only): id → session key. Never
    #: changed or deleted unless adopted (see the module docstring).
    strangers: dict[str, str] = field(default_factory=dict)
    claimed_workouts: set[str] = field(default_factory=set)
    claimed_schedules: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, snapshot: Snapshot, records: Mapping[str, RemoteRecord]) -> _Board:
        owner = owned_sessions(snapshot, records)
        ours = [e for e in snapshot.calendar if e.workout_id in owner]
        recorded = {r.workout_id for r in records.values()}
        strangers = {
            w: key for w, key in marked_sessions(snapshot.owned or ()).items() if w not in recorded
        }
        entries = sorted(ours, key=lambda e: (e.date, e.schedule_id))
        return cls(snapshot, owner, entries, strangers)

    @property
    def listed(self) -> bool:
        return self.snapshot.owned is not None

    def entry_of(
        self, workout_id: str | None, schedule_id: str | None
    ) -> RemoteScheduleEntry | None:
        """The workout's entry: the recorded one if it is still there, else any other."""
        if workout_id is None:
            return None
        mine = [e for e in self.entries if e.workout_id == workout_id]
        recorded = [e for e in mine if e.schedule_id == schedule_id]
        return next(iter(recorded or mine), None)

    def adoptable_entry(self, item: ScheduledSession) -> RemoteScheduleEntry | None:
        """An unclaimed calendar entry, on the very day ``item`` is planned, of a marked
        workout state.db does not know whose key is ``item``'s: the only kind of stranger
        hipcoach may adopt (a copy on another day is never taken)."""
        key = item.session.key
        return next(
            (
                e
                for e in sorted(self.snapshot.calendar, key=lambda e: e.schedule_id)
                if self.strangers.get(e.workout_id) == key
                and e.date == item.date
                and e.workout_id not in self.claimed_workouts
            ),
            None,
        )

    def lost_create(self, key: str) -> str | None:
        """The workout of hipcoach's own create for ``key`` whose answer was lost: the one
        unclaimed marked workout for ``key`` that state.db does not know and that is on no
        calendar entry (a create is scheduled only once its id is recorded). Several such
        workouts could be the runner's copies: then none is taken."""
        scheduled = {e.workout_id for e in self.snapshot.calendar}
        found = [
            w
            for w, k in self.strangers.items()
            if k == key and w not in scheduled and w not in self.claimed_workouts
        ]
        return found[0] if len(found) == 1 else None

    def claim(self, workout_id: str | None, entry: RemoteScheduleEntry | None) -> None:
        if workout_id is not None:
            self.claimed_workouts.add(workout_id)
        if entry is not None:
            self.claimed_schedules.add(entry.schedule_id)


def reconcile(
    desired: Mapping[str, ScheduledSession],
    records: Mapping[str, RemoteRecord],
    snapshot: Snapshot,
    start: date,
    end: date,
    over: Mapping[str, date] | None = None,
) -> list[Action]:
    """The actions, deletions first so the calendar is clear before anything is added.

    Only records dated ``start`` … ``end`` are managed: the past is never touched, and a
    session beyond a shorter window than last time waits until it comes into view. The one
    exception is a catch-up: a past session planned again in the window is put on the
    calendar on its new day; its past entry stays where it was, untouched, and a catch-up no
    longer planned is only taken off the calendar. ``over`` (session key → the day it was
    done, or skipped) are sessions that are over: a workout the runner did is never deleted.
    """
    over = over or {}
    board = _Board.read(snapshot, records)
    removals: list[Action] = []
    changes: list[Action] = []
    for record in _managed(records, start, end):
        item = None if record.deleting else desired.get(record.session_key)
        if item is None:
            removals += _removal(board, record, over.get(record.session_key))
        else:
            changes += _known_session(board, record, item)
    for record, item in _caught_up(records, desired, start):
        changes += _catch_up(board, record, item)
    changes += _new_sessions(board, records, desired)
    upcoming = {k for k, r in records.items() if start <= r.date <= end} | set(desired)
    removals += _strays(board, upcoming)
    return removals + changes


def _managed(records: Mapping[str, RemoteRecord], start: date, end: date) -> Iterator[RemoteRecord]:
    """The records this run manages: those in the window, and deletes under way."""
    for _, record in sorted(records.items()):
        if start <= record.date <= end or record.deleting:
            yield record


def _caught_up(
    records: Mapping[str, RemoteRecord], desired: Mapping[str, ScheduledSession], start: date
) -> Iterator[tuple[RemoteRecord, ScheduledSession]]:
    """Past sessions planned again in the window: catch-ups of a missed session."""
    for key, record in sorted(records.items()):
        item = desired.get(key)
        if item is not None and item.missed_on is not None and record.date < start:
            yield record, item


def _catch_up(board: _Board, record: RemoteRecord, item: ScheduledSession) -> list[Action]:
    """The missed session's workout (brought up to date) on a new calendar entry; the workout
    was listed this run, so one that is gone or no longer marked is made anew."""
    workout_id = _live_workout(board, record)
    if workout_id is None:
        return [_planned(ActionKind.CREATE, item)]
    board.claim(workout_id, None)
    actions = []
    if record.content_hash != item.session.content_hash:
        actions.append(_planned(ActionKind.UPDATE, item, workout_id=workout_id))
    catch_up = _planned(ActionKind.CATCH_UP, item, workout_id=workout_id)
    return [*actions, replace(catch_up, old_date=item.missed_on)]


def _removal(board: _Board, record: RemoteRecord, done_on: date | None) -> list[Action]:
    """A session no longer planned (or a delete under way): its entry and workout go, unless
    the session is over or was a catch-up. Done on its day (or after), it stays as it is;
    a catch-up, or a session done before its day, only has that day's entry taken off: the
    workout stays (the runner did it, or the day missed keeps its entry)."""
    workout_id = _live_workout(board, record)
    entry = board.entry_of(workout_id, record.schedule_id)
    board.claim(workout_id, entry)
    back_to = None
    if not record.deleting:
        if done_on is not None and done_on >= record.date:
            return []
        back_to = record.missed_on or done_on
    return [
        Action(
            kind=ActionKind.DELETE if back_to is None else ActionKind.TAKE_BACK,
            key=record.session_key,
            date=record.date,
            workout_id=workout_id,
            schedule_id=entry.schedule_id if entry else None,
            old_date=back_to,
        )
    ]


def _known_session(board: _Board, record: RemoteRecord, item: ScheduledSession) -> list[Action]:
    """A planned session state.db knows: create, adopt, update and calendar repairs."""
    workout_id = _live_workout(board, record)
    if workout_id is None:
        return _adopt_or_create(board, item)
    board.claim(workout_id, None)
    actions = []
    if record.workout_id is None:
        actions.append(_planned(ActionKind.ADOPT, item, workout_id=workout_id))
    if record.content_hash != item.session.content_hash:
        actions.append(_planned(ActionKind.UPDATE, item, workout_id=workout_id))
    entry = board.entry_of(workout_id, record.schedule_id)
    board.claim(None, entry)
    return actions + _calendar_actions(record, item, workout_id, entry)


def _live_workout(board: _Board, record: RemoteRecord) -> str | None:
    """The record's workout id if it is still ours; for a pending create, the workout its
    lost answer would have named (see :meth:`_Board.lost_create`)."""
    if record.workout_id is not None:
        if board.listed and record.workout_id not in board.owner:
            return None  # deleted on the target (by the runner), or no longer marked
        return record.workout_id
    if not board.listed:
        return None
    return board.lost_create(record.session_key)


def _calendar_actions(
    record: RemoteRecord,
    item: ScheduledSession,
    workout_id: str,
    entry: RemoteScheduleEntry | None,
) -> list[Action]:
    if entry is None:
        return [_planned(ActionKind.SCHEDULE, item, workout_id=workout_id)]
    actions = []
    if entry.schedule_id != record.schedule_id:
        # A schedule whose response was lost, or an entry the runner re-booked in Connect,
        # shows up on the calendar with our workout id: adopt it rather than add another.
        actions.append(_adopted(ActionKind.ADOPT_SCHEDULE, item, entry))
    elif entry.date != record.date and entry.date == item.date:
        # A move in place whose answer was lost: the entry is where it belongs; the record
        # learns its day.
        actions.append(_adopted(ActionKind.ADOPT_SCHEDULE, item, entry))
    return actions + _move_if_needed(item, entry)


def _planned(
    kind: ActionKind,
    item: ScheduledSession,
    workout_id: str | None = None,
    schedule_id: str | None = None,
) -> Action:
    """An action on a planned session, dated on its planned day."""
    return Action(
        kind=kind,
        key=item.session.key,
        date=item.date,
        item=item,
        workout_id=workout_id,
        schedule_id=schedule_id,
    )


def _adopted(kind: ActionKind, item: ScheduledSession, entry: RemoteScheduleEntry) -> Action:
    """Taking over ``entry`` for ``item``, dated where the entry is now."""
    return Action(
        kind=kind,
        key=item.session.key,
        date=entry.date,
        item=item,
        workout_id=entry.workout_id,
        schedule_id=entry.schedule_id,
    )


def _move_if_needed(item: ScheduledSession, entry: RemoteScheduleEntry) -> list[Action]:
    if entry.date == item.date:
        return []
    move = _planned(
        ActionKind.MOVE, item, workout_id=entry.workout_id, schedule_id=entry.schedule_id
    )
    return [replace(move, old_date=entry.date)]


def _new_sessions(
    board: _Board, records: Mapping[str, RemoteRecord], desired: Mapping[str, ScheduledSession]
) -> list[Action]:
    """Planned sessions state.db does not know: adopted when a marked workout for them sits
    on their very day (state.db lost or replaced), else created."""
    actions: list[Action] = []
    for key, item in sorted(desired.items()):
        if key not in records:
            actions += _adopt_or_create(board, item)
    return actions


def _adopt_or_create(board: _Board, item: ScheduledSession) -> list[Action]:
    """Nothing of hipcoach's holds ``item``: adopt the marked workout on its very day and
    bring its content up to date (no twin on the watch), else create one."""
    entry = board.adoptable_entry(item)
    if entry is None:
        return [_planned(ActionKind.CREATE, item)]
    board.claim(entry.workout_id, entry)
    return [
        _adopted(ActionKind.ADOPT_ENTRY, item, entry),
        _planned(ActionKind.UPDATE, item, workout_id=entry.workout_id),
    ]


def _strays(board: _Board, upcoming: set[str]) -> Iterator[Action]:
    """Extra calendar entries of hipcoach's own workouts of sessions to come that no action
    accounts for (a schedule whose answer was lost, then made again): they go, the workout
    stays. Workouts state.db has no record of, and entries of past sessions, are never
    touched."""
    for entry in board.entries:
        key = board.owner[entry.workout_id]
        if entry.schedule_id in board.claimed_schedules or key not in upcoming:
            continue
        yield Action(
            kind=ActionKind.STRAY,
            key=key,
            date=entry.date,
            workout_id=entry.workout_id,
            schedule_id=entry.schedule_id,
        )
