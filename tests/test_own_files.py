"""Files and folders hipcoach keeps for itself (issue 12, item 7): the sync lock and the log
are never opened through a link, and only what hipcoach creates is made private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hipcoach.errors import ExitCode


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "precious.txt"
    path.write_text("the runner's own file\n")
    return path


@pytest.mark.parametrize("link", ["sync.lock", "logs/hipcoach.log"])
def test_a_planted_symlink_is_refused_and_its_target_untouched(cli, home, victim, link):
    (home / "logs").mkdir(mode=0o700)
    (home / link).symlink_to(victim)
    result = cli("sync", "--dry-run")
    assert result.exit_code == ExitCode.CANTCREAT, result.output
    assert "symbolic link" in result.stderr and str(home / link) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert victim.read_text() == "the runner's own file\n"
    assert (home / link).is_symlink()


def test_a_hard_link_as_the_lock_is_refused(cli, home, victim):
    os.link(victim, home / "sync.lock")
    result = cli("sync", "--dry-run")
    assert result.exit_code == ExitCode.CANTCREAT
    assert "hard link" in result.stderr
    assert victim.read_text() == "the runner's own file\n"


def test_an_existing_home_keeps_its_mode(cli, home):
    home.chmod(0o750)
    assert cli("checkin", "--pain", "1").exit_code == 0
    assert cli("sync", "--dry-run").exit_code == 0
    assert mode(home) == 0o750
    # What hipcoach created itself is private.
    assert mode(home / "state.db") == 0o600
    assert mode(home / "logs") == 0o700
    assert mode(home / "logs" / "hipcoach.log") == 0o600
    assert mode(home / "sync.lock") == 0o600


def test_a_new_home_and_its_missing_parents_are_private(cli, tmp_path):
    from click.testing import CliRunner

    from hipcoach.cli import cli as root

    new = tmp_path / "made" / "by" / "hipcoach"
    result = CliRunner().invoke(root, ["--home", str(new), "checkin", "--pain", "0"])
    assert result.exit_code == 0, result.output
    for path in (new, new.parent, new.parent.parent):
        assert mode(path) == 0o700, path
