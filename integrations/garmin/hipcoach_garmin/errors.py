"""Turning garminconnect and requests failures into hipcoach's exceptions.

garminconnect (0.3.20) raises ``GarminConnectConnectionError("API Error <code> - <message>")``
for an HTTP status ≥ 400, with the response attached as ``.response``; its ``connectapi``
re-raises that as ``GarminConnectAuthenticationError`` (401), ``...TooManyRequestsError``
(429), ``...NotFoundError`` (404) or another ``...ConnectionError`` wrapping the first. So
the status is read from the exceptions along the chain (their ``response``, else their
message), and network or JSON errors are found on the chain too. Messages are one line and
never carry a token (the library's messages hold none; bodies are only searched, not shown).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hipcoach.errors import (
    CredentialsError,
    HipcoachError,
    RateLimited,
    ServiceError,
    TemporaryError,
)
from hipcoach_garmin.payload import iter_steps

AUTH_HINT = "run `hipcoach auth garmin`"
_STATUS_RE = re.compile(r"API Error (\d{3})(?: - (.*))?", re.DOTALL)
_DETAIL_LIMIT = 160


def chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions it was raised from, innermost last."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def http_status(exc: BaseException) -> tuple[int, str] | None:
    """The HTTP status of a failed Garmin call and the server's short message, if any."""
    for link in chain(exc):
        response = getattr(link, "response", None)
        status = getattr(response, "status_code", None)
        match = _STATUS_RE.search(str(link))
        if isinstance(status, int) and status >= 400:
            return status, _detail(match, response)
        if match:
            return int(match.group(1)), _detail(match, None)
    return None


def _detail(match: re.Match[str] | None, response: object) -> str:
    """The server's message: garminconnect's (from a JSON body), else a known plain-text one.

    A plain-text body is only searched for "Invalid category", never copied into a message.
    """
    detail = " ".join(((match.group(2) if match else None) or "").split())
    if not detail:
        text = getattr(response, "text", "")
        if isinstance(text, str) and "invalid category" in text[:_DETAIL_LIMIT].lower():
            detail = "Invalid category"
    return detail[:_DETAIL_LIMIT]


def _has(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(link, kinds) for link in chain(exc))


def is_json_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a body that failed to parse as JSON (and nothing else)."""
    import requests

    return isinstance(exc, (json.JSONDecodeError, requests.exceptions.JSONDecodeError))


def invalid_category_error(action: str, payload: dict[str, Any] | None) -> ServiceError:
    """A 400 "Invalid category" reads as a bug report naming the step(s) at fault: those
    whose category is not in garminconnect's exercise catalog, else all."""
    from garminconnect.exercises import CATEGORIES

    steps = [s for s in iter_steps(payload or {}) if "category" in s]
    unknown = [s for s in steps if s["category"] not in CATEGORIES]
    named = ", ".join(
        f"step {s.get('stepOrder')} {s['category']}/{s.get('exerciseName') or '(no name)'}"
        for s in (unknown or steps)
    )
    which = "offending" if unknown else "sent"
    return ServiceError(
        f"Garmin Connect rejected a step's exercise category while {action} "
        f"(Invalid category; {which}: {named or 'none'}). This is a bug in hipcoach's "
        "exercise mapping: please report it with this message"
    )


def _from_status(
    status: int, detail: str, action: str, payload: dict[str, Any] | None
) -> HipcoachError:
    if status == 401:
        return CredentialsError(
            f"Garmin Connect no longer accepts the saved sign-in (HTTP 401) while {action}",
            hint=AUTH_HINT,
        )
    if status == 429:
        return RateLimited(
            f"Garmin Connect is rate-limiting requests (HTTP 429) while {action}; "
            "the next run retries"
        )
    if status >= 500:
        return TemporaryError(f"Garmin Connect failed (HTTP {status}) while {action}")
    if status == 400 and "invalid category" in detail.lower():
        return invalid_category_error(action, payload)
    suffix = f": {detail}" if detail else ""
    return ServiceError(f"Garmin Connect answered HTTP {status} while {action}{suffix}")


def translate(
    exc: BaseException, action: str, payload: dict[str, Any] | None = None
) -> HipcoachError | None:
    """The hipcoach error for a failed Garmin call, or None when ``exc`` is not one."""
    import requests
    from garminconnect import (
        GarminConnectAuthenticationError,
        GarminConnectConnectionError,
        GarminConnectTooManyRequestsError,
    )

    if _has(exc, (GarminConnectAuthenticationError,)):
        return CredentialsError(
            f"Garmin Connect rejected the saved sign-in while {action}", hint=AUTH_HINT
        )
    status = http_status(exc)
    if status is not None:
        return _from_status(*status, action, payload)
    if _has(exc, (GarminConnectTooManyRequestsError,)):
        return _from_status(429, "", action, payload)
    if _has(exc, (json.JSONDecodeError, requests.exceptions.JSONDecodeError)):
        return ServiceError(f"Garmin Connect sent a malformed response while {action}")
    if _has(exc, (requests.RequestException,)):
        return TemporaryError(f"cannot reach Garmin Connect while {action} (network error)")
    if isinstance(exc, GarminConnectConnectionError):
        return ServiceError(f"Garmin Connect failed while {action}")
    return None


class Gone(Exception):
    """The remote object does not exist (HTTP 404), where the caller accepts that."""


@contextmanager
def garmin_errors(
    action: str, payload: dict[str, Any] | None = None, *, missing_ok: bool = False
) -> Iterator[None]:
    """Re-raise Garmin and network failures inside the block as hipcoach errors.

    With ``missing_ok``, a 404 raises :class:`Gone` instead, for idempotent deletes.
    """
    try:
        yield
    except HipcoachError:
        raise
    except Exception as exc:
        status = http_status(exc)
        if missing_ok and status is not None and status[0] == 404:
            raise Gone(action) from exc
        mapped = translate(exc, action, payload)
        if mapped is None:
            raise
        raise mapped from exc
