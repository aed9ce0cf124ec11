"""Where log records go: stderr by verbosity, and the rotated log file
``<home>/logs/hipcoach.log``, opened only as hipcoach's own file; secrets masked in both."""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from hipcoach.errors import HipcoachError
from hipcoach.home import open_own_file
from hipcoach.redact import redact


class OwnLogFile(RotatingFileHandler):
    """A rotating handler that never follows a symbolic link (or a hard link) planted where
    its file goes: opening refuses with CannotWrite (exit 73) instead of appending to
    whatever the link points at."""

    def _open(self) -> TextIOWrapper:
        fd = open_own_file(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """One line on stderr (a rotation that cannot reopen the file), not a traceback."""
        problem = sys.exc_info()[1]
        reason = str(problem) if isinstance(problem, HipcoachError | OSError) else "failed"
        sys.stderr.write(f"hipcoach: warning: log file {self.baseFilename}: {reason}\n")


class RedactingFilter(logging.Filter):
    """Masks secrets in a record's final message (arguments and traceback included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class OwnRecordsUnlessDebug(logging.Filter):
    """Libraries (garminconnect logs failures with full tracebacks) reach stderr only at -vv."""

    def __init__(self, verbose: int) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        return self.verbose >= 2 or record.name.split(".")[0].startswith("hipcoach")


def configure_logging(verbose: int, quiet: int) -> None:
    """-v shows info, -vv debug (libraries too), on stderr; default shows warnings only."""
    level = logging.WARNING - 10 * verbose + 10 * quiet
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hipcoach", False) or getattr(handler, "_hipcoach_file", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(OwnRecordsUnlessDebug(verbose))
    handler.addFilter(RedactingFilter())
    handler.setLevel(max(logging.DEBUG, min(level, logging.CRITICAL)))
    handler._hipcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)


def enable_file_log(logs_dir: Path) -> None:
    """Log everything (libraries' tracebacks included, secrets masked) to the home's
    ``logs/hipcoach.log``, rotated; -v still mirrors hipcoach's own records to stderr."""
    from hipcoach.home import LOG_FILE, make_private_dir

    root = logging.getLogger()
    if any(getattr(h, "_hipcoach_file", False) for h in root.handlers):
        return
    make_private_dir(logs_dir)
    handler = OwnLogFile(
        logs_dir / LOG_FILE,
        maxBytes=1_000_000,
        backupCount=5,
        encoding="utf-8",
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    handler.setLevel(logging.DEBUG)
    handler._hipcoach_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)
