"""A newcomer's way in and out (issue 22): the version, a mistyped command, `hipcoach` alone,
`paths`, -q that never hides a command's output, and the no-Garmin path (export, then log,
status and checkin) telling the truth."""

from __future__ import annotations

import importlib.metadata
import json
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from hipcoach import __version__
from hipcoach.cli import COMMANDS
from hipcoach.cli import cli as root
from tests.conftest import REPO, load_json

SAMPLE = str(REPO / "examples" / "strava-activities.json")


def test_version_is_the_package_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"hipcoach, version {__version__}"
    assert importlib.metadata.version("hipcoach") == __version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "version" in project["dynamic"]  # one version: hipcoach/__init__.py


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("shedule", "schedule"), ("stauts", "status"), ("unsnyc", "unsync"), ("pahts", "paths")],
)
def test_a_mistyped_command_suggests_the_nearest(cli, typed, meant):
    result = cli(typed)
    assert result.exit_code == 2
    assert f"Did you mean '{meant}'?" in result.stderr


def test_a_mistyped_sign_in_suggests_the_nearest(cli):
    result = cli("auth", "garmni")
    assert result.exit_code == 2 and "Did you mean 'garmin'?" in result.stderr


def test_nothing_near_gets_no_suggestion(cli):
    result = cli("xyzzy")
    assert result.exit_code == 2 and "Did you mean" not in result.stderr


def test_hipcoach_alone_prints_the_help_and_where_to_start_when_there_is_no_home(tmp_path):
    fresh = tmp_path / "never-used"
    result = CliRunner().invoke(root, ["--home", str(fresh)])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "Commands:" in result.stdout
    start = result.stdout.split("Commands:")[1].strip().splitlines()[-3:]
    assert "demo" in start[0] and "auth garmin" in start[1] and "paths" in start[2]
    assert not fresh.exists()  # looking around creates nothing


def test_hipcoach_alone_with_a_home_prints_only_the_help(cli):
    result = cli()
    assert result.exit_code == 0 and "Usage:" in result.stdout
    assert "Start here" not in result.stdout


def test_paths_lists_every_file_and_whether_it_exists_creating_nothing(cli, home, tmp_path):
    (home / "config.toml").write_text("")
    data = load_json(cli("paths", "--json"))["paths"]
    assert data["home"] == {"path": str(home), "exists": True}
    assert data["config"] == {"path": str(home / "config.toml"), "exists": True}
    assert data["state"] == {"path": str(home / "state.db"), "exists": False}
    assert data["tokens"]["path"] == str(home / "tokens")
    assert data["log"] == {"path": str(home / "logs" / "hipcoach.log"), "exists": False}
    assert data["garmin tokens"]["path"] == str(home / "tokens" / "garmin" / "garmin_tokens.json")
    assert data["strava tokens"]["path"] == str(home / "tokens" / "strava.json")
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]

    elsewhere = tmp_path / "garmin-store"
    data = load_json(cli("paths", "--json", env={"GARMINTOKENS": str(elsewhere)}))["paths"]
    assert data["garmin tokens"]["path"] == str(elsewhere / "garmin_tokens.json")
    text = cli("paths").stdout
    assert str(home / "state.db") in text and "not there yet" in text


def test_paths_still_lists_the_home_when_the_config_is_broken(cli, home):
    (home / "config.toml").write_text("[athlete]\nlevel = 'heroic'\n")
    result = cli("paths", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["paths"]["config"]["exists"] is True
    assert "not listed" in result.stderr


def test_the_example_config_says_how_to_find_the_home():
    text = (REPO / "examples" / "config.toml").read_text()
    assert "hipcoach --help` shows the home" not in text
    assert "hipcoach paths" in text


# -- -q hides notes, never a command's output --------------------------------------------------
QUIET = [
    (["exercises"], "Side leg raise"),
    (["plan", "--weeks", "1"], "Week 1"),
    (["plugins"], "garmin"),
    (["cron"], "OnCalendar="),
    (["runs", "--activities", SAMPLE], "Weekly running distance"),
    (["schedule", "--activities", SAMPLE], "Hip sessions"),
    (["export", "json", "--out", "{tmp}/out", "--activities", SAMPLE], "Wrote 1 json file"),
    (["report", "--out", "{tmp}/r.html", "--activities", SAMPLE], "Report written to"),
    (["demo", "--out", "{tmp}/demo"], "report.html"),
    (["sync", "--dry-run"], "sessions planned"),
    (["status"], "Weekly running distance"),
    (["log"], "Week of"),
    (["paths"], "state.db"),
    (["unsync", "--dry-run"], "No workout target is set up"),
    (["checkin", "--pain", "1"], "Recorded knee pain 1/10"),
]


def test_every_command_is_in_the_quiet_table():
    assert {args[0] for args, _ in QUIET} == set(COMMANDS) - {"auth"}


@pytest.mark.parametrize(
    ("args", "shown"), QUIET, ids=lambda v: v[0] if isinstance(v, list) else ""
)
def test_quiet_keeps_the_primary_output(cli, tmp_path, args, shown):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = cli("-q", *args)
    assert result.exit_code == 0, result.output
    assert shown in result.stdout


def test_quiet_hides_notes_and_hints(cli, tmp_path):
    loud = cli("demo", "--out", str(tmp_path / "a")).stdout
    quiet = cli("-q", "demo", "--out", str(tmp_path / "b")).stdout
    assert "Next: `" in loud and "Next: `" not in quiet
    assert "not medical advice" in loud and "not medical advice" not in quiet
    assert "No session handed over" in cli("log").stdout
    assert "No session handed over" not in cli("-q", "log").stdout


@pytest.mark.parametrize("command", ["runs", "schedule"])
def test_no_source_and_no_runs_is_said_once_and_fits_every_command(cli, command):
    """A fresh home with no source: one warning saying how to add runs, worded for `runs` as
    for `schedule` (it used to say "planning without runs" when nothing was planned)."""
    result = cli(command)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no runs are cached" in line]
    assert len(warnings) == 1 and "planning" not in warnings[0]
    assert "hipcoach auth garmin" in warnings[0] and "--activities FILE" in warnings[0]


# -- the no-Garmin path tells the truth ---------------------------------------------------------
@pytest.fixture
def day(monkeypatch):
    """The runner's today, moved by the test."""

    class Day:
        value = date(2026, 11, 30)  # a Monday

    monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: Day.value)
    return Day


