"""Opening, migrating and writing the state database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from hipcoach.errors import CannotWrite, HipcoachError, StateError, TemporaryError
from hipcoach.home import cannot_write, make_private_dir
from hipcoach.models import CheckIn, Run
from hipcoach.state.migrations import MIGRATIONS, SCHEMA_VERSION
from hipcoach.timeutil import in_range

PULL_RESUME_PREFIX = "pull_resume:"
#: meta key prefix of the day a source's last whole pull read through
PULLED_THROUGH_PREFIX = "pulled_through:"
#: the source whose runs the plans use: the one pulled last (a runner who switched from Strava
#: to Garmin must not count each run twice)
RUNS_SOURCE_KEY = "runs_source"


def keep_aside_hint(path: Path) -> str:
    """What to do with a state.db hipcoach cannot read, without losing what it holds."""
    return (
        f"copy {path} somewhere safe first (`hipcoach paths` lists the home's files): it holds "
        "your check-ins, cached runs, adherence and which workouts are hipcoach's; then move it "
        "out of the home and run again for a fresh one (sessions on the calendar on the days "
        "planned are adopted)"
    )


def now_iso() -> str:
    """The time a row is written, in UTC (rows record when, never athlete-local dates)."""
    return datetime.now(UTC).isoformat()


def put_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set one ``meta`` value inside the caller's transaction."""
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _checkin(
    day: str, pain: int | None, run_pain: int | None, lingered: int, worse: int
) -> CheckIn:
    return CheckIn(
        date=date.fromisoformat(day),
        pain=pain,
        run_pain=run_pain,
        lingered=bool(lingered),
        worse_next_morning=bool(worse),
    )


