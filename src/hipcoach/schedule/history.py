"""Reading a running history: long runs, races, weekly distance, and what comes next.

Long runs (``evidence.md`` §7): Strava's ``workout_type`` 2 is trusted; otherwise a week's
longest run is long when it is ≥ 25 % of the week's distance, ≥ 90 min, or ≥ 1.33 × the median
of the week's other runs. A week with a single run only counts it when it lasts ≥ 60 min:
"25 % of the week" would otherwise make every lone 3 km jog a long run.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.models import Run
from hipcoach.programme.progression import PROGRESS, Gate, GateRule
from hipcoach.schedule.running_plan import PlanRun
from hipcoach.timeutil import monday

LONG_SHARE_OF_WEEK = 0.25
LONG_MINUTES = 90
LONG_VS_MEDIAN = 1.33
LONE_RUN_LONG_MINUTES = 60
PREDICTION_WEEKS = 6
MILEAGE_JUMP = 0.30
MILEAGE_BASELINE_WEEKS = 4
DEFAULT_LONG_RUN_WEEKDAY = 6  # Sunday: the most common long-run day when history is too thin


def by_week(runs: Iterable[Run]) -> dict[date, list[Run]]:
    """Runs grouped by the Monday of their ISO week."""
    weeks: dict[date, list[Run]] = defaultdict(list)
    for run in runs:
        weeks[monday(run.date)].append(run)
    return weeks


def _is_long(longest: Run, week: Sequence[Run]) -> bool:
    others = [r.distance_m for r in week if r is not longest]
    if longest.moving_time_s >= LONG_MINUTES * 60:
        return True
    if not others:
        return longest.moving_time_s >= LONE_RUN_LONG_MINUTES * 60
    total = longest.distance_m + sum(others)
    if total > 0 and longest.distance_m >= LONG_SHARE_OF_WEEK * total:
        return True
    return longest.distance_m >= LONG_VS_MEDIAN * statistics.median(others)


def classify(runs: Iterable[Run], today: date | None = None) -> list[Run]:
    """The runs, sorted by date, with untagged long runs marked ``long``.

    A week still in progress on ``today`` is judged by duration alone (≥ 90 min): with two
    easy runs done by Thursday, the longer is always "≥ 25 % of the week", and taking it for
    the long run would hide the real one still to come on Sunday.
    """
    out: list[Run] = []
    for week_start, week in sorted(by_week(runs).items()):
        week.sort(key=lambda r: (r.date, r.id))
        in_progress = today is not None and week_start + timedelta(days=6) >= today
        # A race week's key run is the race: no long run is inferred next to it.
        if not any(r.kind in ("long", "race") for r in week):
            candidates = [r for r in week if r.kind == "easy"]
            if candidates:
                longest = max(candidates, key=lambda r: (r.distance_m, r.moving_time_s))
                long = (
                    longest.moving_time_s >= LONG_MINUTES * 60
                    if in_progress
                    else _is_long(longest, week)
                )
                if long:
                    week = [
                        r.model_copy(update={"kind": "long"}) if r is longest else r for r in week
                    ]
        out.extend(week)
    return out


def weekly_distance_km(runs: Iterable[Run], first: date, last: date) -> dict[date, float]:
    """Running km per ISO week (keyed by Monday), every week from ``first`` to ``last``."""
    totals: dict[date, float] = {}
    week = monday(first)
    while week <= last:
        totals[week] = 0.0
        week += timedelta(weeks=1)
    for run in runs:
        key = monday(run.date)
        if key in totals:
            totals[key] += run.distance_km
    return totals


def _recent_weekday(runs: Sequence[Run], kind: str, before: date, min_share: float) -> int | None:
    since = monday(before) - timedelta(weeks=PREDICTION_WEEKS)
    recent = [r for r in runs if r.kind == kind and since <= r.date < monday(before)]
    weekdays_by_week = {
        monday(r.date): r.date.weekday() for r in sorted(recent, key=lambda r: r.date)
    }
    if len(weekdays_by_week) < 2:
        return None
    counts = Counter(weekdays_by_week.values())
    best = max(counts.values())
    if best < min_share * PREDICTION_WEEKS:
        return None
    # Ties go to the weekday used most recently.
    for week in sorted(weekdays_by_week, reverse=True):
        if counts[weekdays_by_week[week]] == best:
            return weekdays_by_week[week]
    return None


def predict_long_run_weekday(
    runs: Sequence[Run], before: date, override: int | None = None
) -> tuple[int, str]:
    """The weekday of future long runs and how it was found (config, history or default)."""
    if override is not None:
        return override, "config"
    found = _recent_weekday(runs, "long", before, min_share=0)
    if found is not None:
        return found, "history"
    return DEFAULT_LONG_RUN_WEEKDAY, "default"


def predict_workout_weekday(runs: Sequence[Run], before: date) -> int | None:
    """The weekday that held a quality session in at least half of the recent weeks."""
    return _recent_weekday(runs, "workout", before, min_share=0.5)


@dataclass(frozen=True)
class KeyDay:
    """A long run or race, done or expected, that constrains the schedule."""

    date: date
    kind: str  # "long" or "race"
    predicted: bool
    distance_km: float | None = None
    #: the runner's plan puts it there (its planned run), rather than a record or a guess
    planned: PlanRun | None = None


def with_planned_races(runs: Iterable[Run], planned: Iterable[PlanRun]) -> list[Run]:
    """The recorded runs, where the runner's plan had a race: the longest run recorded that
    day is the race (Garmin records a race as any other run unless the runner tags it), with
    the plan's distance where the recording has none. So a race keeps its rest days, its
    light session after it and its race week once it is run."""
    races = {p.date: p for p in planned if p.kind == "race"}
    found = list(runs)
    tagged = {r.date for r in found if r.kind == "race"}
    longest: dict[date, Run] = {}
    for run in found:
        best = longest.get(run.date)
        if (
            run.date in races
            and run.date not in tagged
            and (best is None or _size(run) > _size(best))
        ):
            longest[run.date] = run
    racing = {id(run) for run in longest.values()}
    return [_as_race(r, races[r.date]) if id(r) in racing else r for r in found]


def _size(run: Run) -> tuple[float, int]:
    return run.distance_m, run.moving_time_s


def _as_race(run: Run, planned: PlanRun) -> Run:
    distance = run.distance_m or planned.distance_m or 0.0
    return run.model_copy(update={"kind": "race", "distance_m": distance})


def plan_ahead(runs: Sequence[Run], planned: Iterable[PlanRun]) -> list[PlanRun]:
    """The planned runs that still speak for their day: a day with a recorded run has been
    run (what was done counts, not what was planned)."""
    recorded = {r.date for r in runs}
    return [p for p in planned if p.date not in recorded]


def plan_decides(planned: Iterable[PlanRun], day: date, kinds: Iterable[str]) -> bool:
    """Whether the runner's plan, rather than a prediction, says what ``day`` holds for a key
    run of ``kinds`` ("long"/"race", or "quality"): the plan has a run that day, or one of
    those kinds in that ISO week (a plan that moved its long run to Wednesday has no Sunday
    long run to predict). A week without planned runs, a day the plan leaves free in a week
    where it sets no such run, or a day whose planned run is undecided (no size, a name that
    says nothing), keeps the prediction."""
    wanted = set(kinds)
    week = monday(day)
    return any(
        (p.date == day and p.decided) or (monday(p.date) == week and p.kind in wanted)
        for p in planned
    )


def key_days(
    runs: Sequence[Run],
    races: Iterable[date],
    long_run_weekday: int,
    first: date,
    last: date,
    planned: Sequence[PlanRun] = (),
) -> dict[date, KeyDay]:
    """Long runs and races on ``first`` … ``last``: the recorded ones, the planned races, the
    runner's plan's long runs and races, and the predicted long run of every week that has
    not had its long run yet, unless the plan decides otherwise (:func:`plan_decides`)."""
    days: dict[date, KeyDay] = {}
    for run in runs:
        if run.kind in ("long", "race") and first <= run.date <= last:
            days[run.date] = KeyDay(run.date, run.kind, False, run.distance_km)
    for plan_run in plan_ahead(runs, planned):
        if plan_run.kind in ("long", "race") and first <= plan_run.date <= last:
            days[plan_run.date] = KeyDay(
                plan_run.date, plan_run.kind, False, plan_run.distance_km, plan_run
            )
    for race in races:
        if first <= race <= last and days.get(race, KeyDay(race, "", False)).kind != "race":
            days[race] = KeyDay(race, "race", False)
    weeks_with_long = {monday(r.date) for r in runs if r.kind in ("long", "race")}
    weeks_with_long |= {monday(r) for r in races}
    latest_run = max((r.date for r in runs), default=None)
    week = monday(first)
    while week <= last:
        predicted = week + timedelta(days=long_run_weekday)
        already_past = latest_run is not None and predicted <= latest_run
        planned_instead = plan_decides(planned, predicted, ("long", "race"))
        if (
            week not in weeks_with_long
            and first <= predicted <= last
            and not already_past
            and not planned_instead
        ):
            days[predicted] = KeyDay(predicted, "long", True)
        week += timedelta(weeks=1)
    return days


def mileage_jump_rule(runs: Sequence[Run]) -> GateRule:
    """Hold progression in the week after running distance jumped > 30 % over the 4-week mean."""
    if not runs:
        return lambda week_start: PROGRESS
    totals = weekly_distance_km(runs, min(r.date for r in runs), max(r.date for r in runs))

    def gate_for(week_start: date) -> Gate:
        last_week = week_start - timedelta(weeks=1)
        # Weeks before the first recorded run are unknown, not zero.
        earlier = [last_week - timedelta(weeks=i) for i in range(1, MILEAGE_BASELINE_WEEKS + 1)]
        baseline = [totals[w] for w in earlier if w in totals]
        if last_week not in totals or len(baseline) < 2 or not any(baseline):
            return PROGRESS
        mean = sum(baseline) / len(baseline)
        jump = totals[last_week] / mean - 1 if mean else 0
        if jump > MILEAGE_JUMP:
            return Gate(
                "hold",
                f"running distance jumped {jump:.0%} in the week of {last_week:%d %b} "
                f"({totals[last_week]:.0f} km vs a {mean:.0f} km average): holding",
                last_week_ok=False,
            )
        return PROGRESS

    return gate_for
