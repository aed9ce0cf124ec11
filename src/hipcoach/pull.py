"""Pulling runs from an activity source into the state's run cache, incrementally."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.interfaces import ActivitySource
from hipcoach.state import StateDB

FIRST_PULL_DAYS = 365
# Re-read the last two days so edits (a run re-tagged as a long run) reach the cache.
OVERLAP_DAYS = 2


@dataclass(frozen=True)
class PullResult:
    """What one pull did."""

    source: str
    since: date
    fetched: int
    new: int
    updated: int


def pull_since(state: StateDB, source_name: str, today: date, since: date | None) -> date:
    """``since`` if given; else the newest cached run minus the overlap; else a year back."""
    if since is not None:
        return since
    newest = state.newest_run_date(source_name)
    if newest is None:
        return today - timedelta(days=FIRST_PULL_DAYS)
    return newest - timedelta(days=OVERLAP_DAYS)


def pull_runs(
    source: ActivitySource,
    source_name: str,
    state: StateDB,
    today: date,
    since: date | None = None,
    on_run: Callable[[int], None] | None = None,
) -> PullResult:
    """Fetch runs and upsert them by id. A failure mid-way writes nothing: the cache stays
    as it was and the next run starts from the same point."""
    start = pull_since(state, source_name, today, since)
    runs = []
    for run in source.fetch_runs(start):
        runs.append(run)
        if on_run is not None:
            on_run(len(runs))
    new, updated = state.upsert_runs(source_name, runs)
    return PullResult(source_name, start, len(runs), new, updated)
