"""The run-aware scheduler: a pure function placing programme sessions on dates.

Hard rules (DESIGN.md, checked by :func:`hard_rule_violations` on every schedule emitted):
no session the day before a long run or race, nor on a long-run or race day or the two days
before a race, nor the day after a race (three days after one of 21 km or more, five after
42 km or more, the distance read from the race's activity); never on consecutive days; per
ISO week at most the programme's sessions (one in a race week, at least 3 days before the
race); never on a blocked day; none in the rest of an ISO week that a pause cancelled (a
check-in of 7/10 or more).

The runner's running plan comes first: its long runs and races are key days and its
quality runs quality days; a week whose plan has a long run (or race, or quality run) expects
no predicted one, and a day with a planned run is that run. A week without planned runs, or
a day the plan leaves free in a week where it sets no such run, falls back to the
predictions (the long-run weekday, the usual quality weekday). Reasons name the planned run
("day after your planned 28 km long run (Runna)").

Preferences, in order: the day after a long run; the same day as a quality run (after it:
"hard days hard"); an easy day not followed by a key run. Over the whole window the scheduler
picks the days that first give every week its minimum, then as many sessions as the week
allows, then the best total preference.

A session missed earlier in the current ISO week (:class:`hipcoach.adherence.statuses.CatchUp`) is
re-placed once, on the first day left in that week that satisfies every hard rule, before
the other sessions are placed around it; when no day does, it is dropped.

Light sessions are lighter, not just called light: the day after a long run (light hip work
only, ``evidence.md`` §6), the day before a quality run and the first session after a race
get :func:`hipcoach.programme.generator.lighten` (one set fewer per exercise, or a third of
the reps off where one set is left; never a harder rung), as race-week sessions already are;
the reason says so.

Each session is taken as its week holds it on its day (:meth:`ProgrammeWeek.on`): from the
day of a check-in above 5/10 at the step-down's dose, and with the see-a-physiotherapist line
from the day it starts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from hipcoach.adherence.catchups import CatchUp
from hipcoach.config import WEEKDAYS
from hipcoach.models import Programme, ProgrammeWeek, Run, ScheduledSession, Session
from hipcoach.programme.generator import lighten
from hipcoach.schedule.history import KeyDay, key_days, monday, plan_ahead, plan_decides
from hipcoach.schedule.running_plan import LOOK_AHEAD_DAYS, PlanRun

RACE_WEEK_MIN_DAYS_BEFORE = 3
RACE_BUFFER_DAYS = 2
#: Rule 6: days without a session after a race, by its distance (metres, from its activity).
REST_AFTER_RACE: tuple[tuple[float, int], ...] = ((42_000, 5), (21_000, 3), (0, 1))
#: The first session within this many days after a race is light. A week: what the planner
#: sees of the sessions already placed before the window, so "first" is always known.
AFTER_RACE_LIGHT_DAYS = 7
QUALITY_TOMORROW = "quality run is tomorrow"
#: evidence.md §6: the day after a long run takes light hip work, not heavy leg work.
AFTER_LONG_RUN = "light hip work only"
_LOOKAHEAD_DAYS = LOOK_AHEAD_DAYS


@dataclass(frozen=True)
class FixedSession:
    """A session already placed (before the window, or a catch-up within it): it stays where
    it is, and counts towards its week and the no-two-days-in-a-row rule."""

    date: date
    key: str


@dataclass(frozen=True)
class ScheduleRequest:
    """Everything the scheduler needs; all dates are athlete-local."""

    programme: Programme
    runs: Sequence[Run]
    start: date
    days: int
    long_run_weekday: int
    races: frozenset[date] = frozenset()
    workout_weekday: int | None = None
    blocked_weekdays: frozenset[int] = frozenset()
    blocked_dates: frozenset[date] = frozenset()
    fixed: tuple[FixedSession, ...] = ()
    #: sessions missed earlier this week, to re-place (a placement of theirs on the day
    #: missed among ``fixed`` is dropped when they are)
    catch_ups: tuple[CatchUp, ...] = ()
    min_per_week: int = 2
    #: the runner's running plan around the window (classified); its weeks replace the
    #: predictions
    planned: tuple[PlanRun, ...] = ()
    #: the distance (metres) the runner's calendars give their races, until they are run
    race_metres: Mapping[date, float] = field(default_factory=dict, compare=False)
    _key_days: dict[date, KeyDay] = field(default_factory=dict, compare=False, repr=False)
    _ahead: list[PlanRun] = field(default_factory=list, compare=False, repr=False)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    def key_days(self) -> dict[date, KeyDay]:
        """Long runs and races around the window, recorded or predicted (cached)."""
        if not self._key_days:
            self._key_days.update(
                key_days(
                    self.runs,
                    self.races,
                    self.long_run_weekday,
                    self.start - timedelta(days=1),
                    self.end + timedelta(days=_LOOKAHEAD_DAYS),
                    self.planned,
                )
            )
        return self._key_days

    def planned_on(self, day: date, kind: str) -> PlanRun | None:
        """The plan's run of ``kind`` on ``day``, unless a run was recorded that day."""
        if not self.planned:
            return None
        if not self._ahead:
            self._ahead.extend(plan_ahead(self.runs, self.planned))
        return next((p for p in self._ahead if p.date == day and p.kind == kind), None)

    def predicts_quality(self, day: date) -> bool:
        """Whether the usual quality weekday still speaks for ``day``: the plan has no run
        that day and no quality run that week."""
        return not plan_decides(self.planned, day, ("quality",))

    def expects_usual_quality(self, day: date) -> bool:
        """Whether ``day`` is the weekday of the runner's usual quality run and the plan
        leaves it that (:meth:`predicts_quality`)."""
        usual = self.workout_weekday
        return usual is not None and day.weekday() == usual and self.predicts_quality(day)


