"""The rotated log file, ``<home>/logs/hipcoach.log``, opened only as hipcoach's own file."""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from hipcoach.errors import HipcoachError
from hipcoach.home import open_own_file


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
