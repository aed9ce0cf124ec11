import json
from datetime import date, timedelta

import pytest

from hipcoach import DISCLAIMER
from hipcoach.errors import ExitCode
from tests.conftest import load_json, write_config


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


def listed_commands(help_text: str) -> dict[str, str]:
    """The Commands section of a ``--help``: name → its one line (wrapped lines joined)."""
    entries: dict[str, str] = {}
    name = ""
    for line in help_text.split("Commands:\n", 1)[1].splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name, _, text = line.strip().partition(" ")
            entries[name] = text.strip()
        elif line.strip() and name:
            entries[name] += " " + line.strip()
    return entries


def test_each_command_has_one_summary_listed_and_opening_its_own_help(cli):
    from hipcoach.cli import COMMANDS

    listed = listed_commands(cli("--help").stdout)
    assert set(listed) == set(COMMANDS)
    for name, (_, summary) in COMMANDS.items():
        own_first_paragraph = cli(name, "--help").stdout.split("\n\n")[1]
        assert " ".join(own_first_paragraph.split()) == summary, name
        assert listed[name] == summary, name


def test_exercises_json_contract(cli):
    data = load_json(cli("exercises", "--json"))
    first = data["exercises"][0]
    assert first["key"] == "side_leg_raise"
    assert {"key", "name", "instructions", "per_side", "garmin"} <= set(first)
    assert set(first["garmin"]) == {"category", "exercise_name"}
    assert len(data["exercises"]) >= 11
    assert first["focus"] == ["hip_abduction"]
    knee = next(e for e in data["exercises"] if e["key"] == "knee_strength")
    assert knee["focus"] == ["knee"] and knee["ladder"][0]["picture"] == "wall_sit.high"
    assert knee["ladder"][0]["knee_flexion"] == 30 and knee["ladder"][0]["tempo_s"] is None


def test_exercises_human_output(cli):
    result = cli("exercises")
    assert result.exit_code == 0
    assert "Side leg raise" in result.stdout and "HIP_STABILITY" in result.stdout


def test_plan_json_contract(cli, home):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(home, f"[athlete]\nstart_date = {monday}\n")
    data = load_json(cli("plan", "--json", "--weeks", "3"))
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3]
    assert [w["progression"] for w in data["weeks"]] == ["start", "hold", "progress"]
    assert all(isinstance(w["why"], str) and w["why"] for w in data["weeks"])
    session = data["weeks"][0]["sessions"][0]
    assert session["light"] is False and session["estimated_minutes"] == 30
    assert session["warmup_minutes"] == 3
    exercise = session["exercises"][0]
    assert exercise == {
        "key": "side_leg_raise",
        "name": "Side leg raise",
        "focus": ["hip_abduction"],
        "rung": 0,
        "variant": "Side leg raise",
        "load": "bodyweight",
        "equipment": [],
        "sets": 2,
        "reps": 20,
        "seconds": None,
        "per_side": True,
        "tempo_s": 4,
        "rest_seconds": 30,
        "cues": "Leg slightly behind, toes forward; lift to about 30°, no hip hitch, pause, lower.",
        "picture": "side_leg_raise",
    }
    third = data["weeks"][2]["sessions"][0]["exercises"][0]
    assert (third["rung"], third["variant"]) == (1, "Side leg raise, 3-s hold at the top")
    knee = data["weeks"][2]["sessions"][0]["exercises"][-1]
    assert (knee["key"], knee["focus"], knee["seconds"], knee["tempo_s"]) == (
        "knee_strength",
        ["knee"],
        45,
        None,
    )
    for week in data["weeks"]:
        assert set(week["education"]) == {"key", "title", "text", "source"}
        assert week["physio"] is None and week["lead_in"] is False
    assert data["weeks"][0]["education"]["title"] == "What runner's knee is"
    assert (data["see_physio"], data["physio"]) == (False, None)
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


def stored_start(home):
    from hipcoach.schedule.planner import PROGRAMME_START_KEY
    from hipcoach.state import open_state

    state = open_state(home / "state.db")
    try:
        return state.get_meta(PROGRAMME_START_KEY)
    finally:
        state.close()


