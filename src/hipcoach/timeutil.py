"""Athlete-local dates. Every date hipcoach shows or schedules is a local date in one zone."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ValueError with a usable message when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/London'"
        ) from None


def system_zone() -> tzinfo:
    """The machine's local zone: ``TZ``, then /etc/localtime, then the current UTC offset."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    offset_zone = datetime.now().astimezone().tzinfo
    assert offset_zone is not None
    return offset_zone


def monday(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def today(tz: tzinfo) -> date:
    """Today's date in ``tz`` (not the machine's, not UTC's)."""
    return datetime.now(tz).date()


#: the dates hipcoach accepts from people (options, config): training happens in between,
#: and date arithmetic around them (weeks, windows) can never overflow
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


def in_range(day: date) -> date:
    """``day`` if within :data:`EARLIEST` … :data:`LATEST`; ValueError saying so otherwise."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"{day.isoformat()} is out of range; use a date from {EARLIEST} to {LATEST}"
        )
    return day


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date within range; ValueError with the expected shape otherwise."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD") from None
    return in_range(day)
