"""Schema migrations, applied in order; ``PRAGMA user_version`` holds the version reached.

Append new migrations; never edit one that has shipped (DESIGN "State upgrades"): every
state.db a released commit wrote must upgrade. Each migration's checksum is recorded in
``tests/fixtures/state/migrations.sha256``, and a test fails when a recorded migration's source
changes; a new migration adds its line there. A migration is SQL, or a function of the
connection where the SQL would depend on what the database holds (its source is what is
checksummed, so it uses nothing from outside this module but the standard library).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _six(conn: sqlite3.Connection) -> None:
    """6: one schema 5. Migration 5 was edited after it shipped: homes written from 904c354 to
    9ad2ec6 have ``session_marks`` by date and no ``remote_workouts.missed_on``; both forms
    become today's. And the sessions put on a target before adherence was recorded (homes
    that came from schema 4) are recorded as handed over, on the day their workout was put
    on, their sets unknown (planned_sets 0, no exercises): a workout the watch ran still
    counts, and ``checkin --done`` still finds its day."""

    def columns(table: str) -> set[str]:
        return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}

    if "missed_on" not in columns("remote_workouts"):
        conn.execute("ALTER TABLE remote_workouts ADD COLUMN missed_on TEXT")
    if "date" in columns("session_marks"):
        # The runner's word was kept by the session's planned day: it goes to the session
        # planned that day (or first planned then, a catch-up), else stays under its date.
        conn.execute("ALTER TABLE session_marks RENAME TO session_marks_by_day")
        conn.execute(
            """
            CREATE TABLE session_marks (
                session_key  TEXT PRIMARY KEY,
                status       TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
                recorded_at  TEXT NOT NULL
            )
            """
        )
        conn.execute(
            """
            INSERT INTO session_marks(session_key, status, recorded_at)
            SELECT COALESCE(
                (SELECT p.session_key FROM planned_sessions p WHERE p.date = m.date
                 ORDER BY p.session_key LIMIT 1),
                (SELECT p.session_key FROM planned_sessions p WHERE p.missed_on = m.date
                 ORDER BY p.session_key LIMIT 1),
                m.date), m.status, m.recorded_at
            FROM session_marks_by_day m WHERE true ORDER BY m.recorded_at
            ON CONFLICT(session_key) DO UPDATE SET status = excluded.status,
                recorded_at = excluded.recorded_at
            """
        )
        conn.execute("DROP TABLE session_marks_by_day")
    conn.execute(
        """
        INSERT INTO planned_sessions(session_key, date, planned_sets, light, content_hash,
            exercises, missed_on, recorded_at)
        SELECT r.session_key, min(r.date), 0, 0, min(r.content_hash), '[]', NULL,
            min(r.updated_at)
        FROM remote_workouts r
        WHERE r.workout_id IS NOT NULL AND r.deleting = 0 AND NOT EXISTS (
            SELECT 1 FROM planned_sessions p WHERE p.session_key = r.session_key)
        GROUP BY r.session_key
        """
    )


#: SQL, or a function of the connection (see the module docstring)
Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[Migration, ...] = (
    # 1: key/value metadata (programme start, …) and pain check-ins.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE checkins (
        date        TEXT PRIMARY KEY,          -- athlete-local YYYY-MM-DD
        pain        INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
        recorded_at TEXT NOT NULL              -- UTC ISO timestamp
    );
    """,
    # 2: the run cache, one row per source activity, upserted by (source, id).
    """
    CREATE TABLE runs (
        source        TEXT NOT NULL,
        id            TEXT NOT NULL,
        date          TEXT NOT NULL,           -- athlete-local YYYY-MM-DD
        distance_m    REAL NOT NULL,
        moving_time_s INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        name          TEXT NOT NULL DEFAULT '',
        sport         TEXT NOT NULL,
        workout_type  INTEGER,
        fetched_at    TEXT NOT NULL,
        PRIMARY KEY (source, id)
    );
    CREATE INDEX runs_by_date ON runs(date);
    """,
    # 3: every remote workout hipcoach owns, written ahead of each remote call, and a log of
    # sync runs. workout_id NULL = a create is under way (its response may have been lost);
    # schedule_id NULL = not on the calendar yet; deleting = 1 = a delete is under way.
    """
    CREATE TABLE remote_workouts (
        target        TEXT NOT NULL,
        session_key   TEXT NOT NULL,
        date          TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        workout_id    TEXT,
        schedule_id   TEXT,
        deleting      INTEGER NOT NULL DEFAULT 0,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (target, session_key)
    );
    CREATE TABLE sync_runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        dry_run     INTEGER NOT NULL DEFAULT 0,
        exit_code   INTEGER,
        summary     TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 4: weeks whose hip sessions the runner reports missing (a progression gate).
    """
    CREATE TABLE missed_weeks (
        week_start  TEXT PRIMARY KEY,          -- the Monday, athlete-local
        recorded_at TEXT NOT NULL
    );
    """,
    # 5: adherence. The sessions as handed over (synced or exported), frozen once their day
    # has passed; what the runner recorded (completion sources); what they said by hand.
    """
    CREATE TABLE planned_sessions (
        session_key   TEXT PRIMARY KEY,
        date          TEXT NOT NULL,           -- the day it is (or was) placed on
        planned_sets  INTEGER NOT NULL,
        light         INTEGER NOT NULL,
        content_hash  TEXT NOT NULL,
        exercises     TEXT NOT NULL,           -- JSON: what the sets are counted against
        missed_on     TEXT,                    -- a catch-up: the day it was first missed on
        recorded_at   TEXT NOT NULL
    );
    CREATE INDEX planned_sessions_by_date ON planned_sessions(date);
    CREATE TABLE completions (
        source       TEXT NOT NULL,
        activity_id  TEXT NOT NULL,
        date         TEXT NOT NULL,            -- athlete-local
        name         TEXT NOT NULL,
        workout_id   TEXT,
        sets         TEXT,                     -- JSON list of sets, NULL = no detail
        fingerprint  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        PRIMARY KEY (source, activity_id)
    );
    CREATE INDEX completions_by_date ON completions(date);
    CREATE TABLE session_marks (
        session_key  TEXT PRIMARY KEY,         -- the session the runner spoke of
        status       TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
        recorded_at  TEXT NOT NULL
    );
    -- a workout put on a later day as a catch-up: the day it was missed on, where its record
    -- goes back to when the catch-up is taken back (its past entry is never touched)
    ALTER TABLE remote_workouts ADD COLUMN missed_on TEXT;
    """,
    _six,
    # 7: TREK check-ins. Pain while running, pain that lingered over an hour, a worse next
    # morning; exercise pain may now be missing (a running-only check-in). The table is
    # rebuilt (SQLite cannot drop a NOT NULL): every earlier check-in keeps its date, pain
    # and time, and reads as exercise pain only.
    """
    CREATE TABLE checkins_trek (
        date               TEXT PRIMARY KEY,   -- athlete-local YYYY-MM-DD
        pain               INTEGER CHECK (pain BETWEEN 0 AND 10),
        run_pain           INTEGER CHECK (run_pain BETWEEN 0 AND 10),
        lingered           INTEGER NOT NULL DEFAULT 0 CHECK (lingered IN (0, 1)),
        worse_next_morning INTEGER NOT NULL DEFAULT 0 CHECK (worse_next_morning IN (0, 1)),
        recorded_at        TEXT NOT NULL,      -- UTC ISO timestamp
        CHECK (pain IS NOT NULL OR run_pain IS NOT NULL OR lingered OR worse_next_morning)
    );
    INSERT INTO checkins_trek(date, pain, recorded_at)
        SELECT date, pain, recorded_at FROM checkins;
    DROP TABLE checkins;
    ALTER TABLE checkins_trek RENAME TO checkins;
    """,
    # 8: when a completed activity started (UTC) and how long it lasted, so that one workout
    # two services hold (the watch's, uploaded to Strava) counts once. Earlier rows: unknown.
    """
    ALTER TABLE completions ADD COLUMN started TEXT;
    ALTER TABLE completions ADD COLUMN elapsed_s REAL;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
