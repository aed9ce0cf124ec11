"""One sync at a time: an advisory lock on ``<home>/sync.lock`` (see :mod:`hipcoach.locks`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hipcoach.locks import file_lock

LOCK_FILE = "sync.lock"


@contextmanager
def sync_lock(home: Path, wait_seconds: float = 5.0, poll: float = 0.2) -> Iterator[None]:
    """Hold the sync lock; wait up to ``wait_seconds``, then TemporaryError (exit 75).

    The lock file is opened without following a symbolic link (its content is rewritten:
    a planted link must not truncate what it points at): CannotWrite (exit 73) instead.
    """
    with file_lock(
        home / LOCK_FILE,
        wait_seconds=wait_seconds,
        poll=poll,
        busy="another sync is running",
        hint="this run stops; the next one will catch up",
    ):
        yield
