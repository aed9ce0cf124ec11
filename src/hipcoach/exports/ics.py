"""An ICS calendar of the scheduled sessions (via ``icalendar``).

Calendar apps match an imported event to the one they have by its UID and apply it when
its ``SEQUENCE`` (or, at equal sequence, its ``DTSTAMP``) is newer. So:

- the UID is the session key plus an athlete id (random, made once and kept in the home's
  ``state.db``), so two runners importing into one shared calendar never collide, and a
  session keeps its UID whatever its date or content;
- a ledger remembers, per session, what the event last said (a fingerprint of its date,
  summary and description), its ``SEQUENCE`` and when it last changed: the sequence goes up
  by one exactly when the event changes, ``LAST-MODIFIED``/``DTSTAMP`` are that moment, and
  an unchanged plan gives a byte-identical file;
- each event carries a reminder (``VALARM``), by default the evening before at 19:00: a
  trigger relative to the all-day event's start (local midnight), so it rings at 19:00 in
  whatever zone the calendar app shows it (``[athlete] reminder`` changes or removes it).
- a session handed over before that has left the plan (a pause cancelled the rest of its
  week) is written as ``STATUS:CANCELLED`` with the next sequence while its day lies in the
  window, so that the calendar takes it off (the ledger keeps each event's day for that).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hipcoach import DISCLAIMER
from hipcoach.home import write_output
from hipcoach.models import ScheduledSession
from hipcoach.plugins.interfaces import Exporter

if TYPE_CHECKING:
    from icalendar import Event

    from hipcoach.state import StateDB

UID_DOMAIN = "hipcoach"
CALENDAR_FILE = "hipcoach.ics"
ATHLETE_ID_KEY = "ics_athlete_id"
EVENTS_KEY = "ics_events"
DEMO_ATHLETE_ID = "demo"
CANCELLED = "cancelled"
#: the evening before, at 19:00: from the all-day event's start (local midnight)
DEFAULT_REMINDER = timedelta(hours=-5)


def event_uid(item: ScheduledSession, athlete_id: str) -> str:
    """A stable UID, unique per athlete: the same session keeps it whatever its date."""
    return key_uid(item.session.key, athlete_id)


def key_uid(key: str, athlete_id: str) -> str:
    """The UID of the session ``key``'s event (also when it is written cancelled)."""
    return f"{key}.{athlete_id}@{UID_DOMAIN}"


def event_summary(item: ScheduledSession) -> str:
    """The event title: the session's title and length."""
    return f"{item.session.title} (~{item.session.estimated_minutes()} min)"


def describe(item: ScheduledSession) -> str:
    """The event description: why this day, the session's dose, each exercise and its cues."""
    session = item.session
    sets = session.total_sets()
    lines = [session.physio, ""] if session.physio else []
    lines += [
        f"Why today: {item.reason}.",
        f"Dose: {len(session.prescriptions)} exercises, {sets} sets in all, about "
        f"{session.estimated_minutes()} min with a {session.warmup_minutes}-min warm-up and "
        "rests.",
        "",
    ]
    for p in session.prescriptions:
        lines.append(f"• {p.label()}: {p.dose_text()}, rest {p.rest_seconds} s")
        lines.append(f"  {p.cues}")
    if session.tip is not None:
        tip = session.tip
        lines += ["", f"Tip: {tip.title}. {tip.text}", f"(Source: {tip.source})"]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)


