"""Asking the runner a question, and what happens when nobody can answer.

cron, systemd and CI run hipcoach with stdin closed (``sys.stdin`` is None), at its end
(``/dev/null``) or from a pipe. A question there must never crash or hang: when there is
no answer to read, it fails with one line naming the option or environment variable that
gives the answer without a question (exit 2). A hidden answer (a password) is read with
``getpass`` only at a terminal; from a pipe it is read as a plain line, so ``getpass``
never falls back to warning (``GetPassWarning``) that it cannot hide the input.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from hipcoach.errors import UsageError


def stdin_is_terminal() -> bool:
    """Whether a person can answer at a terminal (False with stdin closed, None or piped)."""
    stream = sys.stdin
    if stream is None or stream.closed:
        return False
    try:
        return stream.isatty()
    except (OSError, ValueError):  # a descriptor closed under the stream
        return False


def ask(
    question: str,
    *,
    instead: str,
    what: str | None = None,
    hide_input: bool = False,
    type: click.ParamType | None = None,
    preamble: str | None = None,
    default: str | None = None,
) -> Any:
    """The answer to ``question``: typed at a terminal, else one line read from stdin.

    ``instead`` says how to give the answer without the question ("give --email",
    "set GARMIN_PASSWORD"); with nothing to read it is the hint of the error (UsageError,
    exit 2) that names ``what`` was asked (default: the question). ``preamble`` (what the
    runner needs to know to answer) is printed only when an answer can come. ``default`` is
    the answer to an empty line (or to no input at all; the question should say what it
    means). Everything goes to stderr, so a command's stdout stays its output.
    """
    if stdin_is_terminal():
        if preamble:
            click.echo(preamble, err=True)
        return click.prompt(
            question,
            hide_input=hide_input,
            type=type,
            err=True,
            default=default,
            show_default=False,
        )
    what = what or question
    line = _line_from_stdin() if _input_waiting() else None
    if line is None and default is not None:
        return default
    if line is None:
        raise UsageError(f"no terminal to ask for the {what}, and no input to read", hint=instead)
    if preamble:
        click.echo(preamble, err=True)
    click.echo(f"{question}: (read from stdin)", err=True)  # what was asked, never the answer
    answer = line.rstrip("\r\n")
    if type is None:
        return answer
    try:
        return type.convert(answer, None, None)
    except click.BadParameter as exc:
        raise UsageError(f"the {what} read from stdin: {exc.message}", hint=instead) from None


def _input_waiting() -> bool:
    """Whether a piped stdin holds something to read: False when it is closed or at its end
    (``/dev/null``). Peeks without consuming; waits for a writer that has not written yet."""
    stream = sys.stdin
    if stream is None or stream.closed:
        return False
    buffer = getattr(stream, "buffer", None)
    if buffer is None or not hasattr(buffer, "peek"):
        return True  # an in-memory stream: reading tells
    try:
        return bool(buffer.peek(1))
    except (OSError, ValueError):  # fd 0 closed under the stream
        return False


def _line_from_stdin() -> str | None:
    """One line from a piped stdin, or None when stdin is closed or at its end."""
    stream = sys.stdin
    if stream is None or stream.closed:
        return None
    try:
        line = stream.readline()
    except (OSError, ValueError):  # fd 0 closed after start-up, or not readable
        return None
    return line if line.strip() else None
