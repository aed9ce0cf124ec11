import json
from datetime import date, timedelta

from hipcoach import DISCLAIMER
from hipcoach.errors import ExitCode
from tests.conftest import load_json


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for name in ("exercises", "plan", "checkin", "plugins"):
        assert name in result.stdout


def test_every_command_has_help(cli):
    from hipcoach.cli import COMMANDS

    for name in COMMANDS:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage:" in result.stdout


def test_exercises_json_contract(cli):
    data = load_json(cli("exercises", "--json"))
    first = data["exercises"][0]
    assert first["key"] == "side_leg_raise"
    assert {"key", "name", "instructions", "per_side", "garmin"} <= set(first)
    assert set(first["garmin"]) == {"category", "exercise_name"}
    assert len(data["exercises"]) >= 11


def test_exercises_human_output(cli):
    result = cli("exercises")
    assert result.exit_code == 0
    assert "Side leg raise" in result.stdout and "HIP_STABILITY" in result.stdout


def test_plan_json_contract(cli):
    data = load_json(cli("plan", "--json", "--weeks", "3"))
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3]
    session = data["weeks"][0]["sessions"][0]
    exercise = session["exercises"][0]
    assert {"key", "name", "sets", "reps", "seconds", "per_side"} <= set(exercise)
    assert exercise == {
        "key": "side_leg_raise",
        "name": "Side leg raise",
        "sets": 2,
        "reps": 20,
        "seconds": None,
        "per_side": True,
        "rest_seconds": 45,
    }
    assert data["disclaimer"] == DISCLAIMER


def test_plan_options(cli):
    data = load_json(
        cli("plan", "--json", "--weeks", "1", "--level", "gentle", "--sessions-per-week", "2")
    )
    assert data["level"] == "gentle"
    assert len(data["weeks"][0]["sessions"]) == 2


def test_plan_human_output_ends_with_the_disclaimer(cli):
    result = cli("plan", "--weeks", "2")
    assert result.exit_code == 0
    assert "Side leg raise" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == DISCLAIMER


def test_plan_usage_errors_exit_2(cli):
    assert cli("plan", "--level", "heroic").exit_code == ExitCode.USAGE
    assert cli("plan", "--weeks", "0").exit_code == ExitCode.USAGE


def test_programme_start_is_remembered(cli):
    first = load_json(cli("plan", "--json"))["start"]
    assert load_json(cli("plan", "--json"))["start"] == first
    assert date.fromisoformat(first).weekday() == 0


def test_checkin_holds_next_weeks_progression(cli):
    today = date.today()
    result = cli("checkin", "--pain", "4")
    assert result.exit_code == 0
    assert "4/10" in result.stdout and "holds" in result.stdout
    weeks = load_json(cli("plan", "--json", "--weeks", "3"))["weeks"]
    assert "knee pain 4/10" in weeks[1]["held"]
    assert weeks[0]["held"] is None
    assert weeks[2]["step"] == 0  # the held week earned no progression credit
    assert (
        today.weekday()
        == date.fromisoformat(weeks[0]["start"]).weekday()
        + (today - date.fromisoformat(weeks[0]["start"])).days
    )


def test_checkin_high_pain_steps_back_and_shows_in_plan(cli):
    monday = date.today() - timedelta(days=date.today().weekday())
    cli("checkin", "--pain", "7", "--date", (monday - timedelta(days=1)).isoformat())
    data = load_json(cli("plan", "--json", "--weeks", "1"))
    assert data["weeks"][0]["week"] >= 1


def test_checkin_json_and_replace(cli):
    first = load_json(cli("checkin", "--pain", "1", "--json"))
    assert first["replaced"] is False and first["effect"] == "progression continues"
    second = load_json(cli("checkin", "--pain", "6", "--json"))
    assert second["replaced"] is True
    assert "steps back" in second["effect"]


def test_checkin_bad_input_is_a_usage_error(cli):
    for args in (
        ["--pain", "11"],
        ["--pain", "-1"],
        ["--pain", "x"],
        ["--pain", "3", "--date", "2026-13-01"],
        ["--pain", "3", "--date", (date.today() + timedelta(days=3)).isoformat()],
        [],
    ):
        result = cli("checkin", *args)
        assert result.exit_code == ExitCode.USAGE, args
        assert "Traceback" not in result.output


def test_unwritable_state_is_one_line_not_a_traceback(cli, home):
    (home / "state.db").write_bytes(b"garbage" * 500)
    result = cli("checkin", "--pain", "2")
    assert result.exit_code == ExitCode.CONFIG
    assert len(result.stderr.strip().splitlines()) == 1
    assert "state database" in result.stderr


def test_json_output_is_only_json(cli):
    result = cli("plan", "--json")
    json.loads(result.stdout)


def test_a_missed_week_holds_the_next_one(cli):
    data = load_json(cli("checkin", "--missed", "--json"))
    monday = date.today() - timedelta(days=date.today().weekday())
    assert data["missed_week"] == monday.isoformat() and "pain" not in data
    weeks = load_json(cli("plan", "--json", "--weeks", "3"))["weeks"]
    assert "sessions missed" in weeks[1]["held"]
    assert weeks[2]["step"] == 0
    both = load_json(cli("checkin", "--missed", "--pain", "1", "--json"))
    assert both["pain"] == 1 and both["missed_week"] == monday.isoformat()


def test_a_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from hipcoach.cli import main; "
        f"sys.argv = ['hipcoach', '--home', {str(tmp_path)!r}, 'exercises']; main()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.readline()
    proc.stdout.close()  # like `hipcoach exercises | head -1`
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert "internal error" not in stderr and "Traceback" not in stderr
