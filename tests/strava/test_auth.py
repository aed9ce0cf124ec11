"""``hipcoach auth strava`` end to end: a fake browser really calls the 127.0.0.1 callback."""

from __future__ import annotations

import json
import logging
import stat
import threading
import urllib.error
import urllib.request
import webbrowser
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from responses import matchers

from hipcoach.errors import ExitCode
from tests.strava.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    CRED_ENV,
    NEW_ACCESS,
    NEW_REFRESH,
    NOW_EPOCH,
    TOKEN_URL,
    assert_no_secrets,
    make_context,
    token_reply,
)

CODE = "authcode-ffffffffffff"
STATE = "state-for-the-paste-tests"
GRANTED = "read,activity:read_all"


def approve(state):
    return {"state": state, "code": CODE, "scope": GRANTED}


class FakeBrowser:
    """Stands in for ``webbrowser.open``: visits the redirect Strava would send it to."""

    def __init__(self, answer=approve):
        self.answer = answer
        self.opened: list[str] = []
        self.pages: list[tuple[int, str]] = []
        self.threads: list[threading.Thread] = []

    def open(self, url: str) -> bool:
        self.opened.append(url)
        query = parse_qs(urlsplit(url).query)
        params = self.answer(query["state"][0]) if self.answer else None
        if params is not None:
            callback = query["redirect_uri"][0]
            base = callback.rsplit("/", 1)[0]
            visits = params if isinstance(params, list) else [params]
            urls = [f"{base}/favicon.ico", *(f"{callback}?{urlencode(p)}" for p in visits)]
            thread = threading.Thread(target=self._visit, args=(urls,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return True

    def _visit(self, urls: list[str]) -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for url in urls:
            try:
                with opener.open(url, timeout=5) as response:
                    self.pages.append((response.status, response.read().decode()))
            except urllib.error.HTTPError as error:
                self.pages.append((error.code, error.read().decode()))

    def finish(self) -> list[tuple[int, str]]:
        for thread in self.threads:
            thread.join(5)
        return self.pages


@pytest.fixture
def browser(monkeypatch, loopback):
    fake = FakeBrowser()
    monkeypatch.setattr(webbrowser, "open", fake.open)
    return fake


@pytest.fixture
def fixed_state(monkeypatch):
    monkeypatch.setattr(
        "hipcoach_strava.signin.secrets", SimpleNamespace(token_urlsafe=lambda n: STATE)
    )


def expect_exchange(strava, **reply):
    strava.post(
        TOKEN_URL,
        json=token_reply(**reply),
        match=[
            matchers.urlencoded_params_matcher(
                {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "code": CODE,
                    "grant_type": "authorization_code",
                }
            )
        ],
    )


def token_file(home):
    return home / "tokens" / "strava.json"


def no_leaks(result, caplog):
    assert_no_secrets(
        result.stdout, result.stderr, caplog.text, *(r.getMessage() for r in caplog.records)
    )


def test_browser_sign_in_end_to_end(cli, home, strava, browser, caplog):
    expect_exchange(strava)

    result = cli("-vv", "auth", "strava", env=CRED_ENV)

    assert result.exit_code == 0, result.output
    path = token_file(home)
    assert result.stdout.strip() == f"Signed in to Strava; tokens saved to {path}"
    assert json.loads(path.read_text()) == {
        "access_token": NEW_ACCESS,
        "refresh_token": NEW_REFRESH,
        "expires_at": NOW_EPOCH + 21600,
        "scope": GRANTED,
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    query = parse_qs(urlsplit(browser.opened[0]).query)
    assert query["scope"] == [GRANTED]
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert urlsplit(query["redirect_uri"][0]).hostname == "127.0.0.1"
    assert len(query["state"][0]) >= 20
    pages = browser.finish()
    assert [status for status, _ in pages] == [404, 200]
    assert "You can close this tab" in pages[1][1]
    assert len(strava.calls) == 1
    no_leaks(result, caplog)


def test_a_state_mismatch_is_refused_and_the_real_redirect_still_accepted(
    cli, home, strava, browser
):
    browser.answer = lambda state: [
        {**approve(state), "state": "forged-state-value"},
        {"error": "access_denied", "state": "stale-tab-state"},
        approve(state),
    ]
    expect_exchange(strava)

    result = cli("auth", "strava", env=CRED_ENV)

    assert result.exit_code == 0, result.output
    assert [status for status, _ in browser.finish()] == [404, 400, 400, 200]
    assert len(strava.calls) == 1  # only the genuine code was exchanged
    assert token_file(home).exists()


def test_only_forged_redirects_time_out(cli, home, strava, browser):
    browser.answer = lambda state: {**approve(state), "state": "forged-state-value"}

    result = cli("auth", "strava", "--timeout", "1", env=CRED_ENV)

    assert result.exit_code == ExitCode.TEMPFAIL
    assert "Traceback" not in result.stderr
    assert not token_file(home).exists()
    assert browser.finish()[-1][0] == 400
    assert len(strava.calls) == 0


def test_an_unticked_private_activities_box_is_refused(cli, home, strava, browser, caplog):
    browser.answer = lambda state: {**approve(state), "scope": "read,activity:read"}

    result = cli("-vv", "auth", "strava", env=CRED_ENV)

    assert result.exit_code == 77
    assert "activity:read_all" in result.stderr
    assert "private runs vanish" in result.stderr
    assert "View data about your private activities" in result.stderr
    assert not token_file(home).exists()
    assert "could not sign in" in browser.finish()[-1][1]
    no_leaks(result, caplog)


def test_denied_access_is_77(cli, home, strava, browser):
    browser.answer = lambda state: {"state": state, "error": "access_denied"}

    result = cli("auth", "strava", env=CRED_ENV)

    assert result.exit_code == 77
    assert "denied" in result.stderr and "hipcoach auth strava" in result.stderr
    assert not token_file(home).exists()


def test_no_answer_times_out_with_75(cli, home, strava, browser):
    browser.answer = None

    result = cli("auth", "strava", "--timeout", "1", env=CRED_ENV)

    assert result.exit_code == ExitCode.TEMPFAIL
    assert "within 1 s" in result.stderr and "--no-browser" in result.stderr


def test_a_refused_code_exchange_is_77(cli, home, strava, browser, caplog):
    strava.post(
        TOKEN_URL,
        status=400,
        json={
            "message": "Bad Request",
            "errors": [{"resource": "AuthorizationCode", "field": "code", "code": "invalid"}],
        },
    )

    result = cli("-vv", "auth", "strava", env=CRED_ENV)

    assert result.exit_code == 77
    assert "refused the authorization code" in result.stderr
    assert not token_file(home).exists()
    assert len(strava.calls) == 1
    no_leaks(result, caplog)


def paste(state=STATE, scope=GRANTED):
    return f"http://127.0.0.1/callback?{urlencode({'state': state, 'code': CODE, 'scope': scope})}"


def test_no_browser_reads_the_pasted_redirect(cli, home, strava, fixed_state, caplog):
    expect_exchange(strava)

    result = cli("-vv", "auth", "strava", "--no-browser", env=CRED_ENV, input=paste() + "\n")

    assert result.exit_code == 0, result.output
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback" in result.stderr
    assert json.loads(token_file(home).read_text())["scope"] == GRANTED
    no_leaks(result, caplog)


def test_no_browser_checks_the_pasted_state(cli, home, strava, fixed_state):
    result = cli("auth", "strava", "--no-browser", env=CRED_ENV, input=paste(state="old") + "\n")
    assert result.exit_code == 77 and "state mismatch" in result.stderr
    assert len(strava.calls) == 0


def test_no_browser_checks_the_pasted_scope(cli, home, strava, fixed_state):
    result = cli("auth", "strava", "--no-browser", env=CRED_ENV, input=paste(scope="read") + "\n")
    assert result.exit_code == 77 and "activity:read_all" in result.stderr


def test_no_browser_accepts_a_bare_code_with_a_warning(cli, home, strava, fixed_state):
    expect_exchange(strava)

    result = cli("auth", "strava", "--no-browser", env=CRED_ENV, input=CODE + "\n")

    assert result.exit_code == 0, result.output
    assert "cannot be checked" in result.stderr
    assert "scope" not in json.loads(token_file(home).read_text())


def test_typed_credentials_are_saved_for_cron(cli, home, strava, fixed_state, caplog):
    expect_exchange(strava)
    typed = f"{CLIENT_ID}\n{CLIENT_SECRET}\n{paste()}\n"

    result = cli("-vv", "auth", "strava", "--no-browser", input=typed)

    assert result.exit_code == 0, result.output
    saved = json.loads(token_file(home).read_text())
    assert (saved["client_id"], saved["client_secret"]) == (int(CLIENT_ID), CLIENT_SECRET)
    no_leaks(result, caplog)
    # Cron then needs no environment at all.
    from hipcoach_strava import StravaIntegration

    assert StravaIntegration().activity_source(make_context(home)) is not None


def test_reauth_reuses_saved_credentials_and_replaces_a_broken_file(cli, home, strava, fixed_state):
    token_file(home).parent.mkdir(mode=0o700)
    token_file(home).write_text("{not json")
    expect_exchange(strava)

    result = cli("auth", "strava", "--no-browser", env=CRED_ENV, input=paste() + "\n")

    assert result.exit_code == 0, result.output
    assert json.loads(token_file(home).read_text())["refresh_token"] == NEW_REFRESH


def test_auth_help_lists_strava(cli):
    result = cli("auth", "--help")
    assert result.exit_code == 0 and "strava" in result.stdout
    result = cli("auth", "strava", "--help")
    assert result.exit_code == 0 and "--no-browser" in result.stdout


def test_stravalib_logs_no_request_bodies(cli, home, strava, fixed_state, caplog):
    caplog.set_level(logging.DEBUG)
    expect_exchange(strava)
    cli("-vv", "auth", "strava", "--no-browser", env=CRED_ENV, input=paste() + "\n")
    assert CODE not in caplog.text


def test_no_browser_and_nobody_at_a_terminal_fails_at_once(
    cli, home, strava, monkeypatch, loopback
):
    monkeypatch.setattr(webbrowser, "open", lambda url: False)  # no browser on this machine
    # CliRunner's stdin is not a terminal: nobody could open the link by hand
    result = cli("auth", "strava", "--timeout", "300", env=CRED_ENV)

    assert result.exit_code == ExitCode.USAGE
    assert "no browser could be started" in result.stderr and "--no-browser" in result.stderr
    assert "Waiting" not in result.stderr
    assert not token_file(home).exists()
