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

On a target whose calendar entries are their own workouts (an intervals.icu event, see
:attr:`Snapshot.entries_are_workouts`), a copy of one of hipcoach's entries carries the very
same workout id: there, an entry is hipcoach's only when state.db records that entry itself.
Another entry of the same workout (a copy, one left by a lost state.db) is never changed or
deleted; it may be adopted only when it is the one such entry on the very day its session is
planned, or, for hipcoach's own write whose answer was lost (the record holds no entry), on
the day that write put it. A session whose only such entries sit on other days gets a new
entry of its own, and the action names the days left alone (``left``).
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
    #: the days of entries marked for this session that are not hipcoach's and stay as they
    #: are (a copy, one left by a lost state.db), beside the new entry this action makes
    left: tuple[Day, ...] = ()

    def describe(self) -> str:
        """One human line, for ``--dry-run`` and the summary."""
        line = DESCRIPTIONS[self.kind](self)
        if self.left:
            days = ", ".join(f"{d:%a %d %b}" for d in self.left)
            line += f" (a marked entry hipcoach has no record of stays on {days})"
        return line

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
    #: each calendar entry is a workout of its own (an intervals.icu event), so a copy of one
    #: of hipcoach's carries its workout id: an entry is hipcoach's only when recorded itself
    entries_are_workouts: bool = False


