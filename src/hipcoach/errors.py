"""hipcoach's exceptions.

The library raises these; only the CLI turns them into a message and an exit code.
Exit codes follow sysexits(3) so cron mail tells what happened.
"""

from __future__ import annotations

import copy
from typing import Self


class ExitCode:
    """Process exit codes (sysexits), part of the CLI contract."""

    OK = 0
    USAGE = 2
    DATAERR = 65
    UNAVAILABLE = 69
    CANTCREAT = 73
    TEMPFAIL = 75
    NOPERM = 77
    CONFIG = 78


class HipcoachError(Exception):
    """Base class: an expected failure with a one-line, user-facing message."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def with_note(self, note: str) -> Self:
        """A copy of this error (same type, same exit code) whose message ends with ``note``."""
        clone = copy.copy(self)
        clone.message = f"{self.message}; {note}"
        clone.args = (clone.message,)
        return clone


class UsageError(HipcoachError):
    """The command line asked for something impossible."""

    exit_code = ExitCode.USAGE


class InputDataError(HipcoachError):
    """A file or value supplied by the user cannot be used."""

    exit_code = ExitCode.DATAERR


class ServiceError(HipcoachError):
    """A remote service answered with something unusable (malformed data, unexpected 4xx)."""

    exit_code = ExitCode.UNAVAILABLE


class TemporaryError(HipcoachError):
    """Network trouble, a timeout, a 5xx or a rate limit: the next run retries."""

    exit_code = ExitCode.TEMPFAIL


class CannotWrite(HipcoachError):
    """A file or folder hipcoach must write is not writable (read-only home, database, log
    folder or output folder); the message names the path."""

    exit_code = ExitCode.CANTCREAT


class CredentialsError(HipcoachError):
    """Credentials are missing, expired or revoked; the hint names the command to run."""

    exit_code = ExitCode.NOPERM


class ConfigError(HipcoachError):
    """config.toml (or the environment standing in for it) is invalid."""

    exit_code = ExitCode.CONFIG


class StateError(HipcoachError):
    """The state database cannot be opened, migrated or read (a damaged row or value)."""

    exit_code = ExitCode.CONFIG


class RemoteNotFound(ServiceError):
    """The remote object is gone (404): for a delete or unschedule, the job is already done."""


class NotOwned(ServiceError):
    """A workout target refused to touch a remote object without hipcoach's marker."""


class ContentLost(ServiceError):
    """A workout target stored a workout but not as sent (Garmin blanked an exercise name):
    that session fails this night, the others go on, and the next night sends it again."""

    def __init__(self, message: str, *, workout_id: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        #: the workout that was stored (it is hipcoach's; the next night updates it)
        self.workout_id = workout_id


class RateLimited(TemporaryError):
    """The service said 429 (or its usage is at the cap): stop calling it until later."""


class IncompleteRead(HipcoachError):
    """A read that got part of what it asked for: ``found`` holds that part, which the caller
    keeps; the message and exit code are those of ``cause``, the failure that cost the rest
    (the next night reads it again)."""

    def __init__(self, cause: HipcoachError, found: object) -> None:
        super().__init__(cause.message, hint=cause.hint)
        self.cause = cause
        self.found = found
        self.exit_code = cause.exit_code
