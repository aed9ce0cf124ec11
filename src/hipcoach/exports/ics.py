"""An ICS calendar of the scheduled sessions (via ``icalendar``).

Each event's UID is derived from the session key, so re-importing an updated calendar
moves or updates the events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hipcoach import DISCLAIMER
from hipcoach.interfaces import Exporter
from hipcoach.models import ScheduledSession

UID_DOMAIN = "hipcoach"
CALENDAR_FILE = "hipcoach.ics"


def event_uid(item: ScheduledSession) -> str:
    """A stable UID: the same session keeps it whatever its date or content."""
    return f"{item.session.key}@{UID_DOMAIN}"


def describe(item: ScheduledSession) -> str:
    """The event description: why this day, each exercise with its dose and cues."""
    lines = [f"Why today: {item.reason}.", ""]
    for p in item.session.prescriptions:
        lines.append(f"• {p.label()}: {p.dose_text()}, rest {p.rest_seconds} s")
        lines.append(f"  {p.cues}")
    lines += ["", DISCLAIMER]
    return "\n".join(lines)


def calendar_bytes(sessions: Sequence[ScheduledSession], stamp: datetime | None = None) -> bytes:
    """The calendar as bytes: one all-day event per session."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//hipcoach//hip strength for runners//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "hipcoach")
    for item in sessions:
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", f"{item.session.title} (~{item.session.estimated_minutes()} min)")
        event.add("description", describe(item))
        event.add("categories", ["hip strength"])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


class IcsExporter(Exporter):
    """``hipcoach export ics``: one calendar file."""

    format = "ics"
    summary = "an ICS calendar, one all-day event per session (stable UIDs)"

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / CALENDAR_FILE
        path.write_bytes(calendar_bytes(sessions))
        return [path]
