"""Where the Strava API application's client id and secret and the refresh token come from.

Client id and secret: the environment (``STRAVA_CLIENT_ID``, ``STRAVA_CLIENT_SECRET``), else
``[strava]`` in config.toml, else the token file (when they were typed at ``auth``), each
field on its own. Refresh token: the token file, else ``STRAVA_REFRESH_TOKEN``. The file wins
because Strava rotates refresh tokens: once hipcoach has refreshed, the variable is stale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hipcoach import redact
from hipcoach.errors import ConfigError

if TYPE_CHECKING:
    from hipcoach.config import Config
    from hipcoach_strava.tokens import TokenSet

CLIENT_ID_ENV = "STRAVA_CLIENT_ID"
CLIENT_SECRET_ENV = "STRAVA_CLIENT_SECRET"
REFRESH_TOKEN_ENV = "STRAVA_REFRESH_TOKEN"
SETTINGS_URL = "https://www.strava.com/settings/api"


@dataclass(frozen=True)
class AppCredentials:
    """The Strava API application: its numeric client id and its secret."""

    client_id: int
    client_secret: str = field(repr=False)


def parse_client_id(value: str | int, origin: str) -> int:
    """A client id as an integer; ConfigError naming ``origin`` otherwise."""
    if isinstance(value, int):
        return value
    text = value.strip()
    if not text.isdigit():
        # The value is not echoed: a pasted secret in the wrong place must not be printed.
        raise ConfigError(
            f"{origin} must be the numeric Client ID shown at {SETTINGS_URL}",
        )
    return int(text)


def resolve_client_id(
    env: Mapping[str, str], config: Config, tokens: TokenSet | None
) -> int | None:
    """The client id from the first place that has one."""
    if env.get(CLIENT_ID_ENV, "").strip():
        return parse_client_id(env[CLIENT_ID_ENV], CLIENT_ID_ENV)
    if config.strava.client_id is not None:
        return config.strava.client_id
    return tokens.client_id if tokens else None


def resolve_client_secret(
    env: Mapping[str, str], config: Config, tokens: TokenSet | None
) -> str | None:
    """The client secret from the first place that has one."""
    secret = env.get(CLIENT_SECRET_ENV, "").strip()
    if not secret and config.strava.client_secret is not None:
        secret = config.strava.client_secret.get_secret_value().strip()
    if not secret and tokens is not None:
        secret = tokens.client_secret or ""
    redact.register(secret)
    return secret or None


def app_credentials(
    env: Mapping[str, str], config: Config, tokens: TokenSet | None
) -> AppCredentials | None:
    """Both halves of the application credentials, or None when either is missing."""
    client_id = resolve_client_id(env, config, tokens)
    secret = resolve_client_secret(env, config, tokens)
    if client_id is None or secret is None:
        return None
    return AppCredentials(client_id, secret)


def bootstrap_refresh_token(env: Mapping[str, str]) -> str | None:
    """``STRAVA_REFRESH_TOKEN`` (registered for redaction), used only without a token file."""
    token = env.get(REFRESH_TOKEN_ENV, "").strip()
    redact.register(token)
    return token or None
