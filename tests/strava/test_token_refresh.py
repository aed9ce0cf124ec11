"""hipcoach is the only one that refreshes the Strava token (issue 12, item 9): stravalib never
refreshes behind its back, a fresh token is used rather than refreshed again, and two runs
refreshing at once leave a good token file (the later one uses it; never exit 77 for it)."""

from __future__ import annotations

import fcntl
import json
from datetime import date

import pytest
from responses import matchers

from hipcoach.errors import CredentialsError, ExitCode, TemporaryError
from tests.strava.conftest import (
    ACTIVITIES_URL,
    CRED_ENV,
    NEW_ACCESS,
    NEW_REFRESH,
    NOW_EPOCH,
    OLD_REFRESH,
    TOKEN_URL,
    history,
    refresh_form,
    token_reply,
    write_tokens,
)
from tests.strava.test_source import BAD_REFRESH, SINCE, on_page


def methods(strava) -> list[str]:  # type: ignore[no-untyped-def]
    return [call.request.method for call in strava.calls]


def test_a_short_lived_token_is_refreshed_once_by_hipcoach_only(home, strava, source_for):
    path = write_tokens(home)  # expired
    strava.post(
        TOKEN_URL,
        json=token_reply(expires_in=100),  # shorter than hipcoach's five-minute margin
        match=[matchers.urlencoded_params_matcher(refresh_form(OLD_REFRESH))],
    )
    since = date(2024, 6, 1)
    strava.get(ACTIVITIES_URL, json=history(200), match=on_page(1, NEW_ACCESS, since))
    strava.get(ACTIVITIES_URL, json=[], match=on_page(2, NEW_ACCESS, since))

    runs = list(source_for(CRED_ENV).fetch_runs(since))

    assert methods(strava) == ["POST", "GET", "GET"]  # one refresh for both pages
    assert len(runs) == 200
    saved = json.loads(path.read_text())
    assert (saved["access_token"], saved["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)


def test_stravalib_holds_nothing_to_refresh_with(home, strava, source_for, monkeypatch):
    for name, value in CRED_ENV.items():  # what stravalib would read at construction
        monkeypatch.setenv(name, value)
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1, "access-old-aaaaaaaaaaaa", SINCE))
    source = source_for(CRED_ENV)
    list(source.fetch_runs(SINCE))
    protocol = source._api.client.protocol
    assert (protocol.client_id, protocol.client_secret, protocol.refresh_token) == (None,) * 3
    assert methods(strava) == ["GET"]  # a fresh token is used, not refreshed


def test_a_run_that_finds_the_token_refreshed_meanwhile_uses_it(home, strava, source_for):
    path = write_tokens(home)  # both runs start with the same expired tokens
    early, late = source_for(CRED_ENV), source_for(CRED_ENV)
    strava.post(
        TOKEN_URL,
        json=token_reply(),
        match=[matchers.urlencoded_params_matcher(refresh_form(OLD_REFRESH))],
    )
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1, NEW_ACCESS, SINCE))

    list(early.fetch_runs(SINCE))
    list(late.fetch_runs(SINCE))  # its old refresh token is dead: it must not use it

    assert methods(strava) == ["POST", "GET", "GET"]
    assert json.loads(path.read_text())["refresh_token"] == NEW_REFRESH


def test_while_another_run_refreshes_this_one_stops_with_75(home, strava, source_for, monkeypatch):
    write_tokens(home)
    monkeypatch.setattr("hipcoach_strava.source.REFRESH_LOCK_WAIT", 0.2)
    with open(home / "strava-refresh.lock", "w") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        with pytest.raises(TemporaryError, match="another hipcoach is refreshing") as info:
            list(source_for(CRED_ENV).fetch_runs(SINCE))
    assert info.value.exit_code == ExitCode.TEMPFAIL
    assert len(strava.calls) == 0  # no request at all: the other run's refresh is not undone


def test_a_token_file_replaced_during_the_refresh_is_75_not_77(home, strava, source_for):
    path = write_tokens(home)

    def refused_because_rotated(request):  # type: ignore[no-untyped-def]
        # Another run without the lock (an older hipcoach) rotated and saved meanwhile.
        write_tokens(home, access_token="access-other", refresh_token="refresh-other-xyz")
        return 400, {}, json.dumps(BAD_REFRESH)

    strava.add_callback("POST", TOKEN_URL, callback=refused_because_rotated)
    with pytest.raises(TemporaryError, match="replaced") as info:
        list(source_for(CRED_ENV).fetch_runs(SINCE))
    assert info.value.exit_code == ExitCode.TEMPFAIL
    assert json.loads(path.read_text())["refresh_token"] == "refresh-other-xyz"


def test_a_revoked_token_with_the_file_unchanged_is_still_77(home, strava, source_for):
    write_tokens(home)
    strava.post(TOKEN_URL, status=400, json=BAD_REFRESH)
    with pytest.raises(CredentialsError):
        list(source_for(CRED_ENV).fetch_runs(SINCE))
