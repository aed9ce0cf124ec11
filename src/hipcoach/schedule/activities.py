"""Strava-shaped activity objects (``GET /athlete/activities``) → :class:`Run`.

Only running sports become runs (``sport_type`` first, the deprecated ``type`` as fallback);
other sports are skipped, not errors. The date is the athlete's local date from
``start_date_local`` (Strava writes local wall time with a misleading ``Z``), never the UTC
date of ``start_date``.

An activity that cannot be read, or that cannot be a real run, never becomes a run:
implausible means a number that is not finite, a distance below 0 or above 300 km, a moving
time over a week, a ``workout_type`` or id beyond what the service uses (or SQLite can hold),
a date before 1990 or after today (the latest date anywhere on Earth right now), or a pace
over 1 km or more faster than the men's world record for the distance (a ride typed as a run).
A file given by hand is rejected with the first such
entry named (exit 65); activities pulled from a service are skipped, counted and named, so
one bad activity never blocks the others. An activity id seen twice counts once.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hipcoach.errors import InputDataError
from hipcoach.models import (
    MAX_RUN_METRES,
    MAX_RUN_SECONDS,
    MAX_WORKOUT_TYPE,
    Run,
    RunKind,
)
from hipcoach.plugins.values import SkippedActivity
from hipcoach.timeutil import EARLIEST

RUNNING_SPORTS = frozenset({"Run", "TrailRun", "VirtualRun"})
WORKOUT_TYPE_KINDS: dict[int, RunKind] = {1: "race", 2: "long", 3: "workout"}

MAX_DISTANCE_M = MAX_RUN_METRES
#: a week: no single run lasts longer (the 300 km cap takes the best ultra runners ~2 days)
MAX_MOVING_SECONDS = MAX_RUN_SECONDS
#: ids are 64-bit integers at every service (and SQLite's INTEGER is too)
MAX_ID = 2**63 - 1
PACE_CHECKED_FROM_M = 1_000.0
#: (distance m, seconds per km) of the men's world records, road or track, whichever is the
#: faster pace (World Athletics; 24 h: IAU): 1000 m 2:11.96 (Ngeny 1999), 1500 m 3:26.00
#: (El Guerrouj 1998), 3000 m 7:20.67 (Komen 1996), 5000 m 12:35.36 and 10,000 m 26:11.00
#: (Cheptegei 2020), half marathon 57:30 (Kejelcha 2024), marathon 2:00:35 (Kiptum 2023),
#: 50 km 2:40:13 (Mokoka 2022), 100 km 6:05:35 and 24 h 319.614 km (Sorokin 2022).
WORLD_RECORD_PACES: tuple[tuple[float, float], ...] = (
    (1_000.0, 131.96),
    (1_500.0, 206.0 / 1.5),
    (3_000.0, 440.67 / 3),
    (5_000.0, 755.36 / 5),
    (10_000.0, 1_571.0 / 10),
    (21_097.5, 3_450.0 / 21.0975),
    (42_195.0, 7_235.0 / 42.195),
    (50_000.0, 9_613.0 / 50),
    (100_000.0, 21_935.0 / 100),
    (319_614.0, 86_400.0 / 319.614),
)
#: the date-line zone that reaches a new day first (UTC+14, Kiribati)
_FIRST_ZONE = timedelta(hours=14)


class BadActivity(ValueError):
    """An activity object that cannot become a run."""


def latest_possible_date(now: datetime | None = None) -> date:
    """The latest local date anywhere on Earth at ``now`` (default: now)."""
    return ((now or datetime.now(UTC)).astimezone(UTC) + _FIRST_ZONE).date()


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


def number_field(activity: Mapping[str, Any], field: str, *, required: bool) -> float:
    """A finite, non-negative number from ``activity[field]`` (0 when absent and optional)."""
    value = activity.get(field)
    if value is None:
        if required:
            raise BadActivity(f"no {field}")
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadActivity(f"{field} {value!r} is not a number")
    if not math.isfinite(value):
        raise BadActivity(f"{field} is not a finite number ({value})")
    if value < 0:
        raise BadActivity(f"{field} is negative ({value})")
    return float(value)


def _workout_type(activity: Mapping[str, Any]) -> int | None:
    value = activity.get("workout_type")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise BadActivity(f"workout_type {value!r} is not an integer")
    if value is not None and not 0 <= value <= MAX_WORKOUT_TYPE:
        raise BadActivity(f"workout_type {value} is implausible (Strava's are 0 to 12)")
    return value


def checked_id(value: Any) -> str | None:
    """A service's activity id as text (None when absent); BadActivity unless it is a whole
    number up to 2⁶³ − 1 (as a number or as digits)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise BadActivity(f"id {value!r} is not an id")
    if int(value) > MAX_ID:
        raise BadActivity(f"id {str(value)[:30]} is implausible (out of the 64-bit range)")
    return str(value)


