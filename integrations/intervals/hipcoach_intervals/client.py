"""The intervals.icu REST API (``https://intervals.icu/api/v1``) over ``requests``, with a
personal API key: HTTP Basic, user ``API_KEY`` (``reference/intervals.md``).

One :class:`IntervalsClient` per process serves the run source, the completions, the
calendar and the target. Every request is made once (requests' adapters retry nothing by
default, and hipcoach adds no retry): a failure ends the night with its exit code and the next
night repairs, so a cron job never sits in a back-off. After a refused key (401, 403) or a
rate limit (429) the client makes no further request in the process: each would be refused
alike, and the one error stands for all of them (one line, not one per reader). Requests
time out after 10 s to connect and 60 s to read. Nothing here logs a header or a body: the
Basic header carries the key, and ``GET /athlete/{id}`` answers with it (``icu_api_key``).

There is no separate request for the athlete's id: paths use the configured id, else ``0``
("the key's owner"); the id itself (for hipcoach's ``external_id``) is read once, when needed,
from ``GET /athlete/0``, unless the key file or ``INTERVALS_ATHLETE_ID`` has it.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING, Any

from hipcoach import __version__
from hipcoach.errors import CredentialsError, HipcoachError, RateLimited, ServiceError
from hipcoach_intervals.errors import from_exception, from_status, malformed
from hipcoach_intervals.tokens import KEY_OWNER, Credentials, basic_header

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

BASE_URL = "https://intervals.icu/api/v1"
#: seconds to connect, seconds to read
TIMEOUT = (10.0, 60.0)


class IntervalsClient:
    """Signed requests to one athlete's intervals.icu, failures mapped to hipcoach errors."""

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self._session: requests.Session | None = None
        self._athlete_id = None if credentials.athlete_id == KEY_OWNER else credentials.athlete_id
        #: a refused key or a rate limit: no request is made after it in this process
        self._stop: HipcoachError | None = None

    @property
    def session(self) -> requests.Session:
        """A requests session with the key's Basic header (made on first use)."""
        if self._session is None:
            import requests

            session = requests.Session()
            session.headers["Authorization"] = basic_header(self.credentials.api_key)
            session.headers["User-Agent"] = f"hipcoach/{__version__}"
            session.headers["Accept"] = "application/json"
            self._session = session
        return self._session

    def athlete(self, suffix: str = "") -> str:
        """``/athlete/<id><suffix>``, with the configured id or ``0``."""
        return f"/athlete/{self._athlete_id or self.credentials.athlete_id}{suffix}"

    def athlete_id(self) -> str:
        """The athlete's own id (``i12345``): as configured, else read once from the API."""
        if self._athlete_id is None:
            profile = self.get("/athlete/0", action="reading your intervals.icu athlete")
            self._athlete_id = athlete_id_of(profile, "reading your intervals.icu athlete")
        return self._athlete_id

    # -- requests --------------------------------------------------------------------------
    def get(self, path: str, *, action: str, params: dict[str, str] | None = None) -> Any:
        """GET a JSON document."""
        return self.request("GET", path, action=action, params=params)

    def request(
        self,
        method: str,
        path: str,
        *,
        action: str,
        params: dict[str, str] | None = None,
        body: Any = None,
    ) -> Any:
        """One request; its JSON answer (None for an empty body), or a hipcoach error."""
        import requests

        if self._stop is not None:
            # Every further request would be refused the same way (and a rate limit is
            # honoured by stopping): the same one line, not one per reader.
            raise copy.copy(self._stop)
        try:
            response = self.session.request(
                method,
                BASE_URL + path,
                params=params,
                json=body,
                timeout=TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            log.debug("intervals.icu %s %s failed: %s", method, path, type(exc).__name__)
            raise from_exception(exc, action) from None
        log.debug("intervals.icu %s %s → HTTP %d", method, path, response.status_code)
        if response.status_code >= 400:
            error = from_status(
                response.status_code, response.text, action, response.headers.get("Retry-After")
            )
            if isinstance(error, CredentialsError | RateLimited):
                self._stop = error
            raise error
        if response.status_code >= 300:
            raise malformed(action, f"a redirect (HTTP {response.status_code})")
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise malformed(action) from None


def athlete_id_of(profile: object, action: str) -> str:
    """The ``id`` of ``GET /athlete/{id}``'s answer (``i12345``)."""
    from hipcoach.errors import UsageError
    from hipcoach_intervals.tokens import check_athlete_id

    ident = profile.get("id") if isinstance(profile, dict) else None
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise malformed(action, "an athlete without an id")
    try:
        return check_athlete_id(str(ident), "the athlete id intervals.icu sent")
    except UsageError:
        raise ServiceError(f"intervals.icu sent an unusable athlete id while {action}") from None
