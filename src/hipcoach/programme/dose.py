"""Sizing sessions: prescriptions at their rungs, the time cap, A/B weeks and lighter doses.

The time cap is honest (DESIGN.md's formula, :meth:`hipcoach.models.Session.estimated_seconds`):
the warm-up, 20 s to set up each exercise, every rep at its rung's tempo on both sides where
per side, 10 s to change sides, every hold, and the rest after each set but the last.

A full session never gives an exercise a single set. When the week's exercises do not fit
one session at two sets each, the week alternates two sessions (A and B: the exercises of
each direction the hip trains alternate between them, the knee and external-rotation work is
in both when it fits); with one session a week, or when even that is too long, exercises are
dropped, the least important first, never one the week needs for a direction it must train.
Third sets (``strong``) are added where they still fit, most important exercise first.

Deload weeks and light sessions use one reduction: one set fewer per exercise, or, where
only one set is planned, a third fewer reps (or a shorter hold). Never a harder rung. A
step-down week cuts further until it asks strictly less than the week before, knee-loading
exercises first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from hipcoach.models import (
    MIN_HOLD_SECONDS,
    MIN_REPS,
    WARMUP_MINUTES,
    Prescription,
)
from hipcoach.programme.levels import REST_SECONDS, Slot
from hipcoach.programme.vocabulary import Focus

HOLD_STEP_SECONDS = 5
FULL_SETS = 2
PAUSE_SETS = 2

Template = tuple[Prescription, ...]


def prescribe(slot: Slot, rung: int, sets: int, rest_seconds: int = REST_SECONDS) -> Prescription:
    """The slot's exercise at ``rung`` (relative to the level's start) for ``sets`` sets."""
    rung = max(slot.lowest, min(slot.highest, rung))
    variant = slot.variant(rung)
    return Prescription(
        exercise=slot.exercise,
        variant=variant,
        rung=rung,
        sets=sets,
        reps=variant.reps,
        seconds=variant.seconds,
        rest_seconds=rest_seconds,
    )


def session_seconds(prescriptions: Sequence[Prescription]) -> int:
    """The estimate :meth:`Session.estimated_seconds` gives for these prescriptions."""
    return WARMUP_MINUTES * 60 + sum(p.estimated_seconds() for p in prescriptions)


def covers(prescriptions: Collection[Prescription]) -> set[Focus]:
    """Every direction these exercises train."""
    return {f for p in prescriptions for f in p.exercise.focus}


class _Composer:
    """Fits a week's exercises into one session, or two alternating ones, under the cap."""

    def __init__(
        self,
        slots: Sequence[Slot],
        rungs: dict[str, int],
        cap_seconds: int,
        required: Collection[Focus],
    ) -> None:
        self.slots = list(slots)
        self.order = {s.key: i for i, s in enumerate(slots)}
        self.priority = {s.key: s.priority for s in slots}
        self.target = {s.key: s.sets for s in slots}
        self.full = {s.key: prescribe(s, rungs[s.key], FULL_SETS) for s in slots}
        self.cap = cap_seconds
        self.required = set(required)

    def fits(self, keys: Collection[str]) -> bool:
        return session_seconds([self.full[k] for k in keys]) <= self.cap

    def sorted(self, keys: Collection[str]) -> list[str]:
        return sorted(keys, key=self.order.__getitem__)

    def least_important(self, keys: Collection[str], allowed: Callable[[str], bool]) -> str | None:
        candidates = [k for k in keys if allowed(k)]
        return max(candidates, key=self.priority.__getitem__, default=None)

    def shed(self, keys: list[str], elsewhere: Collection[str] = ()) -> list[str]:
        """Drop exercises until ``keys`` fit: first those also in the other session, then
        those whose directions the week still trains, then (never expected) the least
        important."""
        keys = list(keys)

        def still_covered(key: str) -> bool:
            rest = [self.full[k] for k in {*keys, *elsewhere} - {key}]
            return not (covers([self.full[key]]) & self.required) - covers(rest)

        while keys and not self.fits(keys):
            key = (
                self.least_important(keys, lambda k: k in elsewhere)
                or self.least_important(keys, still_covered)
                or self.least_important(keys, lambda k: len(keys) > 1)
            )
            if key is None:
                break
            keys.remove(key)
        return keys

    def fill(self, keys: list[str], candidates: Collection[str]) -> list[str]:
        """Add ``candidates`` (most important first) while the session still fits."""
        keys = list(keys)
        for key in sorted(candidates, key=self.priority.__getitem__):
            if key not in keys and self.fits([*keys, key]):
                keys.append(key)
        return self.sorted(keys)

    def with_sets(self, keys: Sequence[str]) -> Template:
        """Two sets each, then third sets where the level wants them and they fit."""
        items = {k: self.full[k] for k in keys}
        for key in sorted(keys, key=self.priority.__getitem__):
            if self.target[key] <= FULL_SETS:
                continue
            more = items[key].model_copy(update={"sets": self.target[key]})
            if session_seconds([*(v for k, v in items.items() if k != key), more]) <= self.cap:
                items[key] = more
        return tuple(items[k] for k in self.sorted(keys))

    def split(self) -> tuple[list[str], list[str]]:
        """A and B: the exercises of each main direction alternate; a direction with one
        exercise is in both."""
        groups: dict[Focus, list[str]] = {}
        for slot in self.slots:
            groups.setdefault(slot.focus[0], []).append(slot.key)
        a: list[str] = []
        b: list[str] = []
        for members in groups.values():
            if len(members) == 1:
                a += members
                b += members
            else:
                a += members[0::2]
                b += members[1::2]
        return self.sorted(a), self.sorted(b)

    def compose(self, sessions: int) -> tuple[Template, ...]:
        keys = [s.key for s in self.slots]
        if self.fits(keys):
            return (self.with_sets(keys),)
        if sessions < 2:
            one = self.shed(keys)
            return (self.with_sets(self.fill(one, keys)),)
        a, b = self.split()
        a = self.shed(a, elsewhere=b)
        b = self.shed(b, elsewhere=a)
        a, b = self.fill(a, b), self.fill(b, a)
        if set(a) == set(b):
            return (self.with_sets(a),)
        return self.with_sets(a), self.with_sets(b)


