"""Pulling from the services into the state: runs a page at a time, then the completed
sessions (:func:`pull_completions`).

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

from hipcoach.adherence.completions import CompletedActivity
from hipcoach.errors import HipcoachError, IncompleteRead
from hipcoach.plugins.interfaces import ActivitySource, CompletionSource
from hipcoach.plugins.values import SkippedActivity
from hipcoach.state import StateDB
from hipcoach.state.db import PullResume

FIRST_PULL_DAYS = 365
# Re-read the last two days so edits (a run re-tagged as a long run) reach the cache.
OVERLAP_DAYS = 2
# Completed sessions are re-read a week back: sets corrected in Connect within a week count.
COMPLETION_OVERLAP_DAYS = 7
# ... and the first read reaches back at most this far (progression and catch-up look at less).
COMPLETION_LOOKBACK_DAYS = 42


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


@dataclass(frozen=True)
class CompletionPull:
    """What one pull of completed sessions did."""

    source: str
    since: date
    listed: int
    removed: int
    #: what could not be read (one activity's sets): stored is the rest
    error: IncompleteRead | None = None
    #: today cannot count as read through (an activity of the last week went unread)
    held: bool = False


def completions_since(state: StateDB, today: date) -> date:
    """A week before the last day read (edits within a week are seen, and a gap of nights
    without a sync is read whole: a session is missed only once its day was read), else the
    first session handed over, at most six weeks back."""
    from hipcoach.state.sessions import checked_through, planned_sessions

    checked = checked_through(state)
    if checked is not None:
        return min(checked, today) - timedelta(days=COMPLETION_OVERLAP_DAYS)
    first = next(iter(planned_sessions(state)), None)
    since = first.date if first else today - timedelta(days=COMPLETION_OVERLAP_DAYS)
    return max(min(since, today), today - timedelta(days=COMPLETION_LOOKBACK_DAYS))


def shared_since(state: StateDB, source_name: str, today: date) -> date | None:
    """When one integration is both the run and the completion source, the date both pulls
    start from, so that one read of its activity list serves both (a quiet night stays one
    page); None while an interrupted import of runs is being resumed."""
    if state.pull_resume(source_name) is not None:
        return None
    return min(pull_since(state, source_name, today, None), completions_since(state, today))


def pull_completions(
    source: CompletionSource,
    source_name: str,
    state: StateDB,
    today: date,
    *,
    checked: bool = True,
) -> CompletionPull:
    """Read the completed sessions since :func:`completions_since` and store them in one
    transaction (a failure stores nothing: the next pull reads the same again). With
    ``checked``, today counts as read through (see :func:`mark_checked`).

    A source that read all but some activities (:class:`~hipcoach.errors.IncompleteRead`,
    ``found`` the summaries it could not complete: one activity's sets) has the rest stored,
    and the pull reports the error and holds the day (it is not read through: the session
    such an activity may be is not called missed). An activity still unreadable a week after
    its day is given up on: stored without its detail (as Strava's are), so that one broken
    activity never holds every later day.
    """
    from hipcoach.state.sessions import known_fingerprints, store_completions

    since = completions_since(state, today)
    known = known_fingerprints(state, source_name, since)
    listed: list[CompletedActivity] = []
    error: IncompleteRead | None = None
    unread: list[CompletedActivity] = []
    try:
        for activity in source.fetch_completions(since, known):
            if activity.date >= since:
                listed.append(activity.model_copy(update={"source": source_name}))
    except IncompleteRead as exc:
        error = exc
        found = exc.found if isinstance(exc.found, list | tuple) else ()
        unread = [a for a in found if isinstance(a, CompletedActivity)]
    given_up = today - timedelta(days=COMPLETION_OVERLAP_DAYS)
    kept = {a.activity_id for a in listed}  # stored before: it keeps what it had
    for activity in unread:
        if since <= activity.date < given_up and activity.activity_id not in kept:
            # Without detail, and a fingerprint no summary has: tried again while in view.
            listed.append(activity.model_copy(update={"source": source_name, "fingerprint": ""}))
    held = error is not None and (not unread or any(a.date >= given_up for a in unread))
    stored, removed = store_completions(
        state, source_name, since, listed, checked_through=today if checked and not held else None
    )
    return CompletionPull(source_name, since, stored, removed, error, held)


def mark_checked(state: StateDB, today: date) -> None:
    """Every completion source was read through today: a session of a past day with nothing
    recorded is missed. Only then, so that a session done with the watch is not called
    missed on a night Garmin could not be read while Strava could."""
    from hipcoach.state.sessions import record_checked_through

    record_checked_through(state, today)