def needs_workout_listing(
    records: Mapping[str, RemoteRecord],
    calendar: Sequence[RemoteScheduleEntry],
    desired: Mapping[str, ScheduledSession],
    start: date,
    end: date,
    entries_are_workouts: bool = False,
    over: Mapping[str, date] | None = None,
) -> bool:
    """Whether the calendar alone is not enough: a create whose response may have been lost,
    one of our calendar entries that vanished (the runner deleted it, or its workout), a
    planned session state.db does not know while a workout it does not know sits on that
    session's day (state.db lost or replaced: adoption), a catch-up of a past session (its
    workout is off the calendar read), or a workout to delete (a session no longer planned
    and not done: the runner may have made it theirs by re-keying its marker; ``over`` are
    the sessions done, whose workouts stay): only the marker can tell
    which of those are ours. Where entries are their own workouts, also a session to create
    while an entry state.db does not know is in the window: it may be marked for that very
    session (a copy), left as it is beside the new one, and the runner is told."""
    in_window = [r for r in records.values() if start <= r.date <= end]
    known = {r.workout_id for r in records.values()}
    return (
        _records_in_doubt(in_window, calendar)
        or _adoption_possible(records, calendar, desired)
        or any(True for _ in _caught_up(records, desired, start))
        or any(
            r.session_key not in desired and r.workout_id and r.session_key not in (over or {})
            for r in in_window
        )
        or (
            entries_are_workouts
            and any(key not in records for key in desired)
            and any(e.workout_id not in known for e in calendar)
        )
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


def held_entries(snapshot: Snapshot, records: Mapping[str, RemoteRecord]) -> set[str]:
    """The schedule ids of the calendar entries that are hipcoach's, by the sync's own rule:
    every entry of one of its workouts; on a target whose entries are their own workouts,
    only the recorded entries, and the entry of a write whose answer was lost (the one entry
    of the record's workout on the record's day, when the record holds no entry)."""
    board = _Board.read(snapshot, records)
    held = {e.schedule_id for e in board.entries}
    for record in records.values():
        if record.workout_id is not None and record.schedule_id is None:
            lost = board.loose_entry(record.workout_id, [record.date])
            if lost is not None:
                held.add(lost.schedule_id)
    return held


@dataclass
class _Board:
    """The calendar as this run sees it, indexed, and what the passes have accounted for."""

    snapshot: Snapshot
    owner: dict[str, str]  # workout id → session key: hipcoach's (marked and recorded)
    entries: list[RemoteScheduleEntry]  # hipcoach's only
    #: marked workouts state.db has no record of (listed runs only): id → session key. Never
    #: changed or deleted unless adopted (see the module docstring).
    strangers: dict[str, str] = field(default_factory=dict)
    #: workout id → session key of the workouts state.db records
    recorded: dict[str, str] = field(default_factory=dict)
    claimed_workouts: set[str] = field(default_factory=set)
    claimed_schedules: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, snapshot: Snapshot, records: Mapping[str, RemoteRecord]) -> _Board:
        owner = owned_sessions(snapshot, records)
        ours = [e for e in snapshot.calendar if e.workout_id in owner]
        if snapshot.entries_are_workouts:
            # Each entry is an object of its own: only the very entry state.db records is ours.
            held = {(r.workout_id, r.schedule_id) for r in records.values() if r.schedule_id}
            ours = [e for e in ours if (e.workout_id, e.schedule_id) in held]
        recorded = {r.workout_id: r.session_key for r in records.values() if r.workout_id}
        strangers = {
            w: key for w, key in marked_sessions(snapshot.owned or ()).items() if w not in recorded
        }
        entries = sorted(ours, key=lambda e: (e.date, e.schedule_id))
        return cls(snapshot, owner, entries, strangers, recorded)

    @property
    def listed(self) -> bool:
        return self.snapshot.owned is not None

    @property
    def per_entry(self) -> bool:
        return self.snapshot.entries_are_workouts

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
        hipcoach may adopt (a copy on another day is never taken). Where entries are their own
        workouts, only when it is the one such entry that day."""
        key = item.session.key
        found = [
            e
            for e in sorted(self.snapshot.calendar, key=lambda e: e.schedule_id)
            if self.strangers.get(e.workout_id) == key
            and e.date == item.date
            and e.workout_id not in self.claimed_workouts
        ]
        if self.per_entry and len(found) != 1:
            return None
        return next(iter(found), None)

    def loose_entry(self, workout_id: str, days: Sequence[date]) -> RemoteScheduleEntry | None:
        """Where entries are their own workouts: the one unclaimed entry of ``workout_id``
        that is not hipcoach's, on the first of ``days`` that has any (None if that day has
        several: which one is hipcoach's cannot be told). None on other targets."""
        if not self.per_entry:
            return None
        ours = {e.schedule_id for e in self.entries}
        for day in days:
            found = [
                e
                for e in self.snapshot.calendar
                if e.workout_id == workout_id
                and e.date == day
                and e.schedule_id not in ours
                and e.schedule_id not in self.claimed_schedules
            ]
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def left_days(self, key: str) -> tuple[date, ...]:
        """The days of unclaimed entries marked for ``key`` that are not hipcoach's and stay
        as they are (a marked workout state.db does not know; where entries are their own
        workouts, any entry of the session's workout that is not recorded)."""
        ours = {e.schedule_id for e in self.entries}
        days = {
            e.date
            for e in self.snapshot.calendar
            if e.schedule_id not in ours
            and e.schedule_id not in self.claimed_schedules
            and (
                self.strangers.get(e.workout_id) == key
                or (self.per_entry and self.recorded.get(e.workout_id) == key)
            )
        }
        return tuple(sorted(days))

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
    was listed this run, so one that is gone or no longer marked is made anew. Where entries
    are their own workouts, the missed entry itself moves to the new day."""
    workout_id = _live_workout(board, record)
    if workout_id is None:
        return [_created(board, item)]
    board.claim(workout_id, None)
    through = record.schedule_id if board.per_entry else None
    actions = []
    if record.content_hash != item.session.content_hash:
        actions.append(_planned(ActionKind.UPDATE, item, workout_id, through))
    catch_up = _planned(ActionKind.CATCH_UP, item, workout_id, through)
    return [*actions, replace(catch_up, old_date=item.missed_on)]


def _removal(board: _Board, record: RemoteRecord, done_on: date | None) -> list[Action]:
    """A session no longer planned (or a delete under way): its entry and workout go, unless
    the session is over or was a catch-up. Done on its day (or after), it stays as it is;
    a catch-up, or a session done before its day, only has that day's entry taken off: the
    workout stays (the runner did it, or the day missed keeps its entry)."""
    workout_id = _live_workout(board, record)
    entry = board.entry_of(workout_id, record.schedule_id)
    if entry is None and workout_id is not None and record.schedule_id is None:
        entry = board.loose_entry(workout_id, [record.date])  # a write whose answer was lost
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
    entry = board.entry_of(workout_id, record.schedule_id)
    if entry is None:
        # Where entries are their own workouts: one on the day planned, or hipcoach's own
        # write whose answer was lost on the day it was sent to (the record holds no entry).
        days = [item.date] + ([record.date] if record.schedule_id is None else [])
        entry = board.loose_entry(workout_id, days)
    board.claim(None, entry)
    actions = []
    if record.workout_id is None:
        actions.append(_planned(ActionKind.ADOPT, item, workout_id=workout_id))
    if record.content_hash != item.session.content_hash:
        through = entry.schedule_id if entry is not None and board.per_entry else None
        actions.append(_planned(ActionKind.UPDATE, item, workout_id, through))
    return actions + _calendar_actions(board, record, item, workout_id, entry)


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
    board: _Board,
    record: RemoteRecord,
    item: ScheduledSession,
    workout_id: str,
    entry: RemoteScheduleEntry | None,
) -> list[Action]:
    if entry is None:
        schedule = _planned(ActionKind.SCHEDULE, item, workout_id=workout_id)
        return [replace(schedule, left=board.left_days(item.session.key))]
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


def _created(board: _Board, item: ScheduledSession) -> Action:
    """A new workout and entry for ``item``, naming the marked entries left as they are."""
    return replace(_planned(ActionKind.CREATE, item), left=board.left_days(item.session.key))


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
        return [_created(board, item)]
    board.claim(entry.workout_id, entry)
    through = entry.schedule_id if board.per_entry else None
    return [
        _adopted(ActionKind.ADOPT_ENTRY, item, entry),
        _planned(ActionKind.UPDATE, item, entry.workout_id, through),
    ]


def _strays(board: _Board, upcoming: set[str]) -> Iterator[Action]:
    """Extra calendar entries of hipcoach's own workouts of sessions to come that no action
    accounts for (a schedule whose answer was lost, then made again): they go, the workout
    stays. Workouts state.db has no record of, entries state.db does not record where
    entries are their own workouts, and entries of past sessions, are never touched."""
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
