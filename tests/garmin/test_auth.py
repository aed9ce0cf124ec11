"""``hipcoach auth garmin`` on garminconnect's real sign-in, answered by responses.

garminconnect signs in over curl_cffi, which responses cannot see; ``sso_via_requests`` makes
it fall back to plain requests (its own ``HAS_CFFI`` switch), so the whole flow runs offline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import responses
from click.testing import Result
from garminconnect.client import Client
from responses import matchers

from hipcoach.errors import ExitCode
from tests.garmin.conftest import API, DI_TOKEN_URL, SSO, fake_jwt

pytestmark = pytest.mark.usefixtures("sso_via_requests")

EMAIL = "runner@example.com"
PASSWORD = "correct-horse-battery"
NEW_ACCESS = fake_jwt(4_102_444_800, "signedINtoken")
NEW_REFRESH = "fresh-refresh-token-987654"
MOBILE_SIGNIN = f"{SSO}/mobile/sso/en_US/sign-in"
MOBILE_LOGIN = f"{SSO}/mobile/api/login"
SOCIAL_PROFILE = f"{API}/userprofile-service/socialProfile"
MFA_VERIFY = f"{SSO}/mobile/api/mfa/verifyCode"
PORTAL_SIGNIN = f"{SSO}/portal/sso/en-US/sign-in"
LOGIN_BODY = {"username": EMAIL, "password": PASSWORD, "rememberMe": True, "captchaToken": ""}
SUCCESS = {"responseStatus": {"type": "SUCCESSFUL"}, "serviceTicketId": "ST-1-abc"}


@pytest.fixture(autouse=True)
def _no_login_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """garminconnect waits a few random seconds between loading the sign-in page and posting
    the credentials, as the app's web view does; tests need not wait."""
    import garminconnect.client.sso as sso

    monkeypatch.setattr(sso, "MOBILE_DELAY_MIN_S", 0.0)
    monkeypatch.setattr(sso, "MOBILE_DELAY_MAX_S", 0.0)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone at a terminal (the test runner's stdin is a pipe): prompts are answered from
    the test's input."""
    monkeypatch.setattr("hipcoach.cli.prompts.stdin_is_terminal", lambda: True)


def sign_in_page(api: responses.RequestsMock) -> None:
    """The mobile sign-in page garminconnect loads before posting the credentials."""
    api.get(MOBILE_SIGNIN, body="<html><title>Sign in</title></html>")


def grant_tokens(api: responses.RequestsMock) -> None:
    """The DI token exchange, then garminconnect's check that the API accepts the token."""
    api.post(DI_TOKEN_URL, json={"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH})
    api.get(SOCIAL_PROFILE, json={"displayName": "runner"})


def sign_in(cli: Callable[..., Result], *args: str, **kwargs: object) -> Result:
    env = {"GARMIN_PASSWORD": PASSWORD, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return cli(*args, "auth", "garmin", "--email", EMAIL, env=env, **kwargs)


def test_sign_in_saves_tokens_privately_and_says_where(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS, match=[matchers.json_params_matcher(LOGIN_BODY)])
    grant_tokens(api)
    result = sign_in(cli)
    assert result.exit_code == 0, result.output
    path = home / "tokens" / "garmin" / "garmin_tokens.json"
    assert result.stdout == f"Signed in to Garmin Connect; tokens saved to {path}\n"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["di_token"], saved["di_refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert (home / "tokens").stat().st_mode & 0o777 == 0o700


@pytest.mark.usefixtures("terminal")
def test_prompts_for_email_and_hidden_password(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS, match=[matchers.json_params_matcher(LOGIN_BODY)])
    grant_tokens(api)
    result = cli("auth", "garmin", input=f"{EMAIL}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


@pytest.mark.usefixtures("terminal")
def test_mfa_code_is_prompted_for_and_sent(cli, home: Path, api) -> None:
    mfa = {"type": "MFA_REQUIRED"}
    sign_in_page(api)
    api.post(
        MOBILE_LOGIN,
        json={"responseStatus": mfa, "customerMfaInfo": {"mfaLastMethodUsed": "email"}},
    )
    api.post(MFA_VERIFY, json=SUCCESS)
    grant_tokens(api)
    result = sign_in(cli, input="123456\n")
    assert result.exit_code == 0, result.output
    assert "MFA code" in result.output
    body = json.loads(api.calls[2].request.body)
    assert (body["mfaVerificationCode"], body["mfaMethod"]) == ("123456", "email")
    assert (home / "tokens" / "garmin" / "garmin_tokens.json").exists()


def test_rate_limited_sign_in_exits_75_with_one_line_and_no_retry(cli, home: Path, api) -> None:
    api.get(MOBILE_SIGNIN, status=429)
    api.get(PORTAL_SIGNIN, status=429)
    result = sign_in(cli)
    assert result.exit_code == ExitCode.TEMPFAIL
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "rate-limiting sign-ins" in lines[0] and "few hours" in lines[0]
    # One pass through garminconnect's strategies; hipcoach itself never tries again.
    assert [c.request.url.split("?")[0] for c in api.calls] == [MOBILE_SIGNIN, PORTAL_SIGNIN]
    assert not (home / "tokens").exists()


def test_bad_credentials_exit_77(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json={"responseStatus": {"type": "INVALID_USERNAME_PASSWORD"}})
    result = sign_in(cli)
    assert result.exit_code == ExitCode.NOPERM
    assert "did not accept the sign-in" in result.stderr
    assert "hipcoach auth garmin" in result.stderr
    assert len(api.calls) == 2  # the sign-in page, the credentials: no other strategy tried


def test_tokens_go_to_the_garmintokens_store(cli, home: Path, tmp_path: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS)
    grant_tokens(api)
    store = tmp_path / "elsewhere"
    result = sign_in(cli, env={"GARMINTOKENS": str(store)})
    assert result.exit_code == 0, result.output
    assert str(store / "garmin_tokens.json") in result.stdout
    assert (store / "garmin_tokens.json").stat().st_mode & 0o777 == 0o600
    assert not (home / "tokens").exists()


def test_no_secret_in_any_output_at_debug_verbosity(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS)
    grant_tokens(api)
    result = sign_in(cli, "-vv")
    assert result.exit_code == 0, result.output
    assert "Trying login strategy" in result.stderr  # library debug logs are shown...
    for secret in (PASSWORD, NEW_ACCESS, NEW_REFRESH):
        assert secret not in result.output  # ...but no secret


def test_no_secret_in_failure_output_at_debug_verbosity(cli, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json={"responseStatus": {"type": "INVALID_USERNAME_PASSWORD"}})
    result = sign_in(cli, "-vv")
    assert result.exit_code == ExitCode.NOPERM
    assert PASSWORD not in result.output


def test_a_sign_in_without_api_tokens_is_a_service_error(cli, home, api, monkeypatch) -> None:
    # When Garmin refuses the DI token exchange, garminconnect falls back to a JWT_WEB cookie
    # (over curl_cffi only, which responses cannot reach): stand in for that fallback.
    def cookie_only(self: Client, ticket: str, **kwargs: object) -> None:
        self.jwt_web = "cookie-session-value"

    monkeypatch.setattr(Client, "_establish_session", cookie_only)
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS)
    result = sign_in(cli)
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert "issued no API token" in result.stderr
    assert not (home / "tokens").exists()


# -- headless MFA: stop at the code in one process, finish in another -----------------------
MFA_REQUIRED = {
    "responseStatus": {"type": "MFA_REQUIRED"},
    "customerMfaInfo": {"mfaLastMethodUsed": "email"},
}
SSO_COOKIE = "SSOSESSIONcookie-value-31415"
PENDING = ("tokens", "garmin_mfa_pending.json")


def stop_at_mfa(api: responses.RequestsMock) -> None:
    """Garmin asks for a code; its sign-in session rides on a cookie the code must come with."""
    sign_in_page(api)
    api.post(
        MOBILE_LOGIN,
        json=MFA_REQUIRED,
        headers={"Set-Cookie": f"SESSIONID={SSO_COOKIE}; Domain=sso.garmin.com; Path=/; Secure"},
    )


def test_mfa_in_two_processes(cli, home: Path, api) -> None:
    stop_at_mfa(api)
    started = sign_in(cli, "-vv")  # the test runner's stdin is no terminal: nothing is asked
    assert started.exit_code == 0, started.output
    assert "hipcoach auth garmin --mfa-code CODE" in started.stdout
    assert "MFA code" not in started.stderr  # no prompt was shown
    pending = home.joinpath(*PENDING)
    assert pending.stat().st_mode & 0o777 == 0o600
    assert pending.parent.stat().st_mode & 0o777 == 0o700
    assert not (home / "tokens" / "garmin" / "garmin_tokens.json").exists()
    assert json.loads(pending.read_text())["client_state"]["flow"] == "ios"

    # Another process: nothing of the first is left but the pending file.
    api.post(MFA_VERIFY, json=SUCCESS)
    grant_tokens(api)
    finished = cli("-vv", "auth", "garmin", "--mfa-code", " 654321 ")
    assert finished.exit_code == 0, finished.output
    verify = next(c for c in api.calls if c.request.url.startswith(MFA_VERIFY))
    body = json.loads(verify.request.body)
    assert (body["mfaVerificationCode"], body["mfaMethod"]) == ("654321", "email")
    assert SSO_COOKIE in verify.request.headers["Cookie"]  # the session came with the file
    saved = json.loads((home / "tokens" / "garmin" / "garmin_tokens.json").read_text())
    assert saved["di_token"] == NEW_ACCESS
    assert not pending.exists()  # removed once used
    for result in (started, finished):
        assert SSO_COOKIE not in result.output and PASSWORD not in result.output


@pytest.mark.usefixtures("terminal")
def test_no_prompt_stops_at_mfa_even_at_a_terminal(cli, home: Path, api) -> None:
    stop_at_mfa(api)
    env = {"GARMIN_PASSWORD": PASSWORD}
    result = cli("auth", "garmin", "--email", EMAIL, "--no-prompt", env=env, input="")
    assert result.exit_code == 0, result.output
    assert "--mfa-code CODE" in result.stdout
    assert "MFA code (sent" not in result.output  # nothing was asked
    assert home.joinpath(*PENDING).exists()


def test_a_refused_code_keeps_the_sign_in_for_a_corrected_one(cli, home: Path, api) -> None:
    stop_at_mfa(api)
    assert sign_in(cli).exit_code == 0
    wrong = {"responseStatus": {"type": "INVALID_MFA_CODE"}}
    api.post(MFA_VERIFY, json=wrong)
    api.post(f"{SSO}/portal/api/mfa/verifyCode", json=wrong)
    result = cli("auth", "garmin", "--mfa-code", "000000")
    assert result.exit_code == ExitCode.NOPERM
    (line,) = result.stderr.splitlines()
    assert "did not accept the MFA code" in line and "--mfa-code" in line
    assert home.joinpath(*PENDING).exists()
    api.post(MFA_VERIFY, json=SUCCESS)
    grant_tokens(api)
    assert cli("auth", "garmin", "--mfa-code", "123456").exit_code == 0
    assert not home.joinpath(*PENDING).exists()


def test_a_code_with_no_sign_in_waiting_is_77_in_one_line(cli, home: Path, api) -> None:
    result = cli("auth", "garmin", "--mfa-code", "123456")
    assert result.exit_code == ExitCode.NOPERM
    (line,) = result.stderr.splitlines()
    assert "no Garmin sign-in is waiting" in line and "--no-prompt" in line
    assert len(api.calls) == 0


def test_a_pending_sign_in_is_gone_after_a_day(cli, home: Path, api) -> None:
    import os
    import time

    stop_at_mfa(api)
    assert sign_in(cli).exit_code == 0
    pending = home.joinpath(*PENDING)
    day_ago = time.time() - 24 * 3600 - 1
    os.utime(pending, (day_ago, day_ago))
    result = cli("auth", "garmin", "--mfa-code", "123456")
    assert result.exit_code == ExitCode.NOPERM
    assert "over a day old" in result.stderr
    assert not pending.exists()


def test_a_damaged_or_foreign_pending_state_is_removed(cli, home: Path, api) -> None:
    stop_at_mfa(api)
    assert sign_in(cli).exit_code == 0
    pending = home.joinpath(*PENDING)
    state = json.loads(pending.read_text())
    state["client_state"]["service_url"] = "https://evil.example.com/collect"
    pending.write_text(json.dumps(state))
    result = cli("auth", "garmin", "--mfa-code", "123456")
    assert result.exit_code == ExitCode.NOPERM
    assert "can no longer be finished" in result.stderr
    assert not pending.exists()
    assert not any("evil.example.com" in c.request.url for c in api.calls)


def test_mfa_code_and_email_together_is_a_usage_error(cli) -> None:
    result = cli("auth", "garmin", "--email", EMAIL, "--mfa-code", "123456")
    assert result.exit_code == ExitCode.USAGE


def test_without_a_terminal_the_password_may_come_on_stdin(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS, match=[matchers.json_params_matcher(LOGIN_BODY)])
    grant_tokens(api)
    result = cli("auth", "garmin", "--email", EMAIL, input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


@pytest.mark.parametrize(
    ("args", "missing"),
    [((), "the Garmin Connect email"), (("--email", EMAIL), "the Garmin Connect password")],
)
def test_closed_stdin_never_crashes_nor_warns(home: Path, args, missing) -> None:
    """As under cron or a service manager that closes stdin: Python then has no
    ``sys.stdin`` at all. One line, exit 2, no GetPassWarning, no traceback."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "hipcoach", "--home", str(home), "auth", "garmin", *args]
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" <&-', "sh", *command],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
        timeout=60,
    )
    assert proc.returncode == ExitCode.USAGE, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert missing in line
    assert "GetPassWarning" not in proc.stderr and "Traceback" not in proc.stderr


def test_any_garmin_use_drops_a_sign_in_left_waiting_for_a_day(
    context, home: Path, token_file: Path
) -> None:
    import os
    import time

    from hipcoach_garmin import GarminIntegration, mfa

    path = mfa.keep(context(), {"flow": "ios", "cookies": []})
    GarminIntegration().workout_target(context())
    assert path.exists()  # fresh: kept for --mfa-code
    day_ago = time.time() - 24 * 3600
    os.utime(path, (day_ago, day_ago))
    GarminIntegration().workout_target(context())
    assert not path.exists()


@pytest.mark.usefixtures("terminal")
def test_a_sign_in_at_a_terminal_drops_a_sign_in_left_waiting(cli, home: Path, api) -> None:
    stop_at_mfa(api)
    env = {"GARMIN_PASSWORD": PASSWORD}
    assert cli("auth", "garmin", "--email", EMAIL, "--no-prompt", env=env).exit_code == 0
    assert home.joinpath(*PENDING).exists()
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS)
    grant_tokens(api)
    assert sign_in(cli).exit_code == 0
    assert not home.joinpath(*PENDING).exists()


def test_an_empty_mfa_code_is_a_usage_error(cli, home: Path, api) -> None:
    result = cli("auth", "garmin", "--mfa-code", "  ")
    assert result.exit_code == ExitCode.USAGE
    assert "needs the code" in result.stderr and len(api.calls) == 0


def test_an_empty_email_is_named_not_asked_for(cli, home: Path, api) -> None:
    """``--email ''`` (an unset shell variable in a script) says the email is empty, rather
    than that there was no terminal to ask for one, and signs nothing in."""
    result = cli("auth", "garmin", "--email", "", env={"GARMIN_PASSWORD": PASSWORD})
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("hipcoach: error: --email is empty")
    assert "no terminal" not in result.stderr and len(api.calls) == 0
    assert not (home / "tokens" / "garmin").exists()