def test_reads_never_record_the_programme_start_and_exports_do(cli, home, tmp_path):
    first = load_json(cli("plan", "--json"))["start"]
    assert date.fromisoformat(first).weekday() == 0
    cli("schedule", "--json", "--offline")
    assert stored_start(home) is None  # plan and schedule only read
    assert cli("export", "ics", "--out", str(tmp_path), "--offline").exit_code == 0
    assert stored_start(home) == date.today().isoformat()
    assert load_json(cli("plan", "--json"))["start"] == first


def test_checkin_holds_next_weeks_progression(cli, home):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(home, f"[athlete]\nstart_date = {monday}\n")
    result = cli("checkin", "--pain", "4")
    assert result.exit_code == 0
    assert "4/10" in result.stdout and "holds" in result.stdout
    weeks = load_json(cli("plan", "--json", "--weeks", "3"))["weeks"]
    assert "knee pain 4/10" in weeks[1]["held"]
    assert weeks[0]["held"] is None
    assert weeks[2]["step"] == 0  # the held week earned no progression credit
    assert "no check-in since knee pain 4/10" in weeks[2]["why"]  # silence is not pain-free


def test_a_check_in_of_eight_pauses_cancels_this_week_and_says_see_a_physio(cli, home):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(home, f"[athlete]\nstart_date = {monday - timedelta(weeks=3)}\n")
    result = cli("checkin", "--pain", "8")
    assert result.exit_code == 0
    assert "rest of this week's sessions are cancelled" in result.stdout
    assert result.stdout.count("see a physiotherapist") == 1
    data = load_json(cli("plan", "--json", "--weeks", "2"))
    assert data["see_physio"] and "knee pain 8/10" in data["physio"]
    this_week, next_week = data["weeks"]
    assert this_week["cancelled_from"] == date.today().isoformat()
    assert next_week["progression"] == "pause" and next_week["physio"] == data["physio"]
    for session in next_week["sessions"]:
        assert session["light"] and session["physio"] == data["physio"]
        assert all(e["seconds"] is not None for e in session["exercises"])
    schedule = load_json(cli("schedule", "--json", "--offline"))
    assert schedule["physio"] == data["physio"]
    assert not [s for s in schedule["sessions"] if s["date"] < (monday + timedelta(7)).isoformat()]
    assert all("(pause" in s["title"] and s["light"] for s in schedule["sessions"])
    human = cli("plan", "--weeks", "2")
    assert human.stdout.count("Stop what hurts") == 1  # the physio line once, not per week
    assert "Tip: When to see a physiotherapist" in human.stdout or "Tip: The pain rules" in (
        human.stdout
    )
    assert "pause" in human.stdout and "cancelled" in human.stdout
    assert "see a physiotherapist" in cli("schedule", "--offline").stdout
    assert load_json(cli("status", "--json"))["physio"] == data["physio"]
    out = home.parent / "export"
    exported = load_json(cli("export", "json", "--out", str(out), "--offline", "--json"))
    assert exported["physio"] == data["physio"]
    written = json.loads((out / "hipcoach-schedule.json").read_text())
    assert written["physio"] == data["physio"] and written["sessions"]
    # A second check-in the same day keeps the day's worst: 1/10 tonight does not undo 8/10.
    later = cli("checkin", "--pain", "1")
    assert "Updated knee pain 8/10" in later.stdout and "the day's worst stays" in later.stdout
    assert "--replace" in later.stdout and "pause:" in later.stdout
    assert load_json(cli("plan", "--json", "--weeks", "2")) == data
    assert load_json(cli("schedule", "--json", "--offline")) == schedule
    # A correction says what it withdraws.
    corrected = cli("checkin", "--pain", "1", "--replace")
    assert (
        "replaces knee pain 8/10 during the exercises: the pause and the physiotherapist "
        "advice are withdrawn" in corrected.stdout
    )
    assert load_json(cli("schedule", "--json", "--offline"))["physio"] is None


