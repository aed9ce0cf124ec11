"""Garmin Connect activity-list items → :class:`Run` (pure).

The activity list (``/activitylist-service/activities/search/activities``) gives each
activity's type (``activityType.typeKey``), its local start (``startTimeLocal``,
``"YYYY-MM-DD HH:MM:SS"`` in the athlete's zone when it was recorded: its date is the run's
date, never the UTC one of ``startTimeGMT``), distance in metres, ``movingDuration`` and
``duration`` in seconds, and ``eventType.typeKey`` (``race`` for a race). The core's
plausibility rules apply as to Strava's activities
(:func:`hipcoach.schedule.activities.check_plausible`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from hipcoach.models import Run
from hipcoach.schedule.activities import (
    BadActivity,
    checked_id,
    number_field,
    plausible_run,
)

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


#: an activity-list item that cannot be used (the core's kind of error, so pulls skip it)
BadGarminActivity = BadActivity


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
    """The activity id as text (a whole number within 64 bits)."""
    raw = item.get("activityId")
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        raise BadGarminActivity(f"activityId {raw!r} is not an id")
    return str(checked_id(raw))


def _seconds(item: Mapping[str, Any]) -> float:
    for field in ("movingDuration", "duration", "elapsedDuration"):
        if item.get(field) is not None:
            return number_field(item, field, required=True)
    return 0.0


def run_from_garmin(item: object, *, latest: date | None = None) -> Run | None:
    """The run for one activity-list item, or None for anything that is not a run.

    BadActivity when it cannot be read or cannot be real; ``latest`` is the latest date a
    run may have (default: the latest date anywhere on Earth now).
    """
    if not isinstance(item, Mapping):
        raise BadGarminActivity("not a JSON object")
    sport = type_key(item)
    if sport not in RUNNING_TYPES:
        return None
    return plausible_run(
        ident=activity_id(item),
        day=local_start(item).date(),
        # A treadmill run without a foot pod may carry no distance: the day still had a run.
        distance_m=number_field(item, "distance", required=False),
        moving_s=_seconds(item),
        kind="race" if is_race(item) else "easy",
        name=str(item.get("activityName") or ""),
        sport=sport,
        latest=latest,
    )


def label(item: object, position: str) -> str:
    """How a person finds an activity: 'Garmin activity 123 (Morning Run)', else its place."""
    if isinstance(item, Mapping) and item.get("activityId") is not None:
        name = item.get("activityName")
        return f"Garmin activity {item['activityId']}" + (
            f" ({name})" if isinstance(name, str) else ""
        )
    return position


def activity_date(item: Mapping[str, Any]) -> date:
    """The local date an activity started on."""
    return local_start(item).date()
