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
from datetime import date
from typing import Any

import requests
import responses

from hipcoach.programme.generator import SESSION_KEY

API = "https://connectapi.garmin.com"
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
        self.fail_at: int | None = None  # the n-th request to Garmin fails (1-based)
        self.failure: str = "500"
        self.fail_all = False  # every request fails (e.g. a sign-in Garmin no longer accepts)
        self.activities: list[dict[str, Any]] = []  # activity-list items (any order)
        self.exercise_sets: dict[int, list[dict[str, Any]] | None] = {}  # activity → sets
        self.failing_sets: set[int] = set()  # activities whose sets the server fails (500)
        # Calendar items served as they are in every month view (e.g. one without a workoutId).
        self.extra_items: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []  # calendar events (``add_event``)

    # -- test helpers ----------------------------------------------------------------------
    def add_foreign_workout(
        self, name: str, on: date | None, description: str = "made in the Connect app"
    ) -> int:
        """A workout the runner made in Connect (on the calendar ``on``, unless None)."""
        workout_id = next(self.ids)
        self.workouts[workout_id] = {
            "workoutId": workout_id,
            "workoutName": name,
            "description": description,
            "ownerId": 4242,
        }
        if on is not None:
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

    def add_event(self, on: date, title: str, *, race: bool) -> dict[str, Any]:
        """An event on the calendar, shaped as the month view lists it (``isRace`` tells a
        race from a club run or a goal)."""
        event = {
            "id": next(self.ids),
            "itemType": "event",
            "title": title,
            "date": on.isoformat(),
            "isRace": race,
            "eventType": "running",
            "shareableEventUuid": None,
        }
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
        self, workout_id: int, on: date, *, share: float = 1.0, activity_id: int | None = None
    ) -> int:
        """The watch runs a scheduled workout on ``on`` and records a strength activity
        (with ``workoutId``), doing ``share`` of each exercise's sets: one ACTIVE set per
        exercise step (so per side) and iteration, as Garmin records them."""
        workout = self.workouts[workout_id]
        sets: list[dict[str, Any]] = []
        for step in _exercise_steps(workout):
            done = round(step["iterations"] * share)
            for _ in range(done):
                sets.append(
                    {
                        "exercises": [
                            {
                                "category": step["category"],
                                "name": step.get("exerciseName"),
                                "probability": 100.0,
                            }
                        ],
                        "repetitionCount": int(step.get("endConditionValue") or 0),
                        "duration": 40.0,
                        "weight": 0.0,
                        "setType": "ACTIVE",
                        "wktStepIndex": step["stepOrder"],
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
            if self.fail_all or (self.fail_at is not None and len(self.requests) == self.fail_at):
                if self.failure == "connection":
                    raise requests.exceptions.ConnectionError("connection reset by peer")
                status = int(self.failure)
                return status, {}, json.dumps({"message": f"injected {status}"})
            match = re.search(path.rstrip("$").split("(\\?")[0] + "$", url)
            return handler(request, *(match.groups() if match else ()))

        return callback

    # -- endpoints -----------------------------------------------------------------------------
    def _create(self, request):  # type: ignore[no-untyped-def]
        body = json.loads(request.body)
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
        return 200, {}, json.dumps(workout)

    def _update(self, request, workout_id):  # type: ignore[no-untyped-def]
        if int(workout_id) not in self.workouts:
            return 404, {}, json.dumps({"message": "not found"})
        self.workouts[int(workout_id)] = {**json.loads(request.body), "workoutId": int(workout_id)}
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

    def _unschedule(self, request, schedule_id):  # type: ignore[no-untyped-def]
        if self.schedules.pop(int(schedule_id), None) is None:
            return 404, {}, json.dumps({"message": "not found"})
        return 204, {}, ""

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
                items.append(
                    {
                        "id": schedule_id,
                        "itemType": "workout",
                        "workoutId": workout_id,
                        "date": day,
                        "title": self.workouts[workout_id]["workoutName"],
                    }
                )
        items += self.extra_items
        return 200, {}, json.dumps({"startDayOfMonth": 0, "calendarItems": items})


def _exercise_steps(workout: dict[str, Any]) -> list[dict[str, Any]]:
    """Every exercise step of a workout payload, with how many times it is repeated."""
    out: list[dict[str, Any]] = []

    def walk(steps: list[dict[str, Any]], iterations: int) -> None:
        for step in steps:
            if step.get("type") == "RepeatGroupDTO":
                walk(step["workoutSteps"], iterations * int(step["numberOfIterations"]))
            elif step.get("category"):
                out.append({**step, "iterations": iterations})

    for segment in workout.get("workoutSegments", []):
        walk(segment["workoutSteps"], 1)
    return out
