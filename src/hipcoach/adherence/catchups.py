"""Catch-ups: a session missed earlier in an ISO week is re-placed once, on a later day of the
same week that satisfies every hard rule (DESIGN "Adherence"); pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hipcoach.adherence.statuses import SessionStatus
from hipcoach.timeutil import monday


@dataclass(frozen=True)
class CatchUp:
    """A session missed earlier this week, to be re-placed once on a later day of it."""

    key: str
    missed_on: date


def catch_ups(statuses: Sequence[SessionStatus], today: date) -> list[CatchUp]:
    """This ISO week's catch-ups: sessions missed earlier in it that were never caught up
    before, and catch-ups already re-placed that are still to come (they stay catch-ups). A
    catch-up missed again is not re-placed: once is the rule."""
    out = []
    for s in statuses:
        if monday(s.date) != monday(today):
            continue
        if s.status == "missed" and s.missed_on is None:
            out.append(CatchUp(s.key, s.date))
        elif s.missed_on is not None and s.status == "planned" and s.date >= today:
            out.append(CatchUp(s.key, s.missed_on))
    return out