class StateDB:
    """A migrated connection to ``state.db``. Write through :meth:`transaction`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it lands, or none of it.

        SQLite's refusals become hipcoach errors: CannotWrite (exit 73) for a read-only
        database or folder, StateError (exit 78) for a damaged one.
        """
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise database_error(exc, self.path) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise database_error(exc, self.path) from None
            raise

    @contextmanager
    def reading(self, table: str) -> Iterator[None]:
        """Reading rows of ``table``: a row hipcoach cannot have written (edited by hand,
        damaged) is a StateError naming the table, not a crash."""
        try:
            yield
        except sqlite3.Error as exc:
            raise database_error(exc, self.path) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StateError(
                f"{self.path}: a row of table {table} cannot be read ({reason})",
                hint=keep_aside_hint(self.path),
            ) from None

    def close(self) -> None:
        self.connection.close()

    # -- meta ----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.reading("meta"):
            row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,))
            found = row.fetchone()
            return str(found[0]) if found else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            put_meta(conn, key, value)

    # -- check-ins -------------------------------------------------------------------------
    def record_checkin(self, checkin: CheckIn, *, replace: bool = False) -> CheckIn | None:
        """Store a check-in; a later one of the same date is merged into it, keeping the
        day's worst (:meth:`CheckIn.merged`), unless ``replace`` (a correction): then it
        replaces the day's. Returns the day's check-in as it was before (None: the first)."""
        day = checkin.date.isoformat()
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT pain, run_pain, lingered, worse_next_morning FROM checkins WHERE date = ?",
                (day,),
            ).fetchone()
            with self.reading("checkins"):
                previous = None if row is None else _checkin(day, *row)
            stored = checkin if previous is None or replace else previous.merged(checkin)
            conn.execute(
                "INSERT INTO checkins(date, pain, run_pain, lingered, worse_next_morning, "
                "recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET "
                "pain = excluded.pain, run_pain = excluded.run_pain, "
                "lingered = excluded.lingered, worse_next_morning = excluded.worse_next_morning, "
                "recorded_at = excluded.recorded_at",
                (
                    day,
                    stored.pain,
                    stored.run_pain,
                    int(stored.lingered),
                    int(stored.worse_next_morning),
                    now_iso(),
                ),
            )
        return previous

    def checkins(self) -> list[CheckIn]:
        with self.reading("checkins"):
            rows = self.connection.execute(
                "SELECT date, pain, run_pain, lingered, worse_next_morning FROM checkins "
                "ORDER BY date"
            )
            return [_checkin(*row) for row in rows.fetchall()]

    def record_missed_week(self, week_start: date) -> None:
        """Mark the week starting ``week_start`` (a Monday) as missed."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO missed_weeks(week_start, recorded_at) VALUES (?, ?)",
                (week_start.isoformat(), now_iso()),
            )

    def missed_weeks(self) -> list[date]:
        with self.reading("missed_weeks"):
            rows = self.connection.execute("SELECT week_start FROM missed_weeks ORDER BY 1")
            return [date.fromisoformat(r[0]) for r in rows.fetchall()]

    # -- run cache -------------------------------------------------------------------------
    def upsert_runs(self, source: str, runs: Sequence[Run]) -> tuple[int, int]:
        """Insert or update runs by id in one transaction; return (new, changed)."""
        with self.transaction() as conn:
            return _upsert_runs(conn, source, runs)

    def store_pulled_page(
        self,
        source: str,
        runs: Sequence[Run],
        resume: PullResume | None,
        through: date | None = None,
    ) -> tuple[int, int]:
        """One pulled page, and where the pull continues (None: it is complete, read
        ``through`` that day), in one transaction: a pull stopped at any point keeps every
        page before it."""
        with self.transaction() as conn:
            counts = _upsert_runs(conn, source, runs)
            put_meta(conn, RUNS_SOURCE_KEY, source)
            key = f"{PULL_RESUME_PREFIX}{source}"
            if resume is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                if through is not None:
                    put_meta(conn, f"{PULLED_THROUGH_PREFIX}{source}", through.isoformat())
            else:
                put_meta(conn, key, resume.to_json())
        return counts

    def pulled_through(self, source: str) -> date | None:
        """The day a whole pull from ``source`` last read through, runs or none."""
        stored = self.get_meta(f"{PULLED_THROUGH_PREFIX}{source}")
        try:
            return date.fromisoformat(stored) if stored else None
        except ValueError:
            return None  # unreadable: the pull goes by the cached runs, as before

    def pull_resume(self, source: str) -> PullResume | None:
        """Where an interrupted pull from ``source`` continues, if one was interrupted."""
        stored = self.get_meta(f"{PULL_RESUME_PREFIX}{source}")
        return None if stored is None else PullResume.from_json(stored, self.path)

    def cached_runs(self, since: date | None = None) -> list[Run]:
        """The cached runs of the source pulled last (of every source before any pull
        recorded one), oldest first."""
        source = self.get_meta(RUNS_SOURCE_KEY)
        with self.reading("runs"):
            rows = self.connection.execute(
                "SELECT id, date, distance_m, moving_time_s, kind, name, sport, workout_type "
                "FROM runs WHERE date >= ? AND (? IS NULL OR source = ?) ORDER BY date, id",
                ((since or date.min).isoformat(), source, source),
            ).fetchall()
            return [
                Run(
                    id=i,
                    date=in_range(date.fromisoformat(d)),
                    distance_m=m,
                    moving_time_s=t,
                    kind=k,
                    name=n,
                    sport=s,
                    workout_type=w,
                )
                for i, d, m, t, k, n, s, w in rows
            ]

    def newest_run_date(self, source: str) -> date | None:
        with self.reading("runs"):
            row = self.connection.execute(
                "SELECT max(date) FROM runs WHERE source = ?", (source,)
            ).fetchone()
            return date.fromisoformat(row[0]) if row and row[0] else None


def _upsert_runs(conn: sqlite3.Connection, source: str, runs: Sequence[Run]) -> tuple[int, int]:
    """Insert or update runs by id inside the caller's transaction; (new, changed)."""
    now = now_iso()
    new = changed = 0
    for run in runs:
        row = (
            run.date.isoformat(),
            run.distance_m,
            run.moving_time_s,
            run.kind,
            run.name,
            run.sport,
            run.workout_type,
        )
        old = conn.execute(
            "SELECT date, distance_m, moving_time_s, kind, name, sport, workout_type "
            "FROM runs WHERE source = ? AND id = ?",
            (source, run.id),
        ).fetchone()
        if old == row:
            continue
        new += old is None
        changed += old is not None
        conn.execute(
            "INSERT INTO runs(source, id, date, distance_m, moving_time_s, kind, name, "
            "sport, workout_type, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(source, id) DO UPDATE SET date = excluded.date, "
            "distance_m = excluded.distance_m, moving_time_s = excluded.moving_time_s, "
            "kind = excluded.kind, name = excluded.name, sport = excluded.sport, "
            "workout_type = excluded.workout_type, fetched_at = excluded.fetched_at",
            (source, run.id, *row, now),
        )
    return new, changed