def fingerprint(item: ScheduledSession, reminder: timedelta | None = DEFAULT_REMINDER) -> str:
    """What the event shows, hashed: it changes when the date, the content or the reminder
    does (a new reminder is an update calendar apps must apply)."""
    parts = [item.date.isoformat(), event_summary(item), describe(item), f"alarm {reminder}"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class EventRevision:
    """What an event last said, on which day (unknown for ledgers older than the field) and
    when that changed."""

    sequence: int
    fingerprint: str
    created: datetime
    modified: datetime
    day: date | None = None


def revise(
    previous: Mapping[str, EventRevision],
    items: Sequence[ScheduledSession],
    now: datetime,
    reminder: timedelta | None = DEFAULT_REMINDER,
    window: Window | None = None,
) -> dict[str, EventRevision]:
    """The revisions after this export: unchanged events keep theirs, a changed event gets
    the next sequence and ``now``, a new one starts at 0; one exported before whose day lies
    in ``window`` but which left the plan is cancelled (next sequence). Others stay."""
    revisions = dict(previous)
    for item in items:
        current = fingerprint(item, reminder)
        key = item.session.key
        old = previous.get(key)
        if old is None:
            revisions[key] = EventRevision(0, current, now, now, item.date)
        elif old.fingerprint != current:
            revisions[key] = EventRevision(old.sequence + 1, current, old.created, now, item.date)
    for key in cancelled(previous, items, window):
        old = previous[key]
        if old.fingerprint != CANCELLED:
            revisions[key] = EventRevision(old.sequence + 1, CANCELLED, old.created, now, old.day)
    return revisions


@dataclass(frozen=True)
class Window:
    """The days a plan covers (from today on) and the sessions in it that are over (done,
    partial or skipped: they stay as they are)."""

    first: date
    last: date
    over: frozenset[str] = frozenset()


def cancelled(
    revisions: Mapping[str, EventRevision],
    items: Sequence[ScheduledSession],
    window: Window | None,
) -> list[str]:
    """Sessions exported before, on a day in ``window``, that the plan no longer holds."""
    if window is None:
        return []
    kept = {item.session.key for item in items} | window.over
    return sorted(
        key
        for key, r in revisions.items()
        if key not in kept and r.day is not None and window.first <= r.day <= window.last
    )


@dataclass
class CalendarLedger:
    """The athlete id, the event revisions and the reminder the events carry (None: no
    reminder); this base keeps them in memory only."""

    athlete_id: str
    revisions: dict[str, EventRevision] = field(default_factory=dict)
    reminder: timedelta | None = DEFAULT_REMINDER

    def save(self) -> None:
        """Persist the revisions (nothing to do in memory)."""


class StateLedger(CalendarLedger):
    """A ledger kept in ``state.db`` (meta table), so UIDs and sequences survive runs."""

    def __init__(self, state: StateDB, reminder: timedelta | None = DEFAULT_REMINDER) -> None:
        self.state = state
        athlete_id = state.get_meta(ATHLETE_ID_KEY)
        if not athlete_id:
            athlete_id = uuid.uuid4().hex
            state.set_meta(ATHLETE_ID_KEY, athlete_id)
        stored = state.get_meta(EVENTS_KEY)
        with state.reading("meta"):  # a ledger damaged by hand: one clear line (exit 78)
            revisions = _load_revisions(stored)
        super().__init__(athlete_id, revisions, reminder)

    def save(self) -> None:
        self.state.set_meta(EVENTS_KEY, _dump_revisions(self.revisions))


def _load_revisions(text: str | None) -> dict[str, EventRevision]:
    if not text:
        return {}
    raw = json.loads(text)
    return {
        key: EventRevision(
            int(r["sequence"]),
            str(r["fingerprint"]),
            datetime.fromisoformat(r["created"]),
            datetime.fromisoformat(r["modified"]),
            date.fromisoformat(r["day"]) if r.get("day") else None,
        )
        for key, r in raw.items()
    }


def _dump_revisions(revisions: Mapping[str, EventRevision]) -> str:
    return json.dumps(
        {
            key: {
                "sequence": r.sequence,
                "fingerprint": r.fingerprint,
                "created": r.created.isoformat(),
                "modified": r.modified.isoformat(),
                **({"day": r.day.isoformat()} if r.day else {}),
            }
            for key, r in sorted(revisions.items())
        },
        separators=(",", ":"),
    )


def calendar_bytes(
    sessions: Sequence[ScheduledSession],
    *,
    athlete_id: str,
    revisions: Mapping[str, EventRevision],
    reminder: timedelta | None = DEFAULT_REMINDER,
    cancel: Sequence[str] = (),
) -> bytes:
    """The calendar as bytes: one all-day event per session (each must have a revision),
    with a reminder ``reminder`` from the event's start unless None, then the ``cancel``
    keys' events marked cancelled."""
    from icalendar import Alarm, Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//hipcoach//hip strength for runners//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "hipcoach")
    for item in sessions:
        event = _dated_event(item.session.key, athlete_id, revisions[item.session.key], item.date)
        event.add("summary", event_summary(item))
        event.add("description", describe(item))
        event.add("categories", ["hip strength"])
        event.add("transp", "TRANSPARENT")
        if reminder is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"hipcoach: {event_summary(item)}")
            alarm.add("trigger", reminder)
            event.add_component(alarm)
        calendar.add_component(event)
    for key in cancel:
        revision = revisions[key]
        if revision.day is None:
            continue
        event = _dated_event(key, athlete_id, revision, revision.day)
        event.add("summary", "Cancelled: hip session")
        event.add("description", "Cancelled by hipcoach (a pause, or the plan changed).")
        event.add("status", "CANCELLED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _dated_event(key: str, athlete_id: str, revision: EventRevision, day: date) -> Event:
    """An all-day event with its UID and revision stamps (the parts every event shares)."""
    from icalendar import Event

    event = Event()
    event.add("uid", key_uid(key, athlete_id))
    # Without a METHOD, DTSTAMP is the event's last revision (RFC 5545 §3.8.7.2).
    event.add("dtstamp", revision.modified)
    event.add("created", revision.created)
    event.add("last-modified", revision.modified)
    event.add("sequence", revision.sequence)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    return event


def write_calendar(
    sessions: Sequence[ScheduledSession],
    path: Path,
    ledger: CalendarLedger,
    now: datetime | None = None,
    window: Window | None = None,
) -> Path:
    """Write the calendar to ``path``, then record the revisions it carries. Sessions
    written before that left the plan, on a day in ``window``, are written cancelled."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    revisions = revise(ledger.revisions, sessions, now, ledger.reminder, window)
    cancel = cancelled(revisions, sessions, window)
    write_output(
        path,
        calendar_bytes(
            sessions,
            athlete_id=ledger.athlete_id,
            revisions=revisions,
            reminder=ledger.reminder,
            cancel=cancel,
        ),
    )
    # Recorded after the file is written: a failed write never bumps a sequence unseen.
    ledger.revisions = revisions
    ledger.save()
    return path


class IcsExporter(Exporter):
    """``hipcoach export ics``: one calendar file."""

    format = "ics"
    summary = "an ICS calendar, one all-day event per session (stable UIDs, sequenced updates)"

    def __init__(self, ledger: CalendarLedger, window: Window | None = None) -> None:
        self.ledger = ledger
        #: the plan's days: sessions written before that left it there are cancelled
        self.window = window

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        path = out_dir / CALENDAR_FILE
        return [write_calendar(sessions, path, self.ledger, window=self.window)]