def fastest_pace(distance_m: float) -> float:
    """The world-record pace (seconds per km) for ``distance_m``: interpolated between the
    records on a log scale of distance, held at the ends."""
    points = WORLD_RECORD_PACES
    if distance_m <= points[0][0]:
        return points[0][1]
    for (d0, p0), (d1, p1) in itertools.pairwise(points):
        if distance_m <= d1:
            share = math.log(distance_m / d0) / math.log(d1 / d0)
            return p0 + share * (p1 - p0)
    return points[-1][1]


def minutes_per_km(seconds_per_km: float) -> str:
    """'2:34' for 154 seconds per km."""
    whole = int(seconds_per_km)
    return f"{whole // 60}:{whole % 60:02d}"


def check_plausible(day: date, distance_m: float, moving_s: float, latest: date) -> None:
    """BadActivity unless a run on ``day`` of ``distance_m`` in ``moving_s`` could be real."""
    if distance_m > MAX_DISTANCE_M:
        raise BadActivity(f"distance {distance_m / 1000:.0f} km is implausible (over 300 km)")
    if moving_s > MAX_MOVING_SECONDS:
        raise BadActivity(f"moving time {moving_s:.0f} s is implausible (over a week)")
    if day < EARLIEST:
        raise BadActivity(f"date {day} is implausible (before 1990)")
    if day > latest:
        raise BadActivity(f"date {day} is in the future")
    km = distance_m / 1000
    if distance_m >= PACE_CHECKED_FROM_M and moving_s:
        pace, record = moving_s / km, fastest_pace(distance_m)
        if pace < record:
            raise BadActivity(
                f"pace {minutes_per_km(pace)} min/km over {km:.1f} km is implausible (faster "
                f"than the world record for the distance, {minutes_per_km(record)} min/km)"
            )


def plausible_run(
    *,
    ident: str,
    day: date,
    distance_m: float,
    moving_s: float,
    kind: RunKind,
    name: str,
    sport: str,
    latest: date | None = None,
) -> Run:
    """A service's running activity as a :class:`Run`, once it could be real; BadActivity
    naming what is wrong otherwise (the parsers of other services' shapes end here)."""
    check_plausible(day, distance_m, moving_s, latest or latest_possible_date())
    try:
        return Run(
            id=ident,
            date=day,
            distance_m=distance_m,
            moving_time_s=int(moving_s),
            kind=kind,
            name=name,
            sport=sport,
        )
    except ValidationError as exc:
        raise BadActivity(str(exc.errors()[0]["msg"])) from None


