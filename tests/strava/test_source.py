"""StravaSource.fetch_runs under the real stravalib client, Strava mocked with ``responses``."""

from __future__ import annotations

import json
import logging
import stat
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from responses import matchers

from hipcoach.errors import CredentialsError, ExitCode, ServiceError, TemporaryError
from hipcoach_strava.source import after_epoch
from tests.strava.conftest import (
    ACTIVITIES_URL,
    CLIENT_SECRET,
    CRED_ENV,
    ENV_REFRESH,
    NEW_ACCESS,
    NEW_REFRESH,
    NOW_EPOCH,
    OLD_ACCESS,
    OLD_REFRESH,
    TOKEN_URL,
    assert_no_secrets,
    history,
    refresh_form,
    sample_activities,
    token_reply,
    write_tokens,
)

SINCE = date(2025, 4, 1)
BAD_REFRESH = {
    "message": "Bad Request",
    "errors": [{"resource": "RefreshToken", "field": "refresh_token", "code": "invalid"}],
}


def on_page(page, token=NEW_ACCESS, since=SINCE):
    """Match one GET of the activity list exactly as stravalib 2.6 sends it."""
    return [
        matchers.query_param_matcher({"after": after_epoch(since), "page": page, "per_page": 200}),
        matchers.header_matcher({"Authorization": f"Bearer {token}"}),
    ]


def expect_refresh(strava, refresh=OLD_REFRESH, **reply):
    strava.post(
        TOKEN_URL,
        json=token_reply(**reply),
        match=[matchers.urlencoded_params_matcher(refresh_form(refresh))],
    )


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_nightly_pull_is_one_refresh_and_one_page_and_persists_the_rotation(
    home, strava, source_for
):
    path = write_tokens(home)
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, json=sample_activities(), match=on_page(1))

    runs = list(source_for(CRED_ENV).fetch_runs(SINCE))

    assert len(strava.calls) == 2
    assert len(runs) == 11
    assert round(sum(r.distance_m for r in runs) / 1000, 1) == 139.4
    assert json.loads(path.read_text()) == {
        "access_token": NEW_ACCESS,
        "refresh_token": NEW_REFRESH,
        "expires_at": NOW_EPOCH + 21600,
    }
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_dates_are_the_athletes_local_dates(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(ACTIVITIES_URL, json=sample_activities(), match=on_page(1, OLD_ACCESS))

    runs = {r.id: r for r in source_for(CRED_ENV).fetch_runs(SINCE)}

    # 20:45 in New York is 00:45 UTC the next day: the run belongs to the local date.
    assert runs["14281744120"].date == date(2025, 4, 25)
    assert runs["14287402231"].kind == "race"
    assert runs["14296631875"].kind == "long"
    assert {"14190318452", "14150733310"}.isdisjoint(runs)  # the ride and the gym session


def test_valid_access_token_skips_the_refresh(home, strava, source_for):
    path = write_tokens(home, expires_at=NOW_EPOCH + 301)
    before = path.read_text()
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1, OLD_ACCESS))

    assert list(source_for(CRED_ENV).fetch_runs(SINCE)) == []
    assert len(strava.calls) == 1
    assert path.read_text() == before


def test_token_expiring_within_five_minutes_is_refreshed(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 299)
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1))

    list(source_for(CRED_ENV).fetch_runs(SINCE))
    assert len(strava.calls) == 2


def test_saved_token_wins_over_strava_refresh_token(home, strava, source_for):
    write_tokens(home)
    expect_refresh(strava, refresh=OLD_REFRESH)
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1))

    list(source_for({**CRED_ENV, "STRAVA_REFRESH_TOKEN": ENV_REFRESH}).fetch_runs(SINCE))
    assert len(strava.calls) == 2


def test_headless_bootstrap_from_three_variables_creates_the_token_file(home, strava, source_for):
    env = {**CRED_ENV, "STRAVA_REFRESH_TOKEN": ENV_REFRESH}
    path = home / "tokens" / "strava.json"
    expect_refresh(strava, refresh=ENV_REFRESH)
    strava.get(ACTIVITIES_URL, json=sample_activities()[:2], match=on_page(1))

    assert len(list(source_for(env).fetch_runs(SINCE))) == 2

    saved = json.loads(path.read_text())
    assert saved["refresh_token"] == NEW_REFRESH
    assert "client_secret" not in saved  # the environment supplies it
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700

    # The next night: the saved, still valid access token is used; the variable is ignored.
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1, NEW_ACCESS))
    list(source_for(env).fetch_runs(SINCE))
    assert len(strava.calls) == 3


