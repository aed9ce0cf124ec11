"""Strava-shaped activity objects (``GET /athlete/activities``) → :class:`Run`.

Only running sports become runs (``sport_type`` first, the deprecated ``type`` as fallback);
other sports are skipped, not errors. The date is the athlete's local date from
``start_date_local`` (Strava writes local wall time with a misleading ``Z``), never the UTC
date of ``start_date``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hipcoach.errors import InputDataError
from hipcoach.models import Run, RunKind

RUNNING_SPORTS = frozenset({"Run", "TrailRun", "VirtualRun"})
WORKOUT_TYPE_KINDS: dict[int, RunKind] = {1: "race", 2: "long", 3: "workout"}


class BadActivity(ValueError):
    """An activity object that cannot become a run."""


def sport_of(activity: Mapping[str, Any]) -> str:
    """``sport_type``, else ``type``, else empty."""
    sport = activity.get("sport_type") or activity.get("type") or ""
    if isinstance(sport, Mapping):  # stravalib dumps RootModels as {"root": "Run"} at times
        sport = sport.get("root", "")
    return str(sport)


def local_date(value: Any) -> date:
    """The wall-clock date of ``start_date_local`` ('2025-04-27T08:35:12Z' → 2025-04-27)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).date()
    if not isinstance(value, str) or not value:
        raise BadActivity("no start_date_local")
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None).date()
    except ValueError:
        raise BadActivity(f"start_date_local {value!r} is not a date-time") from None


def _number(activity: Mapping[str, Any], field: str, *, required: bool) -> float:
    value = activity.get(field)
    if value is None:
        if required:
            raise BadActivity(f"no {field}")
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadActivity(f"{field} {value!r} is not a number")
    if value < 0:
        raise BadActivity(f"{field} is negative ({value})")
    return float(value)


def run_from_activity(activity: Mapping[str, Any]) -> Run | None:
    """The run for one activity object, or None for a sport that is not running."""
    if not isinstance(activity, Mapping):
        raise BadActivity("not a JSON object")
    if sport_of(activity) not in RUNNING_SPORTS:
        return None
    day = local_date(activity.get("start_date_local"))
    distance = _number(activity, "distance", required=True)
    moving = _number(activity, "moving_time", required=False)
    workout_type = activity.get("workout_type")
    if workout_type is not None and not isinstance(workout_type, int):
        raise BadActivity(f"workout_type {workout_type!r} is not an integer")
    raw_id = activity.get("id")
    return Run(
        id=str(raw_id) if raw_id is not None else f"{day.isoformat()}:{distance:.0f}",
        date=day,
        distance_m=distance,
        moving_time_s=int(moving),
        kind=WORKOUT_TYPE_KINDS.get(workout_type or 0, "easy"),
        name=str(activity.get("name") or ""),
        sport=sport_of(activity),
        workout_type=workout_type,
    )


def runs_from_activities(activities: Iterable[Any], origin: str) -> list[Run]:
    """Every run in ``activities``; InputDataError names ``origin`` and the first bad entry."""
    runs = []
    for index, activity in enumerate(activities):
        try:
            run = run_from_activity(activity)
        except BadActivity as exc:
            ident = activity.get("id") if isinstance(activity, Mapping) else None
            label = f"entry {index}" + (f" (id {ident})" if ident is not None else "")
            raise InputDataError(f"{origin}: {label}: {exc}") from None
        if run is not None:
            runs.append(run)
    return runs


def load_activities_file(path: Path) -> list[Run]:
    """Runs from a JSON file holding a list of Strava activity objects."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputDataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputDataError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, list):
        raise InputDataError(
            f"{path}: expected a JSON list of Strava activities, got {type(data).__name__}"
        )
    return runs_from_activities(data, str(path))