def compose(
    slots: Sequence[Slot],
    rungs: dict[str, int],
    *,
    sessions: int,
    cap_seconds: int,
    required: Collection[Focus] = (),
) -> tuple[Template, ...]:
    """The week's session templates (one, or A and B to alternate) at ``rungs``: every
    exercise at two sets or more, each template within ``cap_seconds``, and together they
    train every ``required`` direction the slots can."""
    return _Composer(slots, rungs, cap_seconds, required).compose(sessions)


def pause_template(slots: Sequence[Slot]) -> Template:
    """A pause's session: the easiest isometric hold of each pause exercise, two sets."""
    from hipcoach.programme.levels import PAUSE_KEYS

    by_key = {s.key: s for s in slots}
    out = []
    for key in PAUSE_KEYS:
        slot = by_key.get(key)
        rung = slot.hold_rung() if slot is not None else None
        if slot is not None and rung is not None:
            out.append(prescribe(slot, rung, PAUSE_SETS))
    return tuple(out)


def reduced(p: Prescription) -> Prescription:
    """One set fewer; with a single set, a third fewer reps or a shorter hold (never below
    the floor of 6 reps or 10 s: there it stays as it is)."""
    if p.sets > 1:
        return p.model_copy(update={"sets": p.sets - 1})
    return smaller(p)


