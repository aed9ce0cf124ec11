"""Adherence records: the sessions handed over, the activities the runner recorded, and what
they said by hand. Statuses are derived from these (:mod:`hipcoach.adherence.statuses`),
never stored, so an activity edited later in Connect changes the status it gave."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from hipcoach.adherence.completions import CompletedActivity, DoneSet
from hipcoach.adherence.statuses import (
    AdherenceLog,
    Mark,
    PlannedExercise,
    PlannedSession,
    SessionStatus,
    adherence_log,
    evaluate,
)
from hipcoach.errors import UsageError
from hipcoach.state.db import StateDB, now_iso

CHECKED_KEY = "completions_checked_through"


# -- planned sessions ------------------------------------------------------------------------
def record_planned(
    db: StateDB,
    sessions: Sequence[PlannedSession],
    start: date,
    end: date,
    keep: Iterable[str] = (),
) -> None:
    """Record the sessions handed over for ``start`` … ``end`` (``start`` is today or later):
    they replace what was planned for those days. The past is never rewritten, except that a
    catch-up moves its own session to its new day, and goes back to the day missed when it is
    no longer planned. Sessions in ``keep`` (done, partial or skipped) are left as they are.
    """
    keys = [s.key for s in sessions]
    kept = [*keys, *keep]
    gone = f"WHERE date >= ? AND date <= ? AND session_key NOT IN ({', '.join('?' * len(kept))})"
    window = (start.isoformat(), end.isoformat(), *kept)
    with db.transaction() as conn:
        conn.execute(
            f"UPDATE planned_sessions SET date = missed_on {gone} AND missed_on IS NOT NULL",
            window,
        )
        conn.execute(f"DELETE FROM planned_sessions {gone} AND missed_on IS NULL", window)
        for s in sessions:
            conn.execute(
                "INSERT INTO planned_sessions(session_key, date, planned_sets, light, "
                "content_hash, exercises, missed_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(session_key) DO UPDATE SET date = excluded.date, "
                "planned_sets = excluded.planned_sets, light = excluded.light, "
                "content_hash = excluded.content_hash, exercises = excluded.exercises, "
                "missed_on = COALESCE(excluded.missed_on, planned_sessions.missed_on), "
                "recorded_at = excluded.recorded_at "
                "WHERE planned_sessions.date >= ? OR excluded.missed_on IS NOT NULL",
                (
                    s.key,
                    s.date.isoformat(),
                    s.planned_sets,
                    int(s.light),
                    s.content_hash,
                    json.dumps([_exercise_json(e) for e in s.exercises]),
                    s.missed_on.isoformat() if s.missed_on else None,
                    now_iso(),
                    start.isoformat(),
                ),
            )


def forget_planned(db: StateDB, keys: Iterable[str], since: date) -> None:
    """Sessions on ``since`` or later that are no longer handed over (``unsync`` took them
    off): they leave adherence; the past stays as it was."""
    with db.transaction() as conn:
        conn.executemany(
            "DELETE FROM planned_sessions WHERE session_key = ? AND date >= ?",
            [(key, since.isoformat()) for key in sorted(keys)],
        )


def planned_sessions(db: StateDB, since: date | None = None) -> list[PlannedSession]:
    """The sessions handed over, oldest first."""
    with db.reading("planned_sessions"):
        rows = db.connection.execute(
            "SELECT session_key, date, planned_sets, light, content_hash, exercises, missed_on "
            "FROM planned_sessions WHERE date >= ? ORDER BY date, session_key",
            ((since or date.min).isoformat(),),
        ).fetchall()
        return [
            PlannedSession(
                key=key,
                date=date.fromisoformat(day),
                planned_sets=int(sets),
                light=bool(light),
                content_hash=str(content_hash),
                exercises=tuple(_exercise(e) for e in json.loads(exercises)),
                missed_on=date.fromisoformat(missed) if missed else None,
            )
            for key, day, sets, light, content_hash, exercises, missed in rows
        ]


def _exercise_json(e: PlannedExercise) -> dict[str, Any]:
    return {
        "key": e.key,
        "category": e.category,
        "exercise_name": e.exercise_name,
        "sets": e.sets,
        "per_side": e.per_side,
        "steps": list(e.steps),
    }


def _exercise(data: Mapping[str, Any]) -> PlannedExercise:
    return PlannedExercise(
        key=str(data["key"]),
        category=data["category"],
        exercise_name=data["exercise_name"],
        sets=int(data["sets"]),
        per_side=bool(data["per_side"]),
        # Sessions handed over before steps were kept count their sets by identity.
        steps=tuple(int(i) for i in data.get("steps", ())),
    )


# -- completed activities --------------------------------------------------------------------
def known_fingerprints(db: StateDB, source: str, since: date) -> dict[str, str]:
    """Activity id → fingerprint of what is stored from ``source`` since ``since``."""
    with db.reading("completions"):
        rows = db.connection.execute(
            "SELECT activity_id, fingerprint FROM completions WHERE source = ? AND date >= ?",
            (source, since.isoformat()),
        ).fetchall()
        return {str(a): str(f) for a, f in rows}


def store_completions(
    db: StateDB,
    source: str,
    since: date,
    activities: Iterable[CompletedActivity],
    checked_through: date | None,
) -> tuple[int, int]:
    """Store what ``source`` listed since ``since``, in one transaction: new and changed
    activities are written (an unchanged one sent without sets keeps the stored sets), and
    those no longer listed (deleted in Connect) are removed; ``checked_through`` (unless
    None) is recorded with them. Returns (stored, removed)."""
    listed = list(activities)
    ids = [a.activity_id for a in listed]
    with db.transaction() as conn:
        removed = conn.execute(
            f"DELETE FROM completions WHERE source = ? AND date >= ? "
            f"AND activity_id NOT IN ({', '.join('?' * len(ids))})",
            (source, since.isoformat(), *ids),
        ).rowcount
        for a in listed:
            conn.execute(
                "INSERT INTO completions(source, activity_id, date, name, workout_id, sets, "
                "fingerprint, recorded_at, started, elapsed_s) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(source, activity_id) DO UPDATE SET date = excluded.date, "
                "name = excluded.name, workout_id = excluded.workout_id, "
                "sets = CASE WHEN excluded.fingerprint = completions.fingerprint "
                "AND excluded.sets IS NULL THEN completions.sets ELSE excluded.sets END, "
                "fingerprint = excluded.fingerprint, recorded_at = excluded.recorded_at, "
                "started = excluded.started, elapsed_s = excluded.elapsed_s",
                (
                    source,
                    a.activity_id,
                    a.date.isoformat(),
                    a.name,
                    a.workout_id,
                    None if a.sets is None else json.dumps([s.model_dump() for s in a.sets]),
                    a.fingerprint,
                    now_iso(),
                    a.started.isoformat() if a.started else None,
                    a.elapsed_s,
                ),
            )
        if checked_through is not None:
            _checked(conn, checked_through)
    return len(listed), removed


def record_checked_through(db: StateDB, day: date) -> None:
    """Every completion source has been read through ``day`` (it never goes back)."""
    with db.transaction() as conn:
        _checked(conn, day)


def _checked(conn: sqlite3.Connection, day: date) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = max(meta.value, excluded.value)",
        (CHECKED_KEY, day.isoformat()),
    )


def completions(db: StateDB, since: date | None = None) -> list[CompletedActivity]:
    """Every stored activity, oldest first."""
    with db.reading("completions"):
        rows = db.connection.execute(
            "SELECT source, activity_id, date, name, workout_id, sets, fingerprint, started, "
            "elapsed_s FROM completions WHERE date >= ? ORDER BY date, source, activity_id",
            ((since or date.min).isoformat(),),
        ).fetchall()
        return [_completion(*row) for row in rows]


def _completion(
    source: str,
    activity_id: str,
    day: str,
    name: str,
    workout_id: str | None,
    sets: str | None,
    fingerprint: str,
    started: str | None,
    elapsed_s: float | None,
) -> CompletedActivity:
    """A stored completions row."""
    return CompletedActivity(
        source=source,
        activity_id=activity_id,
        date=date.fromisoformat(day),
        name=name,
        workout_id=workout_id,
        sets=None if sets is None else tuple(DoneSet(**s) for s in json.loads(sets)),
        fingerprint=fingerprint,
        started=datetime.fromisoformat(started) if started else None,
        elapsed_s=elapsed_s,
    )


def checked_through(db: StateDB) -> date | None:
    """The last day a completion source has been read through (None: never)."""
    value = db.get_meta(CHECKED_KEY)
    with db.reading("meta"):
        return date.fromisoformat(value) if value else None


# -- by hand ---------------------------------------------------------------------------------
def session_of(db: StateDB, day: date) -> PlannedSession:
    """The session planned on ``day`` (or first planned then, and caught up later);
    UsageError when none was (only sessions synced or exported are known)."""
    found = [s for s in planned_sessions(db) if day in (s.date, s.missed_on)]
    if not found:
        raise UsageError(
            f"no session was planned on {day:%a %d %b %Y}",
            hint="hipcoach tracks the sessions `sync` or `export` handed over; "
            "`hipcoach log` lists them, give one's day with --date",
        )
    return found[0]


def record_mark(db: StateDB, session: PlannedSession, status: Mark) -> None:
    """The runner's word on a session: done or skipped (the latest wins)."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO session_marks(session_key, status, recorded_at) VALUES (?, ?, ?) "
            "ON CONFLICT(session_key) DO UPDATE SET status = excluded.status, "
            "recorded_at = excluded.recorded_at",
            (session.key, status, now_iso()),
        )


