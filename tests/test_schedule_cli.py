import json
from datetime import date, timedelta

from icalendar import Calendar

from hipcoach.errors import ExitCode
from tests.conftest import DATA, REPO, load_json, write_config
from tests.strava_shapes import weekly_history

SAMPLE = DATA / "strava-activities-sample.json"
SAMPLE_RUNNER = REPO / "examples" / "strava-activities.json"


def history_file(tmp_path, **kwargs):
    today = date.today()
    last_monday = today - timedelta(days=today.weekday() + 7)
    path = tmp_path / "activities.json"
    path.write_text(json.dumps(weekly_history(last_monday, 6, **kwargs)))
    return path


def test_schedule_json_contract(cli, tmp_path):
    data = load_json(cli("schedule", "--json", "--activities", str(history_file(tmp_path))))
    today = date.today()
    assert data["from"] == today.isoformat()
    assert data["to"] == (today + timedelta(days=13)).isoformat()
    assert 4 <= len(data["sessions"]) <= 7
    session = data["sessions"][0]
    assert {"date", "key", "reason", "exercises", "light", "estimated_minutes"} <= set(session)
    assert isinstance(session["light"], bool) and 0 < session["estimated_minutes"] <= 30
    exercise = session["exercises"][0]
    assert {"key", "name", "sets", "reps", "seconds", "per_side"} <= set(exercise)
    assert {"rung", "variant", "load", "equipment"} <= set(exercise)
    assert isinstance(exercise["rung"], int) and isinstance(exercise["equipment"], list)
    assert data["runs"] and {"date", "distance_km", "kind"} <= set(data["runs"][0])
    assert any(r["kind"] == "long" for r in data["runs"])
    assert data["long_run_weekday"] == 6


def test_schedule_options(cli, tmp_path):
    acts = history_file(tmp_path)
    start = date.today() + timedelta(days=30)
    race = start + timedelta(days=5)
    data = load_json(
        cli(
            "schedule",
            "--json",
            "--activities",
            str(acts),
            "--from",
            start.isoformat(),
            "--days",
            "10",
            "--race",
            race.isoformat(),
            "--race",
            (race + timedelta(40)).isoformat(),
        )
    )
    assert data["from"] == start.isoformat() and data["to"] == (start + timedelta(9)).isoformat()
    assert race.isoformat() in data["races"]
    for s in data["sessions"]:
        assert not 0 <= (race - date.fromisoformat(s["date"])).days <= 2


def test_config_races_and_blocked_days_are_used(cli, home, tmp_path):
    start = date.today() + timedelta(days=1)
    race = start + timedelta(days=9)
    write_config(home, f"[athlete]\nraces = [{race.isoformat()}]\nblocked_weekdays = ['monday']\n")
    data = load_json(cli("schedule", "--json", "--activities", str(history_file(tmp_path))))
    assert race.isoformat() in data["races"]
    assert all(date.fromisoformat(s["date"]).weekday() != 0 for s in data["sessions"])


def test_schedule_bad_options(cli, tmp_path):
    assert cli("schedule", "--from", "tomorrow").exit_code == ExitCode.USAGE
    assert cli("schedule", "--days", "0").exit_code == ExitCode.USAGE
    assert cli("schedule", "--race", "2026-02-30").exit_code == ExitCode.USAGE
    assert cli("schedule", "--activities", str(tmp_path / "missing.json")).exit_code == 2


def test_schedule_human_output_shows_runs_sessions_and_reasons(cli, tmp_path):
    result = cli("schedule", "--activities", str(history_file(tmp_path)))
    assert result.exit_code == 0
    assert "long" in result.stdout and "Hip strength" in result.stdout
    assert "day after your" in result.stdout
    # The rows start a week before the window; the title says so (a physiotherapist read
    # "Sat 05 Dec - Fri 18 Dec" above rows from Sat 28 Nov).
    title = result.stdout.splitlines()[0]
    assert "Hip sessions" in title and "the week before" in title


