"""One sync at a time: an advisory lock on ``<home>/sync.lock``.

``flock`` locks belong to the process: when a sync is killed, the kernel releases its lock,
so a stale lock file (holding a dead pid) never blocks the next night; it is simply taken
over and rewritten.
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

LOCK_FILE = "sync.lock"


@contextmanager
def sync_lock(home: Path, wait_seconds: float = 5.0, poll: float = 0.2) -> Iterator[None]:
    """Hold the sync lock; wait up to ``wait_seconds``, then TemporaryError (exit 75).

    The lock file is opened without following a symbolic link (its content is rewritten:
    a planted link must not truncate what it points at): CannotWrite (exit 73) instead.
    """
    path = home / LOCK_FILE
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
                    raise TemporaryError(
                        f"another sync is running (pid {holder})",
                        hint="this run stops; the next one will catch up",
                    ) from None
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
