"""A check-in of 7/10 or more, end to end: the rest of the ISO week comes off the watch at the
next sync, the weeks after carry pain-free holds whose descriptions say to see a physio, and
the next ICS export writes the cancelled sessions as cancelled."""

from __future__ import annotations

import json
from datetime import timedelta

from icalendar import Calendar

from tests.sync.runner import MONDAY, sync


def test_a_severe_check_in_takes_the_rest_of_the_week_off_the_watch(cli, clock, watch, tmp_path):
    first = sync(cli)
    assert first["physio"] is None
    out = tmp_path / "calendar"
    assert cli("export", "ics", "--out", str(out)).exit_code == 0
    this_week = {
        key: day
        for key, day in watch.hipcoach_entries()
        if day < (MONDAY + timedelta(weeks=1)).isoformat()
    }
    assert len(this_week) >= 2  # sessions this week, to be taken off

    tuesday = MONDAY + timedelta(days=1)
    clock.day = tuesday
    said = json.loads(cli("checkin", "--pain", "8", "--json").stdout)
    assert "cancelled" in said["effect"] and said["physio"]

    report = sync(cli)
    assert report["physio"] and "see a physiotherapist" in report["physio"]
    left = [
        (key, day)
        for key, day in watch.hipcoach_entries()
        if tuesday.isoformat() <= day < (MONDAY + timedelta(weeks=1)).isoformat()
    ]
    assert left == []  # nothing left this week from the check-in's day on
    gone = {d["key"] for d in report["deleted"]}
    assert {k for k, day in this_week.items() if day >= tuesday.isoformat()} <= gone
    for session in report["sessions"]:
        assert session["light"] and session["physio"] == report["physio"]
        assert all(e["seconds"] is not None for e in session["exercises"])
    described = [
        w["description"] for w in watch.workouts.values() if "hipcoach:" in w.get("description", "")
    ]
    upcoming = [d for d in described if "(pause" in d]
    assert upcoming and all(d.startswith("Stop what hurts, exercises or running") for d in upcoming)

    assert cli("export", "ics", "--out", str(out)).exit_code == 0
    calendar = Calendar.from_ical((out / "hipcoach.ics").read_bytes())
    cancelled = {
        str(e["uid"]).split(".")[0]
        for e in calendar.walk("VEVENT")
        if str(e.get("status", "")) == "CANCELLED"
    }
    assert cancelled == {k for k, day in this_week.items() if day >= tuesday.isoformat()}
    for event in calendar.walk("VEVENT"):
        if str(event.get("status", "")) != "CANCELLED":
            assert "see a physiotherapist" in str(event["description"])
