"""End to end through the CLI: the Strava plugin discovered by entry point, the run cache,
incremental pulls, failures that leave the cache intact, and no secret in any output."""

from __future__ import annotations

import json
import math
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from hipcoach.errors import ExitCode
from hipcoach.state import open_state
from tests.strava.conftest import (
    ACTIVITIES_URL,
    CLIENT_ID,
    CLIENT_SECRET,
    ENV_REFRESH,
    NEW_REFRESH,
    NOW_EPOCH,
    TOKEN_URL,
    assert_no_secrets,
    history,
    token_reply,
)

HEADLESS = {
    "STRAVA_CLIENT_ID": CLIENT_ID,
    "STRAVA_CLIENT_SECRET": CLIENT_SECRET,
    "STRAVA_REFRESH_TOKEN": ENV_REFRESH,
}
FIRST_DAY = datetime(2025, 6, 1, 7, tzinfo=UTC)


def fresh_token(**kwargs):
    """A token answer valid for six hours from the real clock the CLI runs on."""
    return token_reply(expires_in=int(time.time()) - NOW_EPOCH + 21600, **kwargs)


def pages(strava, items, per_page=200):
    for start in range(0, len(items) + 1, per_page):
        strava.get(ACTIVITIES_URL, json=items[start : start + per_page])
        if len(items[start : start + per_page]) < per_page:
            break


def query(call):
    return {k: v[0] for k, v in parse_qs(urlparse(call.request.url).query).items()}


def cached(home):
    return open_state(home / "state.db").cached_runs()


def test_headless_first_import_then_incremental_with_rotation(cli, home, strava, monkeypatch):
    for name, value in HEADLESS.items():
        monkeypatch.setenv(name, value)
    items = history(450, FIRST_DAY)
    strava.post(TOKEN_URL, json=fresh_token())
    pages(strava, items)
    first = cli("-vv", "runs", "--json", "--weeks", "520", "--since", "2025-05-01")
    assert first.exit_code == 0, first.output
    assert len(strava.calls) == 1 + math.ceil(450 / 200), [c.request.url for c in strava.calls]
    assert all(query(c)["per_page"] == "200" for c in strava.calls[1:])
    assert [query(c)["page"] for c in strava.calls[1:]] == ["1", "2", "3"]
    assert len(json.loads(first.stdout)["runs"]) == 450
    token_file = home / "tokens" / "strava.json"
    assert json.loads(token_file.read_text())["refresh_token"] == NEW_REFRESH
    assert_no_secrets(first.stdout, first.stderr)

    # Next night: one refresh with the rotated token (not the stale variable), one GET from
    # the newest cached run minus the overlap, and an edited run re-tagged as a long run.
    saved = json.loads(token_file.read_text())
    token_file.write_text(
        json.dumps(saved | {"expires_at": int(time.time()) - 3600})
    )  # a night later
    strava.calls.reset()
    edited = dict(items[-1], workout_type=2)
    strava.post(TOKEN_URL, json=fresh_token(access="access-3-xxxxxxxx", refresh="refresh-3-yyyy"))
    strava.get(ACTIVITIES_URL, json=[edited])
    second = cli("runs", "--json", "--weeks", "520")
    assert second.exit_code == 0, second.output
    assert len(strava.calls) == 2
    assert f"refresh_token={NEW_REFRESH}" in strava.calls[0].request.body
    newest = max(r.date for r in cached(home))
    after = datetime.fromtimestamp(int(query(strava.calls[1])["after"]), UTC).date()
    assert after == newest - timedelta(days=3)
    assert json.loads(token_file.read_text())["refresh_token"] == "refresh-3-yyyy"
    kinds = {r.id: r.kind for r in cached(home)}
    assert kinds[str(edited["id"])] == "long"
    assert len(kinds) == 450


@pytest.mark.parametrize(
    ("failure", "code", "words"),
    [
        ({"status": 500}, ExitCode.TEMPFAIL, "server error"),
        ({"status": 429, "json": {"message": "Rate Limit Exceeded"}}, ExitCode.TEMPFAIL, "rate"),
        (
            {"status": 401, "json": {"message": "Authorization Error"}},
            ExitCode.NOPERM,
            "hipcoach auth strava",
        ),
        ({"body": "<html>oops</html>"}, ExitCode.UNAVAILABLE, "not JSON"),
    ],
)
def test_a_failed_pull_leaves_the_cache_intact(
    cli, home, strava, monkeypatch, failure, code, words
):
    for name, value in HEADLESS.items():
        monkeypatch.setenv(name, value)
    strava.post(TOKEN_URL, json=fresh_token())
    strava.get(ACTIVITIES_URL, json=history(3, FIRST_DAY))
    assert cli("runs", "--json", "--since", "2025-05-01").exit_code == 0
    before = cached(home)
    token_file = home / "tokens" / "strava.json"
    saved = json.loads(token_file.read_text())
    token_file.write_text(json.dumps(saved | {"expires_at": int(time.time()) - 3600}))
    strava.calls.reset()
    strava.post(TOKEN_URL, json=fresh_token(access="a-4-zzzzzzzz", refresh="r-4-wwwwwwww"))
    strava.get(ACTIVITIES_URL, **failure)  # made once, whatever the failure
    result = cli("runs", "--json")
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("hipcoach: error")]
    assert len(errors) == 1 and words.lower() in errors[0].lower()
    assert "Traceback" not in result.stderr
    assert cached(home) == before
    assert_no_secrets(result.stderr)


def test_offline_reads_the_cache_without_requests(cli, home, strava, monkeypatch):
    for name, value in HEADLESS.items():
        monkeypatch.setenv(name, value)
    strava.post(TOKEN_URL, json=fresh_token())
    strava.get(ACTIVITIES_URL, json=history(5, FIRST_DAY))
    cli("runs", "--since", "2025-05-01")
    strava.calls.reset()
    result = cli("runs", "--offline", "--json", "--weeks", "520")
    assert len(strava.calls) == 0
    assert len(json.loads(result.stdout)["runs"]) == 5
    assert date.fromisoformat(json.loads(result.stdout)["weeks"][0]["start"]).weekday() == 0
