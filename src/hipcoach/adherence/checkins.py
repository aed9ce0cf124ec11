"""What the runner tells hipcoach by hand: knee pain (during the exercises, while running,
whether it lingered or the next morning was worse), a session done or skipped, a week of
missed sessions. Everything is checked before anything is written, so a refused part (no
session that day) leaves nothing half-recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hipcoach.adherence.statuses import Mark
from hipcoach.models import CheckIn
from hipcoach.programme.progression import pain_effect, physio_advice
from hipcoach.state import StateDB
from hipcoach.state.sessions import record_mark, session_of
from hipcoach.timeutil import monday


@dataclass(frozen=True)
class CheckinOutcome:
    """What one check-in recorded, and what it means."""

    day: date
    #: the day's check-in as stored (merged with an earlier one of the same day), if any
    checkin: CheckIn | None = None
    #: a check-in updated one of the same day
    replaced: bool = False
    #: what the pain does to next week (see :func:`hipcoach.programme.progression.pain_effect`)
    effect: str | None = None
    session_key: str | None = None
    mark: Mark | None = None
    missed_week: date | None = None
    #: the plain see-a-physiotherapist line, when the check-ins now call for it
    physio: str | None = None


def record_checkin(
    state: StateDB,
    day: date,
    today: date,
    *,
    pain: CheckIn | None = None,
    mark: Mark | None = None,
    missed: bool = False,
) -> CheckinOutcome:
    """Record what the runner said of ``day``; UsageError (nothing written) when ``mark``
    names no session planned that day."""
    session = session_of(state, day) if mark is not None else None
    replaced, effect, stored = False, None, None
    if pain is not None:
        replaced = not state.record_checkin(pain)
        checkins = state.checkins()
        stored = next(c for c in checkins if c.date == pain.date)
        effect = pain_effect(stored, checkins)
    if session is not None and mark is not None:
        record_mark(state, session, mark)
    week = monday(day) if missed else None
    if week is not None:
        state.record_missed_week(week)
    return CheckinOutcome(
        day=day,
        checkin=stored,
        replaced=replaced,
        effect=effect,
        session_key=session.key if session else None,
        mark=mark,
        missed_week=week,
        physio=physio_advice(state.checkins(), today),
    )
