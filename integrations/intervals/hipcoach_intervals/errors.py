"""intervals.icu answers and network failures → hipcoach errors, one clear line each.

Exit codes tell cron what happened (DESIGN, Exit codes): 77 the key no longer works (401 and
403 alike: which of the two a revoked key gets is unverified, ``reference/intervals.md``
"Errors and rate limits"), 75 the next run retries (429, 5xx, a timeout, no network), 69
intervals.icu answered with something unusable. A 429 is never waited out: its
``Retry-After``, when it sends one (undocumented), is only quoted. Messages carry the status,
what hipcoach was doing and intervals.icu's own short ``error`` text, never a request or a
header.
"""

from __future__ import annotations

import json
from typing import Any

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    RemoteNotFound,
    ServiceError,
    TemporaryError,
)
from hipcoach_intervals.tokens import AUTH_HINT

SERVICE = "intervals.icu"
NEXT_RUN = "the next run retries"
_DETAIL_LIMIT = 160


def server_message(body: object) -> str:
    """intervals.icu's ``{"status": ..., "error": "..."}`` text, one short line ('' if none)."""
    if not isinstance(body, dict):
        return ""
    text = body.get("error") or body.get("message")
    if not isinstance(text, str):
        return ""
    return " ".join(text.split())[:_DETAIL_LIMIT]


def _body(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def retry_after(value: str | None) -> str:
    """' (it asks to wait 30 s)' for a Retry-After in seconds, else ''."""
    if value and value.strip().isdigit():
        return f" (it asks to wait {int(value)} s)"
    return ""


def from_status(status: int, text: str, action: str, retry: str | None = None) -> HipcoachError:
    """The error for an HTTP status ≥ 400 answered while ``action``; ``text`` is the body."""
    detail = server_message(_body(text))
    suffix = f": {detail}" if detail else ""
    if status in (401, 403):
        return CredentialsError(
            f"{SERVICE} refused the API key (HTTP {status}) while {action}{suffix}",
            hint=AUTH_HINT,
        )
    if status == 429:
        return RateLimited(
            f"{SERVICE} is rate-limiting requests (HTTP 429) while {action}{retry_after(retry)}",
            hint=NEXT_RUN,
        )
    if status >= 500:
        return TemporaryError(f"{SERVICE} failed (HTTP {status}) while {action}", hint=NEXT_RUN)
    if status == 404:
        return RemoteNotFound(f"{SERVICE} has no such item (HTTP 404) while {action}")
    return ServiceError(f"{SERVICE} answered HTTP {status} while {action}{suffix}")


def from_exception(exc: Exception, action: str) -> HipcoachError:
    """The error for a request that got no answer (requests' exceptions)."""
    import requests

    if isinstance(exc, requests.Timeout):
        return TemporaryError(f"{SERVICE} did not answer in time while {action}", hint=NEXT_RUN)
    if isinstance(exc, requests.ConnectionError):
        return TemporaryError(f"cannot reach {SERVICE} while {action} (network)", hint=NEXT_RUN)
    return TemporaryError(
        f"the request to {SERVICE} failed while {action} ({type(exc).__name__})", hint=NEXT_RUN
    )


def malformed(action: str, what: str = "a response that is not JSON") -> ServiceError:
    """intervals.icu answered, but not with what the API documents."""
    return ServiceError(f"{SERVICE} sent {what} while {action}")