def test_a_pause_ends_with_a_check_in_of_two_or_less_on_a_later_day(cli, home):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(home, f"[athlete]\nstart_date = {monday - timedelta(weeks=3)}\n")
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    cli("checkin", "--pain", "8", "--date", week_ago)
    cleared = load_json(cli("checkin", "--pain", "1", "--json"))
    assert cleared["replaced"] is False and cleared["withdrawn"] == []
    assert cleared["effect"].startswith("the pause after knee pain 8/10")
    assert [w["progression"] for w in load_json(cli("plan", "--json", "--weeks", "2"))["weeks"]][
        1
    ] == "hold"  # the week back after the pause


def test_checkin_records_every_trek_question_and_merges_the_day(cli):
    first = load_json(cli("checkin", "--pain", "2", "--run-pain", "1", "--json"))
    assert (first["pain"], first["run_pain"], first["lingered"]) == (2, 1, False)
    assert first["effect"] == "progression continues"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    morning = load_json(cli("checkin", "--worse-next-morning", "--date", yesterday, "--json"))
    assert (morning["pain"], morning["worse_next_morning"]) == (None, True)
    assert "holds" in morning["effect"]
    again = load_json(cli("checkin", "--lingered", "--json"))
    assert again["replaced"] is True
    assert (again["pain"], again["run_pain"], again["lingered"]) == (2, 1, True)
    human = cli("checkin", "--run-pain", "3")
    assert "3/10 while running" in human.stdout and "holds" in human.stdout


def test_a_worse_morning_said_alone_is_this_morning_so_yesterdays(cli, monkeypatch):
    """`checkin --worse-next-morning` typed this morning records yesterday's check-in (this
    morning is the morning after it); with today's answers and no --date it is ambiguous."""
    monkeypatch.setattr("hipcoach.timeutil.today", lambda tz: date(2026, 12, 5))
    said = load_json(cli("checkin", "--worse-next-morning", "--json"))
    assert (said["date"], said["worse_next_morning"]) == ("2026-12-04", True)
    mixed = cli("checkin", "--worse-next-morning", "--pain", "2")
    assert mixed.exit_code == 2 and "give --date, or check in twice" in mixed.stderr
    dated = load_json(
        cli("checkin", "--worse-next-morning", "--pain", "2", "--date", "2026-12-03", "--json")
    )
    assert (dated["date"], dated["pain"]) == ("2026-12-03", 2)


def test_pain_above_two_two_weeks_running_says_see_a_physio(cli):
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    cli("checkin", "--pain", "3", "--date", week_ago)
    data = load_json(cli("checkin", "--pain", "4", "--json"))
    assert data["see_physio"] and "two different weeks" in data["physio"]
    assert data["effect"] == "next week holds its rungs (no progression)"


def test_equipment_and_time_cap_come_from_config(cli, home):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(
        home,
        f"[athlete]\nstart_date = {monday}\nequipment = ['band', 'ankle_weight']\n"
        "max_session_minutes = 25\nlevel = 'strong'\n",
    )
    data = load_json(cli("plan", "--json", "--weeks", "10"))
    assert (data["equipment"], data["max_session_minutes"]) == (["ankle_weight", "band"], 25)
    sessions = [s for w in data["weeks"] for s in w["sessions"]]
    assert all(s["estimated_minutes"] <= 25 for s in sessions)
    loads = {e["load"] for s in sessions for e in s["exercises"]}
    assert "light band" in loads and "ankle weight 1 kg" in loads
    assert {x for s in sessions for e in s["exercises"] for x in e["equipment"]} <= {
        "band",
        "ankle_weight",
    }


def test_unknown_equipment_or_a_tiny_time_cap_is_a_config_error(cli, home):
    write_config(home, "[athlete]\nequipment = ['kettlebell']\n")
    result = cli("plan")
    assert result.exit_code == ExitCode.CONFIG and "athlete.equipment" in result.stderr
    write_config(home, "[athlete]\nmax_session_minutes = 10\n")
    result = cli("plan")
    assert result.exit_code == ExitCode.CONFIG and "max_session_minutes" in result.stderr


