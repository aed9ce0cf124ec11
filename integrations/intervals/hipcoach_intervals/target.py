"""intervals.icu as hipcoach's workout target: each session one calendar event.

The core's reconcile thinks in workouts and calendar entries; on intervals.icu an event is
both. So the *workout id* is the event's ``external_id`` (``hipcoach:<athlete id>:<session
key>``, fixed by the session's key), and the *schedule id* is the event's id:

- :meth:`create_workout` makes no request: the event is written when it is put on a date;
- :meth:`schedule` writes the whole event on its date: an update of the event this run read
  or wrote (``PUT /events/{id}``, the id kept), else ``POST /events/bulk?upsert=true``, which
  creates it or, should the event exist unseen (a response lost to a crash), updates the
  event carrying that ``external_id`` instead of adding a second one;
- :meth:`update_workout` rewrites the event where it is (``PUT``), or, when none is on the
  calendar, leaves the content to the :meth:`schedule` that the reconcile always sends next;
- :meth:`reschedule` moves the event (``PUT``, the id kept);
- :meth:`unschedule` deletes the event (``DELETE /events/{id}``; never ``others=true``);
- :meth:`delete_workout` deletes any other event of the session this run saw, or, when it saw
  none, asks intervals.icu to delete by ``external_id`` (``PUT /events/bulk-delete``).

The session's content comes from the plan (:meth:`use_plan`) or the create and update calls.
A move (:meth:`reschedule`) is one ``PUT`` of the event on its new date, the id kept. A
missed session's catch-up moves its event to the new day (DESIGN, Adherence: "moves the missed
session's calendar entry to its new day").

Safety: only events whose ``external_id`` is hipcoach's for this athlete are ever written to
or deleted, and only by an id this target read (or made) with that ``external_id``; a
runner's event named like ours, another app's event, another athlete's are never touched.
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

    def __init__(
        self, client: IntervalsClient, calendar: IntervalsCalendar, today: Callable[[], date]
    ) -> None:
        self.client = client
        self.calendar = calendar
        self.today = today
        #: event id → (external_id, date) of hipcoach's events read or written by this run
        self._events: dict[str, tuple[str, date]] = {}
        #: external_ids whose events this run deleted
        self._deleted: set[str] = set()
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
        """(event id, external_id, date) of one of our events, remembered; None otherwise."""
        external = event.get("external_id")
        if session_key_of(external, self.client.athlete_id()) is None:
            return None
        day = event_day(event)
        if day is None:
            raise malformed(action, "one of hipcoach's events without a date")
        ident = event_id(event, action)
        self._events[ident] = (str(external), day)
        return ident, str(external), day

    def _ours(self, workout_id: str) -> list[str]:
        """The ids of the events of ``workout_id`` this run knows, latest first."""
        return [i for i, (ext, _) in reversed(self._events.items()) if ext == workout_id]

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
        """hipcoach's events from six weeks back to over a year ahead, one per session."""
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
        """Rewrite the session's event where it is; with none on the calendar, only keep the
        content for the :meth:`schedule` that follows."""
        key = self._key(workout_id)
        self._sessions[key] = session
        known = self._ours(workout_id)
        if not known:
            log.info("intervals.icu: %s is on no date yet; written when it is", key)
            return
        _, day = self._events[known[0]]
        self._write(workout_id, key, day)

    def schedule(self, workout_id: str, on: date) -> str:
        """Write the session's event on ``on``; its event id."""
        return self._write(workout_id, self._key(workout_id), on)

    def reschedule(self, schedule_id: str, workout_id: str, on: date) -> str:
        """Move the session's event to ``on`` in place: one ``PUT``, the event id kept (an
        event gone meanwhile is written anew)."""
        key = self._key(workout_id)
        self._require_read(schedule_id, workout_id, "move")
        return self._write(workout_id, key, on, event=schedule_id)

    def unschedule(self, schedule_id: str, workout_id: str) -> None:
        """``DELETE /events/{id}`` of an event read as ``workout_id``'s; gone counts as done."""
        self._key(workout_id)
        self._require_read(schedule_id, workout_id, "delete")
        self._delete(schedule_id, workout_id)

    def _require_read(self, schedule_id: str, workout_id: str, verb: str) -> None:
        """NotOwned unless this run read (or wrote) event ``schedule_id`` as ``workout_id``'s."""
        if self._events.get(schedule_id, ("",))[0] != workout_id:
            raise NotOwned(
                f"refusing to {verb} intervals.icu event {schedule_id}: it was not read as an "
                f"event of {workout_id}"
            )

    def delete_workout(self, workout_id: str) -> None:
        """Delete the session's other events this run saw; when it saw none, ask intervals.icu
        to delete by external_id (``bulk-delete``: events that do not exist are ignored)."""
        self._key(workout_id)
        known = self._ours(workout_id)
        for ident in known:
            self._delete(ident, workout_id)
        if known or workout_id in self._deleted:
            return
        self.calendar.forget()
        action = f"deleting the intervals.icu event of {workout_id}"
        answer = self.client.request(
            "PUT",
            self.client.athlete("/events/bulk-delete"),
            action=action,
            body=[{"external_id": workout_id}],
        )
        gone = answer.get("eventsDeleted") if isinstance(answer, dict) else None
        log.info("intervals.icu: deleted %s event(s) of %s by external_id", gone, workout_id)
        self._deleted.add(workout_id)

    # -- requests --------------------------------------------------------------------------
    def _write(self, workout_id: str, key: str, on: date, event: str | None = None) -> str:
        """PUT ``event`` (default: the latest event of ``workout_id`` this run knows) on
        ``on``, or, with none known (or it is gone), upsert by external_id."""
        from hipcoach.exports.fit import encode_workout

        if self._stopped:
            raise ServiceError(self._stopped)
        session = self._sessions.get(key)
        if session is None:
            raise ServiceError(
                f"no planned content for {key} to write to intervals.icu (the next sync does)"
            )
        body = event_body(session, on, self.client.athlete_id(), encode_workout(session, on))
        self.calendar.forget()
        action = f"writing {key} on {on} to intervals.icu"
        known = [event] if event is not None else self._ours(workout_id)[:1]
        for ident in known:
            try:
                answer = self.client.request(
                    "PUT", self.client.athlete(f"/events/{ident}"), action=action, body=body
                )
            except RemoteNotFound:
                log.info("intervals.icu event %s is gone; %s is written anew", ident, key)
                self._events.pop(ident, None)
            else:
                return self._written(answer, workout_id, action, body)
        answer = self.client.request(
            "POST",
            self.client.athlete("/events/bulk"),
            action=action,
            params={"upsert": "true"},
            body=[body],
        )
        if not isinstance(answer, list):
            raise malformed(action, "no list of events")
        written = [e for e in answer if isinstance(e, dict) and e.get("external_id") == workout_id]
        if len(written) == 1:
            return self._written(written[0], workout_id, action, body)
        if len(answer) == 1 and isinstance(answer[0], dict):
            self._take_back(answer[0], key, action)
        raise malformed(action, f"{len(written)} events for {workout_id} instead of one")

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
        changed = [k for k in ("name", "description", "type") if answer.get(k) != sent[k]]
        if changed:
            log.info("intervals.icu kept another %s for %s", " and ".join(changed), workout_id)
        self._deleted.discard(workout_id)
        log.info("intervals.icu: %s is event %s on %s", workout_id, ident, day)
        return ident

    def _delete(self, ident: str, workout_id: str) -> None:
        self.calendar.forget()
        action = f"deleting intervals.icu event {ident}"
        try:
            self.client.request("DELETE", self.client.athlete(f"/events/{ident}"), action=action)
        except RemoteNotFound:
            log.info("intervals.icu event %s was already gone", ident)
        else:
            log.info("intervals.icu: deleted event %s (%s)", ident, workout_id)
        self._events.pop(ident, None)
        self._deleted.add(workout_id)