def smaller(p: Prescription) -> Prescription:
    """A third fewer reps or a shorter hold, same sets (at the floor: unchanged)."""
    if p.reps is not None:
        return p.model_copy(update={"reps": max(MIN_REPS, p.reps * 2 // 3)})
    seconds = (p.seconds or 0) * 2 // 3 // HOLD_STEP_SECONDS * HOLD_STEP_SECONDS
    return p.model_copy(update={"seconds": max(MIN_HOLD_SECONDS, seconds)})


def reduce_all(
    prescriptions: Sequence[Prescription],
) -> tuple[tuple[Prescription, ...], str | None]:
    """Every prescription :func:`reduced`, and a note saying exactly what changed (None when
    nothing could be reduced: every exercise is at one set and its floor)."""
    out = tuple(reduced(p) for p in prescriptions)
    by_sets = sum(a.sets < p.sets for a, p in zip(out, prescriptions, strict=True))
    by_amount = sum(a != p and a.sets == p.sets for a, p in zip(out, prescriptions, strict=True))
    if by_sets == by_amount == 0:
        return tuple(prescriptions), None
    if by_amount == 0:
        note = "one set fewer per exercise"
    elif by_sets == 0:
        note = "a third fewer reps (or a shorter hold) per exercise"
    else:
        note = "one set fewer per exercise (a third fewer reps where only one set was planned)"
    if by_sets + by_amount < len(prescriptions):
        note += ", except those already at their lightest"
    return out, note


def week_load(templates: Sequence[Template], sessions: int) -> float:
    """Rep-equivalents over a week of ``sessions`` sessions cycling through ``templates``."""
    return sum(
        sum(p.rep_equivalents() for p in templates[i % len(templates)]) for i in range(sessions)
    )


def longest_seconds(templates: Sequence[Template]) -> int:
    return max((session_seconds(t) for t in templates), default=0)


def _knee_first(templates: Sequence[Template]) -> list[str]:
    """The exercises of ``templates``, knee-targeted first, then the others done standing,
    then the rest."""
    items = {p.key: p for t in templates for p in t}
    return sorted(
        items,
        key=lambda k: (not items[k].exercise.knee_loading, "knee" not in items[k].exercise.focus),
    )


def _one_set_fewer(p: Prescription) -> Prescription:
    return p.model_copy(update={"sets": p.sets - 1}) if p.sets > 1 else p


def _apply(
    templates: Sequence[Template], key: str, cut: Callable[[Prescription], Prescription]
) -> tuple[Template, ...]:
    return tuple(tuple(cut(p) if p.key == key else p for p in t) for t in templates)


def step_down(
    templates: Sequence[Template],
    sessions: int,
    below_load: float,
    within_seconds: int,
    required: Collection[Focus] = (),
) -> tuple[tuple[Template, ...], bool]:
    """``templates`` cut until a week of ``sessions`` asks strictly less than ``below_load``
    rep-equivalents and no session is longer than ``within_seconds``: a set off each
    exercise, knee-loading ones first, then rounds of a third fewer reps (or a shorter hold),
    knee-loading first; then, while a session is still longer than ``within_seconds``, single
    sets and then the least needed exercise (never one a ``required`` direction needs, never
    a template's last). False when even that does not get there (at the floor of every
    ladder the load cannot drop further)."""
    current = tuple(templates)

    def done() -> bool:
        return (
            week_load(current, sessions) < below_load and longest_seconds(current) <= within_seconds
        )

    for cut in (_one_set_fewer, smaller):
        while not done():
            changed = False
            for key in _knee_first(current):
                cut_once = _apply(current, key, cut)
                if cut_once != current:
                    current, changed = cut_once, True
                    if done():
                        return current, True
            if not changed or cut is _one_set_fewer:
                break

    # Still longer than the week before (it holds more exercises than that week could): a
    # step-down is not a full session, so single sets, then the least needed exercise goes.
    def too_long() -> bool:
        return longest_seconds(current) > within_seconds

    while too_long():
        trials = (_apply(current, key, _one_set_fewer) for key in _knee_first(current))
        fewer = next((trial for trial in trials if trial != current), None)
        if fewer is None:
            break
        current = fewer
    while too_long():
        spared = _without_least_needed(current, required)
        if spared is None:
            break
        current = spared
    return current, done()


def _least_needed_first(templates: Sequence[Template]) -> list[Prescription]:
    """The week's exercises, the least needed first (the levels' priority, reversed)."""
    from hipcoach.programme.levels import PRIORITY

    def rank(p: Prescription) -> int:
        return PRIORITY.index(p.key) if p.key in PRIORITY else len(PRIORITY)

    return sorted({p.key: p for t in templates for p in t}.values(), key=rank, reverse=True)


def _without_least_needed(
    templates: tuple[Template, ...], required: Collection[Focus]
) -> tuple[Template, ...] | None:
    """``templates`` without their least needed exercise (by the levels' priority), keeping
    every ``required`` direction and at least one exercise per template; None if none can go."""
    for p in _least_needed_first(templates):
        trial = tuple(tuple(q for q in t if q.key != p.key) for t in templates)
        if all(trial) and set(required) <= covers([q for t in trial for q in t]):
            return trial
    return None


def shed_load(
    templates: Sequence[Template], sessions: int, limit: float, required: Collection[Focus]
) -> tuple[Template, ...]:
    """``templates`` lightened until a week of ``sessions`` asks no more than ``limit``
    rep-equivalents (a full week rises at most 30 % on the last; maintenance never exceeds
    the peak build week): third sets go first (least important exercise first), then
    exercises, never one a required direction needs and never below one exercise per
    template, then reps (the heaviest exercise first, never below 6 or a 10-s hold). Sets stay
    at two or more."""
    current = tuple(templates)
    while week_load(current, sessions) > limit:
        third = next((p for p in _least_needed_first(current) if p.sets > FULL_SETS), None)
        if third is not None:
            current = _apply(current, third.key, lambda q: q.model_copy(update={"sets": FULL_SETS}))
            continue
        dropped = _without_least_needed(current, required)
        if dropped is None:
            break
        current = dropped
    # What no exercise can be spared for: the heaviest ones take fewer reps (or a shorter
    # hold) at their rung, as a new, harder rung starts lighter.
    while week_load(current, sessions) > limit:
        items = sorted(
            {p.key: p for t in current for p in t}.values(),
            key=lambda p: p.rep_equivalents(),
            reverse=True,
        )
        for p in items:
            trial = _apply(current, p.key, smaller)
            if trial != current:
                current = trial
                break
        else:
            break
    return current