@dataclass(frozen=True)
class PullResume:
    """Where an interrupted pull continues: the ``since`` it was asked for and the next page
    (the source's own token)."""

    since: date
    next_page: str

    def to_json(self) -> str:
        return json.dumps({"since": self.since.isoformat(), "next_page": self.next_page})

    @classmethod
    def from_json(cls, text: str, path: Path) -> PullResume:
        try:
            data = json.loads(text)
            return cls(date.fromisoformat(data["since"]), str(data["next_page"]))
        except (ValueError, KeyError, TypeError):
            raise StateError(
                f"{path}: the resume point of an interrupted pull is unreadable ({text[:60]!r})",
                hint=keep_aside_hint(path),
            ) from None


#: SQLite result codes (primary) meaning "this file or its folder cannot be written"
_CANNOT_WRITE = {
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_FULL,
}


def database_error(exc: sqlite3.Error, path: Path) -> HipcoachError:
    """TemporaryError (75) while another process holds ``path``, CannotWrite (73) when SQLite
    cannot write it, else StateError (78)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return TemporaryError(
            f"the state database {path} is busy: another program holds it",
            hint="try again in a moment; a nightly run retries by itself",
        )
    if code is not None and code & 0xFF in _CANNOT_WRITE:
        return CannotWrite(
            f"cannot write the state database {path}: {exc}",
            hint="make it and its folder writable, or choose another --home",
        )
    return StateError(f"{path}: cannot use the state database: {exc}", hint=keep_aside_hint(path))


def open_state(path: Path) -> StateDB:
    """Open (creating if needed), migrate and check the database at ``path``."""
    make_private_dir(path.parent)
    # Runs and check-ins are personal: create the file owner-only before SQLite opens it.
    try:
        path.touch(mode=0o600, exist_ok=True)
    except OSError as exc:
        raise cannot_write(exc, path) from None
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        refuse_future_schema(conn)  # before anything writes to a file a newer hipcoach made
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
        check_schema(conn, path)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    return StateDB(conn, path)


@cache
def expected_schema() -> dict[str, frozenset[str]]:
    """Table → columns of a database the migrations have just built."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        name: frozenset(row[1] for row in conn.execute(f"PRAGMA table_info({name!r})"))
        for (name,) in tables
    }


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """StateError unless every table and column the migrations made is there (a database
    edited by hand, or restored from pieces, would otherwise fail in the middle of a run)."""
    actual = _schema(conn)
    for table, columns in sorted(expected_schema().items()):
        if table not in actual:
            raise StateError(f"{path}: table {table} is missing", hint=keep_aside_hint(path))
        missing = sorted(columns - actual[table])
        if missing:
            raise StateError(
                f"{path}: table {table} lacks column(s) {', '.join(missing)}",
                hint=keep_aside_hint(path),
            )


def refuse_future_schema(conn: sqlite3.Connection) -> int:
    """The database's schema version; StateError when a newer hipcoach wrote it."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StateError(
            f"state.db has schema version {version}, newer than this hipcoach knows "
            f"({SCHEMA_VERSION})",
            hint="upgrade hipcoach",
        )
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the pending migrations, each in its own transaction; return the version."""
    version = refuse_future_schema(conn)
    for number in range(version + 1, SCHEMA_VERSION + 1):
        migration = MIGRATIONS[number - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(migration):
                migration(conn)
            else:
                for statement in _statements(migration):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    # executescript() would commit on its own; splitting keeps each migration atomic.
    return [s.strip() for s in script.split(";") if s.strip() and not _only_comments(s)]


def _only_comments(chunk: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in chunk.splitlines())
