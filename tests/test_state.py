import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_same_day_check_in_keeps_the_days_worst_unless_it_replaces_it(tmp_path):
    db = open_state(tmp_path / "state.db")
    day = date(2026, 11, 20)
    assert db.record_checkin(CheckIn(date=day, pain=8)) is None  # the day's first
    # 1/10 in the evening does not undo 8/10 in the morning: the day's worst stays.
    assert db.record_checkin(CheckIn(date=day, pain=1)) == CheckIn(date=day, pain=8)
    assert db.checkins() == [CheckIn(date=day, pain=8)]
    # A correction replaces it, and says what it replaced.
    previous = db.record_checkin(CheckIn(date=day, pain=1), replace=True)
    assert previous == CheckIn(date=day, pain=8)
    assert db.checkins() == [CheckIn(date=day, pain=1)]


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.none() | st.integers(0, 10),
            st.none() | st.integers(0, 10),
            st.booleans(),
            st.booleans(),
        )
        .filter(lambda t: t[0] is not None or t[1] is not None or t[2] or t[3])
        .map(
            lambda t: CheckIn(
                date=date(2026, 11, 20),
                pain=t[0],
                run_pain=t[1],
                lingered=t[2],
                worse_next_morning=t[3],
            )
        ),
        min_size=1,
        max_size=5,
    )
)
def test_the_days_check_in_is_never_lower_than_any_said_that_day(checkins):
    """Whatever the order, a day's check-ins add up to the worst of each answer: no later
    check-in lowers the pause, step-down or hold an earlier one of the day called for."""
    from hipcoach.programme.progression import pain_action

    rank = {"progress": 0, "hold": 1, "step_down": 2, "pause": 3}
    stored = checkins[0]
    for later in checkins[1:]:
        stored = stored.merged(later)
    assert stored.pain == max((c.pain for c in checkins if c.pain is not None), default=None)
    assert stored.run_pain == max(
        (c.run_pain for c in checkins if c.run_pain is not None), default=None
    )
    assert stored.lingered == any(c.lingered for c in checkins)
    assert stored.worse_next_morning == any(c.worse_next_morning for c in checkins)
    assert rank[pain_action(stored)] == max(rank[pain_action(c)] for c in checkins)


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
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), run_pain=4, lingered=True)) is None
    with pytest.raises(StateError, match="CHECK constraint"), db.transaction() as conn:
        conn.execute("INSERT INTO checkins(date, recorded_at) VALUES ('2026-11-21', 'x')")
    assert db.checkins()[-1] == CheckIn(date=date(2026, 11, 20), run_pain=4, lingered=True)


def test_a_later_check_in_of_the_day_is_merged_into_it(tmp_path):
    db = open_state(tmp_path / "state.db")
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), pain=3, run_pain=1)) is None
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), worse_next_morning=True))
    assert db.record_checkin(CheckIn(date=date(2026, 11, 20), run_pain=2))
    assert db.checkins() == [
        CheckIn(date=date(2026, 11, 20), pain=3, run_pain=2, worse_next_morning=True)
    ]
