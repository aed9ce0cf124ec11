"""Expected failures are never exit 70 (issue 12, item 6).

A table of bad inputs, each with the documented exit code and the one line that says what is
wrong: files in other encodings, dates that would overflow, a home, database, log folder or
output folder that cannot be written (73), a damaged state.db (78). None may end in exit 70
or a traceback. Unwritable paths run the CLI in a child process without the superuser's
permission override, so the kernel refuses for real even when the tests run as root.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from hipcoach.errors import ExitCode
from hipcoach.state import open_state
from tests.strava_shapes import activity

SOFTWARE = 70
NOT_UTF8 = "[athlete]\nlevel = 'stándard'\n".encode("latin-1")
BOM = b"\xef\xbb\xbf"
STRAVA_APP = {"STRAVA_CLIENT_ID": "48213", "STRAVA_CLIENT_SECRET": "a-client-secret-0123"}


@dataclass
class Case:
    """``args`` run against a home prepared by ``setup``; ``expect`` exit code and words."""

    name: str
    setup: Callable[[Path], None]
    args: list[str]
    expect: int
    words: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)


def write(relative: str, content: bytes | str) -> Callable[[Path], None]:
    def setup(home: Path) -> None:
        path = home / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())

    return setup


def activities_file(*items: dict, prefix: bytes = b"", encoding: str = "utf-8") -> bytes:
    return prefix + json.dumps(list(items), ensure_ascii=False).encode(encoding)


def state_with(*statements: str) -> Callable[[Path], None]:
    """A migrated state.db with a run and a sync, then ``statements`` applied by hand."""

    def setup(home: Path) -> None:
        db = open_state(home / "state.db")
        with db.transaction() as conn:
            conn.execute(
                "INSERT INTO runs VALUES ('strava', '1', '2026-11-20', 8000, 2640, 'easy', "
                "'Run', 'Run', NULL, '2026-11-20T10:00:00+00:00')"
            )
            conn.execute(
                "INSERT INTO remote_workouts(target, session_key, date, content_hash, "
                "workout_id, schedule_id, deleting, updated_at) VALUES ('garmin', "
                "'2026-W48-1', '2099-11-27', 'h', '1', '2', 0, '2026-11-20T10:00:00+00:00')"
            )
            conn.execute(
                "INSERT INTO sync_runs(started_at, finished_at, exit_code, summary) VALUES "
                "('2026-11-20T03:00', '2026-11-20T03:01', 0, '{\"target\": \"garmin\"}')"
            )
        db.close()
        conn = sqlite3.connect(home / "state.db", isolation_level=None)
        for statement in statements:
            conn.execute(statement)
        conn.close()

    return setup


def nothing(home: Path) -> None:
    pass


SAMPLE_RUN = activity(date(2026, 11, 20), 10, name="Café run")
ACTS = "acts.json"

CASES = [
    # -- encodings -----------------------------------------------------------------------
    Case(
        "config not UTF-8", write("config.toml", NOT_UTF8), ["plan"], 78, ["config.toml", "UTF-8"]
    ),
    Case(
        "config with a BOM",
        write("config.toml", BOM + b"[athlete]\nlevel = 'gentle'\n"),
        ["plan", "--json", "--weeks", "1"],
        0,
    ),
    Case(
        "activities not UTF-8",
        write(ACTS, activities_file(SAMPLE_RUN, encoding="latin-1")),
        ["schedule", "--activities", "{home}/acts.json"],
        65,
        ["acts.json", "UTF-8"],
    ),
    Case(
        "activities with a BOM",
        write(ACTS, activities_file(SAMPLE_RUN, prefix=BOM)),
        ["runs", "--json", "--activities", "{home}/acts.json"],
        0,
    ),
    Case(
        "Strava token file not UTF-8",
        write("tokens/strava.json", '{"refresh_token": "r-é"}'.encode("latin-1")),
        ["runs"],
        77,
        ["strava.json", "UTF-8", "hipcoach auth strava"],
        env=STRAVA_APP,
    ),
    Case(
        "Strava token file with a BOM",
        write("tokens/strava.json", BOM + b'{"refresh_token": "refresh-abcdef-123"}'),
        ["status", "--json"],
        0,
        env=STRAVA_APP,
    ),
    Case(
        "Garmin token file not UTF-8",
        write("tokens/garmin/garmin_tokens.json", b'{"di_token": "\xff"}'),
        ["sync"],
        77,
        ["garmin_tokens.json", "UTF-8", "hipcoach auth garmin"],
    ),
    # -- dates that would overflow ---------------------------------------------------------
    Case("--from far future", nothing, ["schedule", "--from", "9999-12-31"], 2, ["out of range"]),
    Case("--since year 1", nothing, ["runs", "--since", "0001-01-01"], 2, ["out of range"]),
    Case("--race far future", nothing, ["sync", "--race", "9999-12-31"], 2, ["out of range"]),
    Case(
        "checkin --date far future",
        nothing,
        ["checkin", "--pain", "1", "--date", "9999-12-31"],
        2,
        ["out of range"],
    ),
    Case(
        "start_date year 1",
        write("config.toml", "[athlete]\nstart_date = 0001-01-01\n"),
        ["plan"],
        78,
        ["athlete.start_date", "out of range"],
    ),
    Case(
        "a race in year 9999",
        write("config.toml", "[athlete]\nraces = [9999-12-31]\n"),
        ["schedule"],
        78,
        ["athlete.races", "out of range"],
    ),
    Case(
        "an activity in year 9999",
        write(ACTS, activities_file(activity(date(9999, 12, 30), 10, ident=3))),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["entry 0 (id 3)", "in the future"],
    ),
    # -- a damaged state.db ------------------------------------------------------------------
    Case(
        "state.db not a database",
        write("state.db", b"x" * 4096),
        ["status"],
        78,
        ["state.db", "copy", "somewhere safe", "check-ins"],
    ),
    Case(
        "state.db without a table",
        state_with("DROP TABLE runs"),
        ["runs", "--offline"],
        78,
        ["table runs is missing"],
    ),
    Case(
        "state.db without a column",
        state_with("ALTER TABLE checkins DROP COLUMN recorded_at"),
        ["checkin", "--pain", "2"],
        78,
        ["checkins", "recorded_at"],
    ),
    Case(
        "a run with a bad date",
        state_with("UPDATE runs SET date = 'yesterday'"),
        ["runs", "--offline"],
        78,
        ["table runs", "yesterday"],
    ),
    Case(
        "a run of an unknown kind",
        state_with("UPDATE runs SET kind = 'sprint'"),
        ["runs", "--offline"],
        78,
        ["table runs"],
    ),
    Case(
        "a remote record with a bad date",
        state_with("UPDATE remote_workouts SET date = 'soon'"),
        ["status"],
        78,
        ["table remote_workouts"],
    ),
    Case(
        "a sync log that is not JSON",
        state_with("UPDATE sync_runs SET summary = '{oops'"),
        ["status"],
        78,
        ["table sync_runs"],
    ),
    Case(
        "a home under an unknown user's ~",
        nothing,
        ["--home", "~nosuchuser-hipcoach/h", "plan"],
        78,
        ["no home directory", "full path"],
    ),
    Case(
        "a token store under an unknown user's ~",
        write("config.toml", '[garmin]\ntokenstore = "~nosuchuser-hipcoach/x"\n'),
        ["plan"],
        78,
        ["garmin.tokenstore", "no home directory"],
    ),
    Case(
        "a report written over state.db",
        state_with(),
        ["report", "--offline", "--out", "{home}/state.db"],
        2,
        ["would overwrite hipcoach's own files"],
    ),
    Case(
        "a calendar written over config.toml",
        nothing,
        ["schedule", "--offline", "--ics", "{home}/config.toml"],
        2,
        ["--ics", "would overwrite"],
    ),
    Case(
        "an export into the token folder",
        nothing,
        ["export", "json", "--offline", "--out", "{home}/tokens"],
        2,
        ["would overwrite"],
    ),
    Case(
        "activities nested 100,000 deep",
        write(ACTS, "[" * 100_000 + "]" * 100_000),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["nested too deeply"],
    ),
    Case(
        "a config nested 100,000 deep",
        write("config.toml", "a = " + "[" * 100_000 + "]" * 100_000),
        ["plan"],
        78,
        ["config.toml", "nested too deeply"],
    ),
    Case(
        "an integration that is not installed",
        write("config.toml", '[integrations]\ncompletions = "nonexistent"\n'),
        ["plan"],
        78,
        ["config.toml: [integrations] completions", "installed: garmin, intervals, strava"],
    ),
    Case(
        "an integration that cannot be a target",
        write("config.toml", '[integrations]\ntarget = "strava"\n'),
        ["schedule", "--offline"],
        78,
        ["config.toml: [integrations] target", "not a workout target", "garmin"],
    ),
    Case(
        "a chosen source that is not signed in",
        write("config.toml", '[integrations]\nsource = "strava"\n'),
        ["runs"],
        77,
        ["not set up yet", "hipcoach auth strava"],
    ),
    Case(
        "a calendar ledger edited by hand",
        state_with("INSERT INTO meta VALUES ('ics_events', '[]')"),
        ["export", "ics", "--offline", "--out", "{home}/out"],
        78,
        ["table meta"],
    ),
    Case(
        "a programme start in year 1",
        state_with("INSERT INTO meta VALUES ('programme_start', '0001-01-01')"),
        ["schedule", "--offline"],
        78,
        ["table meta", "out of range"],
    ),
    Case(
        "a cached run in year 9999",
        state_with("UPDATE runs SET date = '9999-12-25'"),
        ["status"],
        78,
        ["table runs", "out of range"],
    ),
    Case(
        "a programme start edited by hand",
        state_with("INSERT INTO meta VALUES ('programme_start', 'last monday')"),
        ["plan"],
        78,
        ["table meta"],
    ),
    Case(
        "a planned session whose exercises are not JSON",
        state_with(
            "INSERT INTO planned_sessions VALUES ('2026-W47-1', '2026-11-16', 6, 0, 'h', "
            "'[oops', NULL, '2026-11-16T10:00:00+00:00')"
        ),
        ["log"],
        78,
        ["table planned_sessions"],
    ),
    Case(
        "a completed activity whose start is no time",
        state_with(
            "INSERT INTO planned_sessions VALUES ('2026-W47-1', '2026-11-16', 6, 0, 'h', "
            "'[]', NULL, '2026-11-16T10:00:00+00:00')",
            "INSERT INTO completions(source, activity_id, date, name, workout_id, sets, "
            "fingerprint, recorded_at, started) VALUES ('strava', '9', '2026-11-16', 'x', "
            "NULL, NULL, 'f', '2026-11-16T10:00:00+00:00', 'yesterday-ish')",
        ),
        ["status"],
        78,
        ["table completions"],
    ),
    Case(
        "a completed activity with sets that are not sets",
        state_with(
            "INSERT INTO planned_sessions VALUES ('2026-W47-1', '2026-11-16', 6, 0, 'h', "
            "'[]', NULL, '2026-11-16T10:00:00+00:00')",
            "INSERT INTO completions(source, activity_id, date, name, workout_id, sets, "
            "fingerprint, recorded_at) VALUES ('garmin', '9', '2026-11-16', 'x', NULL, "
            "'[{\"reps\": -4}]', 'f', '2026-11-16T10:00:00+00:00')",
        ),
        ["status"],
        78,
        ["table completions"],
    ),
]


def special(relative: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    """A set-up making ``home / relative`` something other than a plain file."""

    def setup(home: Path) -> None:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        make(home / relative)

    return setup


def zone(name: str) -> Callable[[Path], None]:
    return write("config.toml", f'[athlete]\ntimezone = "{name}"\n')


# Issue 17: time zones that are folders, numbers beyond any service's, files that are not
# files, booleans where numbers are meant, paces no runner ever ran.
CASES += [
    *(
        Case(f"timezone {name!r}", zone(name), ["plan"], 78, ["athlete.timezone", name])
        for name in ("Europe", "America", "Etc", "Europe/", "../../etc/passwd")
    ),
    Case("TZ=Europe", nothing, ["plan"], 78, ["TZ", "'Europe'"], env={"TZ": "Europe"}),
    Case("TZ=America", nothing, ["status"], 78, ["TZ", "'America'"], env={"TZ": "America"}),
    Case("TZ=Etc", nothing, ["schedule", "--offline"], 78, ["TZ"], env={"TZ": "Etc"}),
    Case("TZ a typo", nothing, ["log"], 78, ["TZ", "Europe/Londn"], env={"TZ": "Europe/Londn"}),
    Case(
        "TZ=Europe with a configured zone",
        zone("Europe/Paris"),
        ["plan", "--json", "--weeks", "1"],
        0,
        env={"TZ": "Europe"},
    ),
    Case(
        "TZ a POSIX rule",
        nothing,
        ["plan", "--json", "--weeks", "1"],
        0,
        env={"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"},
    ),
    Case(
        "config.toml a FIFO",
        special("config.toml", os.mkfifo),
        ["plan"],
        78,
        ["config.toml", "not a regular file"],
    ),
    Case(
        "config.toml a device",
        special("config.toml", lambda p: p.symlink_to("/dev/zero")),
        ["sync", "--dry-run"],
        78,
        ["config.toml", "not a regular file"],
    ),
    Case(
        "Strava token file a FIFO",
        special("tokens/strava.json", os.mkfifo),
        ["runs"],
        77,
        ["strava.json", "not a regular file", "hipcoach auth strava"],
        env=STRAVA_APP,
    ),
    Case(
        "Garmin token file a FIFO",
        special("tokens/garmin/garmin_tokens.json", os.mkfifo),
        ["sync"],
        77,  # not taken for a token store at all: never opened, never blocking
        ["hipcoach auth garmin"],
    ),
    Case(
        "config.toml a folder",
        special("config.toml", lambda p: p.mkdir()),
        ["status"],
        78,
        ["config.toml", "a folder"],
    ),
    *(
        Case(
            f"{key} = {value}",
            write("config.toml", f"[athlete]\n{key} = {value}\n"),
            ["plan"],
            78,
            [f"athlete.{key}"],
        )
        for key, value in (
            ("sessions_per_week", "true"),
            ("min_sessions_per_week", "true"),
            ("block_weeks", "false"),
            ("horizon_days", "14.5"),
            ("max_session_minutes", "true"),
        )
    ),
    Case(
        "[strava] client_id = true",
        write("config.toml", "[strava]\nclient_id = true\n"),
        ["status"],
        78,
        ["strava.client_id"],
    ),
    Case(
        "a moving time beyond SQLite's integers",
        write(ACTS, activities_file(SAMPLE_RUN | {"moving_time": 2**70})),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["entry 0", "over a week"],
    ),
    Case(
        "a moving time of 1e30 s",
        write(ACTS, activities_file(SAMPLE_RUN | {"moving_time": 1e30})),
        ["schedule", "--activities", "{home}/acts.json"],
        65,
        ["entry 0", "over a week"],
    ),
    Case(
        "a workout_type beyond SQLite's integers",
        write(ACTS, activities_file(SAMPLE_RUN | {"workout_type": 2**64})),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["entry 0", "workout_type"],
    ),
    Case(
        "an activity id beyond 64 bits",
        write(ACTS, activities_file(SAMPLE_RUN | {"id": 2**64})),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["64-bit"],
    ),
    Case(
        "a 12.4 km ride typed Run, 2:34 min/km",
        write(ACTS, activities_file(SAMPLE_RUN | {"distance": 12_400.0, "moving_time": 1_910})),
        ["runs", "--activities", "{home}/acts.json"],
        65,
        ["entry 0", "2:34 min/km over 12.4 km", "world record"],
    ),
]


def assert_one_clear_line(code: int, stdout: str, stderr: str, case: Case) -> None:
    """The exit code, and one line of stderr saying all of ``case.words`` (a sync reports
    its stop as a warning line; click adds its usage lines to a usage error)."""
    output = stdout + stderr
    assert code != SOFTWARE, output
    assert code == case.expect, output
    assert "Traceback" not in output and "internal error" not in output
    if case.words:
        saying = [line for line in stderr.splitlines() if all(w in line for w in case.words)]
        assert len(saying) == 1, (case.words, stderr)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_a_documented_exit_code_in_one_line(cli, home, case, monkeypatch):
    case.setup(home)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    result = cli(*(arg.format(home=home) for arg in case.args))
    assert_one_clear_line(result.exit_code, result.stdout, result.stderr, case)


# -- unwritable paths: a child process the kernel really refuses ------------------------------

CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def _without_superuser_override() -> None:
    """In the child, before exec: drop the capabilities that let root write anywhere."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_unprivileged(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "TZ": "UTC", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=_without_superuser_override,
        check=False,
    )


