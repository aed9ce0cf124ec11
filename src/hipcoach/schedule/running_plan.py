"""The runner's running plan (DESIGN "The runner's running plan comes first"): the planned
runs its integrations report, classified here, read by the commands that go online and kept
in the state for the ones that do not.

Classification (pure, :func:`classify`), per planned run: ``race`` when the plan says so or
its name does ("Race Day", "Valencia Marathon"); ``long`` when it lasts ≥ 90 min, is ≥ 1.33 ×
the median planned run of its ISO week, or is named long in one of the languages plans are
written in ("Tirada larga", "Sortie longue", "Langer Lauf") and not planned short; ``quality``
when its name says intervals, tempo, threshold, hills, fartlek, VO2, track, speed or race pace
(in those languages too: séries, fractionné, umbral, Tempolauf, ripetute, ...) or its
structure holds repeated work intervals; ``easy`` otherwise. Sizes are compared like with
like: a run planned by distance only counts as the time it takes at the runner's typical easy
pace (:func:`typical_pace`, 6:00 min/km without history), so a lone 28 km run is ≥ 90 min and
a week mixing time-only and distance-only runs has one median. A session named quality is
long only by its length (≥ 90 min), never by the median. A run with no size and a name that
says nothing is *undecided*: it does not stand in for the long run predicted on its day.

Stored like the calendars' races (:mod:`hipcoach.schedule.races`), because ``schedule
--offline``, ``plan``, ``report --offline`` and ``status`` never touch the network yet must
keep the plan the last online read saw: the state's meta table holds, per plugin, the facts
it reported and the range read (key ``running_plan``). A refresh replaces that plugin's
planned runs within the range it read and keeps the rest; runs more than two weeks before
the range are dropped. Classification happens on every read, so a stored plan follows the
rules of the version reading it.

The range read (:func:`plan_span`) is every ISO week the scheduler looks at: from the week
of the day before the window to the week of three days after it. Whether a week has planned
runs at all decides whether the plan or the prediction speaks for it, so weeks are read
whole.
"""

from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from hipcoach.errors import HipcoachError, IncompleteRead
from hipcoach.plugins.interfaces import RunningPlan
from hipcoach.plugins.values import PlannedRun
from hipcoach.schedule.plan_names import (
    distance_named,
    easy_named,
    long_named,
    quality_named,
    race_named,
)
from hipcoach.schedule.stored import PluginMemory, StoredByPlugin
from hipcoach.timeutil import in_range, monday

if TYPE_CHECKING:
    from hipcoach.models import Run
    from hipcoach.state import StateDB

KEY = "running_plan"
#: what each running plan keeps between nights (``RunningPlan.remember``)
MEMORY_KEY = "running_plan_memory"
WHAT = "running plan"
PlanKind = Literal["long", "quality", "race", "easy"]

LONG_MINUTES = 90
LONG_VS_MEDIAN = 1.33
#: a run named long that is planned shorter than this, and no longer than its week's middle
#: run, is no long run ("Long easy", 8 km)
NAMED_LONG_MIN_MINUTES = 60
#: the pace a planned distance is timed at without the runner's own (6:00 min/km)
DEFAULT_PACE_S_PER_KM = 360.0
#: a typical pace outside these bounds (a GPS glitch, a walk) is taken at the bound
PACE_BOUNDS_S_PER_KM = (180.0, 600.0)
#: the typical pace is the median of this many recent easy runs (at least three)
PACE_RUNS = 20
#: the days around a window whose runs the scheduler looks at (see ``scheduler``)
LOOK_BEHIND_DAYS = 1
LOOK_AHEAD_DAYS = 3
#: stored runs this long before the range read are history: dropped
KEEP_DAYS = 14

