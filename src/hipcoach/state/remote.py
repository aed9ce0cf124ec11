"""Ownership records: which remote workout belongs to which session, written ahead of every
remote call so that a crash at any point is repaired by the next run, never duplicated."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hipcoach.models import Day
from hipcoach.state.db import StateDB, now_iso


@dataclass(frozen=True)
class RemoteRecord:
    """One session's remote workout on one target."""

    session_key: str
    date: date
    content_hash: str
    workout_id: str | None
    schedule_id: str | None
    deleting: bool
    #: a catch-up: the day the session was missed on (its record goes back there if the
    #: catch-up is taken back)
    missed_on: Day | None = None


class RemoteRecords:
    """The ``remote_workouts`` rows of one target."""

    def __init__(self, db: StateDB, target: str) -> None:
        self.db = db
        self.target = target

    def all(self) -> dict[str, RemoteRecord]:
        with self.db.reading("remote_workouts"):
            rows = self.db.connection.execute(
                "SELECT session_key, date, content_hash, workout_id, schedule_id, deleting, "
                "missed_on FROM remote_workouts WHERE target = ? ORDER BY date, session_key",
                (self.target,),
            ).fetchall()
            return {
                key: RemoteRecord(
                    key,
                    date.fromisoformat(d),
                    h,
                    w,
                    s,
                    bool(x),
                    date.fromisoformat(m) if m else None,
                )
                for key, d, h, w, s, x, m in rows
            }

    def begin_create(self, key: str, day: date, content_hash: str) -> None:
        """Record a create before sending it (workout id unknown yet)."""
        self._write(
            "INSERT INTO remote_workouts(target, session_key, date, content_hash, workout_id, "
            "schedule_id, deleting, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, 0, ?) "
            "ON CONFLICT(target, session_key) DO UPDATE SET date = excluded.date, "
            "content_hash = excluded.content_hash, workout_id = NULL, schedule_id = NULL, "
            "deleting = 0, missed_on = NULL, updated_at = excluded.updated_at",
            (self.target, key, day.isoformat(), content_hash, now_iso()),
        )

    def set_workout(self, key: str, workout_id: str) -> None:
        self._update(key, workout_id=workout_id)

    def set_schedule(self, key: str, schedule_id: str | None, day: date) -> None:
        self._update(key, schedule_id=schedule_id, date=day.isoformat())

    def begin_catch_up(self, key: str, missed_on: date, day: date) -> None:
        """Record a catch-up before scheduling it: off its past entry, due on ``day``."""
        self._update(key, missed_on=missed_on.isoformat(), schedule_id=None, date=day.isoformat())

    def take_back(self, key: str, day: date) -> None:
        """Off the calendar: the record goes back to the (past) day the session belongs to,
        the day it was missed (whose entry was never touched) or done."""
        self._update(key, schedule_id=None, date=day.isoformat())

    def set_hash(self, key: str, content_hash: str) -> None:
        self._update(key, content_hash=content_hash)

    def mark_deleting(self, key: str) -> None:
        self._update(key, deleting=1)

    def forget_workout(self, workout_id: str) -> None:
        """Drop every record of ``workout_id``: it turned out not to be hipcoach's."""
        self._write(
            "DELETE FROM remote_workouts WHERE target = ? AND workout_id = ?",
            (self.target, workout_id),
        )

    def remove(self, key: str) -> None:
        self._write(
            "DELETE FROM remote_workouts WHERE target = ? AND session_key = ?",
            (self.target, key),
        )

    def _update(self, key: str, **fields: Any) -> None:
        columns = ", ".join(f"{name} = ?" for name in fields)
        self._write(
            f"UPDATE remote_workouts SET {columns}, updated_at = ? "
            "WHERE target = ? AND session_key = ?",
            (*fields.values(), now_iso(), self.target, key),
        )

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self.db.transaction() as conn:
            conn.execute(sql, params)


