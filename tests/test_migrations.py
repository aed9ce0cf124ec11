"""Shipped migrations are never edited (DESIGN "State upgrades").

Each migration's checksum is recorded in ``tests/fixtures/state/migrations.sha256`` when it is
added; a recorded migration whose source changes fails here. An edited migration 5 once locked
out every home written by the releases before the edit (issue 17): add a new migration
instead, and record its checksum (``python -m tests.test_migrations`` prints the lines).
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path

from hipcoach.state.migrations import MIGRATIONS, Migration

RECORD = Path(__file__).parent / "fixtures" / "state" / "migrations.sha256"


def checksum(migration: Migration) -> str:
    """The SHA-256 of a migration's SQL, or of a migration function's source."""
    text = migration if isinstance(migration, str) else inspect.getsource(migration)
    return hashlib.sha256(text.encode()).hexdigest()


def recorded() -> dict[int, str]:
    lines = RECORD.read_text().splitlines()
    pairs = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    return {int(number): digest for number, digest in pairs}


def current() -> dict[int, str]:
    return {number: checksum(m) for number, m in enumerate(MIGRATIONS, start=1)}


def test_no_recorded_migration_changed() -> None:
    now = current()
    changed = [n for n, digest in recorded().items() if now.get(n) != digest]
    assert changed == [], (
        f"migration(s) {changed} changed after they shipped: restore them and add a new "
        "migration instead"
    )


def test_every_migration_is_recorded() -> None:
    missing = sorted(set(current()) - set(recorded()))
    assert missing == [], f"record the checksum of migration(s) {missing} in {RECORD.name}"


def test_a_changed_migration_would_be_caught() -> None:
    assert checksum(MIGRATIONS[0]) != checksum(MIGRATIONS[0] + " ")  # type: ignore[operator]


if __name__ == "__main__":
    for number, digest in current().items():
        print(number, digest)
