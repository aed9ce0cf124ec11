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


def test_prompts_for_email_and_hidden_password(cli, home: Path, api) -> None:
    sign_in_page(api)
    api.post(MOBILE_LOGIN, json=SUCCESS, match=[matchers.json_params_matcher(LOGIN_BODY)])
    grant_tokens(api)
    result = cli("auth", "garmin", input=f"{EMAIL}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


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
