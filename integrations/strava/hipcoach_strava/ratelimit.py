"""Strava's rate limits, watched but never slept on.

stravalib's default limiter sleeps until the next quarter hour, or until midnight UTC for the
daily cap, inside the process: a cron job would hang for hours. hipcoach builds its client
with ``rate_limit_requests=False`` and installs :class:`RateWatch` as the protocol's limiter
callback instead: it only records the usage headers, so the source can stop before a request
that would be refused and say when to retry (exit 75; the next scheduled run retries).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Literal

log = logging.getLogger(__name__)

Window = Literal["15-minute", "daily"]


class RateWatch:
    """A non-sleeping limiter callback: remembers the latest usage Strava reported."""

    def __init__(self) -> None:
        self.short_usage = self.short_limit = self.long_usage = self.long_limit = 0

    def __call__(self, headers: Mapping[str, str], method: str) -> None:
        """Called by stravalib with every API response's headers, before error handling."""
        from stravalib.util.limiter import get_rates_from_response_headers

        try:
            rates = get_rates_from_response_headers(dict(headers), method)  # type: ignore[arg-type]
        except (ValueError, KeyError, IndexError):
            log.debug("ignoring unreadable Strava rate-limit headers")
            return
        if rates is None:
            return
        self.short_usage, self.long_usage = rates.short_usage, rates.long_usage
        self.short_limit, self.long_limit = rates.short_limit, rates.long_limit
        log.debug(
            "Strava usage: %d/%d in 15 min, %d/%d today",
            rates.short_usage,
            rates.short_limit,
            rates.long_usage,
            rates.long_limit,
        )

    def exhausted(self) -> Window | None:
        """The window whose cap the last response reached, daily first; None when below."""
        if self.long_limit and self.long_usage >= self.long_limit:
            return "daily"
        if self.short_limit and self.short_usage >= self.short_limit:
            return "15-minute"
        return None


def retry_after(window: Window, now: datetime) -> datetime:
    """When ``window`` resets: the next quarter hour, or the next midnight UTC."""
    now = now.astimezone(UTC)
    if window == "daily":
        return datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
    start = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    return start + timedelta(minutes=15)


def retry_hint(window: Window, now: datetime) -> str:
    """'try again after 14:45 UTC', or after midnight UTC for the daily cap."""
    at = retry_after(window, now)
    if window == "daily":
        return f"try again after midnight UTC ({at:%Y-%m-%d %H:%M} UTC)"
    return f"try again after {at:%H:%M} UTC"
