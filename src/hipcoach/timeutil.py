"""Athlete-local dates. Every date hipcoach shows or schedules is a local date in one zone."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; ValueError with a usable message when unknown (a folder of the
    zone database such as ``Europe`` included: it names no zone)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/London'"
        ) from None


#: a POSIX ``TZ`` rule (``CET-1CEST,M3.5.0,M10.5.0/3``, ``<+03>-3``): the C library reads it,
#: the zone database has no such name
_POSIX_RULE = re.compile(r"(?:[A-Za-z]{3,}|<[^>]+>)[+-]?\d")


def system_zone() -> tzinfo:
    """The machine's local zone: ``TZ``, then /etc/localtime, then the current UTC offset.

    A ``TZ`` that names no zone (``Europe``, a typo) is a ConfigError naming the variable,
    never a silent fall-back to UTC; a POSIX rule, which only the C library reads, gives
    the current UTC offset.
    """
    variable = os.environ.get("TZ", "")
    if variable:
        found = _zone_from_tz(variable)
        if found is not None:
            return found
    localtime = Path("/etc/localtime")
    if not variable and localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            try:
                return ZoneInfo(target.split("zoneinfo/", 1)[1])
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
    offset_zone = datetime.now().astimezone().tzinfo
    assert offset_zone is not None
    return offset_zone


def _zone_from_tz(variable: str) -> tzinfo | None:
    """The zone ``TZ`` names (None for a POSIX rule); ConfigError when it names none."""
    from hipcoach.errors import ConfigError

    name = variable.removeprefix(":")
    try:
        if name.startswith("/"):  # a zone file, as the C library reads it; never a pipe
            from io import BytesIO

            from hipcoach.home import read_regular_file

            return ZoneInfo.from_file(BytesIO(read_regular_file(Path(name))), key=name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        if _POSIX_RULE.match(name):
            return None
    raise ConfigError(
        f"the TZ variable {variable!r} names no time zone",
        hint="set TZ to an IANA name such as 'Europe/London', unset it, or set "
        "[athlete] timezone in config.toml",
    )


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


def utc_time(value: object) -> datetime | None:
    """A service's UTC timestamp (``2026-11-02T18:30:00Z``, Garmin's ``2026-11-02 18:30:00``
    GMT) as an aware datetime; None when it is missing or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace(" ", "T", 1))
    except ValueError:
        return None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)