def read_only(path: Path) -> None:
    path.chmod(0o500 if path.is_dir() else 0o400)


def existing_state(home: Path) -> None:
    open_state(home / "state.db").close()


def read_only_after(make: Callable[[Path], object], name: str) -> Callable[[Path], None]:
    """A set-up: ``make(home)`` (a folder or the database), then ``home / name`` read-only."""

    def setup(home: Path) -> None:
        make(home)
        read_only(home / name)

    return setup


WRITE_CASES = [
    ("read-only home", lambda home: read_only(home), ["checkin", "--pain", "1"], "state.db"),
    (
        "a new home in a read-only folder",
        lambda home: read_only(home),
        ["checkin", "--pain", "1"],
        "new",
    ),
    (
        "read-only database",
        read_only_after(existing_state, "state.db"),
        ["checkin", "--pain", "1"],
        "state.db",
    ),
    (
        "read-only log folder",
        read_only_after(lambda home: (home / "logs").mkdir(), "logs"),
        ["sync", "--dry-run"],
        "hipcoach.log",
    ),
    (
        "read-only --out folder",
        read_only_after(lambda home: (home / "out").mkdir(), "out"),
        ["export", "json", "--out", "{home}/out"],
        "out",
    ),
]


@pytest.mark.parametrize(
    ("prepare", "args", "named"), [c[1:] for c in WRITE_CASES], ids=[c[0] for c in WRITE_CASES]
)
def test_an_unwritable_path_is_73_naming_it(tmp_path, prepare, args, named):
    parent = tmp_path / "parent"
    home = parent / "home"
    home.mkdir(parents=True)
    prepare(home)
    target = home / "new" if named == "new" else home
    try:
        result = run_unprivileged(target, *(a.format(home=home) for a in args))
    finally:
        for path in (parent, home, home / "logs", home / "out", home / "state.db"):
            if path.exists():
                path.chmod(0o700 if path.is_dir() else 0o600)
    case = Case("", nothing, args, ExitCode.CANTCREAT, ["cannot write", named])
    assert_one_clear_line(result.returncode, result.stdout, result.stderr, case)


