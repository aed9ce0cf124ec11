"""Strava as a completion source: a ``WeightTraining`` or ``Workout`` activity on a session's
day counts the session as done. Strava has no set detail, so there is no "partial" from it.

The activities come from the same read as the runs (one request a night).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from hipcoach.adherence.completions import CompletedActivity, fingerprint, plausible_seconds
from hipcoach.plugins.interfaces import CompletionSource
from hipcoach.schedule.activities import BadActivity, checked_id, local_date, sport_of
from hipcoach.timeutil import utc_time
from hipcoach_strava.source import StravaSource

log = logging.getLogger(__name__)

SOURCE = "strava"
STRENGTH_SPORTS = frozenset({"WeightTraining", "Workout"})


def strength_done(activity: Mapping[str, Any]) -> CompletedActivity | None:
    """The completed session for a strength activity object, None for other sports."""
    if sport_of(activity) not in STRENGTH_SPORTS:
        return None
    ident = checked_id(activity.get("id"))
    if ident is None:
        raise BadActivity("no id")
    name = activity.get("name")
    return CompletedActivity(
        source=SOURCE,
        activity_id=ident,
        date=local_date(activity.get("start_date_local")),
        name=name if isinstance(name, str) else "",
        fingerprint=fingerprint(
            {k: activity.get(k) for k in ("name", "start_date_local", "sport_type", "type")}
        ),
        started=utc_time(activity.get("start_date")),
        elapsed_s=plausible_seconds(activity.get("elapsed_time")),
    )


class StravaCompletions(CompletionSource):
    """Strength activities from Strava: done, without detail."""

    def __init__(self, source: StravaSource) -> None:
        self.source = source

    def fetch_completions(
        self, since: date, known: Mapping[str, str]
    ) -> Iterator[CompletedActivity]:
        """Every strength activity since ``since`` (nothing more to read for them)."""
        for activity in self.source.items_since(since):
            if not isinstance(activity, Mapping):
                continue
            try:
                done = strength_done(activity)
            except BadActivity as exc:
                log.warning("Strava strength activity skipped: %s", exc)
                continue
            if done is not None:
                yield done