def has_records(db: StateDB) -> bool:
    """Whether hipcoach has ever recorded a remote workout here."""
    with db.reading("remote_workouts"):
        row = db.connection.execute("SELECT 1 FROM remote_workouts LIMIT 1")
        return row.fetchone() is not None


def recorded_targets(db: StateDB) -> set[str]:
    """The targets hipcoach recorded a workout of its own on, or began to create one on (a
    create whose answer was lost leaves a record without a workout id)."""
    with db.reading("remote_workouts"):
        rows = db.connection.execute("SELECT DISTINCT target FROM remote_workouts").fetchall()
        return {str(target) for (target,) in rows}


def held_sessions(db: StateDB, today: date) -> dict[str, tuple[int, date]]:
    """Target → (how many sessions from ``today`` on hipcoach holds there, the first one's
    day), for the targets holding any."""
    with db.reading("remote_workouts"):
        rows = db.connection.execute(
            "SELECT target, count(*), min(date) FROM remote_workouts "
            "WHERE date >= ? AND deleting = 0 GROUP BY target ORDER BY target",
            (today.isoformat(),),
        ).fetchall()
        return {str(t): (int(n), date.fromisoformat(first)) for t, n, first in rows}


def recent_placements(db: StateDB, since: date, before: date) -> list[tuple[date, str]]:
    """(date, session key) of sessions put on any target on ``since`` … the day before
    ``before``: they are done or due, so a new plan keeps them and counts them."""
    with db.reading("remote_workouts"):
        rows = db.connection.execute(
            "SELECT DISTINCT date, session_key FROM remote_workouts "
            "WHERE date >= ? AND date < ? AND deleting = 0 ORDER BY date",
            (since.isoformat(), before.isoformat()),
        ).fetchall()
        return [(date.fromisoformat(d), key) for d, key in rows]


@dataclass(frozen=True)
class SyncRun:
    """One finished sync, as the run log keeps it (``status`` shows the latest)."""

    started_at: str
    finished_at: str
    dry_run: bool
    exit_code: int
    target: str | None = None
    #: how many sessions were created, updated, moved, deleted, repaired
    counts: dict[str, int] = field(default_factory=dict)
    #: one line per problem, as printed
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``status --json`` ``last_sync`` object."""
        return dataclasses.asdict(self)


def start_sync_run(db: StateDB, dry_run: bool) -> int:
    """Log the start of a sync; return its id."""
    with db.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO sync_runs(started_at, dry_run) VALUES (?, ?)", (now_iso(), int(dry_run))
        )
    return int(cursor.lastrowid or 0)


def finish_sync_run(
    db: StateDB,
    run_id: int,
    exit_code: int,
    *,
    target: str | None,
    counts: dict[str, int],
    errors: list[str],
) -> None:
    """Log the end of a sync with its summary."""
    summary = {"counts": counts, "errors": errors, "target": target}
    with db.transaction() as conn:
        conn.execute(
            "UPDATE sync_runs SET finished_at = ?, exit_code = ?, summary = ? WHERE id = ?",
            (now_iso(), exit_code, json.dumps(summary), run_id),
        )


def last_sync_run(db: StateDB, *, include_dry_runs: bool = False) -> SyncRun | None:
    """The latest finished sync: when, exit code, and its summary."""
    where = "finished_at IS NOT NULL" + ("" if include_dry_runs else " AND dry_run = 0")
    with db.reading("sync_runs"):
        row = db.connection.execute(
            f"SELECT started_at, finished_at, dry_run, exit_code, summary FROM sync_runs "
            f"WHERE {where} ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        started, finished, dry, code, summary = row
        data = json.loads(summary)
        target = data.get("target")
        return SyncRun(
            started_at=str(started),
            finished_at=str(finished),
            dry_run=bool(dry),
            exit_code=int(code),
            target=None if target is None else str(target),
            counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
            errors=[str(e) for e in data.get("errors", [])],
        )