def blocked_reason(request: ScheduleRequest, day: date) -> str | None:
    """Why no session may go on ``day`` (a hard rule), or None when it may."""
    keys = request.key_days()
    if day.weekday() in request.blocked_weekdays:
        return f"{WEEKDAYS[day.weekday()]}s are blocked"
    if day in request.blocked_dates:
        return "blocked date"
    if day in keys:
        return f"{keys[day].kind} day"
    tomorrow = keys.get(day + timedelta(days=1))
    if tomorrow is not None:
        return f"day before a {tomorrow.kind}"
    after = race_rest(request, day)
    if after is not None:
        return after
    week = programme_week(request, day)
    if week is not None and week.cancelled(day):
        return "paused after a check-in of 7/10 or more: the rest of this week is cancelled"
    for race in request.races:
        if race - timedelta(days=RACE_BUFFER_DAYS) <= day <= race:
            return "within 2 days of a race"
        if monday(race) == monday(day) and day > race - timedelta(days=RACE_WEEK_MIN_DAYS_BEFORE):
            return "race week: only 3+ days before the race"
    return None


def rest_days_after(distance_m: float | None) -> int:
    """Rule 6: the days after a race that take no session (1; 3 from 21 km; 5 from 42 km)."""
    return next(days for least, days in REST_AFTER_RACE if (distance_m or 0) >= least)


def race_distances(request: ScheduleRequest) -> dict[date, float | None]:
    """Every race near the window (planned, or recorded: Strava ``workout_type`` 1) and its
    distance in metres from the longest run on its day, else the distance the runner's plan
    or calendar gives it (None when none is known)."""
    keys = request.key_days()
    # every race of the plan, also one that passed before the window's key days begin
    planned = {p.date: p.distance_m for p in request.planned if p.kind == "race"}
    days = set(request.races) | set(planned) | {d for d, k in keys.items() if k.kind == "race"}
    days |= {r.date for r in request.runs if r.kind == "race"}

    def announced(day: date) -> float | None:
        key = keys.get(day)
        if key is not None and key.planned is not None and key.planned.distance_m:
            return key.planned.distance_m
        return planned.get(day) or request.race_metres.get(day)

    return {
        d: max((r.distance_m for r in request.runs if r.date == d), default=0.0) or announced(d)
        for d in days
    }


def race_rest(request: ScheduleRequest, day: date) -> str | None:
    """Why ``day`` is too soon after a race (rule 6), or None."""
    for race, distance in sorted(race_distances(request).items()):
        rest = rest_days_after(distance)
        if 1 <= (day - race).days <= rest:
            if rest == 1:
                return "day after a race"
            return f"{rest} days without a session after a race of {(distance or 0) / 1000:.0f} km"
    return None


def programme_week(request: ScheduleRequest, day: date) -> ProgrammeWeek | None:
    """The programme week holding ``day``, if the request's programme has it."""
    return next((w for w in request.programme.weeks if w.start == monday(day)), None)


def _last_race_before(request: ScheduleRequest, day: date) -> date | None:
    """The most recent race within :data:`AFTER_RACE_LIGHT_DAYS` before ``day``."""
    since = day - timedelta(days=AFTER_RACE_LIGHT_DAYS)
    races = {r for r in request.races if since <= r < day}
    races |= {r.date for r in request.runs if r.kind == "race" and since <= r.date < day}
    return max(races, default=None)


def _quality_tomorrow(request: ScheduleRequest, day: date) -> str | None:
    """What the reason says when a quality run is tomorrow (planned, recorded or usual on
    that weekday), or None when none is."""
    tomorrow = day + timedelta(days=1)
    planned = request.planned_on(tomorrow, "quality")
    if planned is not None:
        return f"your {planned.named()} is tomorrow"
    if any(r.date == tomorrow and r.kind == "workout" for r in request.runs):
        return QUALITY_TOMORROW
    if request.expects_usual_quality(tomorrow):
        return QUALITY_TOMORROW
    return None