# -- HIPCOACH_HOME: the variable is named, never click's "Invalid value for '--home'" ---------


@pytest.mark.parametrize("command", [["plan"], ["status"], ["sync", "--dry-run"]])
def test_a_home_variable_naming_a_file_is_73_naming_the_variable(tmp_path, monkeypatch, command):
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    monkeypatch.setenv("HIPCOACH_HOME", str(a_file))
    result = CliRunner().invoke(root, command, catch_exceptions=False)
    case = Case("", nothing, command, ExitCode.CANTCREAT, ["HIPCOACH_HOME", "not a folder"])
    assert_one_clear_line(result.exit_code, result.stdout, result.stderr, case)
    assert "--home" not in result.stderr and "Invalid value" not in result.stderr


@pytest.mark.parametrize("named", ["HIPCOACH_HOME", "--home"])
def test_an_unreadable_home_is_73_naming_where_it_came_from(tmp_path, named):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text("[athlete]\nlevel = 'gentle'\n")
    home.chmod(0)
    env = {"PATH": os.environ.get("PATH", ""), "TZ": "UTC", "LANG": "C.UTF-8"}
    args = ["--home", str(home)] if named == "--home" else []
    if named == "HIPCOACH_HOME":
        env["HIPCOACH_HOME"] = str(home)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "hipcoach", *args, "plan"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            preexec_fn=_without_superuser_override,
            check=False,
        )
    finally:
        home.chmod(0o700)
    case = Case("", nothing, [], ExitCode.CANTCREAT, [named, "permission denied"])
    assert_one_clear_line(result.returncode, result.stdout, result.stderr, case)


