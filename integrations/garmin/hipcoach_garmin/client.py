"""One signed-in garminconnect client per token file, shared by the target and the sources.

Cost: connecting makes no request. The saved tokens are loaded into ``Garmin().client``
without ``Garmin.login()``, which would GET the social profile and the user settings on every
run; the workout, calendar and activity endpoints only need the Bearer token. garminconnect
refreshes the token itself when it is about to expire (and once after a 401); whenever the
tokens change, hipcoach writes them back atomically (0600), since the refresh token rotates.
garminconnect's own write-back is never used: it would chmod a directory the user named.

Every request is made once: the client is built with ``retry_attempts=0``, so a 5xx or a
dropped connection ends the night (exit 75) instead of sitting in garminconnect's back-off,
and the next night repairs from the calendar. garminconnect never retries writes anyway (a
lost response must be repaired, not duplicated by a blind retry); the one repeat it still
makes is after a 401, following a token refresh (``reference/garmin.md`` §10). After a 429
(or a sign-in Garmin refuses), no further request goes to Garmin that night: every later call
fails the same way at once (each would be refused too, and a rate limit is honoured by
stopping), and the next night carries on.
"""

from __future__ import annotations

import copy
import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcoach.errors import ConfigError, CredentialsError, HipcoachError, RateLimited
from hipcoach.home import read_regular_file
from hipcoach_garmin.errors import AUTH_HINT, garmin_errors
from hipcoach_garmin.tokens import register_tokens, save_tokens

if TYPE_CHECKING:
    from garminconnect import Garmin

log = logging.getLogger(__name__)

#: garminconnect's own retries of a failed read: none (the next night repairs)
READ_RETRIES = 0


class GarminConnection:
    """garminconnect's ``Garmin`` on a saved token file, with failures mapped."""

    def __init__(self, token_file: Path, *, own_store: bool = True) -> None:
        self.token_file = token_file
        self.own_store = own_store
        self._api: Garmin | None = None
        self._saved_tokens = ""
        #: a 429 or a refused sign-in: no further request this process
        self._stop: HipcoachError | None = None

    @property
    def api(self) -> Garmin:
        """The client with the saved tokens (loaded on first use, no request)."""
        if self._api is None:
            self._api = self._load()
        return self._api

    def _load(self) -> Garmin:
        from garminconnect import Garmin

        try:
            text = read_regular_file(self.token_file).decode("utf-8-sig")
        except OSError as exc:
            reason = f" ({exc.strerror})" if exc.errno == errno.EINVAL else ""
            raise CredentialsError(
                f"no readable Garmin token file at {self.token_file}{reason}", hint=AUTH_HINT
            ) from None
        except UnicodeDecodeError:
            raise CredentialsError(
                f"the Garmin token file {self.token_file} is not UTF-8 text", hint=AUTH_HINT
            ) from None
        register_tokens(text)
        api = Garmin(retry_attempts=READ_RETRIES)
        try:
            api.client.loads(text)
        except Exception:
            raise CredentialsError(
                f"the Garmin token file {self.token_file} holds no usable tokens", hint=AUTH_HINT
            ) from None
        self._saved_tokens = api.client.dumps()
        return api

    def _persist_refreshed_tokens(self, api: Garmin) -> None:
        tokens = api.client.dumps()
        if tokens != self._saved_tokens:
            save_tokens(self.token_file, tokens, own_store=self.own_store)
            self._saved_tokens = tokens
            log.info("Garmin tokens were refreshed; saved to %s", self.token_file)

    @contextmanager
    def call(
        self, action: str, payload: dict[str, Any] | None = None, *, missing_ok: bool = False
    ) -> Iterator[Garmin]:
        """The client, with failures mapped and refreshed tokens saved afterwards; after a
        rate limit or a refused sign-in, that failure again without a request."""
        if self._stop is not None:
            raise copy.copy(self._stop)
        api = self.api
        try:
            with garmin_errors(action, payload, missing_ok=missing_ok):
                yield api
        except BaseException as exc:
            if isinstance(exc, RateLimited | CredentialsError):
                self._stop = exc
            # Save a rotated token even when the call failed, but never let a failed save
            # hide the error that is already on its way.
            try:
                self._persist_refreshed_tokens(api)
            except ConfigError as exc:
                log.warning("%s", exc)
            raise
        self._persist_refreshed_tokens(api)
