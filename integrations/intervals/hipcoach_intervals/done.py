"""intervals.icu as a completion source: a ``WeightTraining`` activity on a session's day
counts the session as done (no set detail: whatever watch recorded it, intervals.icu's list
has no exercise sets).

The activities come from the same read as the runs (one request a night). Whether
intervals.icu pairs such an activity with hipcoach's event (``paired_event_id``) is
unverified, so the core matches by date (``reference/intervals.md``, Activities).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import date

from hipcoach.adherence.completions import CompletedActivity
from hipcoach.plugins.interfaces import CompletionSource
from hipcoach.schedule.activities import BadActivity
from hipcoach_intervals.activities import strength_done
from hipcoach_intervals.source import IntervalsActivityList

log = logging.getLogger(__name__)


class IntervalsCompletions(CompletionSource):
    """Strength activities from intervals.icu: done, without detail."""

    def __init__(self, activities: IntervalsActivityList) -> None:
        self.activities = activities

    def fetch_completions(
        self, since: date, known: Mapping[str, str]
    ) -> Iterator[CompletedActivity]:
        """Every ``WeightTraining`` activity since ``since`` (nothing more to read)."""
        for item in self.activities.items_since(since):
            if not isinstance(item, Mapping):
                continue
            try:
                done = strength_done(item)
            except BadActivity as exc:
                log.warning("intervals.icu strength activity skipped: %s", exc)
                continue
            if done is not None:
                yield done
