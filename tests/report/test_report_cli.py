"""``hipcoach report`` and the demo's report.html."""

from __future__ import annotations

import json
import os
import webbrowser
from datetime import date, timedelta

import pytest

from hipcoach.errors import ExitCode
from tests.conftest import REPO
from tests.report.test_render import Page

SAMPLE = REPO / "examples" / "strava-activities.json"
CANNOT_WRITE = 73


def test_report_writes_one_page_for_the_window(cli, home, tmp_path):
    out = tmp_path / "plans" / "me.html"
    result = cli("report", "--activities", str(SAMPLE), "--out", str(out), "--from", "2025-11-17")
    assert result.exit_code == 0, result.output
    assert f"Report written to {out}" in result.stdout
    schedule = json.loads(
        cli("schedule", "--json", "--activities", str(SAMPLE), "--from", "2025-11-17").stdout
    )
    page = Page(out.read_text(encoding="utf-8"))
    sessions = [a["data-session"] for a in page.all("article") if a.get("data-session")]
    assert sessions == [s["key"] for s in schedule["sessions"]]
    for s in schedule["sessions"]:
        assert s["reason"] in page.plain
    assert page.all("td", **{"data-date": "2025-11-30"})  # the window's last day
    assert not page.all("td", **{"data-date": "2025-12-01"})


def test_report_defaults_to_schedules_window_and_a_file_here(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("report", "--activities", str(SAMPLE), "--json")
    data = json.loads(result.stdout)
    assert data["file"] == "hipcoach-report.html" and data["sessions"] >= 1
    page = Page((tmp_path / "hipcoach-report.html").read_text(encoding="utf-8"))
    today = date.today()
    marked = [a["data-date"] for a in page.all("td") if "today" in (a.get("class") or "")]
    # The calendar starts on the Monday of the window's first day (tomorrow).
    assert marked == ([] if today.weekday() == 6 else [today.isoformat()])
    window = [a["data-date"] for a in page.all("td") if "out" not in (a.get("class") or "")]
    schedule = json.loads(cli("schedule", "--json", "--activities", str(SAMPLE)).stdout)
    assert (window[0], window[-1]) == (schedule["from"], schedule["to"]) and len(window) == 14


def test_report_shows_pain_checkins_from_the_home(cli, tmp_path):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert cli("checkin", "--pain", "3", "--date", yesterday).exit_code == 0
    out = tmp_path / "r.html"
    assert cli("report", "--activities", str(SAMPLE), "--out", str(out)).exit_code == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.all("svg", **{"class": "chart pain", "role": "img"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_out_is_one_line_and_exit_73(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = cli("report", "--activities", str(SAMPLE), "--out", str(locked / "r.html"))
    assert result.exit_code == CANNOT_WRITE
    assert result.stderr.count("\n") == 1 and "cannot write the report" in result.stderr


def test_out_inside_a_file_is_one_line_and_exit_73(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    result = cli(
        "report", "--activities", str(SAMPLE), "--out", str(tmp_path / "notes.txt" / "r.html")
    )
    assert result.exit_code == CANNOT_WRITE, result.output
    assert result.stderr.startswith("hipcoach: error: cannot write ")
    assert "Traceback" not in result.output and result.stderr.count("\n") == 1
    assert "--out" in result.stderr


def test_out_that_is_a_directory_is_a_usage_error(cli, tmp_path):
    result = cli("report", "--activities", str(SAMPLE), "--out", str(tmp_path))
    assert result.exit_code == ExitCode.USAGE and "is a directory" in result.stderr


def test_open_hands_the_file_to_the_browser(cli, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    out = tmp_path / "r.html"
    assert cli("report", "--activities", str(SAMPLE), "--out", str(out), "--open").exit_code == 0
    assert opened == [out.resolve().as_uri()]


def test_open_without_a_browser_warns(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    out = tmp_path / "r.html"
    result = cli("report", "--activities", str(SAMPLE), "--out", str(out), "--open")
    assert result.exit_code == 0 and "could not start a web browser" in result.stderr


def test_bad_options_are_usage_errors(cli):
    assert cli("report", "--days", "0").exit_code == ExitCode.USAGE
    assert cli("report", "--from", "soon").exit_code == ExitCode.USAGE


def test_demo_writes_report_html_beside_its_other_files(cli, home, tmp_path):
    out = tmp_path / "demo"
    result = cli("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    page = Page((out / "report.html").read_text(encoding="utf-8"))
    assert len(page.all("svg", **{"class": "exercise-picture"})) == 5
    assert len([a for a in page.all("article") if a.get("data-session")]) >= 5
    assert (out / "hipcoach.ics").exists() and "report.html" in result.stdout
    assert not (home / "state.db").exists()  # the demo still leaves the user's home alone
