"""Schema migrations, applied in order; ``PRAGMA user_version`` holds the version reached.

Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
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
)

SCHEMA_VERSION = len(MIGRATIONS)
