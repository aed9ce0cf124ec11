"""Garmin Connect activity-list items → :class:`Run` (pure).

The activity list (``/activitylist-service/activities/search/activities``) gives each
activity's type (``activityType.typeKey``), its local start (``startTimeLocal``,
``"YYYY-MM-DD HH:MM:SS"`` in the athlete's zone when it was recorded: its date is the run's
date, never the UTC one of ``startTimeGMT``), distance in metres, ``movingDuration`` and
``duration`` in seconds, and ``eventType.typeKey`` (``race`` for a race).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from hipcoach.models import Run

#: Garmin's running family (``reference/garmin.md`` §8); every other type is ignored.
RUNNING_TYPES = frozenset(
    {
        "running",
        "trail_running",
        "treadmill_running",
        "track_running",
        "indoor_running",
        "virtual_run",
        "street_running",
        "ultra_run",
    }
)


class BadGarminActivity(ValueError):
    """An activity-list item that cannot become a run."""


def type_key(item: Mapping[str, Any]) -> str:
    """``activityType.typeKey`` ('' when absent)."""
    kind = item.get("activityType")
    return str(kind.get("typeKey") or "") if isinstance(kind, Mapping) else ""


def is_race(item: Mapping[str, Any]) -> bool:
    """Whether the runner marked the activity as a race (``eventType.typeKey == "race"``)."""
    event = item.get("eventType")
    return isinstance(event, Mapping) and event.get("typeKey") == "race"


def local_start(item: Mapping[str, Any]) -> datetime:
    """The naive local wall time of ``startTimeLocal``."""
    value = item.get("startTimeLocal")
    if not isinstance(value, str) or not value:
        raise BadGarminActivity("no startTimeLocal")
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        raise BadGarminActivity(f"startTimeLocal {value!r} is not a date-time") from None


def activity_id(item: Mapping[str, Any]) -> str:
    """The activity id as text."""
    raw = item.get("activityId")
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        raise BadGarminActivity(f"activityId {raw!r} is not an id")
    return str(raw)


def _seconds(item: Mapping[str, Any]) -> float:
    for field in ("movingDuration", "duration", "elapsedDuration"):
        value = item.get(field)
        if value is not None:
            return _number(value, field)
    return 0.0


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadGarminActivity(f"{field} {value!r} is not a number")
    return float(value)


def run_from_garmin(item: object) -> Run | None:
    """The run for one activity-list item, or None for anything that is not a run."""
    if not isinstance(item, Mapping):
        raise BadGarminActivity("not a JSON object")
    sport = type_key(item)
    if sport not in RUNNING_TYPES:
        return None
    distance = item.get("distance")
    return Run(
        id=activity_id(item),
        date=local_start(item).date(),
        # A treadmill run without a foot pod may carry no distance: the day still had a run.
        distance_m=_number(distance, "distance") if distance is not None else 0.0,
        moving_time_s=int(_seconds(item)),
        kind="race" if is_race(item) else "easy",
        name=str(item.get("activityName") or ""),
        sport=sport,
    )


def activity_date(item: Mapping[str, Any]) -> date:
    """The local date an activity started on."""
    return local_start(item).date()