# -- found by the adversarial pass of issue 17 ------------------------------------------------


def dangling_config(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").symlink_to(home / "gone.toml")


CASES_MORE = [
    Case(
        "config integer of 5000 digits",
        write("config.toml", "[plugins.x]\nn = " + "9" * 5000 + "\n"),
        ["plan"],
        78,
        ["config.toml", "TOML"],
    ),
    Case("config link to nothing", dangling_config, ["plan"], 78, ["config.toml", "gone.toml"]),
]


@pytest.mark.parametrize("case", CASES_MORE, ids=[c.name for c in CASES_MORE])
def test_more_bad_input_is_a_documented_exit_code_in_one_line(cli, home, case):
    case.setup(home)
    result = cli(*(arg.format(home=home) for arg in case.args))
    assert_one_clear_line(result.exit_code, result.stdout, result.stderr, case)


def test_tz_naming_a_pipe_is_refused_at_once(cli, home, tmp_path, monkeypatch):
    pipe = tmp_path / "zone"
    os.mkfifo(pipe)
    monkeypatch.setenv("TZ", f":{pipe}")
    result = cli("plan", "--weeks", "1")  # would block for ever opening the pipe
    assert result.exit_code == 78
    assert "TZ" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_busy_state_database_is_temporary_not_damaged(cli, home):
    open_state(home / "state.db").close()
    holder = sqlite3.connect(home / "state.db", isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import hipcoach.state.db as db

        with pytest.MonkeyPatch.context() as patch:  # wait 0.1 s, not SQLite's 10 s
            real = sqlite3.connect
            patch.setattr(db.sqlite3, "connect", lambda *a, **k: real(*a, **{**k, "timeout": 0.1}))
            result = cli("checkin", "--pain", "2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 75, result.output
    assert "busy" in result.stderr and "aside" not in result.stderr


def test_a_newer_schema_is_refused_without_touching_the_file(cli, home):
    path = home / "state.db"
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    result = cli("status")
    assert result.exit_code == 78 and "upgrade hipcoach" in result.stderr
    assert path.read_bytes() == before  # not switched to WAL, nothing written
