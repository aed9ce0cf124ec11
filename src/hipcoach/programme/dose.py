"""Sizing sessions: prescriptions at their rungs, the time cap, A/B weeks and lighter doses.

The time cap is honest (DESIGN.md's formula, :meth:`hipcoach.models.Session.estimated_seconds`):
the warm-up, 20 s to set up each exercise, every rep at its rung's tempo on both sides where
per side, 10 s to change sides, every hold, and the rest after each set but the last.

A full session never gives an exercise a single set. When the week's exercises do not fit
one session at two sets each, the week alternates two sessions (A and B: the exercises of
each direction the hip trains alternate between them, the knee and external-rotation work is
in both when it fits). Session A, too long for the cap, drops its least important exercises
first among those whose directions it still trains without them, so that it trains every
direction it can (A, B, A: each direction in two sessions of three); B drops first what A
holds and takes back what A could not; with one session a week the same as A, never dropping
one the week needs for a direction it must train. An exercise the week would then hold
nowhere takes the place of less important ones where it fits (the side-lying leg raise, the
trials' abduction exercise, before the bird dog).
Third sets (``strong``) are added where they still fit, most important exercise first.

Deload weeks and light sessions use one reduction: one set fewer per exercise, or, where
only one set is planned, a third fewer reps (or a shorter hold). Never a harder rung. A
step-down week cuts further until it asks strictly less than the week before, knee-loading
exercises first.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

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


def prescribe(
    slot: Slot,
    rung: int,
    sets: int,
    rest_seconds: int = REST_SECONDS,
    at_most: Prescription | None = None,
) -> Prescription:
    """The slot's exercise at ``rung`` (relative to the level's start) for ``sets`` sets, at
    the rung's own reps (or hold), or ``at_most``'s where that is less (double progression:
    the week an exercise climbs, the harder variant at the dose it had on the rung below)."""
    rung = max(slot.lowest, min(slot.highest, rung))
    variant = slot.variant(rung)
    reps, seconds = variant.reps, variant.seconds
    # Only an amount of the same kind carries over (a hold turning into reps starts anew).
    if at_most is not None and reps is not None and at_most.reps is not None:
        reps = min(reps, at_most.reps)
    if at_most is not None and seconds is not None and at_most.seconds is not None:
        seconds = min(seconds, at_most.seconds)
    return Prescription(
        exercise=slot.exercise,
        variant=variant,
        rung=rung,
        sets=sets,
        reps=reps,
        seconds=seconds,
        rest_seconds=rest_seconds,
    )


def capped_sets(slot: Slot, at_most: Prescription | None) -> int:
    """The sets ``slot`` aims for: the level's, no more than ``at_most``'s (the dose on the
    rung below, the week it climbs), never fewer than two."""
    if at_most is None:
        return slot.sets
    return min(slot.sets, max(FULL_SETS, at_most.sets))


def largest_doses(templates: Sequence[Template]) -> dict[str, Prescription]:
    """Each exercise's largest dose over a week's sessions: its most sets and its most reps
    (or longest hold)."""
    out: dict[str, Prescription] = {}
    for p in (p for t in templates for p in t):
        q = out.get(p.key)
        if q is None or q.rung != p.rung:
            out[p.key] = p
            continue
        out[p.key] = q.model_copy(
            update={
                "sets": max(p.sets, q.sets),
                "reps": None if q.reps is None else max(q.reps, p.reps or 0),
                "seconds": None if q.seconds is None else max(q.seconds, p.seconds or 0),
            }
        )
    return out


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
        new: Collection[str] = (),
        at_most: Mapping[str, Prescription] | None = None,
    ) -> None:
        caps = at_most or {}
        self.slots = list(slots)
        self.new = set(new)
        self.order = {s.key: i for i, s in enumerate(slots)}
        self.priority = {s.key: s.priority for s in slots}
        self.target = {s.key: capped_sets(s, caps.get(s.key)) for s in slots}
        self.full = {
            s.key: prescribe(s, rungs[s.key], FULL_SETS, at_most=caps.get(s.key)) for s in slots
        }
        self.cap = cap_seconds
        self.required = set(required)

    def fits(self, keys: Collection[str]) -> bool:
        return session_seconds([self.full[k] for k in keys]) <= self.cap

    def sorted(self, keys: Collection[str]) -> list[str]:
        return sorted(keys, key=self.order.__getitem__)

    def least_important(self, keys: Collection[str], allowed: Callable[[str], bool]) -> str | None:
        candidates = [k for k in keys if allowed(k)]
        return max(candidates, key=self.priority.__getitem__, default=None)

    def shed(
        self, keys: list[str], elsewhere: Collection[str] = (), *, whole: bool = True
    ) -> list[str]:
        """Drop exercises until ``keys`` fit, the least important first. A ``whole`` session
        (one a week, or A, which A, B, A holds twice) first drops those whose directions it
        still trains without them, so that it trains every direction it can; B first drops
        those A holds (``elsewhere``), so that it holds what A could not. Then those whose
        directions the week still trains; then (never expected) any."""
        keys = list(keys)

        def kept_by(rest: Collection[str]) -> Callable[[str], bool]:
            def check(key: str) -> bool:
                others = covers([self.full[k] for k in rest if k != key])
                return not (covers([self.full[key]]) & self.required) - others

            return check

        first = kept_by(keys) if whole else (lambda k: k in elsewhere)
        while keys and not self.fits(keys):
            key = (
                self.least_important(keys, first)
                or self.least_important(keys, kept_by({*keys, *elsewhere}))
                or self.least_important(keys, lambda k: len(keys) > 1)
            )
            if key is None:
                break
            keys.remove(key)
        return keys

    def fill(
        self, keys: list[str], candidates: Collection[str], later: Collection[str] = ()
    ) -> list[str]:
        """Add ``candidates`` (most important first), then the ``later`` ones, while the
        session still fits."""
        keys = list(keys)
        for group in (candidates, later):
            for key in sorted(group, key=self.priority.__getitem__):
                if key not in keys and self.fits([*keys, key]):
                    keys.append(key)
        return self.sorted(keys)

    def with_sets(self, keys: Sequence[str]) -> Template:
        """Two sets each, then third sets where the level wants them and they fit (not for an
        exercise in its first two weeks: it starts at two)."""
        items = {k: self.full[k] for k in keys}
        for key in sorted(keys, key=self.priority.__getitem__):
            if self.target[key] <= FULL_SETS or key in self.new:
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

    def swap_in(self, keys: list[str], missing: Collection[str]) -> list[str]:
        """``keys`` with each ``missing`` exercise (the week holds it nowhere) taking the place
        of less important ones, least important first, where it then fits and the session
        still trains every required direction it trained: a week never leaves out the
        side-lying leg raise (the trials' abduction exercise) while it keeps the bird dog."""
        keys = list(keys)
        for key in sorted(missing, key=self.priority.__getitem__):
            trained = covers([self.full[k] for k in keys]) & self.required
            trial = [*keys, key]
            for weaker in sorted(keys, key=self.priority.__getitem__, reverse=True):
                if self.fits(trial):
                    break
                if self.priority[weaker] <= self.priority[key]:
                    break
                rest = [k for k in trial if k != weaker]
                if trained <= covers([self.full[k] for k in rest]):
                    trial = rest
            if self.fits(trial):
                keys = self.fill(trial, [k for k in keys if k not in trial])
        return self.sorted(keys)

    def compose(self, sessions: int) -> tuple[Template, ...]:
        keys = [s.key for s in self.slots]
        if self.fits(keys):
            return (self.with_sets(keys),)
        if sessions < 2:
            one = self.fill(self.shed(keys), keys)
            one = self.swap_in(one, [k for k in keys if k not in one])
            return (self.with_sets(one),)
        a, b = self.split()
        a = self.shed(a, elsewhere=b)
        b = self.shed(b, elsewhere=a, whole=False)
        a = self.fill(a, b)
        b = self.fill(b, [k for k in keys if k not in a], a)
        b = self.swap_in(b, [k for k in keys if k not in a and k not in b])
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
    new: Collection[str] = (),
    at_most: Mapping[str, Prescription] | None = None,
) -> tuple[Template, ...]:
    """The week's session templates (one, or A and B to alternate) at ``rungs``: every
    exercise at two sets or more (``new`` ones, in their first week, at two; those in
    ``at_most`` at no more reps and sets than its dose: one climbing a rung keeps the dose
    it had on the rung below), each template within ``cap_seconds``, and together they
    train every ``required`` direction the slots can, each template every one it can."""
    return _Composer(slots, rungs, cap_seconds, required, new, at_most).compose(sessions)


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


