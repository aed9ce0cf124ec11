"""The plugin contract, the registry of installed integrations, and choosing among them.

:mod:`.interfaces` (what an integration may provide: activity source, workout target,
completion source, race calendar, running plan, exporter), :mod:`.values` (the plain values
they hand the core), :mod:`.registry` (discovery through the ``hipcoach.integrations`` entry
points with :mod:`importlib.metadata`), :mod:`.choose` (which plugin is the source, the
target, the completions, and checking ``[integrations]``).

Third-party plugins import the contract from here: ``from hipcoach.plugins import
Integration, ActivitySource, ...`` (a completion source's ``CompletedActivity`` and
``DoneSet`` too, defined in :mod:`hipcoach.adherence.completions`). May import: the shared
modules and :mod:`hipcoach.adherence.completions`; never an integration, ``sync`` or ``cli``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hipcoach.adherence.completions import CompletedActivity, DoneSet
    from hipcoach.plugins.interfaces import (
        ActivitySource,
        CompletionSource,
        Exporter,
        Integration,
        RaceCalendar,
        RunningPlan,
        WorkoutTarget,
    )
    from hipcoach.plugins.values import (
        ActivityPage,
        PlannedRun,
        PluginContext,
        RaceEvent,
        RemoteScheduleEntry,
        RemoteWorkout,
        SkippedActivity,
    )

__all__ = [
    "ActivityPage",
    "ActivitySource",
    "CompletedActivity",
    "CompletionSource",
    "DoneSet",
    "Exporter",
    "Integration",
    "PlannedRun",
    "PluginContext",
    "RaceCalendar",
    "RaceEvent",
    "RemoteScheduleEntry",
    "RemoteWorkout",
    "RunningPlan",
    "SkippedActivity",
    "WorkoutTarget",
]


#: where each exported name is defined: a plugin importing ``Integration`` loads only the
#: contract's light module, never pydantic (``hipcoach auth --help`` imports every plugin)
_HOMES = {
    **dict.fromkeys(
        (
            "ActivitySource",
            "CompletionSource",
            "Exporter",
            "Integration",
            "RaceCalendar",
            "RunningPlan",
            "WorkoutTarget",
        ),
        "hipcoach.plugins.interfaces",
    ),
    **dict.fromkeys(
        (
            "ActivityPage",
            "PlannedRun",
            "PluginContext",
            "RaceEvent",
            "RemoteScheduleEntry",
            "RemoteWorkout",
            "SkippedActivity",
        ),
        "hipcoach.plugins.values",
    ),
    **dict.fromkeys(("CompletedActivity", "DoneSet"), "hipcoach.adherence.completions"),
}


def __getattr__(name: str) -> Any:
    # The contract is loaded on first use, one module at a time.
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)
