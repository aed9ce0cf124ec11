"""Runs from Strava: ``GET /athlete/activities`` pages mapped by the core's one parser.

A nightly pull costs one token refresh (access tokens live 6 h) and one page; the refresh
is skipped while the saved access token is valid for more than five minutes. Only this module
refreshes (under a lock in the home, after re-reading the token file), never stravalib. Pages
are stored by the core one by one, so a long import resumes where it stopped. Pages are read
as raw JSON through ``client.protocol.get`` rather than ``client.get_activities()``: the
models turn ``start_date_local`` (local wall time labelled UTC) into a datetime that invites
converting it, while :func:`hipcoach.schedule.activities.read_activities` reads the string as is.

This module imports nothing heavy: stravalib loads when the first run is requested.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    ServiceError,
    TemporaryError,
)
from hipcoach.home import make_private_dir
from hipcoach.locks import file_lock
from hipcoach.models import Run
from hipcoach.plugins.interfaces import ActivitySource
from hipcoach.plugins.values import ActivityPage, PluginContext
from hipcoach.schedule.activities import (
    BadActivity,
    latest_possible_date,
    local_date,
    read_activities,
)
from hipcoach.sync.listing import ListingMemory, resume_page
from hipcoach_strava.credentials import AppCredentials, app_credentials, bootstrap_refresh_token
from hipcoach_strava.ratelimit import retry_hint
from hipcoach_strava.tokens import TokenSet, load_tokens, save_tokens, token_path

if TYPE_CHECKING:
    from hipcoach_strava.client import StravaApi

log = logging.getLogger(__name__)

PER_PAGE = 200
#: refresh when the access token has less than this many seconds left
REFRESH_MARGIN = 300
#: the lock around a refresh, in the home (not in tokens/: only token files live there)
REFRESH_LOCK_FILE = "strava-refresh.lock"
#: how long a run waits for another one's refresh before giving up (exit 75)
REFRESH_LOCK_WAIT = 30.0
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
        lock_file: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.token_file = token_file
        self.lock_file = lock_file or token_file.parent.parent / REFRESH_LOCK_FILE
        self._refreshed = False
        self.clock = clock
        self._api: StravaApi | None = None
        # Whole listings read in this process: the completed sessions come from the same read.
        self.memory = ListingMemory(_local_day)
        # A page whose read failed fails again for every later reader without a request:
        # each request is made once a night (a 429 above all: no further request at all).
        self._failed: dict[tuple[int, int], HipcoachError] = {}
        self._stop: HipcoachError | None = None

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
        page = resume_page(resume, "Strava")
        while True:
            items = self._page(after, page)
            last = len(items) < PER_PAGE
            self.memory.add_page(since, items, first=page == 1, last=last)
            batch = read_activities(
                items,
                position=f"item {{index}} of page {page}",
                latest=latest_possible_date(datetime.fromtimestamp(self.clock(), UTC)),
            )
            yield ActivityPage(
                runs=[run for run in batch.runs if run.date >= since],
                skipped=batch.skipped,
                next_page=None if last else str(page + 1),
            )
            if last:
                return
            page += 1

    def items_since(self, since: date) -> list[Any]:
        """Every activity object from ``since`` on (the run pull's read serves it when it
        can)."""
        return self.memory.items_since(since, self.fetch_pages)

    def _page(self, after: int, page: int) -> list[Any]:
        failed = self._stop or self._failed.get((after, page))
        if failed is not None:
            raise copy.copy(failed)
        try:
            return self._read_page(after, page)
        except HipcoachError as exc:
            self._failed[(after, page)] = exc
            if isinstance(exc, RateLimited | CredentialsError):
                self._stop = exc
            raise

    def _read_page(self, after: int, page: int) -> list[Any]:
        api = self._ready_api()
        window = api.rates.exhausted()
        if window is not None:
            # The last answer reported the cap: the next request would be a 429.
            raise RateLimited(
                f"Strava's {window} rate limit is reached after {page - 1} page(s) of activities",
                hint=retry_hint(window, api.now()),
            )
        # Each attempt (retries included) re-checks the token first.
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
        """The client, with a usable access token. hipcoach alone refreshes it."""
        if self._api is None:
            from hipcoach_strava.client import StravaApi

            self._api = StravaApi(self.app, clock=self.clock)
            self._api.use_tokens(self.tokens)
        # A token from the file is refreshed a margin before it expires, so it cannot expire
        # mid-run; one this run obtained is used until it really expires (a short-lived one
        # refreshed again at every page would rotate the refresh token for nothing).
        margin = 0 if self._refreshed else REFRESH_MARGIN
        if self.tokens.needs_refresh(self.clock(), margin):
            self._refresh(self._api)
        return self._api

    def _refresh(self, api: StravaApi) -> None:
        """Refresh under the home's token lock, after re-reading the token file: another
        hipcoach (a cron run and a manual one) may have just rotated the refresh token."""
        make_private_dir(self.lock_file.parent)
        with file_lock(
            self.lock_file,
            wait_seconds=REFRESH_LOCK_WAIT,
            busy="another hipcoach is refreshing the Strava tokens",
            hint="this run stops; the next one uses the tokens it saves",
        ):
            saved = load_tokens(self.token_file)
            if (
                saved is not None
                and saved != self.tokens
                and not saved.needs_refresh(self.clock(), 0)
            ):
                log.info("Strava: another run has just refreshed the tokens; using them")
                self._use(api, saved)
                return
            current = saved or self.tokens  # the newest refresh token there is
            log.info("Strava: refreshing the access token")
            try:
                rotated = api.refresh(current)
            except CredentialsError:
                _raise_if_replaced(self.token_file, current)
                raise
            # Persist before anything else can fail: the old refresh token may be dead now.
            save_tokens(self.token_file, rotated)
            log.info("Strava: new tokens saved to %s", self.token_file)
            self._use(api, rotated)

    def _use(self, api: StravaApi, tokens: TokenSet) -> None:
        self.tokens = tokens
        self._refreshed = True
        api.use_tokens(tokens)


def _raise_if_replaced(token_file: Path, used: TokenSet) -> None:
    """TemporaryError when Strava refused ``used`` because the file meanwhile holds another
    refresh token (a sign-in, or a run that does not take the lock): that file is good."""
    now = load_tokens(token_file)
    if now is not None and now.refresh_token != used.refresh_token:
        raise TemporaryError(
            "the Strava tokens were replaced while this run was refreshing them",
            hint="the next run uses the new ones",
        )


def _local_day(activity: Any) -> date | None:
    try:
        return local_date(activity.get("start_date_local"))
    except (BadActivity, AttributeError):
        return None


def load_source(
    context: PluginContext,
    *,
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
    lock_file = context.home.root / REFRESH_LOCK_FILE
    return StravaSource(app, saved, path, lock_file=lock_file, clock=clock)
