"""Advisory locks (``flock``) on files hipcoach keeps for itself.

``flock`` locks belong to the process: when it is killed, the kernel releases the lock, so a
stale lock file (holding a dead pid) never blocks anyone; it is simply taken over.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hipcoach.errors import TemporaryError
from hipcoach.home import open_own_file


@contextmanager
def file_lock(
    path: Path, *, wait_seconds: float, poll: float = 0.2, busy: str, hint: str
) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created 0600, never through a link); wait up to
    ``wait_seconds``, then TemporaryError (exit 75) saying ``busy`` and the holder's pid."""
    fd = open_own_file(path, os.O_RDWR)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                    raise TemporaryError(f"{busy} (pid {holder})", hint=hint) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