def _preference(request: ScheduleRequest, day: date) -> tuple[float, str]:
    """How good ``day`` is and the human reason."""
    keys = request.key_days()
    before = keys.get(day - timedelta(days=1))
    if before is not None and before.kind == "long":
        if before.predicted:
            weekday = WEEKDAYS[before.date.weekday()].title()
            return 10.0, f"day after your expected {weekday} long run ({before.date:%d %b})"
        if before.planned is not None:
            return 10.0, f"day after your {before.planned.named()} on {before.date:%a %d %b}"
        size = f"{before.distance_km:.0f} km " if before.distance_km else ""
        return 10.0, f"day after your {size}long run on {before.date:%a %d %b}"
    same_day = request.planned_on(day, "quality")
    if same_day is not None:
        return 2.0, f"same day as your {same_day.named()}: do it after the run (hard days hard)"
    if request.expects_usual_quality(day):
        return 2.0, (
            f"same day as your usual {WEEKDAYS[day.weekday()].title()} quality run: "
            "do it after the run (hard days hard)"
        )
    race = _last_race_before(request, day)
    if race is not None and (day - race).days <= RACE_BUFFER_DAYS + 1:
        return -1.0, f"{(day - race).days} days after your race on {race:%a %d %b}"
    quality = _quality_tomorrow(request, day)
    if quality == QUALITY_TOMORROW:
        tomorrow = WEEKDAYS[(day + timedelta(days=1)).weekday()].title()
        return 0.0, f"fits the week; your {tomorrow} {QUALITY_TOMORROW}"
    if quality is not None:
        return 0.0, f"fits the week; {quality}"
    return 1.0, "easy day with no key run tomorrow"


def _race_week_note(request: ScheduleRequest, day: date) -> str | None:
    for race in sorted(request.races):
        if monday(race) == monday(day):
            return f"race week, {(race - day).days} days before your race"
    return None


def _made_light(
    request: ScheduleRequest, day: date, session: Session, taken: set[date], said: str
) -> tuple[Session, str]:
    """The session as it must be done on ``day`` (light where the day calls for it) and the
    words to add to the reason ``said`` so far; empty when it is a full session."""
    why = []
    race_week = _race_week_note(request, day)
    if race_week is not None:
        why.append(race_week)
    before = request.key_days().get(day - timedelta(days=1))
    if before is not None and before.kind == "long":
        named = said.startswith("day after your")  # the reason already names the long run
        why.append(AFTER_LONG_RUN if named else f"the day after a long run: {AFTER_LONG_RUN}")
    quality = _quality_tomorrow(request, day)
    if quality is not None and quality not in said:
        why.append(quality)
    race = _last_race_before(request, day)
    if race is not None and not any(race < d < day for d in taken):
        why.append(f"first session since your race on {race:%a %d %b}")
    if not (why or quality or session.light):
        return session, ""
    light = lighten(session)
    if not light.light:
        return session, f"; {', '.join(why) or 'light day'}: already at its lightest dose"
    if not why:
        return light, f", so a light session: {light.light_note}"
    return light, f"; {', '.join(why)}: light session, {light.light_note}"


# Objective weights: reaching a week's minimum beats any extra session, which beats any
# preference; the gap bonus only breaks ties between otherwise equal days.
_MINIMUM_WEIGHT = 1000.0
_EXTRA_WEIGHT = 100.0
_GAP_WEIGHT = 0.1
_GAP_CAP = 3


@dataclass(frozen=True)
class _State:
    gap: int  # days since the last session, capped (0 = a session on this day)
    count: int  # sessions so far in this ISO week


def _initial_state(request: ScheduleRequest) -> _State:
    before = [f.date for f in request.fixed if f.date < request.start]
    gap = min((request.start - max(before)).days - 1, _GAP_CAP) if before else _GAP_CAP
    return _State(gap, 0)  # quotas are already net of the fixed sessions


