"""Progression gates: whether a programme week may progress, must hold, or steps back.

Rules (``evidence.md`` §4, TREK/La Trobe pain monitoring): progress only when the week before
met every limit; hold when knee pain went above 2/10; step back one level of volume when it
went above 5/10 (the ceiling for pain during exercise). Other gates (a jump in weekly running
distance, a race taper) plug in as further ``GateRule`` callables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from hipcoach.models import CheckIn

PAIN_HOLD_ABOVE = 2
PAIN_REGRESS_ABOVE = 5

GateAction = Literal["progress", "hold", "regress"]
_SEVERITY: dict[GateAction, int] = {"progress": 0, "hold": 1, "regress": 2}


@dataclass(frozen=True)
class Gate:
    """The decision for one programme week and the human reason behind it."""

    action: GateAction = "progress"
    reason: str | None = None


PROGRESS = Gate()

GateRule = Callable[[date], Gate]
"""Maps a week's Monday to the gate for that week."""


def combine(gates: Iterable[Gate]) -> Gate:
    """The strictest action wins; the reasons of every non-progress gate are kept."""
    blocking = [g for g in gates if g.action != "progress"]
    if not blocking:
        return PROGRESS
    action = max((g.action for g in blocking), key=_SEVERITY.__getitem__)
    return Gate(action, "; ".join(g.reason for g in blocking if g.reason))


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
                f"{when}: one step back in volume (keep exercise pain at {PAIN_REGRESS_ABOVE}/10 "
                "or less)",
            )
        if worst.pain > PAIN_HOLD_ABOVE:
            return Gate(
                "hold",
                f"{when}: holding (progress only while pain stays at {PAIN_HOLD_ABOVE}/10 or less)",
            )
        return PROGRESS

    return gate_for


def missed_week_rule(missed: Sequence[date]) -> GateRule:
    """Hold progression in the week after one whose sessions were missed."""
    weeks = set(missed)

    def gate_for(week_start: date) -> Gate:
        previous = week_start - timedelta(weeks=1)
        if previous in weeks:
            return Gate("hold", f"sessions missed in the week of {previous:%d %b}: holding")
        return PROGRESS

    return gate_for


def persistent_pain(checkins: Sequence[CheckIn], today: date) -> bool:
    """True when every check-in of the last 14 days (at least two) is above the hold limit.

    That is the point at which the tool should say: see a physio.
    """
    recent = [c for c in checkins if today - timedelta(days=14) <= c.date <= today]
    return len(recent) >= 2 and all(c.pain > PAIN_HOLD_ABOVE for c in recent)


TAPER_DAYS = 10


def taper_rule(races: Sequence[date]) -> GateRule:
    """No progression in a week that overlaps the 10 days before a race (or holds it)."""

    def gate_for(week_start: date) -> Gate:
        week_end = week_start + timedelta(days=6)
        for race in sorted(races):
            if week_start <= race and race - timedelta(days=TAPER_DAYS) <= week_end:
                return Gate("hold", f"race on {race:%a %d %b}: no progression in the taper")
        return PROGRESS

    return gate_for
