"""Builders of Garmin Connect activity-list items for tests (fields as
``/activitylist-service/activities/search/activities`` returns them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

RUNNING_TYPE_IDS = {"running": 1, "trail_running": 6, "treadmill_running": 18}


def garmin_activity(
    day: date,
    km: float,
    *,
    minutes: float | None = None,
    hour: int = 8,
    utc_offset_h: float = 0,
    type_key: str = "running",
    event: str = "uncategorized",
    ident: int | None = None,
    name: str = "Morning Run",
) -> dict[str, Any]:
    """One list item; ``startTimeLocal`` is the athlete's wall time, ``startTimeGMT`` UTC."""
    moving = (minutes if minutes is not None else km * 5.5) * 60
    local = datetime(day.year, day.month, day.day, hour)
    utc = local - timedelta(hours=utc_offset_h)
    return {
        "activityId": ident if ident is not None else 19_000_000_000 + int(local.timestamp()),
        "activityName": name,
        "startTimeLocal": local.strftime("%Y-%m-%d %H:%M:%S"),
        "startTimeGMT": utc.strftime("%Y-%m-%d %H:%M:%S"),
        "activityType": {
            "typeId": RUNNING_TYPE_IDS.get(type_key, 13),
            "typeKey": type_key,
            "parentTypeId": 17,
            "isHidden": False,
            "restricted": False,
            "trimmable": True,
        },
        "eventType": {"typeId": 1 if event == "race" else 9, "typeKey": event, "sortOrder": 10},
        "distance": round(km * 1000, 1),
        "duration": moving + 45.0,
        "elapsedDuration": moving + 60.0,
        "movingDuration": moving,
        "elevationGain": 21.0,
        "averageSpeed": round(km * 1000 / moving, 3) if moving else 0.0,
        "ownerId": 4242,
        "calories": 480.0,
        "hasPolyline": True,
        "manualActivity": False,
    }


def garmin_history(
    last_monday: date,
    weeks: int,
    *,
    long_weekday: int = 6,
    long_km: float = 20.0,
    easy_days: tuple[int, ...] = (1, 3),
) -> list[dict[str, Any]]:
    """``weeks`` weeks ending with the week of ``last_monday``: easy runs plus one long run
    (Garmin has no long-run tag: the heuristics find it), oldest first."""
    out: list[dict[str, Any]] = []
    for w in range(weeks):
        monday = last_monday - timedelta(weeks=weeks - 1 - w)
        for d in easy_days:
            out.append(garmin_activity(monday + timedelta(days=d), 8.0, ident=len(out) + 1))
        out.append(
            garmin_activity(
                monday + timedelta(days=long_weekday),
                long_km,
                minutes=long_km * 6,
                ident=len(out) + 1,
                name="Long Run",
            )
        )
    return out


def garmin_strength(
    day: date,
    *,
    ident: int,
    workout_id: int | None = None,
    name: str = "Strength",
    active_sets: int = 10,
    total_reps: int = 180,
    hour: int = 18,
) -> dict[str, Any]:
    """A strength-training list item; ``workoutId`` when the watch ran a scheduled workout."""
    item = garmin_activity(day, 0, type_key="strength_training", ident=ident, name=name, hour=hour)
    item.update(
        {
            "distance": 0.0,
            "activeSets": active_sets,
            "totalSets": active_sets * 2,
            "totalReps": total_reps,
            "summarizedExerciseSets": [
                {"category": "HIP_STABILITY", "subCategory": "SIDE_LYING_LEG_RAISE", "sets": 4}
            ],
        }
    )
    if workout_id is not None:
        item["workoutId"] = workout_id
    return item


def exercise_set(
    category: str | None,
    name: str | None,
    reps: int,
    *,
    step: int | None = None,
    weight_g: float = 0.0,
) -> dict[str, Any]:
    """One ACTIVE entry of ``/activity-service/activity/{id}/exerciseSets``."""
    exercises = (
        [] if category is None else [{"category": category, "name": name, "probability": 100.0}]
    )
    entry: dict[str, Any] = {
        "exercises": exercises,
        "duration": 3.0 * reps,
        "repetitionCount": reps,
        "weight": weight_g,
        "setType": "ACTIVE",
        "startTime": "2026-11-20T18:05:00.0",
        "messageIndex": 0,
    }
    if step is not None:
        entry["wktStepIndex"] = step
    return entry


REST_SET = {"exercises": [], "duration": 45.0, "setType": "REST", "repetitionCount": None}
