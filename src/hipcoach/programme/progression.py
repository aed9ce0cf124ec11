"""Progression gates: whether a programme week may move up a rung, must hold, steps down or
pauses.

Pain (``evidence.md`` §4, TREK / La Trobe "My Knee Cap"): a check-in records pain during the
exercises and while running (0–10), pain that took over an hour to settle and a worse next
morning. :class:`PainLog` judges each week by the check-ins of the ISO week before it:

- progress only when every one met every limit (exercise ≤ 2, running ≤ 2, settled within the
  hour, not worse next morning);
- hold on exercise pain 3–5, running pain above 2, pain that lingered or a worse morning;
- step down (every exercise one rung, with less load) on exercise pain above 5, from the next
  session on (:meth:`PainLog.step_down_in`);
- pause on 7/10 or more, exercise or running: the rest of that ISO week is cancelled and
  only pain-free holds follow until a check-in of 2/10 or less;
- silence after pain is not pain-free: with no check-in since one that broke a limit, the
  week holds.

:func:`physio_advice` says plainly to stop what hurts and see a physiotherapist while a pause
lasts, and to see one (meanwhile staying within the pain rules) when two check-ins above the
limits fell in two different ISO weeks (not two days) with none within every limit between
them. Running pain above 2/10 brings TREK's running
modifications (:data:`RUNNING_ADVICE`) into the check-in's effect and the week's reason.

A missed week and a jump in weekly running hold (``history.mileage_jump_rule``), and so do
the 10 days before a race and the week after it (:func:`taper_rule`). Gates about the week
before (pain, missed sessions, a running-load jump) also mean that week does not count
towards the next rung (``Gate.last_week_ok``); a taper holds without judging the week
before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from hipcoach.models import CheckIn
from hipcoach.timeutil import monday

PAIN_HOLD_ABOVE = 2
PAIN_REGRESS_ABOVE = 5
PAIN_PAUSE_FROM = 7
TAPER_DAYS = 10
#: Two check-ins above the limits this many days apart or more, in two ISO weeks, persist.
PERSISTENT_DAYS_APART = 3
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


def taper_rule(races: Sequence[date]) -> GateRule:
    """No progression in a week that overlaps the 10 days before a race (or holds it), nor
    in the week after a race's week (the legs recover; what the taper banked waits)."""

    def gate_for(week_start: date) -> Gate:
        week_end = week_start + timedelta(days=6)
        for race in sorted(races):
            if week_start <= race and race - timedelta(days=TAPER_DAYS) <= week_end:
                return Gate("hold", f"race on {race:%a %d %b}: no progression in the taper")
            if monday(race) == week_start - timedelta(weeks=1):
                return Gate(
                    "hold", f"the week after your race on {race:%a %d %b}: no progression yet"
                )
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


# -- pain ------------------------------------------------------------------------------------

PainAction = Literal["progress", "hold", "step_down", "pause"]
_PAIN_RANK: dict[PainAction, int] = {"progress": 0, "hold": 1, "step_down": 2, "pause": 3}


def pain_action(checkin: CheckIn) -> PainAction:
    """What one check-in calls for (TREK limits)."""
    if checkin.worst >= PAIN_PAUSE_FROM:
        return "pause"
    if (checkin.pain or 0) > PAIN_REGRESS_ABOVE:
        return "step_down"
    if checkin.worst > PAIN_HOLD_ABOVE or checkin.flags:
        return "hold"
    return "progress"


def running_pain(checkin: CheckIn) -> bool:
    """Knee pain above 2/10 while running (TREK: keep it at 2/10 or less)."""
    return (checkin.run_pain or 0) > PAIN_HOLD_ABOVE


#: TREK's running modifications (``evidence.md`` §4), for a check-in with running pain.
RUNNING_ADVICE = (
    f"while running hurts, keep running pain at {PAIN_HOLD_ABOVE}/10 or less: run-walk (4 "
    "minutes running, 1 walking), run 10-20 % slower, avoid downhills and stairs, and split "
    "long runs into shorter ones"
)


def is_clear(checkin: CheckIn) -> bool:
    """Every limit met: exercise and running pain 2/10 or less, settled, not worse next day."""
    return pain_action(checkin) == "progress"


def describe(checkin: CheckIn, *, brief: bool = False) -> str:
    """What the check-in said that matters, in the runner's words; ``brief``: only what broke
    a limit, in a few words ('4/10, pain that lingered on Tue 01 Dec')."""
    return f"{said(checkin, brief=brief)} on {checkin.date:%a %d %b}"


