"""A stateful fake of the Garmin Connect endpoints hipcoach uses, for ``responses``.

Workouts, schedules and calendar months behave like the real service closely enough for
the sync to be tested end to end under the real garminconnect client: ids are assigned by
the server, months in calendar URLs are 0-based, the calendar also lists foreign workouts
and activities, deleting a workout removes its calendar entries, and there is no server-side
de-duplication (each schedule POST adds an entry). The activity list pages ``activities``
from ``startDate`` on, in the order asked for (``sortOrder``), ``limit`` at a time. Events the
runner put on the calendar (``add_event``: races and others) show in the month views like
workouts, spilling into the neighbouring months too.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import requests
import responses

from hipcoach.programme.generator import SESSION_KEY

API = "https://connectapi.garmin.com"
RUNNING = {"sportTypeId": 1, "sportTypeKey": "running", "displayOrder": 1}
STRENGTH = {"sportTypeId": 5, "sportTypeKey": "strength_training", "displayOrder": 5}
#: a marker as hipcoach reads it (a key of the session-key pattern exactly)
MARKER = re.compile(rf"\[hipcoach:({SESSION_KEY.pattern})\]")
MUTATING = ("POST", "PUT", "DELETE")
ACTIVITY_LIST = "/activitylist-service/activities/search/activities"


class FakeGarmin:
    """Register on a ``responses.RequestsMock``; inspect ``workouts`` and ``schedules``."""

    def __init__(self) -> None:
        self.workouts: dict[int, dict[str, Any]] = {}
        self.schedules: dict[int, tuple[int, str]] = {}
        self.ids = itertools.count(700_000_001)
        self.requests: list[tuple[str, str]] = []
        #: every request as sent: method, URL with its query, body
        self.sent: list[tuple[str, str, str]] = []
        self.fail_at: int | None = None  # the n-th request to Garmin fails (1-based)
        self.failure: str = "500"
        self.fail_all = False  # every request fails (e.g. a sign-in Garmin no longer accepts)
        #: (method, a piece of the URL): the first such request fails once, with ``failure``
        self.fail_first: tuple[str, str] | None = None
        #: a request for which this answers True fails, with ``failure``
        self.fail_when: Callable[[Any], bool] | None = None
        self.activities: list[dict[str, Any]] = []  # activity-list items (any order)
        self.exercise_sets: dict[int, list[dict[str, Any]] | None] = {}  # activity → sets
        self.failing_sets: set[int] = set()  # activities whose sets the server fails (500)
        # Calendar items served as they are in every month view (e.g. one without a workoutId).
        self.extra_items: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []  # calendar events (``add_event``)
        #: exercise names the service does not know: stored empty, as Garmin does (§4)
        self.unknown_names: set[str] = set()
        #: session keys whose workouts lose every exercise name when stored (as above, for
        #: one workout rather than for every workout holding the name)
        self.blank_in: set[str] = set()
        #: Garmin Coach runs not yet on the calendar (``add_planned_run(adaptive=True)``)
        self.adaptive: list[dict[str, Any]] = []
        #: how the by-period view answers: "list" (entries), or "missing" (404)
        self.by_period = "list"

    # -- test helpers ----------------------------------------------------------------------
    def add_foreign_workout(
        self, name: str, on: date | None, description: str = "made in the Connect app"
    ) -> int:
        """A strength workout the runner made in Connect (on the calendar ``on``, unless
        None)."""
        workout_id = next(self.ids)
        self.workouts[workout_id] = {
            "workoutId": workout_id,
            "workoutName": name,
            "description": description,
            "ownerId": 4242,
            "sportType": dict(STRENGTH),
        }
        if on is not None:
            self.schedule_on(workout_id, on)
        return workout_id

    def add_planned_run(
        self,
        on: date,
        name: str,
        *,
        distance_m: float | None = None,
        duration_s: float | None = None,
        steps: list[dict[str, Any]] | None = None,
        consumer: str | None = None,
        adaptive: bool = False,
        race: bool = False,
    ) -> int | None:
        """A running workout of the runner's plan scheduled on ``on``: a partner's
        (``consumer``, e.g. Runna), or one of Garmin Coach's adaptive plan (``adaptive``:
        only the by-period view lists it, without ids, as Garmin has not committed it to the
        calendar yet). Estimates are set when given; ``steps`` are the workout's own;
        ``race``: the by-period view flags it a race (its ``race`` key)."""
        workout: dict[str, Any] = {
            "workoutName": name,
            "description": None,
            "sportType": dict(RUNNING),
            "estimatedDistanceInMeters": distance_m,
            "estimatedDurationInSecs": duration_s,
            "workoutSegments": [
                {"segmentOrder": 1, "sportType": dict(RUNNING), "workoutSteps": steps or []}
            ],
        }
        if consumer is not None:
            workout["consumerName"] = consumer
        if race:
            workout["_race"] = True  # the fake's own note: not served with the workout
        if adaptive:
            self.adaptive.append({**workout, "date": on.isoformat()})
            return None
        workout_id = next(self.ids)
        self.workouts[workout_id] = {**workout, "workoutId": workout_id}
        self.schedule_on(workout_id, on)
        return workout_id

    def copy_workout(self, workout_id: int, on: date | None = None) -> int:
        """Connect's "copy workout": a new workout with the same steps and description (so
        the same marker); its name is irrelevant, names are never read. On the calendar
        ``on`` if given."""
        original = self.workouts[workout_id]
        copy_id = next(self.ids)
        name = f"{original['workoutName']} (copy)"
        self.workouts[copy_id] = {**original, "workoutId": copy_id, "workoutName": name}
        if on is not None:
            self.schedule_on(copy_id, on)
        return copy_id

    def schedule_on(self, workout_id: int, on: date) -> int:
        """The runner puts a workout on the calendar in the app."""
        schedule_id = next(self.ids)
        self.schedules[schedule_id] = (workout_id, on.isoformat())
        return schedule_id

    def add_event(
        self, on: date, title: str, *, race: bool, target: tuple[float, str] | None = None
    ) -> dict[str, Any]:
        """An event on the calendar, shaped as the month view lists it (``isRace`` tells a
        race from a club run or a goal; ``target``, e.g. ``(42195.0, "meter")`` or ``(21.1,
        "kilometer")``, its ``completionTarget`` distance, as public clients read it from the
        month view: unverified, ``garmin.md`` §9)."""
        event: dict[str, Any] = {
            "id": next(self.ids),
            "itemType": "event",
            "title": title,
            "date": on.isoformat(),
            "isRace": race,
            "eventType": "running",
            "shareableEventUuid": None,
        }
        if target is not None:
            value, unit = target
            event["completionTarget"] = {"value": value, "unit": unit, "unitType": "distance"}
        self.events.append(event)
        return event

    def marker_key(self, workout_id: int) -> str | None:
        """The session key of a workout's ``[hipcoach:<key>]`` marker (ownership, not name)."""
        found = MARKER.search(self.workouts[workout_id].get("description") or "")
        return found.group(1) if found else None

    def hipcoach_entries(self) -> list[tuple[str, str]]:
        """(session key, date) of every calendar entry of a hipcoach workout, duplicates kept."""
        return sorted(
            (key, d) for w, d in self.schedules.values() if (key := self.marker_key(w)) is not None
        )

    def hipcoach_calendar(self) -> set[tuple[str, str]]:
        """(session key, date) of every calendar entry of a hipcoach workout."""
        return set(self.hipcoach_entries())

    def hipcoach_workouts(self) -> list[str]:
        """The session keys of the workouts carrying the marker, one per workout."""
        return sorted(key for w in self.workouts if (key := self.marker_key(w)) is not None)

    def record_workout_run(
        self,
        workout_id: int,
        on: date,
        *,
        share: float = 1.0,
        activity_id: int | None = None,
        weightless: bool = False,
    ) -> int:
        """The watch runs a scheduled workout on ``on`` and records a strength activity
        (with ``workoutId``), doing ``share`` of each exercise's sets: one ACTIVE set per
        exercise step (so per side) and iteration, tied to its step by ``wktStepIndex``, as
        Garmin records them. ``weightless``: each set's ``weight`` is Garmin's -1 ("no
        weight") instead of 0."""
        workout = self.workouts[workout_id]
        sets: list[dict[str, Any]] = []
        for step in _exercise_steps(workout):
            done = round(step["iterations"] * share)
            # The watch knows a generic entry (the hip hike's HIP_STABILITY) by its category
            # alone: such sets come back with ``name: null``.
            name = step.get("exerciseName")
            if name == step["category"]:
                name = None
            for _ in range(done):
                sets.append(
                    {
                        "exercises": [
                            {"category": step["category"], "name": name, "probability": 100.0}
                        ],
                        "repetitionCount": int(step.get("endConditionValue") or 0),
                        "duration": 40.0,
                        "weight": -1.0 if weightless else 0.0,
                        "setType": "ACTIVE",
                        "wktStepIndex": step["wktStepIndex"],
                    }
                )
                sets.append({"exercises": [], "setType": "REST", "duration": 45.0})
        ident = activity_id or next(self.ids)
        self.activities.append(
            {
                "activityId": ident,
                "activityName": workout["workoutName"],
                "startTimeLocal": f"{on.isoformat()} 18:30:00",
                "startTimeGMT": f"{on.isoformat()} 18:30:00",
                "activityType": {"typeId": 13, "typeKey": "strength_training", "parentTypeId": 29},
                "eventType": {"typeId": 9, "typeKey": "uncategorized"},
                "distance": 0.0,
                "duration": 1500.0,
                "movingDuration": 1400.0,
                "workoutId": workout_id,
                "activeSets": sum(x["setType"] == "ACTIVE" for x in sets),
                "totalSets": len(sets),
                "totalReps": sum(x.get("repetitionCount") or 0 for x in sets),
            }
        )
        self.exercise_sets[ident] = sets
        return ident

    def mutating_requests(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] in MUTATING]

    def repeated_requests(self) -> list[tuple[str, str, str]]:
        """Requests sent again (same method, URL, query and body) with nothing written in
        between, since ``sent`` was last cleared: retries, which a night never makes. (A
        workout read before an update and read back after it is two different questions.)"""
        seen: set[tuple[str, str, str]] = set()
        repeats = []
        for request in self.sent:
            if request in seen:
                repeats.append(request)
            seen.add(request)
            if request[0] in MUTATING:
                seen.clear()
        return repeats

    def new_night(self) -> None:
        """Forget the requests counted so far (a new process, a new night)."""
        self.requests.clear()
        self.sent.clear()

    # -- wiring ------------------------------------------------------------------------------
    def register(self, mock: responses.RequestsMock) -> None:
        routes = [
            ("POST", r"/workout-service/workout$", self._create),
            ("GET", r"/workout-service/workouts(\?.*)?$", self._list),
            ("GET", r"/workout-service/workout/(\d+)$", self._get),
            ("PUT", r"/workout-service/workout/(\d+)$", self._update),
            ("DELETE", r"/workout-service/workout/(\d+)$", self._delete),
            ("POST", r"/workout-service/schedule/(\d+)$", self._schedule),
            ("DELETE", r"/workout-service/schedule/(\d+)$", self._unschedule),
            ("GET", r"/workout-service/schedule/(\d+)$", self._schedule_entry),
            (
                "GET",
                r"/workout-service/schedule/workoutScheduleByPeriod(\?.*)?$",
                self._scheduled_by_period,
            ),
            ("PUT", r"/workout-service/schedule/(\d+)$", self._reschedule),
            ("GET", r"/calendar-service/year/(\d+)/month/(\d+)$", self._month),
            ("GET", ACTIVITY_LIST + r"(\?.*)?$", self._activities),
            ("GET", r"/activity-service/activity/(\d+)/exerciseSets$", self._exercise_sets),
        ]
        for method, path, handler in routes:
            mock.add_callback(
                method, re.compile(re.escape(API) + path), callback=self._wrap(handler, path)
            )

    def _wrap(self, handler, path):  # type: ignore[no-untyped-def]
        def callback(request):  # type: ignore[no-untyped-def]
            url = request.url.split("?")[0]
            self.requests.append((request.method, url))
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            self.sent.append((request.method, request.url, body or ""))
            chosen = self.fail_first
            first_match = chosen is not None and chosen[0] == request.method and chosen[1] in url
            if first_match:
                self.fail_first = None
            if (
                self.fail_all
                or first_match
                or (self.fail_when is not None and self.fail_when(request))
                or (self.fail_at is not None and len(self.requests) == self.fail_at)
            ):
                if self.failure == "connection":
                    raise requests.exceptions.ConnectionError("connection reset by peer")
                status = int(self.failure)
                return status, {}, json.dumps({"message": f"injected {status}"})
            match = re.search(path.rstrip("$").split("(\\?")[0] + "$", url)
            return handler(request, *(match.groups() if match else ()))

        return callback

    # -- endpoints -----------------------------------------------------------------------------
    def _stored(self, body: dict[str, Any]) -> dict[str, Any]:
        """A workout as the service keeps it: names it does not know are blanked."""
        stored = json.loads(json.dumps(body))
        found = MARKER.search(stored.get("description") or "")
        blank_all = found is not None and found.group(1) in self.blank_in
        for step in _all_steps(stored):
            name = step.get("exerciseName")
            if name and (blank_all or name in self.unknown_names):
                step["exerciseName"] = None
        return stored

    def _create(self, request):  # type: ignore[no-untyped-def]
        body = self._stored(json.loads(request.body))
        workout_id = next(self.ids)
        self.workouts[workout_id] = {**body, "workoutId": workout_id, "ownerId": 4242}
        return 200, {}, json.dumps(self.workouts[workout_id])

    def _list(self, request):  # type: ignore[no-untyped-def]
        params = dict(p.split("=") for p in request.url.split("?")[1].split("&"))
        start, limit = int(params.get("start", 0)), int(params.get("limit", 100))
        items = [
            {k: w.get(k) for k in ("workoutId", "workoutName", "description")}
            for w in self.workouts.values()
        ][start : start + limit]
        return 200, {}, json.dumps(items)

    def _get(self, request, workout_id):  # type: ignore[no-untyped-def]
        workout = self.workouts.get(int(workout_id))
        if workout is None:
            return 404, {}, json.dumps({"message": "not found"})
        return 200, {}, json.dumps({k: v for k, v in workout.items() if not k.startswith("_")})

    def _update(self, request, workout_id):  # type: ignore[no-untyped-def]
        if int(workout_id) not in self.workouts:
            return 404, {}, json.dumps({"message": "not found"})
        body = self._stored(json.loads(request.body))
        self.workouts[int(workout_id)] = {**body, "workoutId": int(workout_id)}
        return 204, {}, ""

    def _delete(self, request, workout_id):  # type: ignore[no-untyped-def]
        if self.workouts.pop(int(workout_id), None) is None:
            return 404, {}, json.dumps({"message": "not found"})
        self.schedules = {s: v for s, v in self.schedules.items() if v[0] != int(workout_id)}
        return 204, {}, ""

    def _schedule(self, request, workout_id):  # type: ignore[no-untyped-def]
        if int(workout_id) not in self.workouts:
            return 404, {}, json.dumps({"message": "not found"})
        schedule_id = next(self.ids)
        day = json.loads(request.body)["date"]
        self.schedules[schedule_id] = (int(workout_id), day)
        return (
            200,
            {},
            json.dumps(
                {
                    "workoutScheduleId": schedule_id,
                    "workoutId": int(workout_id),
                    "calendarDate": day,
                }
            ),
        )

    def _entry(self, schedule_id: int) -> dict[str, Any]:
        """A calendar entry as GET /workout-service/schedule/{id} answers (``garmin.md``
        §10: ``workout`` with its id and ``calendarDate`` at the top level; the other fields
        are unverified and only carried along)."""
        workout_id, day = self.schedules[schedule_id]
        workout = self.workouts[workout_id]
        return {
            "workoutScheduleId": schedule_id,
            "workout": {k: workout.get(k) for k in ("workoutId", "workoutName", "sportType")},
            "calendarDate": day,
            "ownerId": 4242,
            "newName": None,
            "consumer": None,
        }

    def _schedule_entry(self, request, schedule_id):  # type: ignore[no-untyped-def]
        if int(schedule_id) not in self.schedules:
            return 404, {}, json.dumps({"message": "not found"})
        return 200, {}, json.dumps(self._entry(int(schedule_id)))

    def _reschedule(self, request, schedule_id):  # type: ignore[no-untyped-def]
        """The PUT of garminconnect 0.3.20's ``reschedule_workout``: the entry as read, with
        the new ``calendarDate`` and ``workout`` cut to its id; the id stays."""
        if int(schedule_id) not in self.schedules:
            return 404, {}, json.dumps({"message": "not found"})
        body = json.loads(request.body)
        workout_id = (body.get("workout") or {}).get("workoutId")
        if workout_id != self.schedules[int(schedule_id)][0]:
            return 400, {}, json.dumps({"message": "workout does not match the schedule"})
        self.schedules[int(schedule_id)] = (workout_id, body["calendarDate"])
        return 200, {}, json.dumps(self._entry(int(schedule_id)))

    def _unschedule(self, request, schedule_id):  # type: ignore[no-untyped-def]
        if self.schedules.pop(int(schedule_id), None) is None:
            return 404, {}, json.dumps({"message": "not found"})
        return 204, {}, ""

    def _scheduled_by_period(self, request):  # type: ignore[no-untyped-def]
        """GET /workout-service/schedule/workoutScheduleByPeriod (garminconnect 0.3.20's
        ``get_scheduled_workouts_by_period``). Unverified shape (``garmin.md`` §10): entries
        keyed as Connect's GraphQL ``workoutScheduleSummariesScalar`` items are read by public
        clients; ``consumerName`` (the partner app) is carried from the workout as Connect's
        workouts from partners carry it."""
        if self.by_period == "missing":
            return 404, {}, json.dumps({"message": "not found"})
        first, last = request.params["startDate"], request.params["endDate"]
        entries = [
            self._summary(sid, self.workouts[wid], day, wid)
            for sid, (wid, day) in self.schedules.items()
            if first <= day <= last
        ]
        entries += [
            {**self._summary(None, w, w["date"], None), "fbtAdaptivePlanId": 31}
            for w in self.adaptive
            if first <= w["date"] <= last
        ]
        return 200, {}, json.dumps(entries)

    @staticmethod
    def _summary(
        schedule_id: int | None, workout: dict[str, Any], day: str, workout_id: int | None
    ) -> dict[str, Any]:
        summary = {
            "scheduledWorkoutId": schedule_id,
            "workoutId": workout_id,
            "workoutUuid": None,
            "workoutName": workout.get("workoutName"),
            "workoutType": (workout.get("sportType") or {}).get("sportTypeKey"),
            "scheduleDate": day,
            "estimatedDurationInSecs": workout.get("estimatedDurationInSecs"),
            "estimatedDistanceInMeters": workout.get("estimatedDistanceInMeters"),
            "trainingPlanId": None,
            "fbtAdaptivePlanId": None,
            "tpPlanName": None,
            "isRestDay": False,
            "race": bool(workout.get("_race")),
            "associatedActivityId": None,
        }
        if workout.get("consumerName"):
            summary["consumerName"] = workout["consumerName"]
        return summary

    def _activities(self, request):  # type: ignore[no-untyped-def]
        params = request.params
        since = params["startDate"]
        start, limit = int(params.get("start", 0)), int(params.get("limit", 20))
        chosen = [a for a in self.activities if a["startTimeLocal"][:10] >= since]
        chosen.sort(key=lambda a: a["startTimeLocal"], reverse=params.get("sortOrder") != "asc")
        return 200, {}, json.dumps(chosen[start : start + limit])

    def _exercise_sets(self, request, activity_id):  # type: ignore[no-untyped-def]
        if int(activity_id) in self.failing_sets:
            return 500, {}, json.dumps({"message": "internal error"})
        sets = self.exercise_sets.get(int(activity_id))
        body = {"activityId": int(activity_id), "exerciseSets": sets}
        return 200, {}, json.dumps(body)

    def _month(self, request, year, month0):  # type: ignore[no-untyped-def]
        year, month = int(year), int(month0) + 1

        def shown(day: str) -> bool:
            # The month view spills a few days into the neighbouring months.
            y, m, _ = (int(x) for x in day.split("-"))
            return abs((y * 12 + m) - (year * 12 + month)) <= 1

        items: list[dict[str, Any]] = [
            {"id": 1, "itemType": "activity", "date": f"{year}-{month:02d}-01", "title": "Run"}
        ]
        items += [event for event in self.events if shown(event["date"])]
        for schedule_id, (workout_id, day) in self.schedules.items():
            if shown(day):
                workout = self.workouts[workout_id]
                items.append(
                    {
                        "id": schedule_id,
                        "itemType": "workout",
                        "workoutId": workout_id,
                        "date": day,
                        "title": workout["workoutName"],
                        "sportTypeKey": (workout.get("sportType") or {}).get("sportTypeKey"),
                    }
                )
        items += self.extra_items
        return 200, {}, json.dumps({"startDayOfMonth": 0, "calendarItems": items})


def _exercise_steps(workout: dict[str, Any]) -> list[dict[str, Any]]:
    """Every exercise step of a workout payload, with how many times it is repeated and its
    ``wktStepIndex``: the index of the step in the FIT workout the watch runs (0-based, depth
    first, each repeat group's own repeat step after its children; ``garmin.md`` §5, §10)."""
    out: list[dict[str, Any]] = []
    index = 0

    def walk(steps: list[dict[str, Any]], iterations: int) -> None:
        nonlocal index
        for step in steps:
            if step.get("type") == "RepeatGroupDTO":
                walk(step["workoutSteps"], iterations * int(step["numberOfIterations"]))
                index += 1  # the repeat step
                continue
            if step.get("category"):
                out.append({**step, "iterations": iterations, "wktStepIndex": index})
            index += 1

    for segment in workout.get("workoutSegments", []):
        walk(segment["workoutSteps"], 1)
    return out


def _all_steps(workout: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of a workout, depth first."""
    out: list[dict[str, Any]] = []

    def walk(steps: list[dict[str, Any]]) -> None:
        for step in steps:
            out.append(step)
            walk(step.get("workoutSteps") or [])

    for segment in workout.get("workoutSegments") or []:
        walk(segment.get("workoutSteps") or [])
    return out
