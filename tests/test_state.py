import sqlite3
from datetime import date

import pytest

from hipcoach.errors import StateError
from hipcoach.models import CheckIn
from hipcoach.state import open_state
from hipcoach.state.migrations import SCHEMA_VERSION


def test_new_database_is_migrated_to_the_current_version_in_wal(tmp_path):
    db = open_state(tmp_path / "state.db")
    assert db.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    again = open_state(tmp_path / "state.db")  # reopening is a no-op migration
    assert again.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_migrations_apply_from_every_older_version(tmp_path, monkeypatch):
    from hipcoach.state import db as db_module
    from hipcoach.state import migrations

    extra = "CREATE TABLE later_feature (id INTEGER PRIMARY KEY, note TEXT);"
    db = open_state(tmp_path / "state.db")
    db.record_checkin(CheckIn(date=date(2026, 11, 20), pain=3))
    db.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    upgraded = open_state(tmp_path / "state.db")
    assert upgraded.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert upgraded.checkins() == [CheckIn(date=date(2026, 11, 20), pain=3)]
    upgraded.connection.execute("SELECT * FROM later_feature").fetchall()


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    from hipcoach.state import db as db_module
    from hipcoach.state import migrations

    open_state(tmp_path / "state.db").close()
    broken = "CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);"
    monkeypatch.setattr(db_module, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StateError):
        open_state(tmp_path / "state.db")
    conn = sqlite3.connect(tmp_path / "state.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchall()


def test_newer_database_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "state.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StateError, match="upgrade hipcoach"):
        open_state(tmp_path / "state.db")


def test_garbage_file_is_a_clear_error(tmp_path):
    (tmp_path / "state.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StateError, match="cannot use the state database"):
        open_state(tmp_path / "state.db")


def test_checkin_same_day_replaces(tmp_path):
    db = open_state(tmp_path / "state.db")
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), pain=3))
    assert not db.record_checkin(CheckIn(date=date(2026, 11, 20), pain=1))
    assert db.checkins() == [CheckIn(date=date(2026, 11, 20), pain=1)]


def test_transaction_rolls_back_on_error(tmp_path):
    db = open_state(tmp_path / "state.db")
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('a', 'b')")
        raise RuntimeError("crash mid-write")
    assert db.get_meta("a") is None


def test_state_file_is_private(tmp_path):
    import stat

    open_state(tmp_path / "home" / "state.db").close()
    assert stat.S_IMODE((tmp_path / "home" / "state.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700


def test_old_check_ins_read_as_exercise_pain_only_after_the_trek_migration(tmp_path):
    import shutil

    from tests.conftest import REPO

    shutil.copy(REPO / "tests" / "fixtures" / "state" / "schema5.db", tmp_path / "state.db")
    db = open_state(tmp_path / "state.db")
    assert db.checkins() == [
        CheckIn(date=date(2026, 11, 15), pain=2),
        CheckIn(date=date(2026, 11, 19), pain=1),
    ]
    assert all(c.run_pain is None and not c.lingered for c in db.checkins())
    # A running-only check-in is now possible; an empty one never reaches the table.
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), run_pain=4, lingered=True))
    with pytest.raises(StateError, match="CHECK constraint"), db.transaction() as conn:
        conn.execute("INSERT INTO checkins(date, recorded_at) VALUES ('2026-11-21', 'x')")
    assert db.checkins()[-1] == CheckIn(date=date(2026, 11, 20), run_pain=4, lingered=True)


def test_a_later_check_in_of_the_day_is_merged_into_it(tmp_path):
    db = open_state(tmp_path / "state.db")
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), pain=3, run_pain=1))
    assert not db.record_checkin(CheckIn(date=date(2026, 11, 20), worse_next_morning=True))
    assert not db.record_checkin(CheckIn(date=date(2026, 11, 20), run_pain=2))
    assert db.checkins() == [
        CheckIn(date=date(2026, 11, 20), pain=3, run_pain=2, worse_next_morning=True)
    ]