def said(checkin: CheckIn, *, brief: bool = False) -> str:
    """:func:`describe` without the day ('knee pain 8/10 during the exercises')."""
    parts = []
    pain, run_pain = checkin.pain, checkin.run_pain
    if pain is not None and not (brief and pain <= PAIN_HOLD_ABOVE):
        parts.append(f"{pain}/10" if brief else f"knee pain {pain}/10 during the exercises")
    if run_pain is not None and not (brief and not running_pain(checkin)):
        parts.append(f"{run_pain}/10 {'running' if brief else 'while running'}")
    if checkin.lingered:
        parts.append("pain that lingered" if brief else "pain that took over an hour to settle")
    if checkin.worse_next_morning:
        parts.append("a worse morning" if brief else "a worse next morning")
    return ", ".join(parts) or "pain"


@dataclass(frozen=True)
class PainVerdict:
    """What the check-ins before a week call for, the reason, and the check-in behind it."""

    action: PainAction = "progress"
    reason: str | None = None
    last_week_ok: bool = True
    cause: CheckIn | None = None


LIMITS = (
    f"progress only while exercise and running pain stay at {PAIN_HOLD_ABOVE}/10 or less, "
    "settle within an hour and the next morning is no worse"
)


class PainLog:
    """The runner's check-ins, judged week by week (see the module's rules)."""

    def __init__(self, checkins: Iterable[CheckIn] = ()) -> None:
        self.checkins = sorted(checkins, key=lambda c: c.date)

    def window(self, week_start: date) -> list[CheckIn]:
        """The check-ins of the ISO week before ``week_start``."""
        return [c for c in self.checkins if week_start - timedelta(days=7) <= c.date < week_start]

    def verdict(self, week_start: date) -> PainVerdict:
        """The week's pain gate: the worst check-in of the week before, else (silence) the
        last check-in before it, which holds the week when it broke a limit."""
        window = self.window(week_start)
        if not window:
            last = self.last_before(week_start)
            if last is None or is_clear(last):
                return PainVerdict()
            reason = (
                f"no check-in since {describe(last)}: holding until one of "
                f"{PAIN_HOLD_ABOVE}/10 or less (`hipcoach checkin --pain N --run-pain N`)"
            )
            if running_pain(last) and pain_action(last) != "pause":
                reason += f"; {RUNNING_ADVICE}"
            return PainVerdict("hold", reason, last_week_ok=False, cause=last)
        worst = max(window, key=lambda c: (_PAIN_RANK[pain_action(c)], c.worst, c.date))
        action = pain_action(worst)
        when = describe(worst)
        if action == "progress":
            return PainVerdict()
        if action == "pause":
            reason = f"{when}: pause"
        elif action == "step_down":
            reason = (
                f"{when}: every exercise steps down one rung, with less load (keep exercise "
                f"pain at {PAIN_REGRESS_ABOVE}/10 or less)"
            )
        else:
            reason = f"{when}: holding ({LIMITS})"
        if action != "pause" and any(running_pain(c) for c in window):
            reason += f"; {RUNNING_ADVICE}"
        return PainVerdict(action, reason, last_week_ok=False, cause=worst)

    def last_before(self, day: date) -> CheckIn | None:
        earlier = [c for c in self.checkins if c.date < day]
        return earlier[-1] if earlier else None

    def clear_after(self, since: date, before: date) -> CheckIn | None:
        """The first check-in meeting every limit after ``since`` and before ``before``."""
        return next((c for c in self.checkins if since < c.date < before and is_clear(c)), None)

    def unresolved_severe(self, before: date) -> CheckIn | None:
        """The latest check-in of 7/10 or more before ``before`` that no check-in meeting
        every limit has followed yet (before ``before``): a pause lasts while there is one."""
        severe = [c for c in self.checkins if c.date < before and pain_action(c) == "pause"]
        if not severe or self.clear_after(severe[-1].date, before) is not None:
            return None
        return severe[-1]

    def step_down_in(self, week_start: date) -> CheckIn | None:
        """The first check-in of the ISO week starting ``week_start`` that steps down
        (exercise pain above 5/10, below 7)."""
        end = week_start + timedelta(days=7)
        return next(
            (
                c
                for c in self.checkins
                if week_start <= c.date < end and pain_action(c) == "step_down"
            ),
            None,
        )

    def severe_in(self, week_start: date) -> CheckIn | None:
        """The first check-in of 7/10 or more in the ISO week starting ``week_start``."""
        end = week_start + timedelta(days=7)
        return next(
            (c for c in self.checkins if week_start <= c.date < end and pain_action(c) == "pause"),
            None,
        )

    def paused_on(self, day: date) -> CheckIn | None:
        """The check-in behind a pause that lasts on ``day``: one of 7/10 or more on or before
        it, not yet followed by a check-in meeting every limit in an earlier ISO week (the
        pause lasts to the end of the week that clears it)."""
        return self.unresolved_severe(monday(day)) or next(
            (
                c
                for c in reversed(self.checkins)
                if monday(day) <= c.date <= day and pain_action(c) == "pause"
            ),
            None,
        )

    def persistent(self, day: date) -> tuple[CheckIn, CheckIn] | None:
        """Pain above the limits in two different ISO weeks, at least
        :data:`PERSISTENT_DAYS_APART` days apart (not two days: a Sunday and the next Monday),
        the later on or before ``day``, with no check-in within every limit between them or
        since: the pair, else None. A silent week between them does not break it."""
        seen = [c for c in self.checkins if c.date <= day]
        if not seen or is_clear(seen[-1]):
            return None
        later = seen[-1]
        for earlier in reversed(seen[:-1]):
            if is_clear(earlier):
                return None
            other_week = monday(earlier.date) != monday(later.date)
            if other_week and (later.date - earlier.date).days >= PERSISTENT_DAYS_APART:
                return earlier, later
        return None


