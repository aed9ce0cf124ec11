"""Fixtures for the Strava integration: API-shaped payloads under the real stravalib client."""

from __future__ import annotations

import _socket
import copy
import json
import socket
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import responses

from hipcoach.config import Config
from hipcoach.home import Home
from hipcoach.plugins.values import PluginContext
from tests.conftest import DATA, NetworkAccessError

TOKEN_URL = "https://www.strava.com/oauth/token"
ACTIVITIES_URL = "https://www.strava.com/api/v3/athlete/activities"

CLIENT_ID = "48213"
CLIENT_SECRET = "csecret-0123456789abcdef"
OLD_ACCESS = "access-old-aaaaaaaaaaaa"
OLD_REFRESH = "refresh-old-bbbbbbbbbbbb"
NEW_ACCESS = "access-new-cccccccccccc"
NEW_REFRESH = "refresh-new-dddddddddddd"
ENV_REFRESH = "refresh-env-eeeeeeeeeeee"
#: every value that must never be printed or logged
SECRETS = (CLIENT_SECRET, OLD_ACCESS, OLD_REFRESH, NEW_ACCESS, NEW_REFRESH, ENV_REFRESH)

#: the fixed "now" of these tests: 2025-04-28 03:07 UTC, the night after the sample's last run
NOW = datetime(2025, 4, 28, 3, 7, tzinfo=UTC)
NOW_EPOCH = int(NOW.timestamp())
CRED_ENV = {"STRAVA_CLIENT_ID": CLIENT_ID, "STRAVA_CLIENT_SECRET": CLIENT_SECRET}
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def sample_activities() -> list[dict[str, Any]]:
    """The 13 API-shaped activities of tests/data (a fresh copy each time)."""
    return json.loads((DATA / "strava-activities-sample.json").read_text(encoding="utf-8"))


def history(count: int, first_day: datetime = datetime(2024, 6, 1, 7, tzinfo=UTC)) -> list[dict]:
    """``count`` runs, one a day from ``first_day``, built from the sample's first run."""
    template = sample_activities()[0]
    items = []
    for n in range(count):
        item = copy.deepcopy(template)
        start = first_day + timedelta(days=n)
        item["id"] = 9_000_000_000 + n
        item["start_date"] = start.strftime("%Y-%m-%dT%H:%M:%SZ")
        item["start_date_local"] = (start - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M:%SZ")
        item["workout_type"] = 0
        items.append(item)
    return items


def token_reply(
    access: str = NEW_ACCESS, refresh: str = NEW_REFRESH, expires_in: int = 21600
) -> dict[str, Any]:
    """Strava's answer to a token POST."""
    return {
        "token_type": "Bearer",
        "access_token": access,
        "refresh_token": refresh,
        "expires_at": NOW_EPOCH + expires_in,
        "expires_in": expires_in,
    }


def refresh_form(refresh: str = OLD_REFRESH) -> dict[str, str]:
    """The form body stravalib posts to refresh ``refresh``."""
    return {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "refresh_token": refresh,
        "grant_type": "refresh_token",
    }


def write_tokens(home: Path, **fields: Any) -> Path:
    """A token file as hipcoach writes it (defaults: old tokens, expired an hour ago)."""
    data: dict[str, Any] = {
        "access_token": OLD_ACCESS,
        "refresh_token": OLD_REFRESH,
        "expires_at": NOW_EPOCH - 3600,
    }
    data.update(fields)
    path = home / "tokens" / "strava.json"
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}))
    path.chmod(0o600)
    return path


def make_context(
    home: Path, env: Mapping[str, str] | None = None, config: Config | None = None
) -> PluginContext:
    """What the core hands an integration."""
    return PluginContext(home=Home(home), config=config or Config(), env=dict(env or {}), tz=UTC)


@pytest.fixture
def strava() -> Iterator[responses.RequestsMock]:
    """Mocked Strava; every registered response must be used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _frozen_stravalib_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """stravalib's own expiry check reads ``time.time()``: give it the tests' fixed clock.

    Without this, tokens that expire "after NOW" look long expired to stravalib and it
    would refresh behind the source's back (in production both read the same clock).
    """
    import stravalib.protocol

    monkeypatch.setattr(stravalib.protocol, "time", SimpleNamespace(time=lambda: NOW_EPOCH))


@pytest.fixture
def source_for(home: Path) -> Callable[..., Any]:
    """``source_for(env)`` → the StravaSource the plugin builds, on the fixed clock."""
    from hipcoach_strava.source import load_source

    def build(env: Mapping[str, str] | None = None, config: Config | None = None) -> Any:
        return load_source(make_context(home, env, config), clock=lambda: NOW_EPOCH)

    return build


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let this test reach 127.0.0.1 (the sign-in callback server) and nothing else."""

    def connect(self: socket.socket, address: Any, *args: Any) -> None:
        if self.family == socket.AF_UNIX or address[0] in LOOPBACK:
            return _socket.socket.connect(self, address, *args)
        raise NetworkAccessError(f"test tried to reach the network: {address!r}")

    def create_connection(address: Any, timeout: Any = None, *args: Any, **kwargs: Any) -> Any:
        if address[0] not in LOOPBACK:
            raise NetworkAccessError(f"test tried to reach the network: {address!r}")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if isinstance(timeout, int | float):
            sock.settimeout(timeout)
        sock.connect(("127.0.0.1", address[1]))
        return sock

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)


def assert_no_secrets(*texts: str) -> None:
    """None of the test secrets appears in any of ``texts``."""
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"a secret leaked: {text[:200]!r}"