def marks(db: StateDB) -> dict[str, Mark]:
    """Session key → what the runner said of it."""
    with db.reading("session_marks"):
        rows = db.connection.execute("SELECT session_key, status FROM session_marks").fetchall()
        out: dict[str, Mark] = {}
        for key, status in rows:
            if status not in ("done", "skipped"):
                raise ValueError(f"status {status!r}")
            out[str(key)] = status
        return out


# -- derived ---------------------------------------------------------------------------------
def workout_sessions(db: StateDB) -> dict[str, str]:
    """Workout id → session key of every workout hipcoach created (on any target)."""
    with db.reading("remote_workouts"):
        rows = db.connection.execute(
            "SELECT workout_id, session_key FROM remote_workouts WHERE workout_id IS NOT NULL"
        ).fetchall()
        return {str(w): str(k) for w, k in rows}


def session_statuses(db: StateDB, today: date) -> list[SessionStatus]:
    """What became of every session handed over, from what the state holds."""
    return evaluate(
        planned_sessions(db),
        completions(db),
        marks(db),
        workout_ids=workout_sessions(db),
        checked_through=checked_through(db),
        today=today,
    )


def adherence_log_for(db: StateDB, today: date, weeks: int, *, ahead: bool = False) -> AdherenceLog:
    """The last ``weeks`` ISO weeks of sessions and check-ins, as ``log`` and ``status`` show
    (``ahead``: and the weeks to come that hold sessions handed over, as ``log`` shows)."""
    return adherence_log(session_statuses(db, today), db.checkins(), today, weeks, ahead=ahead)
