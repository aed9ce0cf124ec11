"""Fixtures for the Garmin plugin: sessions, a saved token store, offline garminconnect."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date
from pathlib import Path

import garminconnect.client
import pytest
import responses

from hipcoach.config import Config
from hipcoach.home import Home
from hipcoach.models import Session
from hipcoach.plugins.values import PluginContext
from hipcoach.programme.generator import ProgrammeSettings, generate
from hipcoach_garmin.target import GarminTarget

API = "https://connectapi.garmin.com"
SSO = "https://sso.garmin.com"
DI_TOKEN_URL = garminconnect.client.DI_TOKEN_URL
MONDAY = date(2026, 11, 23)
ORIGINAL_HTTP_POST = garminconnect.client.Client._http_post


def fake_jwt(exp: int, tag: str) -> str:
    """An unsigned JWT; ``tag`` makes the token easy to look for in output."""

    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    claims = {"exp": exp, "client_id": "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2", "tag": tag}
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl{tag}"


FAR_FUTURE = 4_102_444_800  # 2100-01-01
ACCESS_TOKEN = fake_jwt(FAR_FUTURE, "accessTOKENvalue")
REFRESH_TOKEN = "refresh-TOKEN-value-0123456789"
TOKENS = {
    "di_token": ACCESS_TOKEN,
    "di_refresh_token": REFRESH_TOKEN,
    "di_client_id": "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2",
}


def session_for(
    level: str = "standard",
    index: int = 0,
    week: int = 1,
    *,
    equipment: tuple[str, ...] = (),
    minutes: int = 30,
) -> Session:
    """A session of the generated programme (week 1 starts on Monday 2026-11-23)."""
    settings = ProgrammeSettings(
        level=level,  # type: ignore[arg-type]
        equipment=frozenset(equipment),
        max_session_minutes=minutes,
    )
    programme = generate(settings, MONDAY, weeks=week)
    return programme.weeks[week - 1].sessions[index]


#: A strong session with room for the extras: a timed, per-side side plank and a step-down.
STRONG_WITH_EXTRAS = {"equipment": ("band", "step"), "minutes": 45}


class SsoTripwire(AssertionError):
    """garminconnect tried to log in or refresh (curl_cffi cannot be mocked)."""


@pytest.fixture(autouse=True)
def _no_sso(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any login or token refresh through ``Client._http_post`` fails (and is recorded)."""
    attempts: list[str] = []

    def refuse(self: object, url: str, **kwargs: object) -> None:
        attempts.append(url)
        raise SsoTripwire(f"garminconnect tried to POST {url}")

    monkeypatch.setattr(garminconnect.client.Client, "_http_post", refuse)
    return attempts


@pytest.fixture
def sso_via_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let garminconnect sign in over plain ``requests`` so ``responses`` can answer."""
    monkeypatch.setattr(garminconnect.client, "HAS_CFFI", False)
    monkeypatch.setattr(garminconnect.client.Client, "_http_post", ORIGINAL_HTTP_POST)


@pytest.fixture
def api() -> Iterator[responses.RequestsMock]:
    """Mocked HTTP; every registered response must be used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def context(home: Path) -> Callable[..., PluginContext]:
    """A plugin context on the test home, with optional env and config."""

    def make(env: dict[str, str] | None = None, config: Config | None = None) -> PluginContext:
        return PluginContext(home=Home(home), config=config or Config(), env=env or {}, tz=UTC)

    return make


@pytest.fixture
def token_file(home: Path) -> Path:
    """A saved token store in the home, as ``hipcoach auth garmin`` leaves it."""
    path = home / "tokens" / "garmin" / "garmin_tokens.json"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(json.dumps(TOKENS), encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def target(token_file: Path) -> GarminTarget:
    """A Garmin target on the saved tokens."""
    return GarminTarget(token_file)
