"""Sizing a session: prescriptions at their rungs, the time cap, and lighter doses.

The time cap is honest: the estimate counts the warm-up, every rep at its rung's tempo
(about 3 s, more with pauses) on both sides where per side, every hold, and the rest after
each set (the watch times it). A session over the cap loses, in this order: third sets,
optional extras, second sets, then exercises from the end.

Deload weeks and light sessions use one reduction: one set fewer per exercise, or, where
only one set is planned, a third fewer reps (or a shorter hold). Never a harder rung.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from hipcoach.models import (
    MIN_HOLD_SECONDS,
    MIN_REPS,
    WARM_UP_SECONDS,
    Prescription,
)
from hipcoach.programme.levels import Slot

HOLD_STEP_SECONDS = 5


def prescribe(slot: Slot, rung: int, sets: int, rest_seconds: int) -> Prescription:
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
    return WARM_UP_SECONDS + sum(p.estimated_seconds() for p in prescriptions)


def fit_to_cap(
    prescriptions: Sequence[Prescription], optional: Collection[str], cap_seconds: int
) -> tuple[Prescription, ...]:
    """The prescriptions trimmed until the session fits ``cap_seconds``; never added to."""
    items = list(prescriptions)

    def last(where: Callable[[Prescription], bool]) -> int | None:
        found = [i for i, p in enumerate(items) if where(p)]
        return found[-1] if found else None

    while session_seconds(items) > cap_seconds and items:
        if (i := last(lambda p: p.sets > 2)) is not None:
            items[i] = items[i].model_copy(update={"sets": items[i].sets - 1})
        elif (i := last(lambda p: p.key in optional)) is not None:
            del items[i]
        elif (i := last(lambda p: p.sets > 1)) is not None:
            items[i] = items[i].model_copy(update={"sets": items[i].sets - 1})
        elif len(items) > 1:
            del items[-1]
        else:
            break
    return tuple(items)


def reduced(p: Prescription) -> Prescription:
    """One set fewer; with a single set, a third fewer reps or a shorter hold (never below
    the floor of 6 reps or 10 s: there it stays as it is)."""
    if p.sets > 1:
        return p.model_copy(update={"sets": p.sets - 1})
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
