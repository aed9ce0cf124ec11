"""Progression gates: whether a programme week may move up a rung, must hold, or steps down.

Rules (``evidence.md`` §4 and §7, TREK/La Trobe pain monitoring): progress only when the
week before met every limit; hold when knee pain went above 2/10; step every exercise down
one rung when it went above 5/10 (the ceiling for pain during exercise); at 7/10 or more, or
above 2/10 two weeks running, also say plainly to stop what hurts and see a physiotherapist.
A missed week and a jump in weekly running hold (``history.mileage_jump_rule``), and so do
the 10 days before a race (:func:`taper_rule`).

Gates about the week before (pain, missed sessions, a running-load jump) also mean that week
does not count towards the next rung (``Gate.last_week_ok``); a taper holds without judging
the week before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from hipcoach.models import CheckIn

PAIN_HOLD_ABOVE = 2
PAIN_REGRESS_ABOVE = 5
PAIN_SEE_PHYSIO_FROM = 7
TAPER_DAYS = 10
#: A partial session (under two thirds of its sets done) counts as half a session.
PARTIAL_SESSION = 0.5

GateAction = Literal["progress", "hold", "regress"]
_SEVERITY: dict[GateAction, int] = {"progress": 0, "hold": 1, "regress": 2}


@dataclass(frozen=True)
class Gate:
    """The decision for one programme week and the human reason behind it.

    ``last_week_ok`` is False when the gate judges the week before (pain, missed sessions, a
    running-load jump): such a week does not count towards the next rung.
    """

    action: GateAction = "progress"
    reason: str | None = None
    last_week_ok: bool = True


PROGRESS = Gate()

GateRule = Callable[[date], Gate]
"""Maps a week's Monday to the gate for that week."""


def combine(gates: Iterable[Gate]) -> Gate:
    """The strictest action wins; the reasons of every non-progress gate are kept."""
    gates = list(gates)
    blocking = [g for g in gates if g.action != "progress"]
    last_week_ok = all(g.last_week_ok for g in gates)
    if not blocking:
        return PROGRESS if last_week_ok else Gate(last_week_ok=False)
    action = max((g.action for g in blocking), key=_SEVERITY.__getitem__)
    reason = "; ".join(g.reason for g in blocking if g.reason)
    return Gate(action, reason, last_week_ok)


def combine_rules(rules: Sequence[GateRule]) -> GateRule:
    """One rule that applies every rule and combines their gates."""

    def gate_for(week_start: date) -> Gate:
        return combine(rule(week_start) for rule in rules)

    return gate_for


def no_gates(week_start: date) -> Gate:
    """A rule that always lets the programme progress (projection with no data)."""
    return PROGRESS


def pain_rule(checkins: Sequence[CheckIn]) -> GateRule:
    """Gate each week on the worst check-in of the seven days before it."""
    ordered = sorted(checkins, key=lambda c: c.date)

    def gate_for(week_start: date) -> Gate:
        window = [c for c in ordered if week_start - timedelta(days=7) <= c.date < week_start]
        if not window:
            return PROGRESS
        worst = max(window, key=lambda c: (c.pain, c.date))
        when = f"knee pain {worst.pain}/10 on {worst.date:%a %d %b}"
        if worst.pain > PAIN_REGRESS_ABOVE:
            return Gate(
                "regress",
                f"{when}: every exercise steps down one rung (keep exercise pain at "
                f"{PAIN_REGRESS_ABOVE}/10 or less)",
                last_week_ok=False,
            )
        if worst.pain > PAIN_HOLD_ABOVE:
            return Gate(
                "hold",
                f"{when}: holding (progress only while pain stays at {PAIN_HOLD_ABOVE}/10 or less)",
                last_week_ok=False,
            )
        return PROGRESS

    return gate_for


def taper_rule(races: Sequence[date]) -> GateRule:
    """No progression in a week that overlaps the 10 days before a race (or holds it)."""

    def gate_for(week_start: date) -> Gate:
        week_end = week_start + timedelta(days=6)
        for race in sorted(races):
            if week_start <= race and race - timedelta(days=TAPER_DAYS) <= week_end:
                return Gate("hold", f"race on {race:%a %d %b}: no progression in the taper")
        return PROGRESS

    return gate_for


