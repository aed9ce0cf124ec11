"""One read of a service's activity list serves every consumer in a process.

The nightly job reads the runner's activity list for runs and, from the same service, for
completed strength sessions. :class:`ListingMemory` keeps the items of a listing read to its
end from some start date, so a later request from that date or after is answered from memory
instead of a second request: a quiet night stays one activities page. A read of the listing
that failed is not sent again in the process either (:meth:`ListingMemory.failed`): the next
reader gets the same error at once (a timeout would otherwise cost its minute twice), and the
next night reads again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from hipcoach.errors import HipcoachError, ServiceError


class ListingMemory:
    """Items of listings read from a start date to the end, for this process only."""

    def __init__(self, day_of: Callable[[Any], date | None]) -> None:
        #: an item's local date (None: unreadable; such an item is never served)
        self.day_of = day_of
        self._complete: dict[date, list[Any]] = {}
        self._reading: dict[date, list[Any]] = {}
        #: the failure of a read of this listing in this process
        self._failure: HipcoachError | None = None

    def failed(self, error: HipcoachError) -> None:
        """A read of the listing failed: no reader in this process sends another."""
        self._failure = error

    def check(self) -> None:
        """Raise (a copy of) the failure of an earlier read, if one failed."""
        if self._failure is not None:
            raise copy.copy(self._failure)

    def add_page(self, since: date, items: Sequence[Any], *, first: bool, last: bool) -> None:
        """Record a page of the listing from ``since``; ``first``/``last`` mark its ends."""
        if first:
            self._reading[since] = []
        if since not in self._reading:
            return  # a listing resumed in the middle is not a whole one
        self._reading[since].extend(items)
        if last:
            self._complete[since] = self._reading.pop(since)

    def covering(self, since: date) -> list[Any] | None:
        """The items on or after ``since`` from a whole listing that started no later, or
        None when none did (the caller reads the service)."""
        starts = [s for s in self._complete if s <= since]
        if not starts:
            return None
        items = self._complete[max(starts)]
        return [i for i in items if (day := self.day_of(i)) is not None and day >= since]

    def items_since(self, since: date, read: Callable[[date], Iterable[object]]) -> list[Any]:
        """Every item on or after ``since``: from a whole listing read earlier in this process
        when one covers it (the run pull's), else after ``read(since)`` lists it whole; the
        earlier read's error when one failed."""
        known = self.covering(since)
        if known is None:
            self.check()
            for _ in read(since):
                pass
            known = self.covering(since) or []
        return known


def resume_page(resume: str | None, service: str) -> int:
    """The 1-based page a paged import starts from: 1, or the ``next_page`` the core kept.

    Sources that page by number hand out ``str(page number)`` as their resume point; anything
    else is a resume point this source never gave, so the import stops with a clear error.
    """
    if resume is None:
        return 1
    if not resume.isdigit() or int(resume) < 1:
        raise ServiceError(f"cannot resume the {service} import at {resume!r}: not a page number")
    return int(resume)
