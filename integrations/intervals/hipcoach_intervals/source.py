"""Runs from intervals.icu's activity list, a window of dates at a time.

``GET /athlete/{id}/activities?oldest=&newest=`` has no paging (``reference/intervals.md``):
the list is read in windows of :data:`WINDOW_DAYS` days, oldest first, each stored by the
core as it arrives. The windows depend only on the start date, so an import interrupted by
a rate limit or a failure resumes at the first window it did not store (``next_page`` is the
window's number). A night with nothing new reads one window (from the newest run hipcoach has,
minus two days), which also serves the completed strength sessions (one read).

``oldest`` is a local date; ``newest`` is passed as the window's last day at ``23:59:59``
(whether a bare date includes its whole day is unverified). The last window reaches the latest
local date anywhere on Earth now, so a run just finished east of the date line is in it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hipcoach.models import Run
from hipcoach.plugins.interfaces import ActivitySource
from hipcoach.plugins.values import ActivityPage
from hipcoach.schedule.activities import latest_possible_date, read_activities
from hipcoach.sync.listing import ListingMemory, resume_page
from hipcoach_intervals.activities import (
    CONNECT_WATCH,
    activity_day,
    is_strava_stub,
    label,
    run_from_intervals,
)
from hipcoach_intervals.client import IntervalsClient
from hipcoach_intervals.errors import malformed

log = logging.getLogger(__name__)

#: days per request: a year of history is four requests
WINDOW_DAYS = 100
#: a window list that never reaches today must not keep the nightly job busy forever
MAX_WINDOWS = 400


class IntervalsActivityList:
    """The activity list from a date on, a window at a time: runs and strength sessions come
    from one read."""

    def __init__(self, client: IntervalsClient) -> None:
        self.client = client
        self.memory = ListingMemory(activity_day)
        #: Strava stubs seen in this process (the runner is told once)
        self.strava_stubs = 0
        self._told = False

    def windows(self, since: date, first: int = 1) -> Iterator[tuple[int, list[Any], bool]]:
        """(number, items, last) of every window from ``since``, from window ``first``
        (1-based) on; a whole listing is remembered for :meth:`items_since`."""
        latest = latest_possible_date(datetime.now(UTC))
        for number in range(first, MAX_WINDOWS + 1):
            start = since + timedelta(days=(number - 1) * WINDOW_DAYS)
            end = start + timedelta(days=WINDOW_DAYS - 1)
            items = self._window(start, end)
            last = end >= latest
            self.memory.add_page(since, items, first=number == 1, last=last)
            self.strava_stubs += sum(1 for item in items if is_strava_stub(item))
            yield number, items, last
            if last:
                self._tell_about_stubs()
                return
        raise malformed(f"reading activities since {since}", f"{MAX_WINDOWS} windows")

    def items_since(self, since: date) -> list[Any]:
        """Every item on or after ``since`` (the run pull's read serves it when it can)."""
        return self.memory.items_since(
            since, lambda start: (items for _, items, _ in self.windows(start))
        )

    def _window(self, start: date, end: date) -> list[Any]:
        action = f"reading intervals.icu activities of {start} … {end}"
        params = {"oldest": start.isoformat(), "newest": f"{end.isoformat()}T23:59:59"}
        items = self.client.get(self.client.athlete("/activities"), action=action, params=params)
        if items is None:
            items = []
        if not isinstance(items, list):
            raise malformed(action, f"a {type(items).__name__} instead of a list of activities")
        log.info("intervals.icu: activities of %s … %s: %d item(s)", start, end, len(items))
        return items

    def _tell_about_stubs(self) -> None:
        """Once per process: how to get the runs that came from Strava."""
        if self.strava_stubs and not self._told:
            self._told = True
            noun = "activity" if self.strava_stubs == 1 else "activities"
            log.warning("%d %s skipped: %s", self.strava_stubs, noun, CONNECT_WATCH)


class IntervalsSource(ActivitySource):
    """The runner's runs as intervals.icu has them (races from ``race``)."""

    def __init__(self, activities: IntervalsActivityList) -> None:
        self.activities = activities

    def fetch_runs(self, since: date) -> Iterator[Run]:
        """Runs on or after ``since`` (the unusable ones left out)."""
        for page in self.fetch_pages(since):
            yield from page.runs

    def fetch_pages(self, since: date, resume: str | None = None) -> Iterator[ActivityPage]:
        """A page per window of runs on or after ``since``, from window ``resume`` (1-based)
        or the first. Activities that cannot be used (Strava's stubs among them) are skipped
        and named, never a failure of their window."""
        first = resume_page(resume, "intervals.icu")
        for number, items, last in self.activities.windows(since, first):
            batch = read_activities(
                items,
                position=f"item {{index}} of window {number}",
                parse=run_from_intervals,
                name=label,
            )
            yield ActivityPage(
                runs=[run for run in batch.runs if run.date >= since],
                skipped=batch.skipped,
                next_page=None if last else str(number + 1),
            )