def test_after_export_log_and_status_show_the_sessions_and_checkin_records_one(cli, tmp_path, day):
    exported = load_json(cli("export", "ics", "--out", str(tmp_path / "cal"), "--json"))
    assert exported["sessions"] >= 4
    planned = load_json(cli("schedule", "--json", "--offline"))["sessions"]

    log = load_json(cli("log", "--json"))
    ahead = {s["key"]: s for s in log["sessions"]}
    assert set(ahead) == {s["key"] for s in planned}
    assert {s["status"] for s in ahead.values()} == {"planned"}
    weeks = {w["start"] for w in log["weeks"]}
    assert {
        date.fromisoformat(s["date"]) - timedelta(date.fromisoformat(s["date"]).weekday())
        for s in planned
    } <= {date.fromisoformat(w) for w in weeks}
    text = cli("log").stdout
    assert "No session handed over" not in text and "· planned" in text

    status = load_json(cli("status", "--json"))
    assert [(u["key"], u["date"]) for u in status["upcoming"]] == [
        (s["key"], s["date"]) for s in planned
    ]
    assert all(u["target"] is None for u in status["upcoming"])
    assert not [n for n in status["attention"] if "sync" in n or "workout target" in n]
    assert "Next sessions (exported):" in cli("status").stdout

    first = planned[0]
    day.value = date.fromisoformat(first["date"])
    result = cli("checkin", "--done", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["session"] == first["key"]
    # done today: no longer one of the sessions to come, the same day
    assert first["key"] not in {u["key"] for u in load_json(cli("status", "--json"))["upcoming"]}
    day.value += timedelta(days=1)
    after = {s["key"]: s for s in load_json(cli("log", "--json"))["sessions"]}
    assert after[first["key"]]["status"] == "done"
    assert after[first["key"]]["source"] == "checkin"
    upcoming = load_json(cli("status", "--json"))["upcoming"]
    assert first["key"] not in {u["key"] for u in upcoming}


@pytest.mark.parametrize("how", ["schedule --ics", "report"])
def test_schedule_ics_and_report_hand_over_too(cli, tmp_path, day, how):
    if how == "report":
        assert cli("report", "--out", str(tmp_path / "r.html")).exit_code == 0
    else:
        assert cli("schedule", "--ics", str(tmp_path / "p.ics")).exit_code == 0
    sessions = load_json(cli("log", "--json"))["sessions"]
    assert sessions and {s["status"] for s in sessions} == {"planned"}
    assert load_json(cli("status", "--json"))["upcoming"]


def test_files_written_by_hand_over_are_named_in_the_readme():
    readme = (REPO / "README.md").read_text()
    assert "hipcoach unsync" in readme and "## Uninstalling" in readme
    assert "hipcoach paths" in readme
    assert Path(REPO / "LICENSE").read_text().startswith("MIT License")


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in quickstart.split("```sh\n")[1:]]
    commands = [c.split("\n```", 1)[0] for c in commands]
    assert len(commands) == 2, commands  # one installs and runs the demo, one runs the tests
    install, tests = commands
    assert install.endswith("hipcoach demo") and "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci == tests


def test_a_dry_run_with_no_target_says_so_even_quietly(cli):
    """`sync -q --dry-run` in a fresh home: the dry run's output (kept by -q) says there is
    no target to sync to, so it cannot pass for a night that would work."""
    result = cli("-q", "sync", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "on no target" in result.stdout and "no workout target set up" in result.stdout