def test_client_credentials_from_config(home, strava, source_for):
    from hipcoach.config import Config

    config = Config.model_validate({"strava": {"client_id": 48213, "client_secret": CLIENT_SECRET}})
    write_tokens(home)
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1))

    list(source_for({}, config).fetch_runs(SINCE))
    assert len(strava.calls) == 2


def test_client_credentials_typed_at_auth_survive_the_rotation(home, strava, source_for):
    path = write_tokens(home, client_id=48213, client_secret=CLIENT_SECRET, scope="read,x")
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, json=[], match=on_page(1))

    list(source_for({}).fetch_runs(SINCE))

    saved = json.loads(path.read_text())
    assert saved["refresh_token"] == NEW_REFRESH
    assert (saved["client_id"], saved["client_secret"], saved["scope"]) == (
        48213,
        CLIENT_SECRET,
        "read,x",
    )


def test_pagination_reads_until_a_short_page(home, strava, source_for):
    since = date(2023, 12, 1)
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    items = history(450, datetime(2023, 12, 1, 7, tzinfo=UTC))  # up to Feb 2025: all past
    for page, chunk in enumerate((items[:200], items[200:400], items[400:]), start=1):
        strava.get(ACTIVITIES_URL, json=chunk, match=on_page(page, OLD_ACCESS, since))

    runs = list(source_for(CRED_ENV).fetch_runs(since))

    assert len(runs) == 450
    assert len(strava.calls) == 3
    queries = [parse_qs(urlsplit(c.request.url).query) for c in strava.calls]
    assert [q["page"] for q in queries] == [["1"], ["2"], ["3"]]
    assert all(q["per_page"] == ["200"] for q in queries)
    # midnight UTC the day before `since`: the extra day covers every time zone
    assert all(q["after"] == ["1701302400"] for q in queries)


def test_a_full_last_page_costs_one_empty_page(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    since = date(2024, 6, 1)
    strava.get(ACTIVITIES_URL, json=history(200), match=on_page(1, OLD_ACCESS, since))
    strava.get(ACTIVITIES_URL, json=[], match=on_page(2, OLD_ACCESS, since))

    assert len(list(source_for(CRED_ENV).fetch_runs(since))) == 200
    assert len(strava.calls) == 2


def test_runs_before_since_are_left_out(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    since = date(2025, 4, 26)
    strava.get(ACTIVITIES_URL, json=sample_activities()[:3], match=on_page(1, OLD_ACCESS, since))

    runs = list(source_for(CRED_ENV).fetch_runs(since))
    assert sorted(r.date for r in runs) == [date(2025, 4, 26), date(2025, 4, 27)]


# -- failures ------------------------------------------------------------------------------


def fetch_error(source, since=SINCE):
    with pytest.raises(Exception) as info:
        list(source.fetch_runs(since))
    return info.value


@pytest.mark.parametrize("status", [400, 401])
def test_revoked_refresh_token_is_77_and_keeps_the_file(home, strava, source_for, status):
    path = write_tokens(home)
    before = path.read_bytes()
    strava.post(TOKEN_URL, status=status, json=BAD_REFRESH)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, CredentialsError)
    assert error.exit_code == ExitCode.NOPERM == 77
    assert "hipcoach auth strava" in str(error)
    assert path.read_bytes() == before
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    assert len(strava.calls) == 1


def test_401_on_read_is_77(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(
        ACTIVITIES_URL,
        status=401,
        json={
            "message": "Authorization Error",
            "errors": [{"resource": "Athlete", "field": "access_token", "code": "invalid"}],
        },
    )
    error = fetch_error(source_for(CRED_ENV))
    assert isinstance(error, CredentialsError) and error.exit_code == 77
    assert "hipcoach auth strava" in str(error)


def test_missing_read_permission_names_activity_read_all(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(
        ACTIVITIES_URL,
        status=401,
        json={
            "message": "Authorization Error",
            "errors": [
                {"resource": "AccessToken", "field": "activity:read_permission", "code": "missing"}
            ],
        },
    )
    error = fetch_error(source_for(CRED_ENV))
    assert isinstance(error, CredentialsError)
    assert "activity:read_all" in str(error) and "private runs" in str(error)


def rate_headers(read_usage, read_limit="100,1000"):
    return {
        "X-RateLimit-Limit": "200,2000",
        "X-RateLimit-Usage": "20,100",
        "X-ReadRateLimit-Limit": read_limit,
        "X-ReadRateLimit-Usage": read_usage,
    }


@pytest.mark.parametrize(
    ("usage", "expected"),
    [
        ("101,300", "15-minute rate limit is reached (try again after 03:15 UTC"),
        ("40,1001", "daily rate limit is reached (try again after midnight UTC (2025-04-29"),
        (None, "15-minute rate limit is reached (try again after 03:15 UTC"),
    ],
)
def test_429_is_75_with_when_to_retry(home, strava, source_for, usage, expected):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    headers = rate_headers(usage) if usage else {}
    strava.get(ACTIVITIES_URL, status=429, json={"message": "Rate Limit Exceeded"}, headers=headers)
    error = fetch_error(source_for(CRED_ENV))
    assert isinstance(error, TemporaryError) and error.exit_code == 75
    assert expected in str(error)
    assert len(strava.calls) == 1


def test_usage_at_the_cap_stops_before_the_request_that_would_fail(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    since = date(2024, 6, 1)
    strava.get(
        ACTIVITIES_URL,
        json=history(200),
        headers=rate_headers("100,500"),
        match=on_page(1, OLD_ACCESS, since),
    )
    runs = []
    with pytest.raises(TemporaryError, match="after 03:15 UTC"):
        for run in source_for(CRED_ENV).fetch_runs(since):
            runs.append(run)
    assert len(runs) == 200  # the first page is kept
    assert len(strava.calls) == 1


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 503, "json": {"message": "Service Unavailable"}},
        {"body": requests.exceptions.ReadTimeout("read timed out")},
        {"body": requests.exceptions.ConnectionError("connection reset")},
    ],
    ids=["503", "timeout", "connection"],
)
def test_trouble_is_75_after_one_request(home, strava, source_for, failure):
    """A 5xx, a timeout or a dropped connection ends the night (exit 75): the request is not
    made again (the next night carries on); no back-off in cron."""
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(ACTIVITIES_URL, **failure)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, TemporaryError) and error.exit_code == 75
    assert len(strava.calls) == 1


def test_a_failed_refresh_is_not_sent_again(home, strava, source_for):
    write_tokens(home)
    strava.post(TOKEN_URL, status=503)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, TemporaryError) and error.exit_code == 75
    assert len(strava.calls) == 1


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ({"body": "<html>maintenance</html>", "content_type": "text/html"}, "not JSON"),
        ({"json": {"activities": []}}, "not a list"),
    ],
    ids=["html", "object"],
)
def test_malformed_activity_pages_are_69(home, strava, source_for, reply, expected):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    strava.get(ACTIVITIES_URL, **reply)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, ServiceError) and error.exit_code == 69
    assert expected in str(error)
    assert len(strava.calls) == 1


def unusable(**changes):  # type: ignore[no-untyped-def]
    item = sample_activities()[0] | {"id": 70 + len(changes), "name": "Odd"}
    return {**item, **changes}


@pytest.mark.parametrize(
    ("item", "ident", "reason"),
    [
        (unusable(distance=None), "activity 71 (Odd)", "no distance"),
        ({"id": 78, "sport_type": "Run", "start_date_local": "x"}, "activity 78", "not a date"),
        ("not an object", "item 0 of page 1", "not a JSON object"),
        (unusable(distance=float("nan")), "activity 71 (Odd)", "not a finite number"),
        (unusable(distance=300_001.0), "activity 71 (Odd)", "over 300 km"),
        (unusable(distance=-1.0), "activity 71 (Odd)", "negative"),
        (unusable(start_date_local="1989-12-31T08:00:00Z"), "activity 71", "before 1990"),
        (unusable(start_date_local="2025-04-30T08:00:00Z"), "activity 71", "in the future"),
        (unusable(distance=10_000.0, moving_time=1_560), "activity 72", "faster than the world"),
        (unusable(distance=12_400.0, moving_time=1_910), "activity 72", "2:34 min/km over 12.4"),
        (unusable(moving_time=2**64), "activity 71", "over a week"),
        (unusable(workout_type=2**64), "activity 71", "workout_type 18446744073709551616"),
        (unusable(id=2**64), "activity 18446744073709551616", "out of the 64-bit range"),
    ],
)
def test_one_unusable_activity_is_skipped_and_named_never_blocking_the_others(
    home, strava, source_for, item, ident, reason
):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    good = sample_activities()
    strava.get(ACTIVITIES_URL, json=[item, *good], match=on_page(1, OLD_ACCESS))
    pages = list(source_for(CRED_ENV).fetch_pages(SINCE))  # "today" is 2025-04-28

    assert len(pages) == 1 and len(pages[0].runs) == 11
    [skipped] = pages[0].skipped
    assert skipped.ident.startswith(ident) and reason in skipped.reason, skipped


def test_plausible_edges_are_kept(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    edges = [
        unusable(id=1, distance=300_000.0, moving_time=200_000),
        unusable(id=2, distance=999.0, moving_time=60),  # fast, but under a kilometre
        unusable(id=3, distance=10_000.0, moving_time=1_571),  # the 10,000 m record, 26:11
        unusable(id=4, start_date_local="2025-04-28T23:00:00Z"),  # today, late
        unusable(id=5, distance=5_000.0, moving_time=None),  # pace unknown
    ]
    strava.get(ACTIVITIES_URL, json=edges, match=on_page(1, OLD_ACCESS))
    [page] = list(source_for(CRED_ENV).fetch_pages(SINCE))
    assert sorted(r.id for r in page.runs) == ["1", "2", "3", "4", "5"] and not page.skipped


@pytest.mark.parametrize(
    "reply",
    [
        {"json": {"access_token": NEW_ACCESS, "expires_at": 1}},
        {"json": {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH, "expires_at": "x"}},
        {"json": ["nope"]},
        {"body": "not json"},
    ],
    ids=["no-refresh", "bad-expiry", "list", "text"],
)
def test_malformed_token_answer_is_69_and_keeps_the_file(home, strava, source_for, reply):
    path = write_tokens(home)
    before = path.read_bytes()
    strava.post(TOKEN_URL, **reply)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, ServiceError) and error.exit_code == 69
    assert path.read_bytes() == before
    assert len(strava.calls) == 1


def test_403_is_a_clear_69(home, strava, source_for):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    body = {"message": "Limit of connected athletes exceeded", "errors": []}
    strava.get(ACTIVITIES_URL, status=403, json=body)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, ServiceError) and error.exit_code == 69
    assert "Limit of connected" in str(error)


INACTIVE_BODY = {
    # stravalib 2.6 raises ApplicationInactive for this answer (its _is_application_inactive).
    "message": "Forbidden",
    "errors": [{"resource": "Application", "field": "Status", "code": "Inactive"}],
}


@pytest.mark.parametrize("when", ["reading activities", "refreshing the token"])
def test_an_inactive_strava_app_is_77_naming_the_settings_page(home, strava, source_for, when):
    from stravalib.exc import ApplicationInactive

    if when == "reading activities":
        write_tokens(home, expires_at=NOW_EPOCH + 3600)
        strava.get(ACTIVITIES_URL, status=403, json=INACTIVE_BODY)
    else:
        write_tokens(home)
        strava.post(TOKEN_URL, status=403, json=INACTIVE_BODY)

    error = fetch_error(source_for(CRED_ENV))

    assert isinstance(error, CredentialsError) and error.exit_code == 77
    assert isinstance(error.__cause__, ApplicationInactive)  # stravalib 2.6 named it
    assert "inactive" in str(error) and "https://www.strava.com/settings/api" in str(error)
    assert "\n" not in str(error)


def test_no_secret_reaches_logs_or_errors(home, strava, source_for, caplog):
    caplog.set_level(logging.DEBUG)
    write_tokens(home)
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, json=history(200), match=on_page(1, since=date(2024, 6, 1)))
    strava.get(ACTIVITIES_URL, status=401, json={"message": "Authorization Error"})

    error = fetch_error(source_for(CRED_ENV), since=date(2024, 6, 1))

    assert isinstance(error, CredentialsError)
    records = [r.getMessage() for r in caplog.records]
    assert any("refreshing the access token" in m for m in records)
    assert_no_secrets(caplog.text, *records, str(error), repr(error.__cause__))


def test_the_rotation_is_saved_even_when_the_read_then_fails(home, strava, source_for):
    path = write_tokens(home)
    expect_refresh(strava)
    strava.get(ACTIVITIES_URL, status=500)

    assert isinstance(fetch_error(source_for(CRED_ENV)), TemporaryError)
    assert json.loads(path.read_text())["refresh_token"] == NEW_REFRESH


def test_a_wrong_client_secret_is_77_and_says_so(home, strava, source_for):
    write_tokens(home)
    strava.post(
        TOKEN_URL,
        status=401,
        json={
            "message": "Authorization Error",
            "errors": [{"resource": "Application", "field": "", "code": "invalid"}],
        },
    )
    error = fetch_error(source_for(CRED_ENV))
    assert isinstance(error, CredentialsError)
    assert "client id or secret" in str(error)


@pytest.mark.parametrize("resume", ["0", "x2", "2.5"])
def test_a_resume_point_strava_never_gave_is_a_clear_error(home, strava, source_for, resume):
    write_tokens(home, expires_at=NOW_EPOCH + 3600)
    with pytest.raises(ServiceError, match=f"cannot resume the Strava import at '{resume}'"):
        list(source_for(CRED_ENV).fetch_pages(SINCE, resume=resume))
    assert len(strava.calls) == 0