def _choose_days(request: ScheduleRequest, quotas: dict[date, tuple[int, int]]) -> list[date]:
    """The best set of session days over the whole window (dynamic programming by day).

    Choosing week by week is not enough: a session on Sunday can rule out the Monday the next
    week needed to reach its minimum. Each state is (days since the last session, sessions
    this week); the value favours weekly minimums, then extra sessions, then preferences.
    """
    taken = {f.date for f in request.fixed}
    # Next to a session placed within the window (a catch-up) is no place for another.
    beside = {f.date + timedelta(days=d) for f in request.fixed for d in (-1, 1)}
    best: dict[_State, tuple[float, tuple[date, ...]]] = {_initial_state(request): (0.0, ())}
    day = request.start
    while day <= request.end:
        minimum, quota = quotas.get(monday(day), (0, 0))
        allowed = day not in taken | beside and blocked_reason(request, day) is None
        score = _preference(request, day)[0] if allowed else 0.0
        following: dict[_State, tuple[float, tuple[date, ...]]] = {}
        for state, (value, chosen) in best.items():
            count = 0 if day.weekday() == 0 else state.count
            options = [(_State(min(state.gap + 1, _GAP_CAP), count), value, chosen)]
            if allowed and state.gap >= 1 and count < quota:
                weight = _MINIMUM_WEIGHT if count < minimum else _EXTRA_WEIGHT
                gain = weight + score + _GAP_WEIGHT * min(state.gap, _GAP_CAP)
                options.append((_State(0, count + 1), value + gain, (*chosen, day)))
            for new_state, new_value, new_chosen in options:
                if new_state not in following or new_value > following[new_state][0] + 1e-9:
                    following[new_state] = (new_value, new_chosen)
        best = following
        day += timedelta(days=1)
    return list(max(best.values(), key=lambda item: item[0])[1])


def _week_quotas(request: ScheduleRequest) -> dict[date, tuple[int, int]]:
    """Per ISO week: (minimum, maximum) new sessions, net of the fixed ones.

    A week that runs past the window's end has no minimum yet: later runs, with more of that
    week in view, place its sessions, and it must not crowd out a whole week's minimum.
    """
    quotas = {}
    used = {f.key for f in request.fixed}
    for week in request.programme.weeks:
        fixed = sum(monday(f.date) == week.start for f in request.fixed)
        # A session of this week done early (last week) is one key fewer to place here.
        left = sum(s.key not in used for s in week.sessions)
        maximum = len(week.sessions)
        minimum = min(request.min_per_week, maximum)
        if week.phase == "race" or week.start + timedelta(days=6) > request.end:
            minimum = 0
        if week.cancelled_from is not None:
            minimum = 0  # a pause: what is left of the week is cancelled
        quotas[week.start] = (
            min(max(0, minimum - fixed), left),
            min(max(0, maximum - fixed), left),
        )
    return quotas


def schedule(request: ScheduleRequest) -> list[ScheduledSession]:
    """Sessions on ``start`` … ``end``, sorted by date, around the ``fixed`` ones: first the
    catch-ups, then the rest of each week's sessions around them."""
    weeks = {w.start: w for w in request.programme.weeks}
    caught_up = _place_catch_ups(request)
    moved = {key for key, _ in caught_up.values()}
    request = replace(
        request,
        fixed=tuple(f for f in request.fixed if f.key not in moved)
        + tuple(FixedSession(day, key) for day, (key, _) in caught_up.items()),
        catch_ups=(),
    )
    used = {f.key for f in request.fixed}
    days = _choose_days(request, _week_quotas(request))
    taken = {f.date for f in request.fixed} | set(days)
    placed: list[ScheduledSession] = []
    for day in sorted([*days, *caught_up]):
        week = weeks[monday(day)]
        missed_on = None
        if day in caught_up:
            key, missed_on = caught_up[day]
            session = next(s for s in week.sessions if s.key == key)
            said = f"catch-up for the session missed on {missed_on:%a %d %b}"
        else:
            session = next(s for s in week.sessions if s.key not in used)
            used.add(session.key)
            said = _preference(request, day)[1]
        session = week.on(day, session)
        session, light_why = _made_light(request, day, session, taken, said)
        placed.append(
            ScheduledSession(
                session=session, date=day, reason=said + light_why, missed_on=missed_on
            )
        )
    return placed


def _place_catch_ups(request: ScheduleRequest) -> dict[date, tuple[str, date]]:
    """Day → (session key, day missed) of each catch-up that fits: on the first day left in
    its week, within the window, that every hard rule allows, next to no other session, in
    a week with room for it."""
    weeks = {w.start: w for w in request.programme.weeks}
    taken = {f.date for f in request.fixed if f.key not in {c.key for c in request.catch_ups}}
    placed: dict[date, tuple[str, date]] = {}
    for catch_up in sorted(request.catch_ups, key=lambda c: (c.missed_on, c.key)):
        week = weeks.get(monday(catch_up.missed_on))
        if week is None or catch_up.key not in {s.key for s in week.sessions}:
            continue  # the programme no longer has that session: dropped
        in_week = sum(monday(d) == week.start for d in taken)
        if in_week >= len(week.sessions):
            continue
        day = max(request.start, catch_up.missed_on + timedelta(days=1))
        last = min(week.start + timedelta(days=6), request.end)
        while day <= last:
            free = not {day - timedelta(days=1), day, day + timedelta(days=1)} & taken
            if free and blocked_reason(request, day) is None:
                placed[day] = (catch_up.key, catch_up.missed_on)
                taken.add(day)
                break
            day += timedelta(days=1)
    return placed