def pain_effect(checkin: CheckIn, earlier: Sequence[CheckIn] = ()) -> str:
    """What a check-in does to the programme, in the runner's words (``earlier``: the
    check-ins before it, for what a check-in within every limit ends)."""
    action = pain_action(checkin)
    if action == "progress":
        return _what_a_clear_check_in_ends(checkin, [c for c in earlier if c.date < checkin.date])
    if action == "pause":
        return (
            "pause: the rest of this week's sessions are cancelled and, until a check-in of "
            f"{PAIN_HOLD_ABOVE}/10 or less, only pain-free holds"
        )
    if action == "step_down":
        effect = (
            "the next session steps back: every exercise one rung down, with less load, "
            f"kept until a check-in of {PAIN_HOLD_ABOVE}/10 or less"
        )
    else:
        effect = "next week holds its rungs (no progression)"
    if running_pain(checkin):
        effect += f"; {RUNNING_ADVICE}"
    return effect


def _what_a_clear_check_in_ends(checkin: CheckIn, earlier: Sequence[CheckIn]) -> str:
    log = PainLog(earlier)
    severe = log.unresolved_severe(checkin.date + timedelta(days=1))
    if severe is not None:
        return (
            f"the pause after {describe(severe)} ends: pain-free holds to the end of this "
            "week, then a lighter week back one rung below where it hurt, then full sessions"
        )
    last = earlier[-1] if earlier else None
    if last is None or is_clear(last):
        return "progression continues"
    # A week that hurt never counts as pain-free: pain earlier this week still shapes next week.
    same_week = monday(last.date) == monday(checkin.date)
    if pain_action(last) == "step_down":
        if same_week:
            return (
                "the step-down's lighter dose ends after next week (this week had pain, so "
                "next week stays lighter): full sessions again the week after"
            )
        return "the step-down's lighter dose ends: full sessions again from next week"
    if same_week:
        return (
            "the hold ends after next week (this week had pain, so next week still holds): "
            "progression can continue the week after"
        )
    return "the hold ends: progression can continue from next week"


PHYSIO_TAIL = "hipcoach cannot tell what is wrong; a physio can."
#: How to train meanwhile when pain persists below a pause (TREK, ``evidence.md`` §4).
PAIN_RULES = (
    f"stay within the pain rules (exercise pain {PAIN_REGRESS_ABOVE}/10 or less, running "
    f"{PAIN_HOLD_ABOVE}/10 or less, settled within an hour, no worse the next morning)"
)


def physio_advice(checkins: Sequence[CheckIn], on: date) -> str | None:
    """The plain see-a-physiotherapist line, when the check-ins call for it: while a pause
    lasts on ``on`` (stop what hurts), or after pain above 2/10 in two ISO weeks running
    (until a check-in of 2/10 or less: keep training within the pain rules meanwhile);
    otherwise None."""
    log = PainLog(checkins)
    severe = log.paused_on(on)
    if severe is not None:
        cleared = log.clear_after(severe.date, on + timedelta(days=1))
        if cleared is not None:
            why = (
                f"{describe(severe)}; your check-in of {cleared.worst}/10 on "
                f"{cleared.date:%a %d %b} ends the pause from next week (a lighter week back "
                "first); until then, only pain-free holds"
            )
        else:
            why = (
                f"{describe(severe)}; until a check-in of {PAIN_HOLD_ABOVE}/10 or less, only "
                "pain-free holds"
            )
        return (
            f"Stop what hurts, exercises or running, and see a physiotherapist: {why}. "
            f"{PHYSIO_TAIL}"
        )
    pair = log.persistent(on)
    if pair is None:
        return None
    earlier, later = pair
    why = (
        f"knee pain above the limits in two different weeks "
        f"({describe(earlier, brief=True)}, {describe(later, brief=True)}), with no "
        f"check-in of {PAIN_HOLD_ABOVE}/10 or less between"
    )
    if running_pain(earlier) or running_pain(later):
        why += f"; {RUNNING_ADVICE}"
    return f"See a physiotherapist; meanwhile {PAIN_RULES}: {why}. {PHYSIO_TAIL}"
