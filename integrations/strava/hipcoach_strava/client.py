"""The stravalib client as hipcoach uses it, and every call to it.

One place builds the client (no sleeping limiter, nothing it could refresh tokens with on
its own, a timeout on every request) and one place makes calls: :meth:`StravaApi.call`
makes each request once and turns any failure into a hipcoach error. A timeout, a dropped
connection or a 5xx ends the night with exit 75; the next night carries on where the pull
stopped (a cron job never sits in a back-off, and a token refresh is never sent twice).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import requests
from stravalib import Client
from stravalib import exc as strava_exc

from hipcoach import redact
from hipcoach.errors import ServiceError
from hipcoach_strava.credentials import AppCredentials
from hipcoach_strava.errors import translate
from hipcoach_strava.ratelimit import RateWatch
from hipcoach_strava.tokens import TokenSet

log = logging.getLogger(__name__)


#: (connect, read) seconds: stravalib sets no timeout, and cron must never hang
REQUEST_TIMEOUT = (10.0, 60.0)


class TimeoutSession(requests.Session):
    """A requests session that applies :data:`REQUEST_TIMEOUT` unless a call sets its own."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return super().request(*args, **kwargs)


class StravaApi:
    """A stravalib ``Client`` plus the policy for calling it."""

    def __init__(
        self,
        app: AppCredentials,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.rates = RateWatch()
        self.clock = clock
        # rate_limit_requests=False: the default limiter sleeps for up to a day (see ratelimit).
        with _quiet_env_warnings():
            self.client = Client(rate_limit_requests=False, requests_session=TimeoutSession())
        protocol = self.client.protocol
        # hipcoach is the only one that refreshes: stravalib refreshes on its own before a
        # request when its protocol holds the app credentials (read from STRAVA_CLIENT_* at
        # construction) and would rotate the refresh token without saving it. So it never
        # holds them; hipcoach passes them to each token request itself.
        protocol.client_id = None  # type: ignore[assignment]
        protocol.client_secret = None  # type: ignore[assignment]
        protocol.rate_limiter = self.rates
        self.app = app

    def use_tokens(self, tokens: TokenSet) -> None:
        """Send ``tokens``' access token; stravalib gets nothing it could refresh with."""
        self.client.access_token = tokens.access_token
        self.client.refresh_token = None  # type: ignore[assignment]
        self.client.token_expires = None  # type: ignore[assignment]

    def call[T](
        self,
        fn: Callable[[], T],
        *,
        action: str,
        refused: str | None = None,
    ) -> T:
        """``fn()``, made once; any failure becomes a hipcoach error.

        ``refused`` marks a token request and says what a 400/401 answer means.
        """
        try:
            return fn()
        except (strava_exc.Fault, requests.RequestException) as error:
            raise translate(
                error, action=action, refused=refused, rates=self.rates, now=self.now
            ) from error

    def now(self) -> datetime:
        """The injectable clock as an aware UTC datetime."""
        return datetime.fromtimestamp(self.clock(), UTC)

    def refresh(self, tokens: TokenSet) -> TokenSet:
        """Trade the refresh token for a new access token (and maybe a new refresh token)."""
        info = self.call(
            guard_payload(
                lambda: self.client.refresh_access_token(
                    self.app.client_id, self.app.client_secret, tokens.refresh_token
                ),
                "refresh",
            ),
            action="refreshing the Strava access token",
            refused="Strava no longer accepts the saved refresh token (revoked, or replaced "
            "by a newer sign-in)",
        )
        return tokens.rotated(*checked_access_info(info, "refresh"))

    def exchange_code(self, code: str) -> tuple[str, str, int]:
        """Access token, refresh token and expiry for an authorization code (single-use)."""
        info = self.call(
            guard_payload(
                lambda: self.client.exchange_code_for_token(
                    self.app.client_id, self.app.client_secret, code
                ),
                "code exchange",
            ),
            action="exchanging the Strava authorization code",
            refused="Strava refused the authorization code or the client id/secret",
        )
        return checked_access_info(info, "code exchange")


class _DropEnvWarnings(logging.Filter):
    """Drops stravalib's 'STRAVA_CLIENT_ID … not found in your environment' warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "STRAVA_CLIENT_ID" not in record.getMessage()


@contextmanager
def _quiet_env_warnings() -> Iterator[None]:
    # stravalib logs these on the root logger when the variables are unset; hipcoach sets
    # the credentials on the protocol right after, so they would only mislead at -vv.
    root = logging.getLogger()
    dropper = _DropEnvWarnings()
    root.addFilter(dropper)
    try:
        yield
    finally:
        root.removeFilter(dropper)


def guard_payload[T](fn: Callable[[], T], what: str) -> Callable[[], T]:
    """``fn`` with stravalib's blind ``response["access_token"]`` lookups made a ServiceError."""

    def guarded() -> T:
        try:
            return fn()
        except (KeyError, TypeError):
            raise ServiceError(f"Strava's token {what} answer lacks the tokens") from None

    return guarded


def checked_access_info(info: object, what: str) -> tuple[str, str, int]:
    """The three token fields, registered for redaction; ServiceError when malformed."""
    if not isinstance(info, dict):
        raise ServiceError(f"Strava's token {what} answer is not a JSON object")
    access, refresh, expires = (
        info.get(k) for k in ("access_token", "refresh_token", "expires_at")
    )
    redact.register(access, refresh)
    if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
        raise ServiceError(f"Strava's token {what} answer lacks the tokens")
    if isinstance(expires, bool) or not isinstance(expires, int):
        raise ServiceError(f"Strava's token {what} answer has no usable expires_at")
    return access, refresh, expires
