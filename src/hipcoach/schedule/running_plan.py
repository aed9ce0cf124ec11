"""The runner's running plan (DESIGN "The runner's running plan comes first"): the planned
runs its integrations report, classified here, read by the commands that go online and kept
in the state for the ones that do not.

Classification (pure, :func:`classify`), per planned run: ``race`` when the plan says so;
``long`` when it lasts ≥ 90 min, is ≥ 1.33 × the median planned run of its ISO week, or is
named long; ``quality`` when its structure holds repeated work intervals or its name says
intervals, tempo, threshold, hills, fartlek, VO2, track, speed or race pace; ``easy``
otherwise. The median compares distances when every run of the week has one, else durations.

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
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from hipcoach.errors import HipcoachError
from hipcoach.plugins.interfaces import RunningPlan
from hipcoach.plugins.values import PlannedRun
from hipcoach.schedule.stored import StoredByPlugin, read_each
from hipcoach.timeutil import in_range, monday

if TYPE_CHECKING:
    from hipcoach.state import StateDB

KEY = "running_plan"
WHAT = "running plan"
PlanKind = Literal["long", "quality", "race", "easy"]

LONG_MINUTES = 90
LONG_VS_MEDIAN = 1.33
#: the days around a window whose runs the scheduler looks at (see ``scheduler``)
LOOK_BEHIND_DAYS = 1
LOOK_AHEAD_DAYS = 3
#: stored runs this long before the range read are history: dropped
KEEP_DAYS = 14

_LONG_NAME = re.compile(r"\blong\b", re.IGNORECASE)
#: what a quality session's name says it is → how hipcoach calls it
_QUALITY_NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (r"\binterval|\brepeats?\b|\b\d+\s*[x×]\s*\d", "interval session"),
        (r"\btempo\b", "tempo run"),
        (r"\bthreshold\b|\blactate\b", "threshold run"),
        (r"\bhills?\b", "hill session"),
        (r"\bfartlek\b", "fartlek"),
        (r"\bvo2", "VO2 session"),
        (r"\btrack\b", "track session"),
        (r"\brace[\s-]*pace\b|\bmarathon[\s-]*pace\b|\b(?:h?mp)\b", "race-pace run"),
        (r"\bspeed\b|\bsprints?\b|\banaerobic\b", "speed session"),
    )
)
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
def classify(found: Iterable[tuple[str, PlannedRun]]) -> list[PlanRun]:
    """Each (plugin, planned run) classified, by date."""
    runs = list(found)
    weeks: dict[date, list[PlannedRun]] = defaultdict(list)
    for _, run in runs:
        weeks[monday(run.date)].append(run)
    return sorted(
        (_classified(run, plugin, weeks[monday(run.date)]) for plugin, run in runs),
        key=lambda p: (p.date, p.plugin, p.name),
    )


def _classified(run: PlannedRun, plugin: str, week: Sequence[PlannedRun]) -> PlanRun:
    kind, what = _kind(run, week)
    return PlanRun(
        date=run.date,
        kind=kind,
        what=what,
        name=run.name,
        distance_m=run.distance_m,
        duration_s=run.duration_s,
        source=run.source or plugin,
        plugin=plugin,
    )


def _kind(run: PlannedRun, week: Sequence[PlannedRun]) -> tuple[PlanKind, str]:
    if run.race:
        return "race", _WORDS["race"]
    if _is_long(run, week):
        return "long", _WORDS["long"]
    for pattern, words in _QUALITY_NAMES:
        if pattern.search(run.name):
            return "quality", words
    if run.intervals:
        return "quality", "interval session"
    return "easy", _WORDS["easy"]


def _is_long(run: PlannedRun, week: Sequence[PlannedRun]) -> bool:
    if _LONG_NAME.search(run.name):
        return True
    if run.duration_s is not None and run.duration_s >= LONG_MINUTES * 60:
        return True
    field = "distance_m" if all(r.distance_m for r in week) else "duration_s"
    size = getattr(run, field)
    sizes = [getattr(r, field) for r in week if getattr(r, field)]
    if not size or len(sizes) < 2:
        return False
    return bool(size >= LONG_VS_MEDIAN * statistics.median(sizes))


# -- stored ----------------------------------------------------------------------------------
def stored_plan(state: StateDB) -> list[PlanRun]:
    """The planned runs as last read, of every plugin, classified; a run two plans both hold
    (a plan pushed to Garmin Connect and to intervals.icu alike) counts once."""
    stored = StoredByPlugin(state, KEY, WHAT)
    found: dict[tuple[object, ...], tuple[str, PlannedRun]] = {}
    for plugin, item in stored.every("runs"):
        run = _run(item, plugin)
        if run is not None:
            found.setdefault(_identity(run), (plugin, run))
    return classify(found.values())


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
    plugin's name) for the caller to report. The state is written only when something
    changed, so a quiet night writes nothing here.
    """
    first, last = plan_span(start, end)
    horizon = first - timedelta(days=KEEP_DAYS)
    stored = StoredByPlugin(state, KEY, WHAT)
    read, errors = read_each(plans, lambda plan: plan.planned_runs(first, last), WHAT)
    for name, answer in read:
        fresh = [r for r in answer if _usable(r, name) and first <= r.date <= last]
        before = [_run(item, name) for item in stored.items(name, "runs")]
        kept = [r for r in before if r and horizon <= r.date and not first <= r.date <= last]
        runs = sorted([*kept, *fresh], key=_order)
        stored.replace(name, first, last, "runs", [_fact_json(r) for r in runs])
        log.info("%s running plan, %s … %s: %d planned run(s)", name, first, last, len(fresh))
    stored.save()
    return errors


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
