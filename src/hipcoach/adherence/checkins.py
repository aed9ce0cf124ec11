"""What the runner tells hipcoach by hand: knee pain (during the exercises, while running,
whether it lingered or the next morning was worse), a session done or skipped, a week of
missed sessions. Everything is checked before anything is written, so a refused part (no
session that day) leaves nothing half-recorded.

A day's pain is its worst: a later check-in of the same day raises what it says, never
lowers it (pain at 8/10 in the morning is not undone by 1/10 at night). A correction
(``replace``) replaces the day's check-in and says what that withdraws (the pause, the
physiotherapist advice...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hipcoach.adherence.statuses import Mark
from hipcoach.models import CheckIn
from hipcoach.programme.progression import (
    pain_action,
    pain_effect,
    physio_advice,
    running_pain,
)
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
    #: the day's check-in before this one, if there was one
    previous: CheckIn | None = None
    #: this check-in corrected the day's (``replace``) instead of adding to it
    corrected: bool = False
    #: what this check-in said lower than the day's worst, which stays ('1/10 during the
    #: exercises')
    kept: tuple[str, ...] = ()
    #: what a correction withdrew ('the pause', 'the physiotherapist advice')
    withdrawn: tuple[str, ...] = ()


_PAIN_RANK = {"progress": 0, "hold": 1, "step_down": 2, "pause": 3}
_ACTION_NAMES = {"pause": "the pause", "step_down": "the step-down", "hold": "the hold"}


def withdrawn_by(
    previous: CheckIn, corrected: CheckIn, physio_before: str | None, physio_after: str | None
) -> tuple[str, ...]:
    """What replacing ``previous`` with ``corrected`` withdraws: the pause, step-down or hold
    it called for, the running advice, the see-a-physiotherapist line."""
    out = []
    was, now = pain_action(previous), pain_action(corrected)
    if _PAIN_RANK[now] < _PAIN_RANK[was]:
        out.append(_ACTION_NAMES[was])
    if running_pain(previous) and not running_pain(corrected):
        out.append("the running advice")
    if physio_before is not None and physio_after is None:
        out.append("the physiotherapist advice")
    return tuple(out)


def record_checkin(
    state: StateDB,
    day: date,
    today: date,
    *,
    pain: CheckIn | None = None,
    mark: Mark | None = None,
    missed: bool = False,
    replace: bool = False,
) -> CheckinOutcome:
    """Record what the runner said of ``day``; UsageError (nothing written) when ``mark``
    names no session planned that day. ``replace``: ``pain`` corrects the day's check-in
    instead of adding to it (the day's worst)."""
    session = session_of(state, day) if mark is not None else None
    effect, stored, previous = None, None, None
    kept: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    if pain is not None:
        physio_before = physio_advice(state.checkins(), today)
        previous = state.record_checkin(pain, replace=replace)
        checkins = state.checkins()
        stored = next(c for c in checkins if c.date == pain.date)
        effect = pain_effect(stored, checkins)
        if previous is not None and replace:
            withdrawn = withdrawn_by(
                previous, stored, physio_before, physio_advice(checkins, today)
            )
        elif previous is not None:
            kept = tuple(previous.lowered(pain))
    if session is not None and mark is not None:
        record_mark(state, session, mark)
    week = monday(day) if missed else None
    if week is not None:
        state.record_missed_week(week)
    return CheckinOutcome(
        day=day,
        checkin=stored,
        replaced=previous is not None,
        effect=effect,
        session_key=session.key if session else None,
        mark=mark,
        missed_week=week,
        physio=physio_advice(state.checkins(), today),
        previous=previous,
        corrected=replace and previous is not None,
        kept=kept,
        withdrawn=withdrawn,
    )
