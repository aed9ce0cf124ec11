"""``hipcoach cron`` (issue 12, item 8): the printed commands survive paths with spaces,
quotes, ``%`` and ``$``: parsed back the way cron + sh and systemd read them, they give the
exact argument vector."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from hipcoach.cli import cli as root
from hipcoach.cli.cron import executable
from hipcoach.sync.cron import crontab_line, systemd_exec

NASTY = [
    "plain",
    "with space",
    "100% sure",
    "50%% twice",
    "back\\slash",
    "back\\%slash-percent",
    "it's",
    'say "hi"',
    "$HOME and ${USER}",
    "tab\there",
    "; rm -rf ~",
    "",
]


def cron_then_sh(line: str) -> list[str]:
    """The argv cron + /bin/sh run for a crontab line (cronie's % handling, then sh)."""
    command = line.split(" ", 5)[5]
    out: list[str] = []
    escaped = False
    for ch in command:
        if escaped:
            if ch == "%":
                out[-1] = "%"  # cron drops the backslash of \%
            else:
                out.append(ch)
            escaped = False
            continue
        assert ch != "%", f"an unescaped % ends the command: {command!r}"
        escaped = ch == "\\"
        out.append(ch)
    return shlex.split("".join(out))


_C_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "s": " "}


def systemd_argv(value: str) -> list[str]:
    """ExecStart= as systemd reads it: specifiers, then words (quotes, C escapes), then $."""

    def specifier(match: re.Match[str]) -> str:
        assert match.group(1) == "%", f"unexpected specifier %{match.group(1)}"
        return "%"

    line = re.sub(r"%(.)", specifier, value)
    words: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in " \t":
            i += 1
            continue
        quote = line[i] if line[i] in "\"'" else None
        i += 1 if quote else 0
        word = []
        while i < n and (line[i] != quote if quote else line[i] not in " \t"):
            if line[i] == "\\":
                nxt = line[i + 1]
                if nxt == "x":
                    word.append(chr(int(line[i + 2 : i + 4], 16)))
                    i += 4
                    continue
                word.append(_C_ESCAPES[nxt])
                i += 2
                continue
            word.append(line[i])
            i += 1
        if quote:
            assert i < n, "unterminated quote"
            i += 1
            assert i == n or line[i] in " \t", "a closing quote must end the word"
        words.append("".join(word))
    for text in words:
        assert not re.search(r"(?<!\$)\$(?!\$)", text.replace("$$", "")), text
    return [w.replace("$$", "$") for w in words]


@pytest.mark.parametrize("arg", NASTY)
def test_each_reader_gets_the_argument_back(arg):
    argv = ["/opt/hip coach/bin/hipcoach", "--home", f"/home/r/{arg}", "sync", "-q"]
    assert cron_then_sh(crontab_line(argv, 3, 17)) == argv
    assert systemd_argv(systemd_exec(argv)) == argv


def test_the_printed_units_run_the_same_command(tmp_path: Path):
    home = tmp_path / "My Runs 100% 'real' $HOME"
    result = CliRunner().invoke(root, ["--home", str(home), "cron", "--time", "04:05"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    cron = next(line for line in lines if line.startswith("5 4 * * * "))
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    expected = [*executable(), "--home", str(home.resolve()), "sync", "-q"]
    assert cron_then_sh(cron) == expected
    assert systemd_argv(exec_start.removeprefix("ExecStart=")) == expected


def test_cron_warns_when_no_workout_target_is_set_up(tmp_path: Path):
    """The printed line would exit 77 every night with nothing to sync to: say so once; with a
    target set up (intervals.icu from the environment) there is nothing to say."""
    home = tmp_path / "home"
    bare = CliRunner().invoke(root, ["--home", str(home), "cron"], env={"INTERVALS_API_KEY": ""})
    assert bare.exit_code == 0, bare.output
    assert bare.stderr.count("no workout target is set up yet") == 1
    assert "OnCalendar=" in bare.stdout
    env = {"INTERVALS_API_KEY": "k" * 24, "INTERVALS_ATHLETE_ID": "i12345"}
    ready = CliRunner().invoke(root, ["--home", str(home), "cron"], env=env)
    assert ready.exit_code == 0, ready.output
    assert "no workout target" not in ready.stderr
