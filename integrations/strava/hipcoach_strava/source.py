"""Runs from Strava: ``GET /athlete/activities`` pages mapped by the core's one parser.

A nightly pull costs one token refresh (access tokens live 6 h) and one page; the refresh
is skipped while the saved access token is valid for more than five minutes. Pages are read
as raw JSON through ``client.protocol.get`` rather than ``client.get_activities()``: the
models turn ``start_date_local`` (local wall time labelled UTC) into a datetime that invites
converting it, while :func:`hipcoach.activities.read_activities` reads the string as is.

This module imports nothing heavy: stravalib loads when the first run is requested.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcoach.activities import latest_possible_date, read_activities
from hipcoach.errors import RateLimited, ServiceError
from hipcoach.interfaces import ActivityPage, ActivitySource, PluginContext
from hipcoach.models import Run
from hipcoach_strava.credentials import AppCredentials, app_credentials, bootstrap_refresh_token
from hipcoach_strava.ratelimit import retry_hint
from hipcoach_strava.tokens import TokenSet, load_tokens, save_tokens, token_path

if TYPE_CHECKING:
    from hipcoach_strava.api import StravaApi

log = logging.getLogger(__name__)

PER_PAGE = 200
#: refresh when the access token has less than this many seconds left
REFRESH_MARGIN = 300
ACTIVITIES_URL = "/athlete/activities"


def after_epoch(since: date) -> int:
    """``after=`` for ``since``: midnight UTC a day earlier, which covers every time zone."""
    start = datetime.combine(since - timedelta(days=1), datetime.min.time(), UTC)
    return int(start.timestamp())


class StravaSource(ActivitySource):
    """The athlete's Strava runs, with the token rotation persisted after every refresh."""

    def __init__(
        self,
        app: AppCredentials,
        tokens: TokenSet,
        token_file: Path,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.token_file = token_file
        # Looked up at call time, not bound as a default, so tests can stub time.sleep.
        self.sleep = sleep or time.sleep
        self.clock = clock
        self._api: StravaApi | None = None

    def fetch_runs(self, since: date) -> Iterator[Run]:
        """Runs on or after ``since`` (unreadable activities are logged and left out)."""
        for page in self.fetch_pages(since):
            for skipped in page.skipped:
                log.warning("Strava %s skipped: %s", skipped.ident, skipped.reason)
            yield from page.runs

    def fetch_pages(self, since: date, resume: str | None = None) -> Iterator[ActivityPage]:
        """Pages of ``GET /athlete/activities?after=…`` from page ``resume`` (else 1).

        The query only depends on ``since``, so a resumed import asks for exactly the pages
        the interrupted one had not read yet. An activity that cannot be used is skipped and
        named, never a failure of the page.
        """
        after = after_epoch(since)
        page = _page_number(resume)
        while True:
            items = self._page(after, page)
            batch = read_activities(
                items,
                position=f"item {{index}} of page {page}",
                latest=latest_possible_date(datetime.fromtimestamp(self.clock(), UTC)),
            )
            last = len(items) < PER_PAGE
            yield ActivityPage(
                runs=[run for run in batch.runs if run.date >= since],
                skipped=batch.skipped,
                next_page=None if last else str(page + 1),
            )
            if last:
                return
            page += 1

    def _page(self, after: int, page: int) -> list[Any]:
        api = self._ready_api()
        window = api.rates.exhausted()
        if window is not None:
            # The last answer reported the cap: the next request would be a 429.
            raise RateLimited(
                f"Strava's {window} rate limit is reached after {page - 1} page(s) of activities",
                hint=retry_hint(window, api.now()),
            )
        # Each attempt (retries included) re-checks the token first: hipcoach's refresh, which
        # saves the rotated refresh token, must always come before stravalib's own.
        items = api.call(
            lambda: self._ready_api().client.protocol.get(
                ACTIVITIES_URL, after=after, page=page, per_page=PER_PAGE
            ),
            action=f"reading Strava activities (page {page})",
        )
        if not isinstance(items, list):
            raise ServiceError(
                f"Strava's activity list (page {page}) is a {type(items).__name__}, not a list"
            )
        log.info("Strava: page %d of activities after %d: %d item(s)", page, after, len(items))
        return items

    def _ready_api(self) -> StravaApi:
        """The client, with an access token valid for at least the refresh margin."""
        if self._api is None:
            from hipcoach_strava.api import StravaApi

            self._api = StravaApi(self.app, sleep=self.sleep, clock=self.clock)
            self._api.use_tokens(self.tokens, REFRESH_MARGIN)
        if self.tokens.needs_refresh(self.clock(), REFRESH_MARGIN):
            log.info("Strava: refreshing the access token")
            rotated = self._api.refresh(self.tokens)
            # Persist before anything else can fail: the old refresh token may be dead now.
            save_tokens(self.token_file, rotated)
            self.tokens = rotated
            self._api.use_tokens(rotated, REFRESH_MARGIN)
            log.info("Strava: new tokens saved to %s", self.token_file)
        return self._api


def _page_number(resume: str | None) -> int:
    """The page to start from: 1, or the resume point the core kept (a page number)."""
    if resume is None:
        return 1
    if not resume.isdigit() or int(resume) < 1:
        raise ServiceError(f"cannot resume the Strava import at {resume!r}: not a page number")
    return int(resume)


def load_source(
    context: PluginContext,
    *,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.time,
) -> StravaSource | None:
    """The source for ``context``, or None when Strava is not configured.

    Configured means application credentials (environment, config or token file) and a
    refresh token (token file, else ``STRAVA_REFRESH_TOKEN`` to bootstrap one).
    """
    path = token_path(context.home)
    saved = load_tokens(path)
    app = app_credentials(context.env, context.config, saved)
    if app is None:
        if saved is not None:
            log.warning(
                "Strava tokens are saved in %s, but the API application's client id and secret "
                "are not available: set STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET or [strava] "
                "in config.toml",
                path,
            )
        return None
    if saved is None:
        refresh = bootstrap_refresh_token(context.env)
        if refresh is None:
            return None
        # No access token yet: the first fetch refreshes and creates the token file.
        saved = TokenSet(refresh_token=refresh)
    return StravaSource(app, saved, path, sleep=sleep, clock=clock)