def run_from_activity(activity: Mapping[str, Any], *, latest: date | None = None) -> Run | None:
    """The run for one activity object, or None for a sport that is not running.

    BadActivity when it cannot be read or cannot be real; ``latest`` is the latest date a
    run may have (default: :func:`latest_possible_date`).
    """
    if not isinstance(activity, Mapping):
        raise BadActivity("not a JSON object")
    if sport_of(activity) not in RUNNING_SPORTS:
        return None
    day = local_date(activity.get("start_date_local"))
    distance = number_field(activity, "distance", required=True)
    moving = number_field(activity, "moving_time", required=False)
    check_plausible(day, distance, moving, latest or latest_possible_date())
    workout_type = _workout_type(activity)
    ident = checked_id(activity.get("id"))
    try:
        return Run(
            id=ident if ident is not None else f"{day.isoformat()}:{distance:.0f}",
            date=day,
            distance_m=distance,
            moving_time_s=int(moving),
            kind=WORKOUT_TYPE_KINDS.get(workout_type or 0, "easy"),
            name=str(activity.get("name") or ""),
            sport=sport_of(activity),
            workout_type=workout_type,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise BadActivity(f"{where}: {error['msg']}") from None


@dataclass
class ActivityBatch:
    """Runs read from a list of activity objects, one per id, and the activities skipped."""

    runs: list[Run] = field(default_factory=list)
    skipped: list[SkippedActivity] = field(default_factory=list)


def label(activity: Any, position: str) -> str:
    """How a person finds an activity: 'activity 123 (Morning Run)', else its position."""
    if isinstance(activity, Mapping) and activity.get("id") is not None:
        name = activity.get("name")
        return f"activity {activity['id']}" + (f" ({name})" if isinstance(name, str) else "")
    return position


RunParser = Callable[..., Run | None]
"""``parse(activity, latest=date)``: the run, None for another sport, BadActivity if unusable."""


def read_activities(
    activities: Iterable[Any],
    *,
    position: str = "item {index}",
    latest: date | None = None,
    parse: RunParser = run_from_activity,
    name: Callable[[Any, str], str] = label,
) -> ActivityBatch:
    """Every run in ``activities``, skipping (and naming) those that cannot be used.

    ``position`` names an activity without an id by its place ('item {index} of page 2');
    ``parse`` and ``name`` read another service's activity shape (default: Strava's).
    """
    batch = ActivityBatch()
    latest = latest or latest_possible_date()
    for index, activity in enumerate(activities):
        try:
            run = parse(activity, latest=latest)
        except BadActivity as exc:
            where = name(activity, position.format(index=index))
            batch.skipped.append(SkippedActivity(where, str(exc)))
            continue
        if run is not None:
            batch.runs.append(run)
    batch.runs = one_per_id(batch.runs)
    return batch


def runs_from_activities(
    activities: Iterable[Any], origin: str, *, latest: date | None = None
) -> list[Run]:
    """Every run in ``activities``; InputDataError names ``origin`` and the first bad entry."""
    runs = []
    latest = latest or latest_possible_date()
    for index, activity in enumerate(activities):
        try:
            run = run_from_activity(activity, latest=latest)
        except BadActivity as exc:
            ident = activity.get("id") if isinstance(activity, Mapping) else None
            where = f"entry {index}" + (f" (id {ident})" if ident is not None else "")
            raise InputDataError(f"{origin}: {where}: {exc}") from None
        if run is not None:
            runs.append(run)
    return one_per_id(runs)


def one_per_id(runs: Iterable[Run]) -> list[Run]:
    """One run per id (the later copy wins: the same file twice, overlapping pages)."""
    return list({run.id: run for run in runs}.values())


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_activities_file(path: Path) -> list[Run]:
    """Runs from a JSON file holding a list of Strava activity objects (UTF-8, a BOM is
    fine); InputDataError (exit 65) for anything else, in one line naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputDataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputDataError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON"
        ) from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputDataError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:  # NaN, Infinity, -Infinity
        raise InputDataError(f"{path}: not JSON ({exc})") from None
    except RecursionError:
        raise InputDataError(f"{path}: nested too deeply to be a list of activities") from None
    if not isinstance(data, list):
        raise InputDataError(
            f"{path}: expected a JSON list of Strava activities, got {type(data).__name__}"
        )
    return runs_from_activities(data, str(path))
