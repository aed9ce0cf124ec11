"""Runs from Garmin Connect's activity list, for runners without Strava.

Paged as garminconnect's ``get_activities_by_date`` pages (the same endpoint and parameters:
``startDate``, ``start``, ``limit=20``), but one page per request so that every page reaches
the run cache as it arrives, oldest first (``sortOrder=asc``): an interrupted pull leaves a
prefix of the history, and the next pull, which starts from the newest cached run minus two
days, carries on from there. A page shorter than the limit is the last one: a night with
nothing new costs one read, not the library's extra empty page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from hipcoach.errors import ServiceError
from hipcoach.interfaces import ActivitySource
from hipcoach.models import Run
from hipcoach_garmin.activities import run_from_garmin
from hipcoach_garmin.connection import GarminConnection

log = logging.getLogger(__name__)

#: what Garmin's web app and garminconnect ask for
PAGE_SIZE = 20
#: a server that never sends a short page must not keep the nightly job busy forever
MAX_PAGES = 2_000


class GarminActivityList:
    """The activity list from a date on, page by page, each page read once per process."""

    def __init__(self, connection: GarminConnection) -> None:
        self.connection = connection
        self._pages: dict[tuple[date, int], list[Any]] = {}

    def pages(self, since: date) -> Iterator[list[Any]]:
        """Pages of activity items starting on or after ``since``, oldest first."""
        for number in range(MAX_PAGES):
            page = self._page(since, number)
            yield page
            if len(page) < PAGE_SIZE:
                return
        raise ServiceError(
            f"Garmin Connect kept sending full activity pages ({MAX_PAGES} × {PAGE_SIZE}); "
            "stopped reading"
        )

    def _page(self, since: date, number: int) -> list[Any]:
        cached = self._pages.get((since, number))
        if cached is not None:
            return cached
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
        self._pages[(since, number)] = page
        return page


class GarminSource(ActivitySource):
    """The runner's runs as Garmin Connect recorded them (races from ``eventType``)."""

    def __init__(self, activities: GarminActivityList) -> None:
        self.activities = activities

    def fetch_runs(self, since: date) -> Iterator[Run]:
        """Runs on or after ``since``; one page at a time, so earlier pages survive a failure."""
        for number, page in enumerate(self.activities.pages(since), start=1):
            for index, item in enumerate(page):
                run = _parse(item, number, index)
                if run is not None and run.date >= since:
                    yield run


def _parse(item: Any, page: int, index: int) -> Run | None:
    try:
        return run_from_garmin(item)
    except ValueError as exc:  # BadGarminActivity, or the Run model rejecting a value
        ident = item.get("activityId") if isinstance(item, dict) else None
        where = f"activity {ident}" if ident is not None else f"item {index} of page {page}"
        raise ServiceError(f"Garmin {where} cannot be read: {exc}") from None
