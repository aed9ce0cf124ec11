"""intervals.icu activities (``GET /athlete/{id}/activities``, schema ``Activity``) → runs and
completed strength sessions (pure).

Verified in the OpenAPI document (``reference/intervals.md``, Activities): ``id`` (a string,
``i123…`` for intervals.icu's own), ``start_date_local`` (local wall time, no offset: its date is
the athlete's date, never that of ``start_date``, which is UTC), ``type`` (the sport, from a
fixed list: ``Run``, ``TrailRun``, ``VirtualRun``, ``WeightTraining``, ... ; a treadmill run
is a ``Run`` with ``trainer`` true), ``distance`` (m), ``moving_time`` and ``elapsed_time``
(s), ``race`` (bool), ``sub_type`` (``RACE`` among others), ``source``.

Activities that reached intervals.icu from Strava come back as stubs (``source`` ``STRAVA``,
a ``_note``, no type, name or distance): Strava's terms keep intervals.icu from passing them
on. They can never be read, so they are skipped, named and counted, and the runner is told
how to connect the watch directly (see :mod:`hipcoach_intervals.source`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from hipcoach.adherence.completions import CompletedActivity, fingerprint, plausible_seconds
from hipcoach.models import Run
from hipcoach.schedule.activities import (
    RUNNING_SPORTS,
    BadActivity,
    local_date,
    number_field,
    plausible_run,
)
from hipcoach.timeutil import utc_time

SOURCE = "intervals"
STRENGTH_SPORT = "WeightTraining"
STUB_REASON = "it came from Strava, and intervals.icu may not pass Strava's activities on"
CONNECT_WATCH = (
    "intervals.icu cannot pass on activities it got from Strava: connect your watch (Garmin, "
    "COROS, Polar, Suunto, Wahoo) to intervals.icu directly in its Settings → Connections, or "
    "upload the files, so hipcoach sees those runs"
)


def is_strava_stub(item: object) -> bool:
    """An activity intervals.icu got from Strava and will not serve: ``source`` ``STRAVA``
    without a sport (the stub holds ``id``, ``icu_athlete_id``, ``start_date_local``,
    ``source`` and ``_note`` only)."""
    return isinstance(item, Mapping) and item.get("source") == "STRAVA" and not item.get("type")


def activity_id(item: Mapping[str, Any]) -> str:
    """The activity id as text."""
    raw = item.get("id")
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).strip():
        raise BadActivity(f"id {raw!r} is not an id")
    return str(raw)


def _moving_seconds(item: Mapping[str, Any]) -> float:
    for name in ("moving_time", "elapsed_time"):
        if item.get(name) is not None:
            return number_field(item, name, required=True)
    return 0.0


def is_race(item: Mapping[str, Any]) -> bool:
    """The runner marked it a race (``race`` true, or ``sub_type`` ``RACE``)."""
    return item.get("race") is True or item.get("sub_type") == "RACE"


def run_from_intervals(item: object, *, latest: date | None = None) -> Run | None:
    """The run for one activity, or None for another sport.

    BadActivity when it cannot be read or cannot be real (a Strava stub cannot be read);
    ``latest`` is the latest date a run may have (default: the latest date anywhere now).
    """
    if not isinstance(item, Mapping):
        raise BadActivity("not a JSON object")
    if is_strava_stub(item):
        raise BadActivity(STUB_REASON)
    sport = item.get("type")
    if sport not in RUNNING_SPORTS:
        return None
    return plausible_run(
        ident=activity_id(item),
        day=local_date(item.get("start_date_local")),
        # A treadmill run without a foot pod may carry no distance: the day still had a run.
        distance_m=number_field(item, "distance", required=False),
        moving_s=_moving_seconds(item),
        kind="race" if is_race(item) else "easy",
        name=str(item.get("name") or ""),
        sport=str(sport),
        latest=latest,
    )


def strength_done(item: Mapping[str, Any]) -> CompletedActivity | None:
    """The completed session for a ``WeightTraining`` activity, None for anything else."""
    if item.get("type") != STRENGTH_SPORT:
        return None
    name = item.get("name")
    summary = {k: item.get(k) for k in ("name", "start_date_local", "type", "moving_time")}
    return CompletedActivity(
        source=SOURCE,
        activity_id=activity_id(item),
        date=local_date(item.get("start_date_local")),
        name=name if isinstance(name, str) else "",
        fingerprint=fingerprint(summary),
        started=utc_time(item.get("start_date")),
        elapsed_s=plausible_seconds(item.get("elapsed_time") or item.get("moving_time")),
    )


def label(item: object, position: str) -> str:
    """How a person finds an activity: 'intervals.icu activity i123 (Morning Run)', a Strava
    stub by its date, else its place in the answer."""
    if not isinstance(item, Mapping) or item.get("id") is None:
        return position
    text = f"intervals.icu activity {item['id']}"
    if is_strava_stub(item):
        day = str(item.get("start_date_local") or "")[:10]
        return f"{text} of {day} (from Strava)" if day else f"{text} (from Strava)"
    name = item.get("name")
    return text + (f" ({name})" if isinstance(name, str) and name else "")


def activity_day(item: Any) -> date | None:
    """The local date an activity started on; None when unreadable."""
    try:
        return local_date(item.get("start_date_local"))
    except (BadActivity, AttributeError):
        return None
