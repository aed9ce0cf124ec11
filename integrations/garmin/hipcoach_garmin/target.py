"""Garmin Connect as hipcoach's workout target, on garminconnect's own client.

Cost: building a target makes no request (see :mod:`hipcoach_garmin.client`, shared with
the activity source so that one sync loads and refreshes the tokens once). Calendar months are
read through a :class:`~hipcoach_garmin.calendar.GarminCalendar` shared with the race
calendar: once per month per process, forgotten whenever this target changes anything.

Safety: hipcoach changes or deletes only workouts that carry its marker, and removes only
calendar entries of those. An id this target has not seen with the marker (created here, or
listed by :meth:`list_owned_workouts`) is fetched once and checked before any update,
unschedule or delete; an entry is removed only when this target read it on the calendar (or
made it) as an entry of that very workout. Names and titles are never trusted.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcoach.errors import ContentLost, HipcoachError, NotOwned, RemoteNotFound, ServiceError
from hipcoach.models import Session
from hipcoach.plugins.interfaces import WorkoutTarget
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout
from hipcoach_garmin.calendar import GarminCalendar
from hipcoach_garmin.client import GarminConnection
from hipcoach_garmin.errors import Gone, is_json_error
from hipcoach_garmin.payload import blanked_names, build_workout, session_key_from_description

if TYPE_CHECKING:
    from garminconnect import Garmin

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGES = 50


def remote_id(value: object, what: str) -> int:
    """A Garmin id as the integer the endpoints expect."""
    text = str(value)
    if not text.isdigit() or not 0 < int(text) < 2**63:
        raise ServiceError(f"{what} {text[:30]!r} is not a Garmin Connect id")
    return int(text)


def pick_id(response: object, keys: Iterable[str], what: str) -> str:
    """The first of ``keys`` present in a JSON object, as a string id."""
    if isinstance(response, dict):
        for key in keys:
            if response.get(key) is not None:
                return str(remote_id(response[key], what))
    raise ServiceError(f"Garmin Connect returned no {what} (malformed response)")


def answered_ok(call: Callable[..., object], *args: object) -> None:
    """A write whose answer is not needed: garminconnect parses it as JSON, but Garmin may
    answer a successful PUT or DELETE with 200 and no body, which is a success too."""
    try:
        call(*args)
    except ValueError as exc:
        if not is_json_error(exc):
            raise


def schedule_entry(item: object, start: date, end: date) -> RemoteScheduleEntry | None:
    """A workout's calendar entry within the range (anyone's workout: the core decides by
    workout id which are hipcoach's), or None for anything else, an item without a workout
    id included."""
    if not isinstance(item, dict) or item.get("itemType") != "workout":
        return None
    if item.get("workoutId") is None:
        return None  # a coach plan, a note: nothing hipcoach made
    try:
        day = date.fromisoformat(str(item.get("date")))
    except ValueError:
        raise ServiceError("Garmin calendar entry without a valid date") from None
    if not start <= day <= end:
        return None
    return RemoteScheduleEntry(
        schedule_id=str(remote_id(item.get("id"), "calendar entry id")),
        workout_id=str(remote_id(item.get("workoutId"), "calendar workout id")),
        date=day,
    )


def owned_workout(item: object) -> RemoteWorkout | None:
    """A listed workout carrying the marker; None for anything else (names prove nothing)."""
    if not isinstance(item, dict) or item.get("workoutId") is None:
        return None
    key = session_key_from_description(item.get("description"))
    if key is None:
        return None
    workout_id = str(remote_id(item["workoutId"], "workout id"))
    name = str(item.get("workoutName") or "")
    return RemoteWorkout(workout_id=workout_id, session_key=key, name=name)


class GarminTarget(WorkoutTarget):
    """Workouts and calendar entries in Garmin Connect, from a saved token file."""

    def __init__(
        self,
        token_file: Path,
        *,
        own_store: bool = True,
        connection: GarminConnection | None = None,
        calendar: GarminCalendar | None = None,
    ) -> None:
        self.connection = connection or GarminConnection(token_file, own_store=own_store)
        self.calendar = calendar or GarminCalendar(self.connection)
        # Workout ids seen carrying the marker: update/delete need no extra fetch for them.
        self._marked: set[str] = set()
        #: workouts whose marker check failed this process (not asked again)
        self._unchecked: dict[str, HipcoachError] = {}
        # Calendar entry id → workout id, as read from the calendar or made by schedule().
        self._entries: dict[str, str] = {}

    @property
    def token_file(self) -> Path:
        """Where the tokens this target uses are kept."""
        return self.connection.token_file

    # -- session ---------------------------------------------------------------------------
    def _call(
        self, action: str, payload: dict[str, Any] | None = None, *, missing_ok: bool = False
    ) -> AbstractContextManager[Garmin]:
        """The client, with failures mapped and refreshed tokens saved afterwards."""
        return self.connection.call(action, payload, missing_ok=missing_ok)

    def _change(
        self, action: str, payload: dict[str, Any] | None = None, *, missing_ok: bool = False
    ) -> AbstractContextManager[Garmin]:
        """:meth:`_call` for a request that changes something: the calendar months read so
        far are forgotten first (even a failed write may have landed)."""
        self.calendar.forget()
        return self._call(action, payload, missing_ok=missing_ok)

    # -- guard -----------------------------------------------------------------------------
    def _require_marker(self, workout_id: str) -> None:
        """Refuse to touch a workout unless it carries the marker; Gone if it is gone."""
        if workout_id in self._marked:
            return
        failed = self._unchecked.get(workout_id)
        if failed is not None:
            raise copy.copy(failed)  # asked once a night: the same failure, no request
        number = remote_id(workout_id, "workout id")
        try:
            with self._call(f"checking workout {workout_id}", missing_ok=True) as api:
                workout = api.get_workout_by_id(number)
        except HipcoachError as exc:
            self._unchecked[workout_id] = exc
            raise
        description = workout.get("description") if isinstance(workout, dict) else None
        if session_key_from_description(description) is None:
            raise NotOwned(
                f"refusing to change Garmin workout {workout_id}: it has no hipcoach marker"
            )
        self._marked.add(workout_id)

    def _require_entry(self, verb: str, schedule_id: str, workout_id: str) -> None:
        """Refuse an entry this target did not read on the calendar (or make) as one of
        ``workout_id``'s."""
        if self._entries.get(schedule_id) != workout_id:
            raise NotOwned(
                f"refusing to {verb} Garmin calendar entry {schedule_id}: it was not read "
                f"from the calendar as an entry of workout {workout_id}"
            )

    # -- WorkoutTarget ---------------------------------------------------------------------
    def create_workout(self, session: Session) -> str:
        """POST /workout-service/workout; the new workout id."""
        payload = build_workout(session)
        with self._change(f"creating the workout for {session.key}", payload) as api:
            stored = api.upload_workout(payload)
        workout_id = pick_id(stored, ("workoutId",), "workout id")
        self._marked.add(workout_id)
        log.info("created Garmin workout %s for %s", workout_id, session.key)
        return workout_id

    def update_workout(self, workout_id: str, session: Session) -> None:
        """PUT /workout-service/workout/{id}: same id, so its calendar entries stay valid."""
        try:
            self._require_marker(workout_id)
        except Gone:
            raise RemoteNotFound(f"Garmin workout {workout_id} no longer exists") from None
        number = remote_id(workout_id, "workout id")
        payload = {**build_workout(session), "workoutId": number}
        with self._change(f"updating the workout for {session.key}", payload) as api:
            answered_ok(api.update_workout, number, payload)
        log.info("updated Garmin workout %s for %s", workout_id, session.key)

    def verify_workout(self, workout_id: str, session: Session) -> None:
        """GET /workout-service/workout/{id} once, after a create or update: Garmin stores an
        exercise name it does not know as empty (the watch then shows only the category),
        which fails the session here (ContentLost, exit 69) instead of passing unseen."""
        number = remote_id(workout_id, "workout id")
        with self._call(f"reading back the workout for {session.key}") as api:
            stored = api.get_workout_by_id(number)
        lost = blanked_names(build_workout(session), stored)
        if lost:
            raise ContentLost(
                f"Garmin Connect blanked the exercise name of {'; '.join(lost)} in workout "
                f"{workout_id} (the watch would show only the category); the next sync sends "
                "it again",
                hint="if it keeps happening, please report it with this message",
                workout_id=workout_id,
            )

    def schedule(self, workout_id: str, on: date) -> str:
        """POST /workout-service/schedule/{id} of a marked workout; the calendar entry's id.
        A workout this target has not seen with the marker is checked first."""
        try:
            self._require_marker(workout_id)
        except Gone:
            raise RemoteNotFound(f"Garmin workout {workout_id} no longer exists") from None
        number = remote_id(workout_id, "workout id")
        with self._change(f"scheduling workout {workout_id} on {on.isoformat()}") as api:
            answer = api.schedule_workout(number, on.isoformat())
        schedule_id = pick_id(answer, ("workoutScheduleId", "scheduleId", "id"), "schedule id")
        self._entries[schedule_id] = workout_id
        log.info("scheduled Garmin workout %s on %s (%s)", workout_id, on, schedule_id)
        return schedule_id

    def unschedule(self, schedule_id: str, workout_id: str) -> None:
        """DELETE /workout-service/schedule/{id} of an entry of the marked ``workout_id``, as
        read from the calendar; an entry (or workout) already gone counts as removed."""
        number = remote_id(schedule_id, "schedule id")
        self._require_entry("remove", schedule_id, workout_id)
        try:
            self._require_marker(workout_id)
            with self._change(f"unscheduling calendar entry {schedule_id}", missing_ok=True) as api:
                answered_ok(api.unschedule_workout, number)
        except Gone:
            log.info("Garmin calendar entry %s was already gone", schedule_id)
            return
        finally:
            self._entries.pop(schedule_id, None)
        log.info("unscheduled Garmin calendar entry %s", schedule_id)

    def reschedule(self, schedule_id: str, workout_id: str, on: date) -> str:
        """Move an entry of the marked ``workout_id`` to ``on`` in place, with garminconnect's
        ``reschedule_workout``: GET /workout-service/schedule/{id}, then one PUT of it with the
        new ``calendarDate``. The entry keeps its id; nothing is deleted or booked anew."""
        number = remote_id(schedule_id, "schedule id")
        self._require_entry("move", schedule_id, workout_id)
        try:
            self._require_marker(workout_id)
            action = f"moving calendar entry {schedule_id} to {on.isoformat()}"
            with self._change(action, missing_ok=True) as api:
                answered_ok(api.reschedule_workout, number, on.isoformat())
        except Gone:
            raise RemoteNotFound(f"Garmin calendar entry {schedule_id} no longer exists") from None
        log.info("moved Garmin calendar entry %s to %s", schedule_id, on)
        return schedule_id

    def delete_workout(self, workout_id: str) -> None:
        """DELETE /workout-service/workout/{id}; a workout already gone counts as deleted."""
        try:
            self._require_marker(workout_id)
            with self._change(f"deleting workout {workout_id}", missing_ok=True) as api:
                answered_ok(api.delete_workout, remote_id(workout_id, "workout id"))
        except Gone:
            log.info("Garmin workout %s was already gone", workout_id)
        else:
            log.info("deleted Garmin workout %s", workout_id)
        self._marked.discard(workout_id)

    def list_owned_workouts(self) -> list[RemoteWorkout]:
        """GET /workout-service/workouts, paged: those with the marker."""
        found: dict[str, RemoteWorkout] = {}
        seen: set[str] = set()
        for page_number in range(MAX_PAGES):
            with self._call("listing workouts") as api:
                page = api.get_workouts(page_number * PAGE_SIZE, PAGE_SIZE)
            if not isinstance(page, list):
                raise ServiceError("Garmin Connect sent a malformed workout list")
            ids = {str(item.get("workoutId")) for item in page if isinstance(item, dict)}
            fresh, seen = ids - seen, seen | ids
            for item in page:
                self._keep_owned(item, found)
            # A short page is the last; a page of known ids means paging is being ignored.
            if len(page) < PAGE_SIZE or not fresh:
                break
        return list(found.values())

    def _keep_owned(self, item: object, found: dict[str, RemoteWorkout]) -> None:
        workout = owned_workout(item)
        if workout is not None:
            found[workout.workout_id] = workout
            self._marked.add(workout.workout_id)

    def list_scheduled(self, start: date, end: date) -> list[RemoteScheduleEntry]:
        """GET /calendar-service/year/{y}/month/{m-1} per month (unless read since the last
        change); every workout entry."""
        entries: dict[str, RemoteScheduleEntry] = {}
        for item in self.calendar.items(start, end):
            entry = schedule_entry(item, start, end)
            # Month views spill into the neighbouring months: one entry per id.
            if entry is not None:
                entries.setdefault(entry.schedule_id, entry)
                self._entries[entry.schedule_id] = entry.workout_id
        return sorted(entries.values(), key=lambda e: (e.date, e.schedule_id))
