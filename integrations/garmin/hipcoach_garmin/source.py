"""Runs from Garmin Connect's activity list, for runners without Strava.

Paged as garminconnect's ``get_activities_by_date`` pages (the same endpoint and parameters:
``startDate``, ``start``, ``limit=20``), but one page per request so that every page reaches
the run cache as it arrives, oldest first (``sortOrder=asc``): the query depends only on the
start date, so an interrupted import resumes at the first page it did not store. A page
shorter than the limit is the last one: a night with nothing new costs one read, not the
library's extra empty page. An activity that cannot be used is skipped and named, never a
failure of its page. A page whose read failed fails again for every later reader in the
process (the run pull, then the completed sessions) without a request: each request is made
once a night.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from hipcoach.errors import HipcoachError, ServiceError
from hipcoach.models import Run
from hipcoach.plugins.interfaces import ActivitySource
from hipcoach.plugins.values import ActivityPage
from hipcoach.schedule.activities import read_activities
from hipcoach.sync.listing import ListingMemory, resume_page
from hipcoach_garmin.activities import BadGarminActivity, activity_date, label, run_from_garmin
from hipcoach_garmin.client import GarminConnection

log = logging.getLogger(__name__)

#: what Garmin's web app and garminconnect ask for
PAGE_SIZE = 20
#: a server that never sends a short page must not keep the nightly job busy forever
MAX_PAGES = 2_000


class GarminActivityList:
    """The activity list from a date on: runs and strength sessions come from one read."""

    def __init__(self, connection: GarminConnection) -> None:
        self.connection = connection
        self.memory = ListingMemory(_local_day)
        self._failed: dict[tuple[date, int], HipcoachError] = {}

    def pages(self, since: date, first: int = 0) -> Iterator[list[Any]]:
        """Pages of activity items starting on or after ``since``, oldest first, from page
        number ``first`` (0-based); a whole listing is remembered for :meth:`items_since`."""
        for number in range(first, MAX_PAGES):
            page = self._page(since, number)
            last = len(page) < PAGE_SIZE
            self.memory.add_page(since, page, first=number == 0, last=last)
            yield page
            if last:
                return
        raise ServiceError(
            f"Garmin Connect kept sending full activity pages ({MAX_PAGES} × {PAGE_SIZE}); "
            "stopped reading"
        )

    def items_since(self, since: date) -> list[Any]:
        """Every item on or after ``since`` (the run pull's read serves it when it can)."""
        return self.memory.items_since(since, self.pages)

    def _page(self, since: date, number: int) -> list[Any]:
        failed = self._failed.get((since, number))
        if failed is not None:
            raise failed
        try:
            return self._read_page(since, number)
        except HipcoachError as exc:
            self._failed[(since, number)] = exc
            raise

    def _read_page(self, since: date, number: int) -> list[Any]:
        params = {
            "startDate": since.isoformat(),
            "start": str(number * PAGE_SIZE),
            "limit": str(PAGE_SIZE),
            "sortOrder": "asc",
        }
        action = f"reading Garmin activities since {since.isoformat()} (page {number + 1})"
        with self.connection.call(action) as api:
            page = api.connectapi(api.garmin_connect_activities, params=params)
        if page is None:
            page = []
        if not isinstance(page, list):
            raise ServiceError(f"Garmin Connect sent a malformed activity list while {action}")
        log.info("Garmin: page %d of activities since %s: %d item(s)", number + 1, since, len(page))
        return page


class GarminSource(ActivitySource):
    """The runner's runs as Garmin Connect recorded them (races from ``eventType``)."""

    def __init__(self, activities: GarminActivityList) -> None:
        self.activities = activities

    def fetch_runs(self, since: date) -> Iterator[Run]:
        """Runs on or after ``since`` (the unusable ones left out)."""
        for page in self.fetch_pages(since):
            yield from page.runs

    def fetch_pages(self, since: date, resume: str | None = None) -> Iterator[ActivityPage]:
        """Pages of runs on or after ``since``, from page ``resume`` (1-based) or the first."""
        first = resume_page(resume, "Garmin") - 1  # the list's pages count from 0
        for number, items in enumerate(self.activities.pages(since, first), start=first + 1):
            batch = read_activities(
                items,
                position=f"item {{index}} of page {number}",
                parse=run_from_garmin,
                name=label,
            )
            last = len(items) < PAGE_SIZE
            yield ActivityPage(
                runs=[run for run in batch.runs if run.date >= since],
                skipped=batch.skipped,
                next_page=None if last else str(number + 1),
            )


def _local_day(item: Any) -> date | None:
    try:
        return activity_date(item)
    except (BadGarminActivity, AttributeError):
        return None