def test_checkin_json_and_replace(cli):
    first = load_json(cli("checkin", "--pain", "1", "--json"))
    assert first["replaced"] is False and first["effect"] == "progression continues"
    assert (first["previous"], first["corrected"]) == (None, False)
    second = load_json(cli("checkin", "--pain", "6", "--json"))
    assert second["replaced"] is True and second["previous"]["pain"] == 1
    assert "steps back" in second["effect"]
    assert second["see_physio"] is False and second["physio"] is None
    lower = load_json(cli("checkin", "--pain", "2", "--run-pain", "1", "--json"))
    assert (lower["pain"], lower["run_pain"], lower["kept"]) == (
        6,
        1,
        ["2/10 during the exercises"],
    )
    fixed = load_json(cli("checkin", "--pain", "2", "--replace", "--json"))
    assert (fixed["pain"], fixed["run_pain"], fixed["corrected"]) == (2, None, True)
    assert fixed["previous"] == {
        "pain": 6,
        "run_pain": 1,
        "lingered": False,
        "worse_next_morning": False,
    }
    assert fixed["withdrawn"] == ["the step-down"] and fixed["effect"] == "progression continues"
    alone = cli("checkin", "--replace", "--done")
    assert alone.exit_code == ExitCode.USAGE and "--replace corrects" in alone.stderr


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


@pytest.mark.parametrize("equipment", [[], ["band"], ["band", "ankle_weight", "step", "dumbbell"]])
@pytest.mark.parametrize("level", ["gentle", "standard", "strong"])
def test_sixteen_weeks_of_plan_json_stay_within_the_bounds(cli, home, level, equipment):
    monday = date.today() - timedelta(days=date.today().weekday())
    write_config(
        home,
        f"[athlete]\nstart_date = {monday}\nlevel = '{level}'\nequipment = {equipment!r}\n",
    )
    weeks = load_json(cli("plan", "--json", "--weeks", "16"))["weeks"]
    assert len(weeks) == 16
    for week in weeks:
        assert week["progression"] in (
            "start",
            "progress",
            "hold",
            "deload",
            "step_down",
            "pause",
            "maintain",
        )
        assert week["education"]["source"]
        for session in week["sessions"]:
            assert session["estimated_minutes"] <= 30
            for e in session["exercises"]:
                assert 1 <= e["sets"] <= 3
                assert (6 <= e["reps"] <= 20) if e["reps"] is not None else 10 <= e["seconds"] <= 60
                assert set(e["equipment"]) <= set(equipment)
        if week["week"] >= 3:
            trained = {f for s in week["sessions"] for e in s["exercises"] for f in e["focus"]}
            assert {"knee", "hip_external_rotation", "hip_abduction", "hip_extension"} <= trained

    def reached(week):
        return {e["key"]: e["rung"] for s in week["sessions"] for e in s["exercises"]}

    first, eighth = reached(weeks[0]), reached(weeks[7])
    assert all(eighth[k] > first[k] for k in first)


def test_the_demos_next_steps_name_the_hipcoach_that_ran(monkeypatch, tmp_path) -> None:
    from hipcoach.cli.app import invoked_as

    venv = tmp_path / ".venv" / "bin" / "hipcoach"
    venv.parent.mkdir(parents=True)
    venv.write_text("")
    monkeypatch.setattr("sys.argv", [".venv/bin/hipcoach", "demo"])
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert invoked_as() == ".venv/bin/hipcoach"  # not on PATH: as typed
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("shutil.which", lambda name: str(venv))
    assert invoked_as() == "hipcoach"  # the one on PATH
    monkeypatch.setattr("sys.argv", ["/usr/lib/python3/hipcoach/__main__.py"])
    assert invoked_as() == "hipcoach"


def test_a_prompt_without_an_answer_is_a_usage_error(cli) -> None:
    result = cli("auth", "garmin", input="")
    assert result.exit_code == 2
    assert "no terminal to ask for the Garmin Connect email" in result.stderr
    assert "--email" in result.stderr and "Traceback" not in result.output


def test_done_and_skipped_together_is_a_usage_error(cli) -> None:
    result = cli("checkin", "--done", "--skipped")
    assert result.exit_code == 2 and "not both" in result.stderr
