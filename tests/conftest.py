"""Shared fixtures. Nothing in this suite may reach the network."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

# The suite is reproducible: every run draws the same examples (a failure in CI is a real,
# repeatable one, never a fresh draw). `HYPOTHESIS_PROFILE=explore` draws new ones each run.
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


class NetworkAccessError(AssertionError):
    """A test tried to open a real network connection."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tripwire: any real socket connection fails the test (``responses`` never gets here)."""

    def refuse(self: socket.socket, address: Any, *args: Any) -> None:
        if self.family == socket.AF_UNIX:
            return original_connect(self, address, *args)
        raise NetworkAccessError(f"test tried to reach the network: {address!r}")

    original_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(socket.socket(), a))


class LibraryRetried(AssertionError):
    """garminconnect was about to repeat a request (its ``retry_attempts`` back-off)."""


@pytest.fixture(autouse=True)
def _no_library_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """hipcoach builds garminconnect with ``retry_attempts=0``: every request is made once a
    night. The library computes its back-off just before it repeats a request, so any retry
    fails the test here (instead of sleeping)."""
    import garminconnect.api._common as common

    def refuse(attempt: int, obj: object) -> float:
        raise LibraryRetried(f"garminconnect retried a request (attempt {attempt + 1})")

    monkeypatch.setattr(common, "_backoff_delay", refuse)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No credentials or home from the developer's machine leak into a test."""
    for name in (
        "HIPCOACH_HOME",
        "STRAVA_CLIENT_ID",
        "STRAVA_CLIENT_SECRET",
        "STRAVA_REFRESH_TOKEN",
        "GARMINTOKENS",
        "GARMIN_PASSWORD",
        "HIPCOACH_CSV_RUNS",
        "INTERVALS_API_KEY",
        "INTERVALS_ATHLETE_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty hipcoach home."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def cli(home: Path) -> Callable[..., Result]:
    """Run ``hipcoach ARGS`` in-process against the ``home`` fixture."""
    from hipcoach.cli import cli as root

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(
            root,
            ["--home", str(home), *args],
            env=env,
            input=input,
            catch_exceptions=False,
        )

    return run


def write_config(home: Path, text: str) -> Path:
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
