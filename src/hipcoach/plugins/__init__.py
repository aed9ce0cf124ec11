"""The plugin contract, the registry of installed integrations, and choosing among them.

:mod:`.interfaces` (what an integration may provide: activity source, workout target,
completion source, race calendar, exporter), :mod:`.values` (the plain values they hand
the core), :mod:`.registry` (discovery through the
``hipcoach.integrations`` entry points with :mod:`importlib.metadata`), :mod:`.choose`
(which plugin is the source, the target, the completions, and checking ``[integrations]``).

Third-party plugins import the contract from here: ``from hipcoach.plugins import
Integration, ActivitySource, ...``. May import: the shared modules and
:mod:`hipcoach.adherence.completions`; never an integration, ``sync`` or ``cli``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hipcoach.plugins.interfaces import (
        ActivitySource,
        CompletionSource,
        Exporter,
        Integration,
        RaceCalendar,
        WorkoutTarget,
    )
    from hipcoach.plugins.values import (
        ActivityPage,
        PluginContext,
        RaceEvent,
        RemoteScheduleEntry,
        RemoteWorkout,
        SkippedActivity,
    )

__all__ = [
    "ActivityPage",
    "ActivitySource",
    "CompletionSource",
    "Exporter",
    "Integration",
    "PluginContext",
    "RaceCalendar",
    "RaceEvent",
    "RemoteScheduleEntry",
    "RemoteWorkout",
    "SkippedActivity",
    "WorkoutTarget",
]


def __getattr__(name: str) -> Any:
    # The contract is loaded on first use, so that importing the registry (every command)
    # or a sub-module costs nothing more.
    if name in __all__:
        from hipcoach.plugins import interfaces, values

        return getattr(values if hasattr(values, name) else interfaces, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
