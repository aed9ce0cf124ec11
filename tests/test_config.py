from datetime import date

import pytest

from hipcoach.config import Config, load_config
from hipcoach.errors import ConfigError, ExitCode
from tests.conftest import write_config


def test_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path / "config.toml")
    assert config == Config()
    assert config.athlete.level == "standard"
    assert config.athlete.horizon_days == 14


def test_full_config_parses(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        """
[athlete]
timezone = "Australia/Sydney"
level = "gentle"
sessions_per_week = 2
long_run_day = "Sunday"
blocked_weekdays = ["fri", "Wednesday"]
blocked_dates = [2026-12-25]
races = ["2027-03-14"]

[strava]
client_id = 12345
client_secret = "shh-secret"

[integrations]
source = "strava"

[plugins.csv]
path = "~/runs.csv"
"""
    )
    config = load_config(path)
    assert config.athlete.long_run_day == 6
    assert config.athlete.blocked_weekdays == [4, 2]
    assert config.athlete.blocked_dates == [date(2026, 12, 25)]
    assert config.athlete.races == [date(2027, 3, 14)]
    assert "shh-secret" not in repr(config)
    assert config.plugins["csv"]["path"] == "~/runs.csv"
    assert str(config.tz()) == "Australia/Sydney"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[athlete\nlevel = 1", "not valid TOML"),
        ("[athlete]\nlevle = 'gentle'", "unknown key 'athlete.levle'; allowed in [athlete]:"),
        ("[athelete]\nlevel = 'gentle'", "unknown key 'athelete'; allowed in the top level:"),
        ("[athlete]\nlevel = 'heroic'", "athlete.level: Input should be 'gentle', 'standard'"),
        ("[athlete]\ntimezone = 'Mars/Olympus'", "unknown time zone 'Mars/Olympus'"),
        ("[athlete]\nlong_run_day = 'someday'", "expected a weekday name"),
        ("[athlete]\nsessions_per_week = 9", "athlete.sessions_per_week"),
        (
            "[athlete]\nsessions_per_week = 2\nmin_sessions_per_week = 3",
            "min_sessions_per_week must not exceed",
        ),
    ],
)
def test_bad_config_names_file_key_and_what_is_allowed(tmp_path, text, expected):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize("command", [["plan"], ["plan", "--json"]])
def test_commands_that_plan_exit_78_on_bad_config(cli, home, command):
    write_config(home, "[athlete]\nlevle = 'gentle'\n")
    result = cli(*command)
    assert result.exit_code == ExitCode.CONFIG == 78
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "config.toml" in lines[0] and "athlete.levle" in lines[0] and "level" in lines[0]
    assert "Traceback" not in result.stderr


def test_config_level_is_used_and_cli_overrides_it(cli, home):
    import json

    write_config(home, "[athlete]\nlevel = 'strong'\nsessions_per_week = 2\n")
    plan = json.loads(cli("plan", "--json", "--weeks", "1").stdout)
    assert plan["level"] == "strong"
    assert len(plan["weeks"][0]["sessions"]) == 2
    plan = json.loads(cli("plan", "--json", "--weeks", "1", "--level", "gentle").stdout)
    assert plan["level"] == "gentle"


def test_relative_tokenstore_is_relative_to_the_config_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[garmin]\ntokenstore = "garmin-tokens"\n')
    assert load_config(path).garmin.tokenstore == tmp_path / "garmin-tokens"
    path.write_text('[garmin]\ntokenstore = "/srv/tokens"\n')
    assert str(load_config(path).garmin.tokenstore) == "/srv/tokens"


def test_the_example_config_is_valid_and_shapes_the_programme():
    from tests.conftest import REPO

    settings = load_config(REPO / "examples" / "config.toml").programme_settings()
    assert (settings.equipment, settings.max_session_minutes) == (frozenset(), 30)


def test_the_example_configs_commented_values_are_valid_and_set_nothing_personal(tmp_path):
    """Copied as it is, the example sets no race, blocked day or zone the runner does not have;
    every commented example value, uncommented, is valid (plugins' tables aside)."""
    import re

    from tests.conftest import REPO

    text = (REPO / "examples" / "config.toml").read_text(encoding="utf-8")
    athlete = load_config(REPO / "examples" / "config.toml").athlete
    assert (athlete.races, athlete.blocked_dates, athlete.blocked_weekdays) == ([], [], [])
    core = text.split("# Third-party plugins")[0]
    uncommented = re.sub(r"(?m)^# ([a-z_]+ = )", r"\1", core)
    assert uncommented != core
    path = tmp_path / "config.toml"
    path.write_text(uncommented, encoding="utf-8")
    config = load_config(path)
    assert config.athlete.races and config.athlete.blocked_dates and config.athlete.timezone


def test_equipment_and_time_cap_are_validated(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[athlete]\nequipment = ['band', 'step']\nmax_session_minutes = 45\n")
    settings = load_config(path).programme_settings()
    assert settings.equipment == frozenset({"band", "step"})
    assert settings.max_session_minutes == 45
    path.write_text("[athlete]\nequipment = ['kettlebell']\n")
    with pytest.raises(ConfigError, match=r"athlete\.equipment\.0.*'band'"):
        load_config(path)
    path.write_text("[athlete]\nmax_session_minutes = 19\n")
    with pytest.raises(ConfigError, match=r"max_session_minutes.*20"):
        load_config(path)


def test_one_session_a_week_alone_lowers_the_default_minimum(tmp_path):
    config = load_config(write_config(tmp_path, "[athlete]\nsessions_per_week = 1\n"))
    assert (config.athlete.sessions_per_week, config.athlete.min_sessions_per_week) == (1, 1)
    with pytest.raises(ConfigError, match="lower it, or raise sessions_per_week"):
        load_config(
            write_config(tmp_path, "[athlete]\nsessions_per_week = 1\nmin_sessions_per_week = 2\n")
        )


def test_an_intervals_athlete_id_may_be_a_number(tmp_path):
    config = load_config(write_config(tmp_path, "[intervals]\nathlete_id = 12345\n"))
    assert config.intervals.athlete_id == "12345"
    with pytest.raises(ConfigError):
        load_config(write_config(tmp_path, "[intervals]\nathlete_id = true\n"))


def test_a_bad_secret_value_is_named_not_masked_away(tmp_path, cli, home):
    from hipcoach.redact import redact

    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, "[strava]\nclient_secret = 5\n"))
    assert "should be a valid string" in redact(str(caught.value))


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('[intervals]\nathlete_id = "bob"\n', "use the id in your intervals.icu settings"),
        ('[athlete]\nraces = ["not a date"]\n', "expected a date such as 2027-04-11"),
        ('[athlete]\nblocked_dates = ["2026-13-01"]\n', "expected a date such as 2027-04-11"),
    ],
)
def test_bad_values_are_named_in_words_not_patterns(tmp_path, toml, words):
    """A wrong athlete id or date says what to write (not a regular expression or "invalid
    character in year"), naming the file and the key; the athlete id is never echoed."""
    path = write_config(tmp_path, toml)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ") and words in text
    assert "pattern" not in text and "bob" not in text
