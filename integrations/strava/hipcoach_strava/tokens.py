"""The Strava token file, ``<home>/tokens/strava.json``.

It holds what cron needs to read runs without a browser: the short-lived access token, the
refresh token (Strava rotates it: every refresh may return a new one and retire the old) and
the access token's expiry as a Unix epoch. When the user typed the API application's client
id and secret at ``hipcoach auth strava`` they are kept here too, so cron needs no environment.

The file is only ever written through :func:`hipcoach.home.write_private` (0600 file in a 0700
directory, atomic replace), so a crash never leaves a half-written token behind.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hipcoach import redact
from hipcoach.errors import CannotWrite, CredentialsError
from hipcoach.home import Home, read_regular_file, write_private

TOKEN_FILE_NAME = "strava.json"
AUTH_HINT = "run `hipcoach auth strava`"


@dataclass(frozen=True)
class TokenSet:
    """The saved Strava credentials. Secrets are kept out of ``repr``."""

    refresh_token: str = field(repr=False)
    access_token: str | None = field(default=None, repr=False)
    #: Unix epoch at which the access token stops working; 0 when unknown
    expires_at: int = 0
    #: the scopes the athlete granted, as Strava's comma-separated list
    scope: str | None = None
    client_id: int | None = None
    client_secret: str | None = field(default=None, repr=False)

    def needs_refresh(self, now: float, margin: int) -> bool:
        """True when there is no access token or it expires within ``margin`` seconds."""
        return not self.access_token or self.expires_at - margin <= now

    def rotated(self, access_token: str, refresh_token: str, expires_at: int) -> TokenSet:
        """A copy carrying the tokens of a refresh (client id, secret and scope kept)."""
        return dataclasses.replace(
            self, access_token=access_token, refresh_token=refresh_token, expires_at=expires_at
        )

    def to_json(self) -> str:
        """The file content; optional fields are left out when unknown."""
        data: dict[str, Any] = {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
        }
        for key in ("scope", "client_id", "client_secret"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return json.dumps(data, indent=2) + "\n"


def token_path(home: Home) -> Path:
    """Where the Strava tokens live in ``home``."""
    return home.tokens_dir / TOKEN_FILE_NAME


def load_tokens(path: Path) -> TokenSet | None:
    """The saved tokens, or None when the file does not exist.

    Every secret read is registered for redaction at once. A file that exists but cannot be
    used is a :class:`CredentialsError`: signing in again rewrites it.
    """
    try:
        raw = read_regular_file(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CredentialsError(f"{path}: cannot read: {exc.strerror}", hint=AUTH_HINT) from None
    try:
        tokens = _parse(json.loads(raw.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise CredentialsError(
            f"{path}: not a usable Strava token file ({_reason(exc)})", hint=AUTH_HINT
        ) from None
    redact.register(tokens.access_token, tokens.refresh_token, tokens.client_secret)
    return tokens


def save_tokens(path: Path, tokens: TokenSet) -> None:
    """Write ``tokens`` atomically as a private file; secrets are registered first."""
    redact.register(tokens.access_token, tokens.refresh_token, tokens.client_secret)
    try:
        write_private(path, tokens.to_json())
    except OSError as exc:
        # Losing a rotated refresh token breaks the next run, so this must not pass quietly.
        raise CannotWrite(
            f"{path}: cannot save the Strava tokens: {exc.strerror}",
            hint=f"make the directory writable, then {AUTH_HINT}",
        ) from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg}"
    return str(exc)


def _parse(data: object) -> TokenSet:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    refresh = data.get("refresh_token")
    if not isinstance(refresh, str) or not refresh:
        raise ValueError("no refresh_token")
    return TokenSet(
        refresh_token=refresh,
        access_token=_optional(data, "access_token", str),
        expires_at=_optional(data, "expires_at", int) or 0,
        scope=_optional(data, "scope", str),
        client_id=_optional(data, "client_id", int),
        client_secret=_optional(data, "client_secret", str),
    )


def _optional(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    # bool is an int subclass; a boolean here is a corrupt file, not an epoch or an id.
    if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{key} is not a {kind.__name__}")
