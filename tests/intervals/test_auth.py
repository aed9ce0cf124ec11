"""``hipcoach auth intervals``: the key from a hidden prompt, stdin or the environment, checked
with one read, kept 0600 in 0700 directories, never through a link, never shown."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest

from hipcoach.errors import ExitCode
from tests.fakes.intervals_server import KEY
from tests.intervals_shapes import ATHLETE

HEADER = base64.b64encode(f"API_KEY:{KEY}".encode()).decode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def saved(home: Path) -> dict[str, str]:
    data: dict[str, str] = json.loads(
        (home / "tokens" / "intervals" / "credentials.json").read_text()
    )
    return data


def assert_no_key(*texts: str) -> None:
    for text in texts:
        assert KEY not in text and HEADER not in text


def test_the_hidden_prompt_checks_the_key_with_one_read_and_saves_it_privately(cli, home, fake):
    result = cli("auth", "intervals", input=f"{KEY}\n\n")
    assert result.exit_code == 0, result.output
    assert saved(home) == {"api_key": KEY, "athlete_id": ATHLETE}
    path = home / "tokens" / "intervals" / "credentials.json"
    assert mode(path) == 0o600
    assert mode(path.parent) == mode(home / "tokens") == 0o700
    assert fake.requests == [("GET", "/api/v1/athlete/0")]  # the key's owner, one read
    assert f"Sam Runner ({ATHLETE})" in result.stdout and str(path) in result.stdout
    assert_no_key(result.stdout, result.stderr)


def test_a_given_athlete_id_is_the_one_checked(cli, home, fake):
    result = cli("auth", "intervals", input=f"{KEY}\n{ATHLETE}\n")
    assert result.exit_code == 0, result.output
    assert fake.requests == [("GET", f"/api/v1/athlete/{ATHLETE}")]


def test_scripts_pipe_the_key_in_and_nothing_is_asked(cli, home, fake):
    result = cli("auth", "intervals", "--api-key-stdin", "--athlete-id", ATHLETE, input=KEY + "\n")
    assert result.exit_code == 0, result.output
    assert "API key" not in result.output  # no prompt
    assert saved(home)["api_key"] == KEY
    assert_no_key(result.stdout, result.stderr)


def test_the_environment_key_is_checked_and_saved_without_a_prompt(cli, home, fake):
    result = cli("auth", "intervals", env={"INTERVALS_API_KEY": KEY}, input="")
    assert result.exit_code == 0, result.output
    assert saved(home) == {"api_key": KEY, "athlete_id": ATHLETE}


def test_a_refused_key_is_77_naming_the_command_and_nothing_is_saved(cli, home, fake):
    result = cli("auth", "intervals", "--api-key-stdin", input="wrongkey0123456789\n")
    assert result.exit_code == ExitCode.NOPERM
    assert "HTTP 401" in result.stderr and "hipcoach auth intervals" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (home / "tokens" / "intervals" / "credentials.json").exists()
    assert "wrongkey0123456789" not in result.output


def test_an_athlete_the_key_cannot_reach_is_77(cli, home, fake):
    result = cli("auth", "intervals", "--api-key-stdin", "--athlete-id", "i999", input=KEY)
    assert result.exit_code == ExitCode.NOPERM
    assert "HTTP 403" in result.stderr and "Access denied" in result.stderr


@pytest.mark.parametrize("typed", ["has a blank in it", "short"])
def test_something_that_is_no_key_is_a_usage_error_that_does_not_echo_it(cli, home, fake, typed):
    result = cli("auth", "intervals", "--api-key-stdin", input=typed + "\n")
    assert result.exit_code == ExitCode.USAGE
    assert "is not an intervals.icu API key" in result.stderr
    assert typed not in result.stderr
    assert fake.requests == []


def test_an_empty_stdin_is_a_usage_error_naming_what_to_do(cli, home, fake):
    result = cli("auth", "intervals", "--api-key-stdin", input="")
    assert result.exit_code == ExitCode.USAGE
    assert "stdin held no key" in result.stderr and fake.requests == []


def test_a_bad_athlete_id_is_a_usage_error(cli, home, fake):
    result = cli("auth", "intervals", "--api-key-stdin", "--athlete-id", "../x", input=KEY)
    assert result.exit_code == ExitCode.USAGE
    assert "athlete id" in result.stderr and fake.requests == []


@pytest.mark.parametrize("failure", ["429", "500", "timeout"])
def test_a_service_that_cannot_answer_now_is_75(cli, home, fake, failure):
    fake.fail_all, fake.failure = True, failure
    result = cli("auth", "intervals", "--api-key-stdin", input=KEY)
    assert result.exit_code == ExitCode.TEMPFAIL
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "link", ["tokens", "tokens/intervals", "tokens/intervals/credentials.json"]
)
def test_the_key_is_never_written_through_a_link(cli, home, fake, tmp_path, link):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (home / link).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = elsewhere / "credentials.json" if link.endswith(".json") else elsewhere
    (home / link).symlink_to(target)
    result = cli("auth", "intervals", "--api-key-stdin", input=KEY)
    assert result.exit_code == ExitCode.CANTCREAT, result.output
    assert "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_key_file_that_is_a_link_is_refused_when_read(cli, home, tmp_path):
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps({"api_key": KEY, "athlete_id": ATHLETE}))
    folder = home / "tokens" / "intervals"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "credentials.json").symlink_to(planted)
    result = cli("sync", "--dry-run")
    assert result.exit_code == ExitCode.NOPERM
    assert "symbolic link" in result.stderr


def test_a_damaged_key_file_is_77_naming_the_command(cli, home):
    folder = home / "tokens" / "intervals"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "credentials.json").write_text("{not json")
    result = cli("sync", "--dry-run")
    assert result.exit_code == ExitCode.NOPERM
    assert "hipcoach auth intervals" in result.stderr


def test_nothing_of_the_key_reaches_any_output_at_vv(cli, home, fake):
    result = cli("-vv", "auth", "intervals", "--api-key-stdin", input=KEY)
    assert result.exit_code == 0, result.output
    assert "GET /athlete/0" in result.stderr  # the debug log is there, without the key
    assert_no_key(result.stdout, result.stderr)


def test_a_bad_athlete_id_in_the_config_is_78_naming_the_key(cli, home):
    (home / "config.toml").write_text('[intervals]\nathlete_id = "me"\n')
    result = cli("plan")
    assert result.exit_code == ExitCode.CONFIG
    assert "intervals.athlete_id" in result.stderr


def test_where_the_key_and_athlete_come_from(home, key_file):
    from hipcoach.config import Config, IntervalsConfig
    from hipcoach_intervals.tokens import resolve
    from tests.intervals.conftest import context_for

    saved = resolve(context_for(home))
    assert saved is not None and (saved.api_key, saved.athlete_id) == (KEY, ATHLETE)
    config = Config(intervals=IntervalsConfig(athlete_id="i77"))
    assert resolve(context_for(home, config=config)).athlete_id == "i77"  # type: ignore[union-attr]
    env = {"INTERVALS_API_KEY": "envkey0123456789", "INTERVALS_ATHLETE_ID": "0"}
    both = resolve(context_for(home, env=env, config=config))
    assert both is not None and (both.api_key, both.athlete_id) == ("envkey0123456789", "0")
    assert "envkey0123456789" not in repr(both)
    assert resolve(context_for(home / "elsewhere")) is None


def test_paths_names_the_key_file(cli, home, key_file):
    data = json.loads(cli("paths", "--json").stdout)
    found = json.dumps(data)
    assert str(key_file) in found


def test_a_key_file_that_is_a_pipe_never_blocks(cli, home):
    import os

    folder = home / "tokens" / "intervals"
    folder.mkdir(parents=True, mode=0o700)
    os.mkfifo(folder / "credentials.json")
    result = cli("sync", "--dry-run")
    assert result.exit_code == ExitCode.NOPERM
    assert "not a regular file" in result.stderr
