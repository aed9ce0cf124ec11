"""intervals.icu as hipcoach's workout target: each session one calendar event.

The core's reconcile thinks in workouts and calendar entries; on intervals.icu an event is
both. So the *workout id* is the event's ``external_id`` (``hipcoach:<athlete id>:<session
key>``, fixed by the session's key), and the *schedule id* is the event's id. The target
says so (:attr:`entries_are_workouts`): a copy of one of hipcoach's events carries the very
same ``external_id`` (whether intervals.icu's own copy or duplicate keeps it is not
documented), so an event is hipcoach's only when state.db records that event's id, and the
core hands this target the id of every event it may change:

- :meth:`create_workout` makes no request: the event is written when it is put on a date;
- :meth:`schedule` creates a new event on its date (``POST /events``, which never updates an
  event already there: an unrecorded event carrying hipcoach's ``external_id`` on another day
  stays as it is; upsert by ``external_id`` would take it over);
- :meth:`update_entry` rewrites the recorded event where it is (``PUT /events/{id}``, the id
  kept); :meth:`update_workout` (no event known) only keeps the content for the
  :meth:`schedule` that the reconcile sends next;
- :meth:`reschedule` moves the recorded event: one ``PUT`` of its date alone (the id, and
  a name or description the runner changed, kept; updating only the fields sent is how public
  clients use ``updateEvent``, observed, not documented); one gone meanwhile is created anew;
- :meth:`unschedule` deletes the recorded event (``DELETE /events/{id}``; never
  ``others=true``);
- :meth:`delete_workout` makes no request: nothing but the event held the session, and it
  went with :meth:`unschedule`. Deleting by ``external_id`` (``bulk-delete``) would reach
  events state.db has no record of.

A create whose answer was lost leaves its event unrecorded on the day it was sent to: the
next night the core adopts the one such event on that day (DESIGN, Ownership), so a crash is
repaired, never duplicated.

The session's content comes from the plan (:meth:`use_plan`) or the create and update calls.
A missed session's catch-up moves its event to the new day (DESIGN, Adherence: "moves the
missed session's calendar entry to its new day").

Safety: only events whose ``external_id`` is hipcoach's for this athlete are ever written to
or deleted, and only by an id this target read (or made, or read back once by id) with that
``external_id``; a runner's event named like ours, another app's event, another athlete's
are never touched.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from hipcoach.errors import NotOwned, RemoteNotFound, ServiceError
from hipcoach.models import ScheduledSession, Session
from hipcoach.plugins.interfaces import WorkoutTarget
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
from hipcoach_intervals.calendar import IntervalsCalendar
from hipcoach_intervals.client import IntervalsClient
from hipcoach_intervals.errors import malformed
from hipcoach_intervals.events import (
    event_body,
    event_day,
    event_id,
    external_id,
    session_key_of,
)

log = logging.getLogger(__name__)

#: how far back the list of hipcoach's events reaches: a missed session's catch-up (same
#: ISO week) and the completions' first read (six weeks) are inside it
OWNED_BACK_DAYS = 42
#: and how far ahead: every window a sync or a horizon allows, with room
OWNED_AHEAD_DAYS = 400


class IntervalsTarget(WorkoutTarget):
    """Sessions as ``WeightTraining`` events on the runner's intervals.icu calendar."""

    entries_are_workouts = True

    def __init__(
        self, client: IntervalsClient, calendar: IntervalsCalendar, today: Callable[[], date]
    ) -> None:
        self.client = client
        self.calendar = calendar
        self.today = today
        #: event id → (external_id, date) of hipcoach's-looking events read or written by this run
        self._events: dict[str, tuple[str, date]] = {}
        #: session key → what to write for it (the plan, then create and update calls)
        self._sessions: dict[str, Session] = {}
        #: why this run writes nothing more (intervals.icu lost an external_id)
        self._stopped = ""

    # -- ownership -------------------------------------------------------------------------
    def _key(self, workout_id: str) -> str:
        """The session key of one of our external_ids; NotOwned for anything else."""
        key = session_key_of(workout_id, self.client.athlete_id())
        if key is None:
            raise NotOwned(
                f"refusing to change intervals.icu event(s) {workout_id!r}: not hipcoach's "
                "external_id for this athlete"
            )
        return key

    def _keep(self, event: dict[str, Any], action: str) -> tuple[str, str, date] | None:
        """(event id, external_id, date) of an event with our external_id, remembered; None
        otherwise."""
        external = event.get("external_id")
        if session_key_of(external, self.client.athlete_id()) is None:
            return None
        day = event_day(event)
        if day is None:
            raise malformed(action, "one of hipcoach's events without a date")
        ident = event_id(event, action)
        self._events[ident] = (str(external), day)
        return ident, str(external), day

    def _require(self, schedule_id: str, workout_id: str, verb: str) -> date:
        """The date of event ``schedule_id``, once it is known to carry ``workout_id``: read
        (or written) by this run, else read back once by its id. NotOwned for any other
        event; RemoteNotFound when it is gone."""
        if schedule_id not in self._events and schedule_id.isdigit():
            action = f"reading intervals.icu event {schedule_id}"
            event = self.client.get(self.client.athlete(f"/events/{schedule_id}"), action=action)
            if not isinstance(event, dict):
                raise malformed(action, "no event")
            self._keep(event, action)
        external, day = self._events.get(schedule_id, ("", date.min))
        if external != workout_id:
            raise NotOwned(
                f"refusing to {verb} intervals.icu event {schedule_id}: it is not an event of "
                f"{workout_id}"
            )
        return day

    # -- reading ---------------------------------------------------------------------------
    def list_scheduled(self, start: date, end: date) -> list[RemoteScheduleEntry]:
        """Every event on ``start`` … ``end`` with an ``external_id`` (ours and other apps';
        the core tells which are hipcoach's). The runner's own events have none: like a
        calendar item without a workout, they are left out."""
        action = f"reading the intervals.icu calendar of {start} … {end}"
        entries = []
        for event in self.calendar.events(start, end):
            external = event.get("external_id")
            if not isinstance(external, str) or not external:
                continue
            day = event_day(event)
            if day is None:
                continue
            self._keep(event, action)
            entries.append(RemoteScheduleEntry(event_id(event, action), external, day))
        return sorted(entries, key=lambda e: (e.date, e.schedule_id))

    def list_owned_workouts(self) -> list[RemoteWorkout]:
        """The external_ids of hipcoach's events from six weeks back to over a year ahead,
        one per session (whoever made the events: the core tells which are hipcoach's)."""
        today = self.today()
        start = today - timedelta(days=OWNED_BACK_DAYS)
        end = today + timedelta(days=OWNED_AHEAD_DAYS)
        action = "listing hipcoach's intervals.icu events"
        owned: dict[str, RemoteWorkout] = {}
        for event in self.calendar.events(start, end):
            kept = self._keep(event, action)
            if kept is None:
                continue
            _, external, _ = kept
            key = self._key(external)
            owned.setdefault(external, RemoteWorkout(external, key, str(event.get("name") or "")))
        return list(owned.values())

    # -- writing ---------------------------------------------------------------------------
    def use_plan(self, sessions: Sequence[ScheduledSession]) -> None:
        """Keep the sessions' content: :meth:`schedule` writes whole events."""
        for item in sessions:
            self._sessions[item.session.key] = item.session

    def create_workout(self, session: Session) -> str:
        """The session's external_id (no request: the event is written on its date)."""
        self._sessions[session.key] = session
        return external_id(self.client.athlete_id(), session.key)

    def update_workout(self, workout_id: str, session: Session) -> None:
        """Keep the content for the :meth:`schedule` that follows (the core knows no event of
        the session: an event is rewritten only through :meth:`update_entry`)."""
        self._sessions[self._key(workout_id)] = session
        log.info("intervals.icu: %s has no event yet; written when it gets one", workout_id)

    def update_entry(self, schedule_id: str, workout_id: str, session: Session) -> None:
        """Rewrite the recorded event ``schedule_id`` where it is (``PUT``, the id kept); one
        gone meanwhile is left to the next night (which finds the session without an event)."""
        key = self._key(workout_id)
        self._sessions[key] = session
        try:
            day = self._require(schedule_id, workout_id, "update")
            self._put(schedule_id, workout_id, self._body(key, day), f"writing {key} on {day}")
        except RemoteNotFound:
            log.info("intervals.icu event %s is gone; %s is written anew later", schedule_id, key)
            self._events.pop(schedule_id, None)

    def schedule(self, workout_id: str, on: date) -> str:
        """Create the session's event on ``on`` (a new event); its id."""
        return self._create(workout_id, self._key(workout_id), on)

    def reschedule(self, schedule_id: str, workout_id: str, on: date) -> str:
        """Move the recorded event to ``on`` in place: one ``PUT`` of its date, the id kept.
        An event gone meanwhile is created anew (RemoteNotFound for a session no longer
        planned: there is nothing to write)."""
        key = self._key(workout_id)
        try:
            self._require(schedule_id, workout_id, "move")
            moved = {"start_date_local": f"{on.isoformat()}T00:00:00"}
            return self._put(schedule_id, workout_id, moved, f"moving {key} to {on}")
        except RemoteNotFound:
            self._events.pop(schedule_id, None)
            if key not in self._sessions:
                raise
            log.info("intervals.icu event %s is gone; %s is written anew", schedule_id, key)
            return self._create(workout_id, key, on)

    def unschedule(self, schedule_id: str, workout_id: str) -> None:
        """``DELETE /events/{id}`` of the recorded event; gone counts as done."""
        self._key(workout_id)
        self.calendar.forget()
        try:
            self._require(schedule_id, workout_id, "delete")
            action = f"deleting intervals.icu event {schedule_id}"
            self.client.request(
                "DELETE", self.client.athlete(f"/events/{schedule_id}"), action=action
            )
        except RemoteNotFound:
            log.info("intervals.icu event %s was already gone", schedule_id)
        else:
            log.info("intervals.icu: deleted event %s (%s)", schedule_id, workout_id)
        self._events.pop(schedule_id, None)

    def delete_workout(self, workout_id: str) -> None:
        """No request: the session's event went with :meth:`unschedule`, and nothing else on
        intervals.icu holds the session (events state.db has no record of are never
        deleted)."""
        self._key(workout_id)

    # -- requests --------------------------------------------------------------------------
    def _body(self, key: str, on: date) -> dict[str, Any]:
        """The whole event of session ``key`` on ``on``, its FIT workout attached."""
        from hipcoach.exports.fit import encode_workout

        if self._stopped:
            raise ServiceError(self._stopped)
        session = self._sessions.get(key)
        if session is None:
            raise ServiceError(
                f"no planned content for {key} to write to intervals.icu (the next sync does)"
            )
        return event_body(session, on, self.client.athlete_id(), encode_workout(session, on))

    def _put(self, ident: str, workout_id: str, body: dict[str, Any], doing: str) -> str:
        """``PUT`` ``body`` (the fields to change) to event ``ident``; its id."""
        if self._stopped:
            raise ServiceError(self._stopped)
        self.calendar.forget()
        action = f"{doing} on intervals.icu"
        answer = self.client.request(
            "PUT", self.client.athlete(f"/events/{ident}"), action=action, body=body
        )
        return self._written(answer, workout_id, action, body)

    def _create(self, workout_id: str, key: str, on: date) -> str:
        """A new event for ``key`` on ``on`` (``POST /events``: it creates, it never updates
        another event); its id."""
        body = self._body(key, on)
        self.calendar.forget()
        action = f"writing {key} on {on} to intervals.icu"
        answer = self.client.request(
            "POST", self.client.athlete("/events"), action=action, body=body
        )
        if not isinstance(answer, dict):
            raise malformed(action, "no event")
        if answer.get("external_id") != workout_id:
            self._take_back(answer, key, action)
        return self._written(answer, workout_id, action, body)

    def _take_back(self, made: dict[str, Any], key: str, action: str) -> None:
        """The event just made for ``key`` came back without hipcoach's external_id: nothing
        could find it again, and every night would add another. It is deleted at once (its id
        is the answer to hipcoach's own create), and nothing more is written this run."""
        self._stopped = (
            f"intervals.icu did not keep hipcoach's external_id on the event made for {key}, "
            "so it was deleted again and nothing more is written (please report this)"
        )
        ident = event_id(made, action)
        with contextlib.suppress(RemoteNotFound):
            self.client.request("DELETE", self.client.athlete(f"/events/{ident}"), action=action)
        raise ServiceError(self._stopped)

    def _written(self, answer: object, workout_id: str, action: str, sent: dict[str, Any]) -> str:
        """The id of the event intervals.icu answered with, once it is seen to be ours.

        Whether intervals.icu rewrites a name or description from the attached FIT file is
        unverified: a text that did not come back as sent is logged (for a report), not an
        error (nothing the runner could do about it; ownership never depends on it)."""
        if not isinstance(answer, dict):
            raise malformed(action, "no event")
        if answer.get("external_id") != workout_id:
            raise malformed(action, "an event without hipcoach's external_id")
        kept = self._keep(answer, action)
        assert kept is not None  # its external_id is ours: checked above
        ident, _, day = kept
        changed = [
            k for k in ("name", "description", "type") if k in sent and answer.get(k) != sent[k]
        ]
        if changed:
            log.info("intervals.icu kept another %s for %s", " and ".join(changed), workout_id)
        log.info("intervals.icu: %s is event %s on %s", workout_id, ident, day)
        return ident