def test_the_usual_quality_run_the_reasons_name_shows_in_the_table(cli):
    """The sample runner's Thursday workouts: a reason says the quality run is tomorrow, and
    the Thursday row shows it expected (it was blank beside "(expected long run)")."""
    result = cli("schedule", "--activities", str(SAMPLE_RUNNER), "--from", "2025-11-17")
    assert result.exit_code == 0, result.output
    assert "Thursday quality" in result.stdout  # the reason, folded over lines in its cell
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ Thu")]
    assert any("(expected quality" in row for row in rows), rows
    assert not any("(expected quality" in row for row in rows if "13 Nov" in row)  # past


def test_schedule_without_source_warns_and_still_plans(cli):
    result = cli("schedule", "--json")
    assert result.exit_code == 0
    assert "no activity source is set up" in result.stderr
    assert json.loads(result.stdout)["sessions"]


def uids(path):
    """Events by session key (the UID is ``<session key>.<athlete id>@hipcoach``)."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]).split(".")[0]: e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def test_ics_has_one_event_per_session_with_stable_uids(cli, home, tmp_path):
    acts = history_file(tmp_path)
    ics = tmp_path / "out" / "plan.ics"
    data = load_json(cli("schedule", "--json", "--activities", str(acts), "--ics", str(ics)))
    first = uids(ics)
    assert set(first) == {s["key"] for s in data["sessions"]}
    calendar = Calendar.from_ical(ics.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert "Side leg raise" in str(event["description"])
    # Blocking the day of the first session of the next full week moves it: same UID, new
    # date (a week's first session keeps its key wherever it lands).
    next_monday = date.today() + timedelta(days=7 - date.today().weekday())
    item = next(s for s in data["sessions"] if date.fromisoformat(s["date"]) >= next_monday)
    moved_day = item["date"]
    write_config(home, f"[athlete]\nblocked_dates = [{moved_day}]\n")
    cli("schedule", "--activities", str(acts), "--ics", str(ics))
    second = uids(ics)
    key = item["key"]
    assert key in second and second[key].isoformat() != moved_day


def test_export_ics_and_json(cli, tmp_path):
    acts = str(history_file(tmp_path))
    out = tmp_path / "exports"
    assert cli("export", "ics", "--out", str(out), "--activities", acts).exit_code == 0
    assert (out / "hipcoach.ics").exists()
    result = cli("export", "json", "--out", str(out), "--activities", acts, "--json")
    files = json.loads(result.stdout)["files"]
    exported = json.loads((out / "hipcoach-schedule.json").read_text())
    assert files == [str(out / "hipcoach-schedule.json")]
    assert exported["sessions"][0]["exercises"]
    bad = cli("export", "pdf", "--out", str(out))
    assert bad.exit_code == ExitCode.USAGE and "ics" in bad.stderr


def test_runs_json_weekly_distance(cli):
    data = load_json(cli("runs", "--json", "--activities", str(SAMPLE), "--weeks", "3"))
    weeks = {w["start"]: round(w["distance_km"], 1) for w in data["weeks"]}
    assert weeks == {"2025-04-07": 42.4, "2025-04-14": 44.8, "2025-04-21": 52.2}
    assert {"id", "date", "distance_km", "moving_time_s", "kind"} <= set(data["runs"][0])


def test_runs_human_chart(cli):
    result = cli("runs", "--activities", str(SAMPLE))
    assert result.exit_code == 0
    assert "█" in result.stdout and "long run" in result.stdout


def test_demo_works_offline_in_an_empty_home(cli, home, tmp_path):
    out = tmp_path / "demo"
    result = cli("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "day after your" in result.stdout
    assert (out / "hipcoach.ics").exists()
    assert not (home / "state.db").exists()  # the demo leaves the user's home alone
    events = uids(out / "hipcoach.ics")
    assert len(events) >= 5
