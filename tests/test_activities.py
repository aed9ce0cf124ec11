import json
from datetime import date

import pytest

from hipcoach.errors import ExitCode, InputDataError
from hipcoach.schedule.activities import load_activities_file, run_from_activity
from tests.conftest import DATA
from tests.strava_shapes import activity

SAMPLE = DATA / "strava-activities-sample.json"


def test_sample_keeps_running_sports_only_with_local_dates_and_kinds():
    runs = load_activities_file(SAMPLE)
    assert len(runs) == 11  # the Ride and the WeightTraining are skipped
    by_day = {r.date: r for r in runs}
    assert by_day[date(2025, 4, 26)].kind == "race"
    assert by_day[date(2025, 4, 27)].kind == "long"
    assert by_day[date(2025, 4, 17)].kind == "workout"
    assert by_day[date(2025, 4, 21)].sport == "TrailRun"
    assert by_day[date(2025, 4, 15)].sport == "VirtualRun"
    # 20:45 local on the 25th is the 26th in UTC: the local date wins.
    assert by_day[date(2025, 4, 25)].distance_m == pytest.approx(5231.9)
    assert round(sum(r.distance_km for r in runs), 1) == 139.4


def test_sydney_dawn_run_is_sunday_although_saturday_in_utc():
    raw = activity(date(2026, 11, 22), 24, hour=5, minute=30, utc_offset_h=11, workout_type=2)
    assert raw["start_date"].startswith("2026-11-21")
    assert run_from_activity(raw).date == date(2026, 11, 22)


def test_type_is_the_fallback_for_sport_type():
    raw = activity(date(2026, 11, 22), 5)
    del raw["sport_type"]
    assert run_from_activity(raw).sport == "Run"
    raw["type"] = "Swim"
    assert run_from_activity(raw) is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not JSON"),
        ('{"id": 1}', "expected a JSON list"),
        (
            '[{"id": 7, "sport_type": "Run", "distance": 5000}]',
            "entry 0 (id 7): no start_date_local",
        ),
        (
            '[{"id": 8, "sport_type": "Run", "distance": -5, '
            '"start_date_local": "2026-11-01T08:00:00Z"}]',
            "entry 0 (id 8): distance is negative",
        ),
        ('["a run"]', "entry 0: not a JSON object"),
    ],
)
def test_bad_activity_files(tmp_path, content, expected):
    path = tmp_path / "acts.json"
    path.write_text(content)
    with pytest.raises(InputDataError) as info:
        load_activities_file(path)
    assert str(path) in str(info.value) and expected in str(info.value)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2]",
        '[{"sport_type": "Run", "distance": 1000}]',
        '[{"sport_type": "Run", "distance": -1, "start_date_local": "2026-11-01T08:00:00Z"}]',
    ],
)
def test_bad_activities_exit_65_with_one_line(cli, tmp_path, content):
    path = tmp_path / "acts.json"
    path.write_text(content)
    for command in (["schedule"], ["runs"], ["export", "ics", "--out", str(tmp_path / "o")]):
        result = cli(*command, "--activities", str(path))
        assert result.exit_code == ExitCode.DATAERR, (command, result.output)
        assert len(result.stderr.strip().splitlines()) == 1
        assert "acts.json" in result.stderr
        assert "Traceback" not in result.output


def test_unknown_sports_are_skipped_and_empty_history_is_fine(cli, tmp_path):
    path = tmp_path / "acts.json"
    path.write_text(json.dumps([activity(date(2026, 11, 20), 30, sport="Ride")]))
    result = cli("schedule", "--json", "--activities", str(path), "--from", "2026-11-30")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["runs"] == [] and len(data["sessions"]) >= 4
    path.write_text("[]")
    assert cli("schedule", "--json", "--activities", str(path)).exit_code == 0


@pytest.mark.parametrize(("value", "constant"), [("nan", "NaN"), ("inf", "Infinity")])
def test_nan_or_infinity_in_a_file_is_65_in_one_line(cli, tmp_path, value, constant):
    path = tmp_path / "acts.json"
    bad = activity(date(2026, 11, 20), 10) | {"distance": float(value)}
    path.write_text(json.dumps([bad, activity(date(2026, 11, 22), 10)]))
    assert constant in path.read_text()  # what Python's json writes, and would read back
    for command in (["schedule", "--json"], ["runs", "--json"]):
        result = cli(*command, "--activities", str(path))
        assert result.exit_code == ExitCode.DATAERR, (command, result.output)
        assert result.stdout == ""
        [line] = result.stderr.strip().splitlines()
        assert "acts.json" in line and constant in line and "not JSON" in line


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"distance": 1e400}, "not a finite number"),
        ({"distance": 400_000}, "over 300 km"),
        ({"start_date_local": "9999-01-01T08:00:00Z"}, "in the future"),
        ({"start_date_local": "1985-06-01T08:00:00Z"}, "before 1990"),
        ({"moving_time": 600}, "faster than the world record for the distance, 2:37"),
        ({"moving_time": 10**30}, "over a week"),
        ({"workout_type": 2**70}, "workout_type"),
    ],
)
def test_an_implausible_entry_in_a_file_is_65_naming_it(cli, tmp_path, changes, reason):
    path = tmp_path / "acts.json"
    entries = [activity(date(2026, 11, 20), 10, ident=5), activity(date(2026, 11, 22), 10)]
    entries[0].update(changes)
    path.write_text(json.dumps(entries).replace("Infinity", "1e400"))  # 1e400 reads as inf
    result = cli("runs", "--json", "--activities", str(path))
    assert result.exit_code == ExitCode.DATAERR, result.output
    [line] = result.stderr.strip().splitlines()
    assert "entry 0 (id 5)" in line and reason in line


def test_the_same_activity_twice_counts_once(cli, tmp_path):
    path = tmp_path / "acts.json"
    runs = [activity(date(2026, 11, 16), 10, ident=1), activity(date(2026, 11, 18), 12, ident=2)]
    path.write_text(json.dumps(runs + runs))  # the same export pasted twice
    data = json.loads(cli("runs", "--json", "--activities", str(path)).stdout)
    assert [r["id"] for r in data["runs"]] == ["1", "2"]
    assert sum(w["distance_km"] for w in data["weeks"]) == 22.0


def test_a_byte_order_mark_is_fine_and_other_encodings_are_65(cli, tmp_path):
    path = tmp_path / "acts.json"
    text = json.dumps([activity(date(2026, 11, 20), 10, name="Café run")], ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert cli("runs", "--json", "--activities", str(path)).exit_code == 0
    path.write_bytes(text.encode("latin-1"))
    result = cli("runs", "--json", "--activities", str(path))
    assert result.exit_code == ExitCode.DATAERR
    [line] = result.stderr.strip().splitlines()
    assert "not UTF-8" in line and "acts.json" in line
