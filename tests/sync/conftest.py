"""End-to-end sync fixtures: fake Strava and Garmin under the real clients, a signed-in home."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import responses

from tests.fakes.garmin_server import FakeGarmin
from tests.garmin.conftest import (
    TOKENS,
    _no_sso,  # noqa: F401  (autouse: no login, no refresh)
)
from tests.garmin_shapes import garmin_history
from tests.strava_shapes import weekly_history
from tests.sync.runner import MONDAY, Clock

STRAVA_TOKEN_URL = "https://www.strava.com/oauth/token"
STRAVA_ACTIVITIES_URL = "https://www.strava.com/api/v3/athlete/activities"
STRAVA_ENV = {
    "STRAVA_CLIENT_ID": "48213",
    "STRAVA_CLIENT_SECRET": "sync-client-secret-123456",
    "STRAVA_REFRESH_TOKEN": "sync-refresh-token-abcdef",
}


def last_monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday() + 7)


class FakeStrava:
    """A token endpoint that rotates, and an activities endpoint serving ``activities``."""

    def __init__(self) -> None:
        self.activities = weekly_history(last_monday(), 6)
        self.rotation = 0
        #: page number → items, instead of ``activities`` on page 1
        self.pages: dict[int, list[dict]] | None = None

    def register(self, mock: responses.RequestsMock) -> None:
        mock.add_callback("POST", STRAVA_TOKEN_URL, callback=self._token)
        mock.add_callback("GET", STRAVA_ACTIVITIES_URL, callback=self._activities)

    def _token(self, request):  # type: ignore[no-untyped-def]
        self.rotation += 1
        body = {
            "token_type": "Bearer",
            "access_token": f"sync-access-{self.rotation}-zzzzzz",
            "refresh_token": f"sync-refresh-{self.rotation}-yyyyyy",
            "expires_at": int(time.time()) + 21600,
            "expires_in": 21600,
        }
        return 200, {}, json.dumps(body)

    def _activities(self, request):  # type: ignore[no-untyped-def]
        page = int(request.params.get("page", 1)) if hasattr(request, "params") else 1
        if self.pages is not None:
            return 200, {}, json.dumps(self.pages.get(page, []))
        return 200, {}, json.dumps(self.activities if page == 1 else [])


@pytest.fixture
def garmin_tokens(home):  # type: ignore[no-untyped-def]
    path = home / "tokens" / "garmin" / "garmin_tokens.json"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(json.dumps(TOKENS))
    path.chmod(0o600)
    return path


@pytest.fixture
def services(
    monkeypatch, garmin_tokens
) -> Iterator[tuple[FakeStrava, FakeGarmin, responses.RequestsMock]]:  # type: ignore[no-untyped-def]
    for name, value in STRAVA_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("time.sleep", lambda seconds: None)  # bounded retries, no waiting
    strava, garmin = FakeStrava(), FakeGarmin()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        strava.register(mock)
        garmin.register(mock)
        yield strava, garmin, mock


@pytest.fixture
def clock(monkeypatch) -> Clock:  # type: ignore[no-untyped-def]
    """The runner's day (from the Monday the programme starts), moved by the test."""
    now = Clock(MONDAY)
    monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: now.day)
    return now


@pytest.fixture
def watch(garmin_tokens) -> Iterator[FakeGarmin]:  # type: ignore[no-untyped-def]
    """A Garmin-only runner's Garmin Connect: six weeks of runs before the programme."""
    fake = FakeGarmin()
    fake.activities = garmin_history(MONDAY - timedelta(weeks=1), 6)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.register(mock)
        yield fake
