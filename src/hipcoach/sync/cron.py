"""The nightly sync as a crontab line and a systemd ``ExecStart``: one argument vector,
quoted for each reader so that paths with spaces, quotes, ``%`` or ``$`` survive.

Three readers, three rules: sh (``shlex.quote``); cron, which turns every unescaped ``%``
into a newline before sh sees the line, and drops the backslash of ``\\%``; and systemd,
which splits ``ExecStart=`` on whitespace outside quotes, reads C escapes, and expands
``%`` specifiers and ``$`` variables (``%%`` and ``$$`` are literal).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

_SYSTEMD_BARE = re.compile(r"[A-Za-z0-9_@+=:,./-]+")


def sh_command(argv: Sequence[str]) -> str:
    """``argv`` as one sh command line."""
    return shlex.join(argv)


def crontab_command(argv: Sequence[str]) -> str:
    """``argv`` as the command field of a crontab line.

    A backslash right before a ``%`` would swallow cron's escape, so inside sh's single
    quotes the two are kept apart by an empty ``''`` (a no-op for sh).
    """
    command = sh_command(argv).replace("\\%", "\\''%")
    return command.replace("%", "\\%")


def crontab_line(argv: Sequence[str], hour: int, minute: int) -> str:
    """A crontab line running ``argv`` every day at ``hour``:``minute``."""
    return f"{minute} {hour} * * * {crontab_command(argv)}"


def systemd_quote(arg: str) -> str:
    """One ``ExecStart=`` argument: specifiers and variables escaped, quoted if needed."""
    literal = arg.replace("%", "%%").replace("$", "$$")
    if _SYSTEMD_BARE.fullmatch(literal):
        return literal
    escaped = "".join(_systemd_char(ch) for ch in literal)
    return f'"{escaped}"'


def _systemd_char(ch: str) -> str:
    if ch in '\\"':
        return "\\" + ch
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"\\x{ord(ch):02x}"
    return ch


def systemd_exec(argv: Sequence[str]) -> str:
    """The value of ``ExecStart=`` running ``argv``."""
    return " ".join(systemd_quote(arg) for arg in argv)
