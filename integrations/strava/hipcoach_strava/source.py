"""Runs from Strava: ``GET /athlete/activities`` pages mapped by the core's one parser.

A nightly pull costs one token refresh (access tokens live 6 h) and one page; the refresh
is skipped while the saved access token is valid for more than five minutes. Pages are read
as raw JSON through ``client.protocol.get`` rather than ``client.get_activities()``: the
models turn ``start_date_local`` (local wall time labelled UTC) into a datetime that invites
converting it, while :func:`hipcoach.activities.run_from_activity` reads the string as is.

This module imports nothing heavy: stravalib loads when the first run is requested.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcoach.activities import run_from_activity
from hipcoach.errors import RateLimited, ServiceError
from hipcoach.interfaces import ActivitySource, PluginContext
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
        """Runs on or after ``since``; one page at a time, so earlier pages survive a failure."""
        after = after_epoch(since)
        page = 1
        while True:
            items = self._page(after, page)
            for index, item in enumerate(items):
                run = _parse(item, page, index)
                if run is not None and run.date >= since:
                    yield run
            if len(items) < PER_PAGE:
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


def _parse(item: Any, page: int, index: int) -> Run | None:
    try:
        return run_from_activity(item)
    except ValueError as exc:  # BadActivity, or the Run model rejecting a value
        ident = item.get("id") if isinstance(item, dict) else None
        where = f"activity {ident}" if ident is not None else f"item {index} of page {page}"
        raise ServiceError(f"Strava {where} cannot be read: {exc}") from None


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
