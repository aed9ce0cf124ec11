"""Garmin as a completion source: the strength sessions the runner recorded on the watch.

They come from the same activity list as the runs (one read serves both in a sync), and the
sets of each new or edited activity from ``/activity-service/activity/{id}/exerciseSets``
(one read per such activity, never for one already stored unchanged). An activity whose sets
cannot be read is left out (a stored one keeps what it had) and the read ends
:class:`~hipcoach.errors.IncompleteRead`: the others are kept, the night fails with that
error (exit 75 for a 5xx), and its day is not read through, so the session it may be is
never called missed for it; the next night reads it again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import date

from hipcoach.adherence.completions import CompletedActivity, DoneSet
from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    IncompleteRead,
    RateLimited,
    ServiceError,
    TemporaryError,
)
from hipcoach.plugins.interfaces import CompletionSource
from hipcoach.schedule.activities import BadActivity
from hipcoach_garmin.completions import done_sets, is_strength, strength_summary
from hipcoach_garmin.errors import Gone
from hipcoach_garmin.source import GarminActivityList

log = logging.getLogger(__name__)

SOURCE = "garmin"


class GarminCompletions(CompletionSource):
    """Strength-training activities from Garmin Connect, with their exercise sets."""

    def __init__(self, activities: GarminActivityList) -> None:
        self.activities = activities

    def fetch_completions(
        self, since: date, known: Mapping[str, str]
    ) -> Iterator[CompletedActivity]:
        """Every strength activity since ``since``; sets read for new or edited ones."""
        failures: list[HipcoachError] = []
        unread: list[CompletedActivity] = []
        for item in self.activities.items_since(since):
            if not is_strength(item):
                continue
            try:
                done = strength_summary(item, SOURCE)
            except BadActivity as exc:
                log.warning("Garmin strength activity skipped: %s", exc)
                continue
            if known.get(done.activity_id) == done.fingerprint:
                yield done  # unchanged: the stored sets stand
                continue
            try:
                sets = self._sets(done.activity_id)
            except (RateLimited, CredentialsError):
                raise
            except (TemporaryError, ServiceError) as exc:
                # This one activity is left for the next night (a stored one keeps what it
                # had); credentials and rate limits stop the read, as for every request.
                log.info("Garmin activity %s: sets not read (%s)", done.activity_id, exc)
                failures.append(exc)
                unread.append(done)
                if done.activity_id in known:
                    yield done.model_copy(update={"fingerprint": known[done.activity_id]})
                continue
            yield done.model_copy(update={"sets": sets})
        if failures:
            raise IncompleteRead(failures[0], unread)

    def _sets(self, activity_id: str) -> tuple[DoneSet, ...] | None:
        action = f"reading the sets of Garmin activity {activity_id}"
        try:
            with self.activities.connection.call(action, missing_ok=True) as api:
                payload = api.get_activity_exercise_sets(int(activity_id))
        except Gone:
            return None  # no set detail
        try:
            return done_sets(payload)
        except BadActivity as exc:
            log.warning("Garmin activity %s: sets left out (%s)", activity_id, exc)
            return None