@dataclass(frozen=True)
class Adherence:
    """Sessions done per programme week: what progression counts.

    ``done`` maps a week's Monday to the sessions done that week (a partial session counts
    :data:`PARTIAL_SESSION`). A week without an entry has no information: its planned
    sessions are assumed done. Adherence tracking fills this from the state; a week marked
    missed (``checkin --missed``) is 0.
    """

    done: Mapping[date, float] = field(default_factory=dict)

    @classmethod
    def from_missed_weeks(cls, weeks: Iterable[date]) -> Adherence:
        """Weeks the runner said were missed: nothing done."""
        return cls({week: 0.0 for week in weeks})

    def merged(self, other: Adherence) -> Adherence:
        """Both sources; where both know a week, the one with fewer sessions done wins."""
        done = dict(self.done)
        for week, count in other.done.items():
            done[week] = min(count, done.get(week, count))
        return Adherence(done)

    def sessions_done(self, week_start: date) -> float | None:
        """Sessions done in the week starting ``week_start``; None = no information."""
        return self.done.get(week_start)

    def week_counts(self, week_start: date, planned: int, minimum: int) -> bool:
        """Whether the week counts as completed training: ``minimum`` sessions done (with no
        information, the ``planned`` ones are assumed done)."""
        done = self.sessions_done(week_start)
        return (planned if done is None else done) >= minimum

    def gate(self, week_start: date, minimum: int) -> Gate:
        """Hold the week after one with fewer than ``minimum`` sessions done (when known)."""
        previous = week_start - timedelta(weeks=1)
        done = self.sessions_done(previous)
        if done is None or done >= minimum:
            return PROGRESS
        if done == 0:
            what = f"sessions missed in the week of {previous:%d %b}"
        else:
            what = f"{done:g} of {minimum} sessions done in the week of {previous:%d %b}"
        return Gate("hold", f"{what}: holding", last_week_ok=False)


def pain_effect(pain: int) -> str:
    """What a check-in of ``pain`` does to next week, in the runner's words."""
    if pain > PAIN_REGRESS_ABOVE:
        return "next week steps back: every exercise one rung down, to an easier variant"
    if pain > PAIN_HOLD_ABOVE:
        return "next week holds its rungs (no progression)"
    return "progression continues"


def physio_advice(checkins: Sequence[CheckIn], on: date) -> str | None:
    """The plain "stop and see a physiotherapist" line, when the check-ins call for it.

    It does for a check-in of 7/10 or more in the fourteen days up to ``on`` (the week it
    stepped down, and the week after), or above 2/10 both in the seven days up to ``on`` and
    in the seven before them; otherwise None.
    """
    recent = [c for c in checkins if on - timedelta(days=6) <= c.date <= on]
    before = [c for c in checkins if on - timedelta(days=13) <= c.date <= on - timedelta(days=7)]
    severe = max(recent + before, key=lambda c: (c.pain, c.date), default=None)
    worst = max(recent, key=lambda c: (c.pain, c.date), default=None)
    earlier = max(before, key=lambda c: (c.pain, c.date), default=None)
    if severe is not None and severe.pain >= PAIN_SEE_PHYSIO_FROM:
        why = f"knee pain {severe.pain}/10 on {severe.date:%a %d %b}"
    elif (
        worst is not None
        and earlier is not None
        and worst.pain > PAIN_HOLD_ABOVE
        and earlier.pain > PAIN_HOLD_ABOVE
    ):
        why = (
            f"knee pain above {PAIN_HOLD_ABOVE}/10 two weeks running "
            f"({earlier.pain}/10 on {earlier.date:%a %d %b}, {worst.pain}/10 on "
            f"{worst.date:%a %d %b})"
        )
    else:
        return None
    return (
        f"Stop the exercises that hurt and see a physiotherapist: {why}. "
        "hipcoach cannot tell what is wrong; a physio can."
    )
