"""Strava's OAuth redirect: reading it, checking it, and receiving it on 127.0.0.1.

After the athlete approves, Strava sends the browser to the redirect URI with ``code``,
``scope`` and the ``state`` hipcoach generated (or ``error=access_denied``). The state proves
the redirect answers this sign-in and not an old or forged link; the scope shows what the
athlete actually granted, because the consent page lets them untick boxes (Strava: "apps
should check which scopes a user has accepted").
"""

from __future__ import annotations

import hmac
import html
import logging
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from socketserver import TCPServer
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from hipcoach import redact
from hipcoach.errors import CredentialsError, TemporaryError, UsageError
from hipcoach_strava.tokens import AUTH_HINT

if TYPE_CHECKING:
    from stravalib.protocol import Scope

log = logging.getLogger(__name__)

REQUESTED_SCOPES: list[Scope] = ["read", "activity:read_all"]
REQUIRED_SCOPE = "activity:read_all"
CALLBACK_PATH = "/callback"
#: for --no-browser: nothing listens there; the athlete copies the URL the browser shows
PASTE_REDIRECT_URI = "http://127.0.0.1/callback"
AGAIN_HINT = f"{AUTH_HINT} again"
MISSING_READ_ALL = (
    "the Strava sign-in lacks permission to read all activities (activity:read_all); "
    "without it private runs vanish from your mileage"
)


@dataclass(frozen=True)
class Redirect:
    """What came back from Strava's consent page."""

    code: str | None = field(default=None, repr=False)
    state: str | None = field(default=None, repr=False)
    scope: str | None = None
    error: str | None = None
    #: False when only a bare code was pasted: then state and scope cannot be checked
    full: bool = True


@dataclass(frozen=True)
class Grant:
    """An authorization code that passed the checks, and the scope granted (None: unknown)."""

    code: str = field(repr=False)
    scope: str | None


def redirect_from_query(query: str) -> Redirect:
    """The redirect's query string (``code=…&scope=…&state=…``) parsed."""
    params = parse_qs(query)

    def first(key: str) -> str | None:
        values = params.get(key)
        return values[0] if values else None

    redirect = Redirect(
        code=first("code"), state=first("state"), scope=first("scope"), error=first("error")
    )
    redact.register(redirect.code)
    return redirect


def parse_pasted(text: str) -> Redirect:
    """A pasted redirect URL (or its query), or a bare authorization code."""
    text = text.strip()
    if "?" in text:
        return redirect_from_query(urlsplit(text).query)
    if "=" in text:
        return redirect_from_query(text)
    redact.register(text)
    return Redirect(code=text or None, full=False)


def accept(redirect: Redirect, expected_state: str) -> Grant:
    """The grant in ``redirect``; CredentialsError for a denial, a wrong state or scope."""
    if redirect.error == "access_denied":
        raise CredentialsError("Strava access was denied on the consent page", hint=AGAIN_HINT)
    if redirect.error:
        raise CredentialsError(f"Strava's sign-in failed ({redirect.error[:80]})", hint=AGAIN_HINT)
    if redirect.full:
        if not hmac.compare_digest((redirect.state or "").encode(), expected_state.encode()):
            raise CredentialsError(
                "the redirect does not belong to this sign-in (state mismatch)",
                hint=f"{AGAIN_HINT} and use the newest link",
            )
        granted = {s for s in (redirect.scope or "").split(",") if s}
        if REQUIRED_SCOPE not in granted:
            raise CredentialsError(
                f"{MISSING_READ_ALL} (granted: {', '.join(sorted(granted)) or 'nothing'})",
                hint=f"{AGAIN_HINT} and leave 'View data about your private activities' ticked",
            )
    if not redirect.code:
        raise CredentialsError("the redirect carries no authorization code", hint=AGAIN_HINT)
    return Grant(code=redirect.code, scope=redirect.scope)


class _Server(TCPServer):
    # TCPServer, not HTTPServer: HTTPServer.server_bind does a reverse DNS lookup (getfqdn).
    allow_reuse_address = True
    expected_state: str
    outcome: Grant | CredentialsError | None = None


class _Handler(BaseHTTPRequestHandler):
    """Answers one browser redirect; anything else (a favicon) gets a 404."""

    server: _Server
    #: seconds a connected client may take to send its request (browsers open idle
    #: speculative connections; one of those must not hold up the real redirect for long)
    timeout = 5

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH:
            self._reply(404, "This is not the hipcoach sign-in address.")
            return
        redirect = redirect_from_query(parts.query)
        if not hmac.compare_digest(
            (redirect.state or "").encode(), self.server.expected_state.encode()
        ):
            # A stale tab or a stranger's request: refuse it, but keep waiting for the
            # redirect that belongs to this sign-in.
            self._reply(400, "This answer does not belong to the current sign-in.")
            return
        try:
            grant = accept(redirect, self.server.expected_state)
        except CredentialsError as exc:
            self.server.outcome = exc
            self._reply(400, f"hipcoach could not sign in: {exc}. Return to the terminal.")
            return
        self.server.outcome = grant
        self._reply(200, "hipcoach received Strava's answer. You can close this tab.")

    def _reply(self, status: int, text: str) -> None:
        body = (
            "<!doctype html><meta charset='utf-8'><title>hipcoach</title>"
            f"<p>{html.escape(text)}</p>"
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        # The default writes the request line (with the code) to stderr; log only the path.
        log.debug("sign-in callback: %s", urlsplit(self.path).path)


class CallbackServer:
    """A one-shot HTTP server on 127.0.0.1 that waits for Strava's redirect."""

    def __init__(self, expected_state: str, port: int = 0) -> None:
        try:
            self._server = _Server(("127.0.0.1", port), _Handler)
        except OSError as exc:
            raise UsageError(
                f"cannot listen on 127.0.0.1:{port} for Strava's redirect: {exc.strerror}",
                hint="choose another --port, or use --no-browser",
            ) from None
        self._server.expected_state = expected_state

    @property
    def redirect_uri(self) -> str:
        """The URI to give Strava, with the port actually bound."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{CALLBACK_PATH}"

    def wait(self, timeout: float) -> Grant:
        """The grant from the first redirect; CredentialsError or TemporaryError otherwise."""
        deadline = time.monotonic() + timeout
        while self._server.outcome is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TemporaryError(
                    f"no answer from Strava's sign-in page within {timeout:.0f} s",
                    hint=f"{AGAIN_HINT}, or use --no-browser to paste the code",
                )
            self._server.timeout = remaining
            self._server.handle_request()
        if isinstance(self._server.outcome, CredentialsError):
            raise self._server.outcome
        return self._server.outcome

    def close(self) -> None:
        """Stop listening."""
        self._server.server_close()

    def __enter__(self) -> CallbackServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
