"""Builders of intervals.icu API objects for tests, shaped as the API answers.

Sources (``reference/intervals.md``): the ``Activity`` and ``Event`` schemas of the OpenAPI
document (v1.0.0, as vendored in VSidhArt/intervals-mcp ``AI/api_docs/intervals.json``), the
forum's example answers ([F609] the event answer to a create: ``id``, ``uid``, ``calendar_id``,
``end_date_local``, ``updated``; [F93737] a listed workout with ``workout_doc``). The Strava
stub's five keys are observed in public clients, not documented. ``workout_doc`` repeat
blocks (``reps`` + nested ``steps``) are observed, not in the OpenAPI document.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

ATHLETE = "i434414"


def activity(
    day: date,
    km: float,
    *,
    minutes: float | None = None,
    hour: int = 8,
    utc_offset_h: float = 0,
    sport: str = "Run",
    ident: str | None = None,
    name: str = "Morning Run",
    race: bool = False,
    source: str = "GARMIN_CONNECT",
) -> dict[str, Any]:
    """One item of ``GET /athlete/{id}/activities`` (a part of the 172 properties)."""
    moving = int((minutes if minutes is not None else km * 5.5) * 60)
    local = datetime(day.year, day.month, day.day, hour)
    utc = local - timedelta(hours=utc_offset_h)
    return {
        "id": ident or f"i{int(local.timestamp()) // 60}",
        "start_date_local": local.strftime("%Y-%m-%dT%H:%M:%S"),
        "start_date": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "type": sport,
        "name": name,
        "description": None,
        "distance": round(km * 1000, 1),
        "moving_time": moving,
        "elapsed_time": moving + 60,
        "icu_athlete_id": ATHLETE,
        "source": source,
        "external_id": f"{int(local.timestamp())}.fit",
        "timezone": "Europe/London",
        "race": race,
        "sub_type": "RACE" if race else "NONE",
        "trainer": False,
        "device_name": "COROS PACE 3",
        "paired_event_id": None,
        "strava_id": None,
        "icu_training_load": 45,
        "average_heartrate": 142,
    }


def strength(day: date, *, ident: str, name: str = "Strength", hour: int = 18) -> dict[str, Any]:
    """A ``WeightTraining`` activity (no distance)."""
    item = activity(day, 0, minutes=25, hour=hour, sport="WeightTraining", ident=ident, name=name)
    item["distance"] = None
    return item


def strava_stub(day: date, ident: str = "16639341172") -> dict[str, Any]:
    """What intervals.icu serves for an activity it got from Strava (observed, five keys)."""
    return {
        "id": ident,
        "icu_athlete_id": ATHLETE,
        "start_date_local": f"{day.isoformat()}T15:43:42",
        "source": "STRAVA",
        "_note": "STRAVA activities are not available via the API",
    }


def history(last_monday: date, weeks: int, *, long_weekday: int = 6) -> list[dict[str, Any]]:
    """``weeks`` weeks ending with the week of ``last_monday``: easy runs on Tuesday and
    Thursday, a long run (intervals.icu has no long-run tag: the heuristics find it)."""
    out: list[dict[str, Any]] = []
    for w in range(weeks):
        monday = last_monday - timedelta(weeks=weeks - 1 - w)
        for d in (1, 3):
            out.append(activity(monday + timedelta(days=d), 8.0, ident=f"i{len(out) + 1000}"))
        out.append(
            activity(
                monday + timedelta(days=long_weekday),
                20.0,
                minutes=120,
                ident=f"i{len(out) + 1000}",
                name="Long Run",
            )
        )
    return out


def planned_run(
    day: date,
    name: str,
    *,
    km: float | None = None,
    minutes: float | None = None,
    repeats: int | None = None,
) -> dict[str, Any]:
    """A planned running ``WORKOUT`` event as the runner (or a coach's plan) put it on the
    calendar: no ``external_id``; ``workout_doc`` parsed from the workout text."""
    steps: list[dict[str, Any]] = [{"duration": 600, "warmup": True, "pace": {"units": "%pace"}}]
    if repeats:
        steps.append(
            {
                "reps": repeats,
                "text": "Main set",
                "steps": [
                    {"distance": 800, "pace": {"value": 105, "units": "%pace"}},
                    {"duration": 90, "pace": {"value": 70, "units": "%pace"}},
                ],
            }
        )
    return {
        "category": "WORKOUT",
        "type": "Run",
        "start_date_local": f"{day.isoformat()}T00:00:00",
        "name": name,
        "description": f"{name}\n- 10m Z2 Pace",
        "moving_time": int(minutes * 60) if minutes else None,
        "distance": km * 1000 if km else None,
        "workout_doc": {"steps": steps, "target": "PACE"},
        "external_id": None,
    }


def race(day: date, name: str, km: float, category: str = "RACE_A") -> dict[str, Any]:
    """A race event (``RACE_A`` the season goal, ``RACE_B``/``RACE_C``)."""
    return {
        "category": category,
        "type": "Run",
        "start_date_local": f"{day.isoformat()}T00:00:00",
        "name": name,
        "description": None,
        "distance": km * 1000,
        "moving_time": None,
        "external_id": None,
    }


def note(day: date, name: str) -> dict[str, Any]:
    """A note on the calendar: not a run, not a race."""
    return {
        "category": "NOTE",
        "start_date_local": f"{day.isoformat()}T00:00:00",
        "name": name,
        "description": "travel",
        "external_id": None,
    }
