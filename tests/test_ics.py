"""The ICS calendar: per-athlete UIDs, sequenced updates, the dose in the description."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from hipcoach.exports.ics import (
    ATHLETE_ID_KEY,
    CalendarLedger,
    StateLedger,
    revise,
    write_calendar,
)
from hipcoach.models import ScheduledSession
from hipcoach.state import open_state
from tests.conftest import write_config
from tests.report.conftest import sample_plan

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def moved(item: ScheduledSession, days: int) -> ScheduledSession:
    return item.model_copy(update={"date": item.date + timedelta(days=days)})


def test_unchanged_plan_keeps_sequence_and_bytes(tmp_path):
    sessions = sample_plan().sessions
    ledger = CalendarLedger("athlete1")
    path = write_calendar(sessions, tmp_path / "a.ics", ledger, now=T0)
    first = path.read_bytes()
    write_calendar(sessions, path, ledger, now=T0 + timedelta(days=1))
    assert path.read_bytes() == first
    event = events(path)[f"{sessions[0].session.key}.athlete1@hipcoach"]
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstamp") == event.decoded("last-modified") == T0


def test_a_moved_or_changed_session_gets_the_next_sequence(tmp_path):
    sessions = sample_plan().sessions
    ledger = CalendarLedger("athlete1")
    path = tmp_path / "a.ics"
    write_calendar(sessions, path, ledger, now=T0)
    later = T0 + timedelta(hours=5)
    changed = [moved(sessions[0], 1), *sessions[1:]]
    write_calendar(changed, path, ledger, now=later)
    cal = events(path)
    first = cal[f"{sessions[0].session.key}.athlete1@hipcoach"]
    assert int(first["sequence"]) == 1
    assert first.decoded("last-modified") == later and first.decoded("created") == T0
    assert first.decoded("dtstart") == sessions[0].date + timedelta(days=1)
    second = cal[f"{sessions[1].session.key}.athlete1@hipcoach"]
    assert int(second["sequence"]) == 0 and second.decoded("last-modified") == T0
    # A new reason is a change too (it is in the description); moving back is another.
    write_calendar(sessions, path, ledger, now=later + timedelta(hours=1))
    assert int(events(path)[f"{sessions[0].session.key}.athlete1@hipcoach"]["sequence"]) == 2


def test_revise_keeps_sessions_not_exported():
    sessions = sample_plan().sessions
    revisions = revise({}, sessions, T0)
    assert revise(revisions, sessions[:1], T0 + timedelta(days=1)) == revisions


def test_description_carries_the_reason_and_the_dose(tmp_path):
    sessions = sample_plan().sessions
    path = write_calendar(sessions, tmp_path / "a.ics", CalendarLedger("x"), now=T0)
    event = events(path)[f"{sessions[0].session.key}.x@hipcoach"]
    text = str(event["description"])
    assert sessions[0].reason in text
    sets = sum(p.sets for p in sessions[0].session.prescriptions)
    assert f"Dose: 5 exercises, {sets} sets in all" in text
    first = sessions[0].session.prescriptions[0]
    assert f"{first.label()}: {first.dose_text()}, rest {first.rest_seconds} s" in text


def test_athlete_id_is_made_once_and_kept_in_the_state(tmp_path):
    state = open_state(tmp_path / "state.db")
    first = StateLedger(state)
    assert len(first.athlete_id) == 32
    write_calendar(sample_plan().sessions, tmp_path / "a.ics", first, now=T0)
    state.close()
    state = open_state(tmp_path / "state.db")
    again = StateLedger(state)
    assert again.athlete_id == first.athlete_id == state.get_meta(ATHLETE_ID_KEY)
    assert again.revisions == first.revisions


def test_two_homes_never_share_uids(cli, home, tmp_path):
    acts = tmp_path / "acts.json"
    acts.write_text("[]")
    other = tmp_path / "other-home"
    other.mkdir()
    mine, theirs = tmp_path / "me", tmp_path / "them"
    assert cli("export", "ics", "--out", str(mine), "--activities", str(acts)).exit_code == 0
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    result = CliRunner().invoke(
        root,
        ["--home", str(other), "export", "ics", "--out", str(theirs), "--activities", str(acts)],
    )
    assert result.exit_code == 0, result.output
    a, b = events(mine / "hipcoach.ics"), events(theirs / "hipcoach.ics")
    assert a and len(a) == len(b) and not set(a) & set(b)
    keys = {u.split(".")[0] for u in a}
    assert keys == {u.split(".")[0] for u in b}


def test_schedule_ics_sequence_goes_up_when_a_session_moves(cli, home, tmp_path):
    acts = tmp_path / "acts.json"
    acts.write_text("[]")
    ics = tmp_path / "plan.ics"
    data = json.loads(
        cli("schedule", "--json", "--activities", str(acts), "--ics", str(ics)).stdout
    )
    before = events(ics)
    # The first session of the next full week: blocking its day moves it within that week.
    next_monday = date.today() + timedelta(days=7 - date.today().weekday())
    item = next(s for s in data["sessions"] if date.fromisoformat(s["date"]) >= next_monday)
    uid = next(u for u in before if u.startswith(f"{item['key']}."))
    assert int(before[uid]["sequence"]) == 0
    write_config(home, f"[athlete]\nblocked_dates = [{item['date']}]\n")
    cli("schedule", "--activities", str(acts), "--ics", str(ics))
    after = events(ics)
    assert after[uid].decoded("dtstart") != date.fromisoformat(item["date"])
    assert int(after[uid]["sequence"]) == 1


def alarms(path):
    """Per event UID: its VALARMs as (action, trigger) read back with icalendar."""
    return {
        uid: [(str(a["action"]), a.decoded("trigger")) for a in event.walk("VALARM")]
        for uid, event in events(path).items()
    }


def test_every_event_reminds_the_evening_before_at_19(cli, tmp_path):
    acts = tmp_path / "acts.json"
    acts.write_text("[]")
    out = tmp_path / "out"
    assert cli("export", "ics", "--out", str(out), "--activities", str(acts)).exit_code == 0
    found = alarms(out / "hipcoach.ics")
    assert found and all(a == [("DISPLAY", timedelta(hours=-5))] for a in found.values())
    event = next(iter(events(out / "hipcoach.ics").values()))
    alarm = event.walk("VALARM")[0]
    assert str(event["summary"]) in str(alarm["description"])
    # From the all-day event's local midnight: 19:00 the day before, in the runner's zone.
    start = datetime.combine(event.decoded("dtstart"), datetime.min.time())
    assert start + alarm.decoded("trigger") == start - timedelta(days=1) + timedelta(hours=19)


def test_the_reminder_can_move_or_go_and_the_events_update(cli, home, tmp_path):
    acts = tmp_path / "acts.json"
    acts.write_text("[]")
    out = tmp_path / "out"
    cli("export", "ics", "--out", str(out), "--activities", str(acts))
    write_config(home, '[athlete]\nreminder = "07:30 on the day"\n')
    assert cli("export", "ics", "--out", str(out), "--activities", str(acts)).exit_code == 0
    found = alarms(out / "hipcoach.ics")
    assert all(a == [("DISPLAY", timedelta(hours=7, minutes=30))] for a in found.values())
    assert all(int(e["sequence"]) == 1 for e in events(out / "hipcoach.ics").values())

    write_config(home, '[athlete]\nreminder = "off"\n')
    ics = tmp_path / "plan.ics"
    assert cli("schedule", "--activities", str(acts), "--ics", str(ics)).exit_code == 0
    assert all(a == [] for a in alarms(ics).values())


def test_a_reminder_that_is_not_one_is_exit_78_naming_the_key(cli, home, tmp_path):
    write_config(home, '[athlete]\nreminder = "at seven"\n')
    result = cli("export", "ics", "--out", str(tmp_path / "out"))
    assert result.exit_code == 78
    assert "athlete.reminder" in result.stderr and "the day before" in result.stderr


def test_the_demo_calendar_has_reminders_too(cli, tmp_path):
    out = tmp_path / "demo"
    assert cli("demo", "--out", str(out)).exit_code == 0
    found = alarms(out / "hipcoach.ics")
    assert found and all(a == [("DISPLAY", timedelta(hours=-5))] for a in found.values())
