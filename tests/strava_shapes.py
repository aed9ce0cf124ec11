"""Builders of Strava-shaped activity objects for tests (fields as GET /athlete/activities)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any


def activity(
    day: date,
    km: float,
    *,
    minutes: float | None = None,
    hour: int = 8,
    minute: int = 0,
    utc_offset_h: float = 0,
    sport: str = "Run",
    workout_type: int | None = 0,
    ident: int | None = None,
    name: str = "Run",
) -> dict[str, Any]:
    """One activity; ``start_date_local`` is local wall time with a Z, as Strava writes it."""
    moving = int((minutes if minutes is not None else km * 5.5) * 60)
    local = datetime(day.year, day.month, day.day, hour, minute)
    utc = local - timedelta(hours=utc_offset_h)
    return {
        "resource_state": 2,
        "athlete": {"id": 1, "resource_state": 1},
        "name": name,
        "distance": round(km * 1000, 1),
        "moving_time": moving,
        "elapsed_time": moving + 60,
        "total_elevation_gain": 10.0,
        "type": "Run" if sport in ("Run", "TrailRun", "VirtualRun") else sport,
        "sport_type": sport,
        "workout_type": workout_type,
        "id": ident if ident is not None else int(local.timestamp()),
        "start_date": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "start_date_local": local.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timezone": "(GMT+00:00) Europe/London",
        "utc_offset": utc_offset_h * 3600,
        "trainer": False,
        "commute": False,
        "manual": False,
        "private": False,
        "average_speed": round(km * 1000 / moving, 3) if moving else 0.0,
    }


def weekly_history(
    last_monday: date,
    weeks: int,
    *,
    long_weekday: int = 6,
    long_km: float = 20.0,
    tag_long: bool = True,
    easy_days: tuple[int, ...] = (1, 3),
) -> list[dict[str, Any]]:
    """``weeks`` weeks ending with the week of ``last_monday``: easy runs plus one long run."""
    out: list[dict[str, Any]] = []
    for w in range(weeks):
        monday = last_monday - timedelta(weeks=weeks - 1 - w)
        for d in easy_days:
            out.append(activity(monday + timedelta(days=d), 8.0, ident=len(out) + 1))
        out.append(
            activity(
                monday + timedelta(days=long_weekday),
                long_km,
                minutes=long_km * 6,
                workout_type=2 if tag_long else None,
                ident=len(out) + 1,
                name="Long run",
            )
        )
    return out