_WORDS: dict[str, str] = {"long": "long run", "race": "race", "easy": "easy run"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanRun:
    """A run of the runner's plan, as hipcoach reads it."""

    date: date
    kind: PlanKind
    #: what to call it: "long run", "tempo run", "interval session", "race", "easy run"
    what: str
    name: str = ""
    distance_m: float | None = None
    duration_s: float | None = None
    #: who planned it ("Runna", "Garmin Coach"), as the plugin reports it
    source: str = ""
    #: the integration it was read from
    plugin: str = ""
    #: something (a size, a telling name, its structure, the plan's race flag) says what kind
    #: of run it is; an undecided run never stands in for a predicted long run
    decided: bool = True

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000

    def label(self) -> str:
        """'28 km long run', '6.5 km easy run', '45 min tempo run', 'race'."""
        if self.distance_m:
            km = self.distance_m / 1000
            size = f"{km:.0f}" if km >= 10 or round(km, 1) == round(km) else f"{km:.1f}"
            return f"{size} km {self.what}"
        if self.duration_s:
            return f"{self.duration_s / 60:.0f} min {self.what}"
        return self.what

    def named(self) -> str:
        """'planned 28 km long run (Runna)': how reasons name it."""
        who = f" ({self.source})" if self.source else ""
        return f"planned {self.label()}{who}"


def plan_span(start: date, end: date) -> tuple[date, date]:
    """The whole ISO weeks a plan is read for, for a window ``start`` … ``end``."""
    first = monday(start - timedelta(days=LOOK_BEHIND_DAYS))
    last = monday(end + timedelta(days=LOOK_AHEAD_DAYS)) + timedelta(days=6)
    return first, last


# -- classification (pure) -------------------------------------------------------------------
def typical_pace(runs: Iterable[Run]) -> float:
    """Seconds per km of the runner's recent easy running: the median pace of their last
    :data:`PACE_RUNS` easy runs (1 km and 5 min or more), within 3:00–10:00 min/km; 6:00 min/km
    with fewer than three."""
    usable = sorted(
        (r for r in runs if r.kind == "easy" and r.distance_m >= 1000 and r.moving_time_s >= 300),
        key=lambda r: (r.date, r.id),
    )[-PACE_RUNS:]
    if len(usable) < 3:
        return DEFAULT_PACE_S_PER_KM
    pace = statistics.median(r.moving_time_s / r.distance_km for r in usable)
    low, high = PACE_BOUNDS_S_PER_KM
    return float(min(max(pace, low), high))


def classify(
    found: Iterable[tuple[str, PlannedRun]], pace_s_per_km: float = DEFAULT_PACE_S_PER_KM
) -> list[PlanRun]:
    """Each (plugin, planned run) classified, by date; a distance counts as the time it takes
    at ``pace_s_per_km`` (see :func:`typical_pace`)."""
    runs = list(found)
    weeks: dict[date, list[PlannedRun]] = defaultdict(list)
    for _, run in runs:
        weeks[monday(run.date)].append(run)
    return sorted(
        (
            _classified(run, plugin, _Week(weeks[monday(run.date)], pace_s_per_km))
            for plugin, run in runs
        ),
        key=lambda p: (p.date, p.plugin, p.name),
    )


@dataclass(frozen=True)
class _Week:
    """The planned runs of one ISO week, sized alike (minutes, estimated where needed)."""

    runs: Sequence[PlannedRun]
    pace_s_per_km: float

    def minutes(self, run: PlannedRun) -> float | None:
        """The run's planned minutes, or the minutes its distance takes at the pace."""
        if run.duration_s:
            return run.duration_s / 60
        if run.distance_m:
            return run.distance_m / 1000 * self.pace_s_per_km / 60
        return None

    def median(self) -> float | None:
        """The middle run's minutes, of a week with two sized runs or more."""
        sizes = [m for r in self.runs if (m := self.minutes(r)) is not None]
        return statistics.median(sizes) if len(sizes) >= 2 else None


def _classified(run: PlannedRun, plugin: str, week: _Week) -> PlanRun:
    kind, what, decided = _kind(run, week)
    distance = run.distance_m
    if kind == "race" and distance is None:
        distance = distance_named(run.name)  # "Marathon": 42 km, for the rest after it
    return PlanRun(
        date=run.date,
        kind=kind,
        what=what,
        name=run.name,
        distance_m=distance,
        duration_s=run.duration_s,
        source=run.source or plugin,
        plugin=plugin,
        decided=decided,
    )


def _kind(run: PlannedRun, week: _Week) -> tuple[PlanKind, str, bool]:
    """(kind, how reasons call it, whether anything decided it)."""
    if run.race or race_named(run.name):
        return "race", _WORDS["race"], True
    quality = quality_named(run.name)
    if _long_by_size(run, week, named_quality=quality is not None):
        return "long", _WORDS["long"], True
    if quality is None and long_named(run.name) and not _planned_short(run, week):
        return "long", _WORDS["long"], True
    if quality is not None:
        return "quality", quality, True
    if run.intervals and not easy_named(run.name):  # "Easy run + strides" stays easy
        return "quality", "interval session", True
    decided = week.minutes(run) is not None or easy_named(run.name) or long_named(run.name)
    return "easy", _WORDS["easy"], decided


def _long_by_size(run: PlannedRun, week: _Week, *, named_quality: bool) -> bool:
    """≥ 90 min, or ≥ 1.33 × the week's middle run (not for a session named quality: a 10 km
    tempo run in a week of 5 km jogs is a tempo run)."""
    minutes = week.minutes(run)
    if minutes is None:
        return False
    if minutes >= LONG_MINUTES:
        return True
    median = week.median()
    return not named_quality and median is not None and minutes >= LONG_VS_MEDIAN * median


def _planned_short(run: PlannedRun, week: _Week) -> bool:
    """A run named long that its plan makes short: under an hour, and no longer than the
    week's middle run (or alone in its week)."""
    minutes = week.minutes(run)
    if minutes is None or minutes >= NAMED_LONG_MIN_MINUTES:
        return False
    median = week.median()
    return median is None or minutes <= median


# -- stored ----------------------------------------------------------------------------------
def stored_plan(state: StateDB, runs: Iterable[Run] = ()) -> list[PlanRun]:
    """The planned runs as last read, of every plugin, classified (distances timed at the
    typical pace of ``runs``); a run two plans both hold (a plan pushed to Garmin Connect and
    to intervals.icu alike) counts once."""
    stored = StoredByPlugin(state, KEY, WHAT)
    found: dict[tuple[object, ...], tuple[str, PlannedRun]] = {}
    for plugin, item in stored.every("runs"):
        run = _run(item, plugin)
        if run is not None:
            found.setdefault(_identity(run), (plugin, run))
    return classify(found.values(), typical_pace(runs))


def _identity(run: PlannedRun) -> tuple[object, ...]:
    """What makes two plans' runs the same run: the day, the name, the size (to 100 m, 1 min)."""
    metres = None if run.distance_m is None else round(run.distance_m / 100)
    minutes = None if run.duration_s is None else round(run.duration_s / 60)
    return run.date, " ".join(run.name.lower().split()), metres, minutes, run.race


def refresh(
    plans: Sequence[tuple[str, RunningPlan]], state: StateDB, start: date, end: date
) -> list[tuple[str, HipcoachError]]:
    """Read the planned runs of :func:`plan_span` from each plan and store them.

    A plan that cannot be read keeps its stored runs; its error is returned (with the
    plugin's name) for the caller to report. A plan read in part
    (:class:`~hipcoach.errors.IncompleteRead`: one workout's steps failed) stores what it
    read, and its error is returned too. Each plan gets its memory from the state first
    (``RunningPlan.remember``). The state is written only when something changed, so a
    quiet night writes nothing here.
    """
    first, last = plan_span(start, end)
    horizon = first - timedelta(days=KEEP_DAYS)
    stored = StoredByPlugin(state, KEY, WHAT)
    memory = PluginMemory(state, MEMORY_KEY)
    errors: list[tuple[str, HipcoachError]] = []
    for name, plan in plans:
        plan.remember(memory.of(name))
        try:
            answer = list(plan.planned_runs(first, last))
        except IncompleteRead as exc:
            log.info("read the %s of %s in part: %s", WHAT, name, exc)
            errors.append((name, exc))
            answer = list(exc.found) if isinstance(exc.found, list | tuple) else []
        except HipcoachError as exc:
            log.info("could not read the %s of %s: %s", WHAT, name, exc)
            errors.append((name, exc))
            continue
        fresh = [r for r in answer if _usable(r, name) and first <= r.date <= last]
        before = [_run(item, name) for item in stored.items(name, "runs")]
        kept = [r for r in before if r and horizon <= r.date and not first <= r.date <= last]
        runs = sorted([*kept, *fresh], key=_order)
        stored.replace(name, first, last, "runs", [_fact_json(r) for r in runs])
        log.info("%s running plan, %s … %s: %d planned run(s)", name, first, last, len(fresh))
    stored.save()
    memory.save()
    return errors


def known_plans(state: StateDB) -> set[str]:
    """The plugins whose running plan has been read at least once (stored, even if empty)."""
    return set(StoredByPlugin(state, KEY, WHAT).document)


def _order(run: PlannedRun) -> tuple[date, str]:
    return run.date, run.name


def _usable(run: object, plugin: str) -> bool:
    """A plugin's planned run; anything else is a warning: one bad item must not cost the
    runner the rest of the plan."""
    if isinstance(run, PlannedRun) and not isinstance(run.date, datetime):
        return True
    log.warning("ignoring %r from the %s running plan: not a planned run", run, plugin)
    return False


def _fact_json(run: PlannedRun) -> dict[str, Any]:
    return {
        "date": run.date.isoformat(),
        "name": run.name,
        "distance_m": run.distance_m,
        "duration_s": run.duration_s,
        "race": run.race,
        "intervals": run.intervals,
        "source": run.source,
    }


def _run(item: Any, plugin: str) -> PlannedRun | None:
    """A stored planned run; None (and a warning) for a damaged one."""
    try:
        return PlannedRun(
            date=in_range(date.fromisoformat(item["date"])),
            name=str(item.get("name") or ""),
            distance_m=item.get("distance_m"),
            duration_s=item.get("duration_s"),
            race=item.get("race") is True,
            intervals=item.get("intervals") is True,
            source=str(item.get("source") or ""),
        )
    except (TypeError, KeyError, ValueError, AttributeError):
        log.warning("ignoring a damaged stored planned run of %s: %r", plugin, item)
        return None
