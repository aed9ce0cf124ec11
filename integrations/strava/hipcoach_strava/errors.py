"""stravalib and requests failures → hipcoach errors, one clear line each.

The exit code tells cron what happened: 77 the user must sign in again, 75 the next run will
retry (network, 5xx, rate limit), 69 Strava answered with something unusable. Messages are
built from the status and Strava's own error message only; request bodies (which carry the
client secret and tokens) never reach them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import requests
from stravalib import exc as strava_exc

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    ServiceError,
    TemporaryError,
)
from hipcoach_strava.oauth import MISSING_READ_ALL
from hipcoach_strava.ratelimit import RateWatch, retry_hint
from hipcoach_strava.tokens import AUTH_HINT

INACTIVE_APP = (
    "Strava says your API application is inactive (the account that owns it needs an active "
    "Strava subscription): reactivate it at https://www.strava.com/settings/api"
)

BAD_APP = (
    "Strava rejected the API application's client id or secret (STRAVA_CLIENT_ID and "
    "STRAVA_CLIENT_SECRET, [strava] in config.toml, or those saved at sign-in)"
)


def translate(
    error: Exception,
    *,
    action: str,
    refused: str | None,
    rates: RateWatch,
    now: Callable[[], datetime],
) -> HipcoachError:
    """The hipcoach error for a failed call made while ``action`` (e.g. 'reading activities').

    ``refused`` is given for token requests: what a 400/401 from the token endpoint means.
    """
    if isinstance(error, requests.exceptions.InvalidJSONError):
        return ServiceError(f"Strava sent a response that is not JSON while {action}")
    if isinstance(error, strava_exc.Fault):
        return _fault(error, action=action, refused=refused, rates=rates, now=now)
    if isinstance(error, requests.Timeout):
        return TemporaryError(f"Strava did not answer in time while {action}", hint=_NEXT_RUN)
    if isinstance(error, requests.ConnectionError):
        return TemporaryError(f"cannot reach Strava while {action} (network)", hint=_NEXT_RUN)
    return TemporaryError(
        f"the request to Strava failed while {action} ({type(error).__name__})", hint=_NEXT_RUN
    )


_NEXT_RUN = "the next run retries"


def _fault(
    error: strava_exc.Fault,
    *,
    action: str,
    refused: str | None,
    rates: RateWatch,
    now: Callable[[], datetime],
) -> HipcoachError:
    status = _status(error)
    detail = _strava_message(error)
    if isinstance(error, strava_exc.ApplicationInactive):
        # stravalib 2.6: the app's subscription lapsed. Nothing works until the runner
        # reactivates it, like revoked credentials: 77, not a service fault.
        return CredentialsError(INACTIVE_APP)
    if status == 429:
        window = rates.exhausted() or "15-minute"
        return RateLimited(
            f"Strava's {window} rate limit is reached", hint=retry_hint(window, now())
        )
    if status >= 500:
        return TemporaryError(
            f"Strava had a server error ({status}) while {action}", hint=_NEXT_RUN
        )
    if refused is not None and status in (400, 401):
        if "Application" in _error_resources(error):
            return CredentialsError(BAD_APP, hint=f"check them, then {AUTH_HINT}")
        return CredentialsError(f"{refused} ({detail})", hint=AUTH_HINT)
    if status == 401:
        if "activity:read_permission" in str(error):
            return CredentialsError(MISSING_READ_ALL, hint=AUTH_HINT)
        return CredentialsError(
            f"Strava rejected the access token while {action} ({detail})", hint=AUTH_HINT
        )
    if status == 403:
        return ServiceError(f"Strava refused access while {action}: {detail}")
    return ServiceError(f"Strava answered {status} while {action}: {detail}")


def _status(error: strava_exc.Fault) -> int:
    response = error.response
    return response.status_code if response is not None else 0


def _body(error: strava_exc.Fault) -> dict[str, Any]:
    try:
        body = error.response.json() if error.response is not None else None
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _error_resources(error: strava_exc.Fault) -> set[str]:
    """The ``resource`` of each entry in Strava's ``errors`` list ('Application', …)."""
    entries = _body(error).get("errors")
    if not isinstance(entries, list):
        return set()
    return {str(e.get("resource")) for e in entries if isinstance(e, dict)}


def _strava_message(error: strava_exc.Fault) -> str:
    """Strava's own ``message`` field ('Limit of connected athletes exceeded'), or the reason."""
    message = _body(error).get("message")
    if isinstance(message, str):
        return message[:200]
    response = error.response
    if response is None:
        return "no response"
    return f"{response.status_code} {response.reason or ''}".strip()
