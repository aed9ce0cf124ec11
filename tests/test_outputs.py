"""Files the runner asks for (exports, the report, ``schedule --ics``) are written only as
plain files: never through a link, over a device, a pipe or a folder; every refusal is one
line, exit 73, naming the path the runner gave (never a temporary file)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from hipcoach.errors import ExitCode
from tests.conftest import REPO

ACTIVITIES = str(REPO / "examples" / "strava-activities.json")
FROM = "2026-11-23"


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link(path: Path) -> None:
    path.with_name("target.txt").write_text("the runner's own file\n")
    path.symlink_to(path.with_name("target.txt"))


def folder(path: Path) -> None:
    path.mkdir()


# `report --out` and `schedule --ics` name a file: click itself refuses a folder there (exit 2).
FILE_OPTIONS = [
    (["report", "--out", "{path}"], "report.html"),
    (["schedule", "--ics", "{path}"], "plan.ics"),
]
FOLDER_OPTIONS = [
    (["export", "json", "--out", "{dir}"], "hipcoach-schedule.json"),
    (["export", "ics", "--out", "{dir}"], "CALENDAR"),
]
CASES = [
    *((args, name, make) for args, name in FILE_OPTIONS for make in (fifo, link)),
    *((args, name, make) for args, name in FOLDER_OPTIONS for make in (fifo, link, folder)),
]


@pytest.mark.parametrize(
    ("args", "name", "make"), CASES, ids=[f"{c[0][0]}-{c[0][1]}-{c[2].__name__}" for c in CASES]
)
def test_an_output_that_is_not_a_plain_file_is_refused_untouched(
    cli, tmp_path: Path, args: list[str], name: str, make: Callable[[Path], None]
):
    from hipcoach.exports.ics import CALENDAR_FILE

    out = tmp_path / "out"
    out.mkdir()
    path = out / (CALENDAR_FILE if name == "CALENDAR" else name)
    make(path)
    before = path.lstat()
    given = [a.format(path=path, dir=out) for a in args]
    result = cli(*given, "--activities", ACTIVITIES, "--from", FROM)
    assert result.exit_code == ExitCode.CANTCREAT, result.output
    assert f"cannot write {path}" in result.stderr and ".tmp" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    after = path.lstat()
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)  # still what it was
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_path_through_a_file_names_the_output(cli, tmp_path: Path):
    plain = tmp_path / "notes.txt"
    plain.write_text("mine\n")
    result = cli("report", "--out", str(plain / "r.html"), "--activities", ACTIVITIES)
    assert result.exit_code == ExitCode.CANTCREAT
    assert f"cannot write {plain / 'r.html'}: a part of its folder path is a file" in result.stderr
    assert plain.read_text() == "mine\n"


def test_an_existing_plain_output_is_replaced(cli, tmp_path: Path):
    path = tmp_path / "report.html"
    path.write_text("old\n")
    result = cli("report", "--out", str(path), "--activities", ACTIVITIES, "--from", FROM)
    assert result.exit_code == 0
    assert path.read_text().lower().startswith("<!doctype html>")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
