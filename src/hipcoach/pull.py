"""Pulling runs from an activity source into the state's run cache, a page at a time.

Every page is stored as it arrives, together with where the pull continues, in one
transaction. A pull stopped by a rate limit, a network failure or a crash keeps every page
it got, and the next pull carries on from the first page it did not: a long history (years
of runs, more pages than the rate limit allows at once) is imported over several runs
instead of starting over every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from hipcoach.errors import HipcoachError
from hipcoach.interfaces import ActivitySource, SkippedActivity
from hipcoach.state import StateDB
from hipcoach.state.db import PullResume

FIRST_PULL_DAYS = 365
# Re-read the last two days so edits (a run re-tagged as a long run) reach the cache.
OVERLAP_DAYS = 2


@dataclass(frozen=True)
class PullProgress:
    """How far a pull is, after each stored page."""

    pages: int
    runs: int
    skipped: int
    #: another page follows
    more: bool


@dataclass
class PullResult:
    """What one pull did."""

    source: str
    since: date
    fetched: int = 0
    new: int = 0
    updated: int = 0
    pages: int = 0
    skipped: list[SkippedActivity] = field(default_factory=list)
    #: the page this pull started from when it continued an interrupted one
    resumed_from: str | None = None


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
    on_page: Callable[[PullProgress], None] | None = None,
) -> PullResult:
    """Fetch runs page by page, storing each page (and the resume point) as it arrives.

    An interrupted pull (the stored resume point) is continued first, unless ``since``
    asks for another start. A failure keeps the pages stored so far and is raised again
    with how far the pull got; the next pull continues from there.
    """
    resume = state.pull_resume(source_name)
    if resume is not None and since in (None, resume.since):
        result = PullResult(source_name, resume.since, resumed_from=resume.next_page)
    else:
        result = PullResult(source_name, pull_since(state, source_name, today, since))
    seen: set[str] = set()
    try:
        for page in source.fetch_pages(result.since, result.resumed_from):
            fresh = [run for run in page.runs if run.id not in seen]  # overlapping pages
            seen.update(run.id for run in fresh)
            resume = PullResume(result.since, page.next_page) if page.next_page else None
            new, updated = state.store_pulled_page(source_name, fresh, resume)
            result.pages += 1
            result.fetched += len(fresh)
            result.new += new
            result.updated += updated
            result.skipped += page.skipped
            if on_page is not None:
                on_page(
                    PullProgress(result.pages, result.fetched, len(result.skipped), bool(resume))
                )
    except HipcoachError as exc:
        resume = state.pull_resume(source_name)
        if resume is None:
            raise
        raise exc.with_note(_how_far(result, resume)) from None
    return result


def _how_far(result: PullResult, resume: PullResume) -> str:
    """'kept 100 page(s), 20000 run(s); the next run continues at page 101'."""
    kept = f"kept {result.pages} page(s), {result.fetched} run(s)" if result.pages else "no page"
    return (
        f"{kept} this time; the next run continues the pull of runs since {result.since} at "
        f"page {resume.next_page}"
    )