def a_rep_fewer(p: Prescription) -> Prescription:
    """One rep fewer or a 5-s shorter hold, same sets (at the floor: unchanged)."""
    if p.reps is not None:
        return p.model_copy(update={"reps": max(MIN_REPS, p.reps - 1)})
    seconds = (p.seconds or 0) - HOLD_STEP_SECONDS
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


def sessions_of(templates: Sequence[Template], sessions: int) -> list[Template]:
    """The week's ``sessions`` sessions, cycling through ``templates`` (A, B, A, ...)."""
    return [templates[i % len(templates)] for i in range(sessions)]


def exercise_loads(templates: Sequence[Template], sessions: int) -> dict[str, float]:
    """Each exercise's rep-equivalents over a week of ``sessions`` sessions."""
    loads: dict[str, float] = {}
    for template in sessions_of(templates, sessions):
        for p in template:
            loads[p.key] = loads.get(p.key, 0.0) + p.rep_equivalents()
    return loads


def week_minutes(templates: Sequence[Template], sessions: int) -> int:
    """The week's minutes: each session's estimate rounded up, as the runner sees them."""
    return sum(-(-session_seconds(t) // 60) for t in sessions_of(templates, sessions))


def _apply(
    templates: Sequence[Template], key: str, cut: Callable[[Prescription], Prescription]
) -> tuple[Template, ...]:
    return tuple(tuple(cut(p) if p.key == key else p for p in t) for t in templates)


def _cut_order(templates: Sequence[Template]) -> list[str]:
    """The week's exercises in the order a step-down cuts them: the knee-loading ones first
    (the knee ladder, then those done standing), then the least needed first."""
    from hipcoach.programme.levels import PRIORITY

    items = {p.key: p for t in templates for p in t}

    def order(key: str) -> tuple[bool, bool, int]:
        exercise = items[key].exercise
        rank = PRIORITY.index(key) if key in PRIORITY else len(PRIORITY)
        return (not exercise.knee_loading, "knee" not in exercise.focus, -rank)

    return sorted(items, key=order)


def _amount(p: Prescription) -> int:
    return p.reps if p.reps is not None else p.seconds or 0


def _with_amount(p: Prescription, amount: int) -> Prescription:
    field = "reps" if p.reps is not None else "seconds"
    return p.model_copy(update={field: amount})


def _notch(
    templates: tuple[Template, ...], key: str, sets_first: bool
) -> tuple[Template, ...] | None:
    """``key`` one notch lighter over the week, the smallest cut first: a rep fewer (5 s off a
    hold) down to a third off the rung's own dose, and a set fewer in the session holding the
    most (``sets_first``: the set before the reps), then reps down to the floor (6, or 10 s),
    then out of one session while another still holds it. None when nothing is left to cut."""
    held = [(i, p) for i, t in enumerate(templates) for p in t if p.key == key]
    if not held:
        return None
    first = held[0][1]
    step, floor = (1, MIN_REPS) if first.reps is not None else (HOLD_STEP_SECONDS, MIN_HOLD_SECONDS)
    own = first.variant.reps or first.variant.seconds or floor
    mild = max(floor, own - own // 3)
    most = max(_amount(p) for _, p in held)

    def fewer(limit: int) -> tuple[Template, ...] | None:
        if most - step < limit:
            return None
        return _apply(templates, key, lambda p: _with_amount(p, min(_amount(p), most - step)))

    def set_fewer() -> tuple[Template, ...] | None:
        index, p = max(
            ((i, p) for i, p in held if p.sets > 1),
            key=lambda ip: (ip[1].sets, ip[0]),
            default=(None, None),
        )
        if index is None or p is None:
            return None
        cut = p.model_copy(update={"sets": p.sets - 1})
        return tuple(
            tuple(cut if (i == index and q.key == key) else q for q in t)
            for i, t in enumerate(templates)
        )

    def one_session_fewer() -> tuple[Template, ...] | None:
        where = sorted({i for i, _ in held})
        if len(where) < 2 or len(templates[where[-1]]) < 2:
            return None
        return tuple(
            tuple(q for q in t if not (i == where[-1] and q.key == key))
            for i, t in enumerate(templates)
        )

    steps: list[Callable[[], tuple[Template, ...] | None]] = (
        [set_fewer, lambda: fewer(floor)]
        if sets_first
        else [lambda: fewer(mild), set_fewer, lambda: fewer(floor)]
    )
    for cut in [*steps, one_session_fewer]:
        lighter = cut()
        if lighter is not None:
            return lighter
    return None


def _cut_until(
    templates: tuple[Template, ...],
    key: str,
    done: Callable[[tuple[Template, ...]], bool],
    sets_first: bool,
) -> tuple[Template, ...]:
    while not done(templates):
        lighter = _notch(templates, key, sets_first)
        if lighter is None:
            break
        templates = lighter
    return templates


_EPSILON = 1e-9


def step_down(
    reference: Sequence[Template],
    reference_sessions: int,
    stepped: Sequence[Template],
    sessions: int,
    required: Collection[Focus] = (),
) -> tuple[tuple[Template, ...], bool]:
    """A step-down week: ``stepped`` (the week that hurt, ``reference`` over
    ``reference_sessions``, one rung down, over at most as many ``sessions``) cut until it asks
    less of the knee and no more time than the week that hurt.

    - each knee-loading exercise (the knee ladder, then those done standing) strictly less
      over the week than it had, every other exercise no more (an exercise the week that hurt
      lacked is one the week must now train: the generator brings it in at its easiest hold);
    - the whole week strictly fewer rep-equivalents, the knee-loading exercises cut first;
    - the week's minutes no more than before, and no session longer than its longest.

    With fewer sessions than the week that hurt, these limits shrink in proportion, so that
    every session is lighter too, not only the week.

    The knee-loading exercises lose a set before reps; the others keep their sets at fewer
    reps where that is enough; one already at the floor of its dose (a set of 6, or a 10-s
    hold, in one session) leaves the week unless a ``required`` direction needs it. Then, for
    time, sets go (knee-loading first) and the least needed exercise (never one a
    ``required`` direction needs, never a session's last). False when even that does not get
    there (an exercise a direction needs, at the floor of its dose: it stays as it was)."""
    # Fewer sessions than the week that hurt (maintenance, a race week): each session is
    # still lighter than that week's, on average.
    share = min(1.0, sessions / reference_sessions)
    caps = {k: v * share for k, v in exercise_loads(reference, reference_sessions).items()}
    total = sum(caps.values())
    minutes = week_minutes(reference, reference_sessions) * share
    longest = longest_seconds(reference)
    current = tuple(stepped)
    order = _cut_order(current)
    knee = {p.key for t in current for p in t if p.exercise.knee_loading}

    def within(key: str) -> Callable[[tuple[Template, ...]], bool]:
        def check(templates: tuple[Template, ...]) -> bool:
            load = exercise_loads(templates, sessions).get(key, 0.0)
            if key not in caps:
                return True
            return load < caps[key] - _EPSILON if key in knee else load <= caps[key] + _EPSILON

        return check

    def lighter(templates: tuple[Template, ...]) -> bool:
        return week_load(templates, sessions) < total - _EPSILON

    def shorter(templates: tuple[Template, ...]) -> bool:
        return (
            week_minutes(templates, sessions) <= minutes and longest_seconds(templates) <= longest
        )

    for key in order:
        current = _cut_until(current, key, within(key), sets_first=key in knee)
        if not within(key)(current):  # at the floor of its dose: out, if nothing needs it
            current = _without(current, key, required) or current
    for key in order:
        current = _cut_until(current, key, lighter, sets_first=key in knee)
    for key in order:
        current = _cut_until(current, key, shorter, sets_first=True)
    while not shorter(current):
        spared = _without_least_needed(current, required)
        if spared is None:
            break
        current = spared
    done = lighter(current) and shorter(current) and all(within(k)(current) for k in order)
    return current, done


def _without(
    templates: tuple[Template, ...], key: str, required: Collection[Focus]
) -> tuple[Template, ...] | None:
    """``templates`` without ``key`` when every session keeps an exercise and the week every
    ``required`` direction it trains; None otherwise."""
    trial = tuple(tuple(q for q in t if q.key != key) for t in templates)
    kept = set(required) & covers([q for t in templates for q in t])
    if all(trial) and kept <= covers([q for t in trial for q in t]):
        return trial
    return None


def _least_needed_first(templates: Sequence[Template]) -> list[Prescription]:
    """The week's exercises, the least needed first (the levels' priority, reversed)."""
    from hipcoach.programme.levels import PRIORITY

    def rank(p: Prescription) -> int:
        return PRIORITY.index(p.key) if p.key in PRIORITY else len(PRIORITY)

    return sorted({p.key: p for t in templates for p in t}.values(), key=rank, reverse=True)


def _without_least_needed(
    templates: tuple[Template, ...], required: Collection[Focus], per_session: bool = False
) -> tuple[Template, ...] | None:
    """``templates`` without their least needed exercise (by the levels' priority), keeping
    every ``required`` direction the week trains (``per_session``: each session keeps those
    it trains) and at least one exercise per template; None if none can go."""
    needed = set(required)
    for p in _least_needed_first(templates):
        trial = tuple(tuple(q for q in t if q.key != p.key) for t in templates)
        if not all(trial):
            continue
        if per_session:
            kept = all(
                covers(t) & needed <= covers(u) for t, u in zip(templates, trial, strict=True)
            )
        else:
            kept = needed <= covers([q for t in trial for q in t])
        if kept:
            return trial
    return None


def shed_load(
    templates: Sequence[Template],
    sessions: int,
    limit: float,
    required: Collection[Focus],
    *,
    exercises_last: bool = False,
) -> tuple[Template, ...]:
    """``templates`` lightened until a week of ``sessions`` asks no more than ``limit``
    rep-equivalents (a full week rises at most 30 % on the last; maintenance never exceeds
    the peak build week): third sets go first (least important exercise first), then
    exercises, never one a required direction needs and never below one exercise per
    template, then reps (the heaviest exercise first, never below 6 or a 10-s hold). Sets stay
    at two or more. ``exercises_last``: reps go before exercises, a rep at a time (the first
    full week after pain keeps its exercises, just under ``limit``, rather than dropping one
    and falling below the lighter week before it)."""
    current = _without_third_sets(tuple(templates), sessions, limit)
    if exercises_last:
        current = _fewer_reps(current, sessions, limit, a_rep_fewer)
    while week_load(current, sessions) > limit:
        dropped = _without_least_needed(current, required, per_session=True)
        if dropped is None:
            break
        current = dropped
    return _fewer_reps(current, sessions, limit)


def _without_third_sets(
    current: tuple[Template, ...], sessions: int, limit: float
) -> tuple[Template, ...]:
    """Third sets off, the least needed exercise first, until the week is within ``limit``."""
    while week_load(current, sessions) > limit:
        third = next((p for p in _least_needed_first(current) if p.sets > FULL_SETS), None)
        if third is None:
            break
        current = _apply(current, third.key, lambda q: q.model_copy(update={"sets": FULL_SETS}))
    return current


def _fewer_reps(
    current: tuple[Template, ...],
    sessions: int,
    limit: float,
    fewer: Callable[[Prescription], Prescription] = smaller,
) -> tuple[Template, ...]:
    """What no exercise can be spared for: the heaviest ones take fewer reps (or a shorter
    hold, by ``fewer``) at their rung, as a new, harder rung starts lighter."""
    while week_load(current, sessions) > limit:
        items = sorted(
            {p.key: p for t in current for p in t}.values(),
            key=lambda p: p.rep_equivalents(),
            reverse=True,
        )
        for p in items:
            trial = _apply(current, p.key, fewer)
            if trial != current:
                current = trial
                break
        else:
            break
    return current
