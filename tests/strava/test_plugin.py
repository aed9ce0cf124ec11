"""The plugin's configuration rules, its token file, and its light import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from hipcoach.config import Config
from hipcoach.errors import CannotWrite, ConfigError, CredentialsError
from hipcoach_strava import StravaIntegration
from hipcoach_strava.ratelimit import retry_after
from hipcoach_strava.tokens import TokenSet, load_tokens, save_tokens
from tests.conftest import load_json
from tests.strava.conftest import (
    CLIENT_SECRET,
    CRED_ENV,
    ENV_REFRESH,
    OLD_REFRESH,
    make_context,
    write_tokens,
)


def source(home, env=None, config=None):
    return StravaIntegration().activity_source(make_context(home, env, config))


@pytest.mark.parametrize(
    "env",
    [
        {},
        CRED_ENV,
        {"STRAVA_REFRESH_TOKEN": ENV_REFRESH},
        {"STRAVA_CLIENT_ID": "48213", "STRAVA_REFRESH_TOKEN": ENV_REFRESH},
    ],
    ids=["nothing", "no-refresh-token", "no-app", "no-secret"],
)
def test_not_configured_is_none(home, env):
    assert source(home, env) is None


def test_configured_from_env_alone(home):
    assert source(home, {**CRED_ENV, "STRAVA_REFRESH_TOKEN": ENV_REFRESH}) is not None


def test_configured_from_token_file_and_config(home):
    write_tokens(home)
    config = Config.model_validate({"strava": {"client_id": 1, "client_secret": CLIENT_SECRET}})
    assert source(home, {}, config) is not None


def test_saved_tokens_without_app_credentials_warn(home, caplog):
    write_tokens(home)
    assert source(home, {}) is None
    assert "STRAVA_CLIENT_ID" in caplog.text


@pytest.mark.parametrize(
    "content",
    ["{broken", "[]", '{"access_token": "a"}', '{"refresh_token": "r", "expires_at": true}'],
)
def test_an_unusable_token_file_is_77(home, content):
    path = write_tokens(home)
    path.write_text(content)
    with pytest.raises(CredentialsError) as info:
        source(home, CRED_ENV)
    assert info.value.exit_code == 77
    assert str(path) in str(info.value) and "hipcoach auth strava" in str(info.value)


def test_a_non_numeric_client_id_is_78_without_echoing_it(home):
    with pytest.raises(ConfigError) as info:
        source(home, {**CRED_ENV, "STRAVA_CLIENT_ID": "oops-pasted-secret"})
    assert info.value.exit_code == 78
    assert "oops" not in str(info.value) and "STRAVA_CLIENT_ID" in str(info.value)


def test_token_set_repr_hides_secrets():
    tokens = TokenSet(OLD_REFRESH, "access-xyzxyzxyz", 5, client_secret=CLIENT_SECRET)
    assert OLD_REFRESH not in repr(tokens) and CLIENT_SECRET not in repr(tokens)


def test_a_failed_save_leaves_the_old_file_whole(home, monkeypatch):
    path = write_tokens(home)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(CannotWrite, match="cannot save the Strava tokens"):
        save_tokens(path, TokenSet("refresh-newer-value", "access-newer-value", 9))
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == ["strava.json"]
    assert load_tokens(path).refresh_token == OLD_REFRESH


@pytest.mark.parametrize(
    ("now", "window", "expected"),
    [
        (datetime(2025, 4, 28, 3, 59, 59, tzinfo=UTC), "15-minute", datetime(2025, 4, 28, 4, 0)),
        (datetime(2025, 4, 28, 3, 0, tzinfo=UTC), "15-minute", datetime(2025, 4, 28, 3, 15)),
        (datetime(2025, 12, 31, 23, 50, tzinfo=UTC), "daily", datetime(2026, 1, 1, 0, 0)),
    ],
)
def test_retry_times(now, window, expected):
    assert retry_after(window, now) == expected.replace(tzinfo=UTC)


def test_plugins_lists_strava_as_source_and_auth(cli):
    data = load_json(cli("plugins", "--json"))
    strava = next(p for p in data["plugins"] if p["name"] == "strava")
    assert strava["builtin"] and {"source", "auth"} <= set(strava["provides"])


def test_the_plugin_imports_nothing_heavy(home):
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from hipcoach.config import Config\n"
        "from hipcoach.home import Home\n"
        "from hipcoach.plugins.values import PluginContext\n"
        "from hipcoach_strava import StravaIntegration\n"
        "plugin = StravaIntegration()\n"
        "plugin.auth_command()\n"
        f"ctx = PluginContext(Home(Path({str(home)!r})), Config(), "
        "{'STRAVA_CLIENT_ID': '1', 'STRAVA_CLIENT_SECRET': 'secret-secret', "
        "'STRAVA_REFRESH_TOKEN': 'refresh-refresh'}, None)\n"
        "assert plugin.activity_source(ctx) is not None\n"
        "print(json.dumps([m for m in ('stravalib', 'requests') if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []
