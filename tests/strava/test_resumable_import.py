"""A long Strava import survives its interruptions (issue 12, item 3): every page is kept as
it arrives, an interrupted run exits 75 saying how far it got, and the next run carries on
from the first page it did not read: no page is ever fetched twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest

from hipcoach.errors import ExitCode
from hipcoach.state import open_state
from tests.strava.conftest import ACTIVITIES_URL, TOKEN_URL, history
from tests.strava.test_cli_pull import HEADLESS, fresh_token

SINCE = "2023-11-30"


class PagedStrava:
    """``GET /athlete/activities`` over ``items``, with Strava's read-rate headers: the
    15-minute window allows ``cap`` reads; ``fail`` maps a page to the answer it gets once."""

    def __init__(self, items: list[dict], cap: int = 1000) -> None:
        self.items = items
        self.cap = cap
        self.used = 0
        self.requested: list[int] = []
        self.fail: dict[int, list[tuple[int, dict]]] = {}

    def new_window(self) -> None:
        self.used = 0

    def __call__(self, request):  # type: ignore[no-untyped-def]
        params = {k: v[0] for k, v in parse_qs(urlparse(request.url).query).items()}
        page, per_page = int(params["page"]), int(params["per_page"])
        self.requested.append(page)
        self.used += 1
        headers = {
            "X-ReadRateLimit-Limit": f"{self.cap},3000",
            "X-ReadRateLimit-Usage": f"{self.used},{self.used}",
        }
        if self.fail.get(page):
            status, body = self.fail[page].pop(0)
            return status, headers, json.dumps(body)
        after = datetime.fromtimestamp(int(params["after"]), UTC)
        newer = [a for a in self.items if datetime.fromisoformat(a["start_date"]) > after]
        chunk = newer[(page - 1) * per_page : page * per_page]
        return 200, headers, json.dumps(chunk)


@pytest.fixture
def import_env(monkeypatch, strava):  # type: ignore[no-untyped-def]
    for name, value in HEADLESS.items():
        monkeypatch.setenv(name, value)
    strava.post(TOKEN_URL, json=fresh_token())
    fake = PagedStrava(history(1_050, datetime(2023, 12, 1, 7, tzinfo=UTC)))  # to Oct 2026
    strava.add_callback("GET", ACTIVITIES_URL, callback=fake)
    return fake


def cached_ids(home) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.id for r in open_state(home / "state.db").cached_runs()}


def test_a_rate_capped_import_resumes_where_it_stopped(cli, home, import_env):
    fake = import_env
    fake.cap = 3  # three pages per 15 minutes: the 1,050 runs need two windows
    first = cli("runs", "--json", "--since", SINCE)
    assert first.exit_code == ExitCode.TEMPFAIL, first.output
    [error] = [line for line in first.stderr.splitlines() if "error" in line]
    assert "rate limit" in error and "kept 3 page(s), 600 run(s)" in error
    assert "continues" in error and "page 4" in error
    assert len(cached_ids(home)) == 600  # every page kept as it arrived
    assert fake.requested == [1, 2, 3]

    fake.new_window()
    second = cli("runs", "--json", "--weeks", "520")  # the nightly job: no --since
    assert second.exit_code == 0, second.output
    assert fake.requested == [1, 2, 3, 4, 5, 6]  # no page twice
    assert len(cached_ids(home)) == len(json.loads(second.stdout)["runs"]) == 1_050
    assert open_state(home / "state.db").pull_resume("strava") is None

    fake.requested.clear()
    third = cli("runs", "--json")  # back to incremental pulls from the newest run
    assert third.exit_code == 0 and fake.requested == [1], third.output


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ([(429, {"message": "Rate Limit Exceeded"})], "rate limit"),
        ([(503, {"message": "unavailable"})], "server error"),  # made once: no retry
    ],
    ids=["429", "503"],
)
def test_a_failure_mid_import_keeps_the_earlier_pages(cli, home, import_env, answers, words):
    fake = import_env
    fake.fail = {3: list(answers)}
    first = cli("runs", "--since", SINCE)
    assert first.exit_code == ExitCode.TEMPFAIL, first.output
    [error] = [line for line in first.stderr.splitlines() if "error" in line]
    assert words in error.lower() and "kept 2 page(s), 400 run(s)" in error
    assert "Traceback" not in first.stderr
    assert len(cached_ids(home)) == 400
    second = cli("runs", "--since", SINCE)  # the same import asked for again: resumed
    assert second.exit_code == 0, second.output
    # pages 1-2 are never read again; page 3 is read until it answers
    assert fake.requested == [1, 2] + [3] * len(answers) + [3, 4, 5, 6]
    assert len(cached_ids(home)) == 1_050


def test_a_different_since_starts_a_new_pull(cli, home, import_env):
    fake = import_env
    fake.cap = 2
    assert cli("runs", "--since", SINCE).exit_code == ExitCode.TEMPFAIL
    fake.new_window()
    fake.requested.clear()
    cli("runs", "--since", "2026-01-01")
    assert fake.requested[0] == 1  # asked for another start: not the old resume point
