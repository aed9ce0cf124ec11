"""Choosing the activity source, workout target and race calendars among the integrations."""

from __future__ import annotations

from hipcoach.errors import ConfigError
from hipcoach.interfaces import (
    ActivitySource,
    Integration,
    PluginContext,
    RaceCalendar,
    WorkoutTarget,
)
from hipcoach.plugins import Registry


def resolve_source(registry: Registry, context: PluginContext) -> tuple[str, ActivitySource] | None:
    """The configured source (``[integrations] source``), else the most preferred one that is
    set up (``Integration.source_preference``: Strava before Garmin, so a runner with both
    keeps Strava's long-run and race tags, and a Garmin-only runner needs no Strava)."""
    return _resolve(registry, context, context.config.integrations.source, "source")  # type: ignore[return-value]


def resolve_target(registry: Registry, context: PluginContext) -> tuple[str, WorkoutTarget] | None:
    """The configured target (``[integrations] target``), else the first one that is set up."""
    return _resolve(registry, context, context.config.integrations.target, "target")  # type: ignore[return-value]


def resolve_race_calendars(
    registry: Registry, context: PluginContext
) -> list[tuple[str, RaceCalendar]]:
    """Every race calendar that is set up (races from all of them count), by plugin name."""
    found = []
    for integration in registry:
        calendar = integration.race_calendar(context)
        if calendar is not None:
            found.append((integration.name, calendar))
    return found


def _provide(integration: Integration, context: PluginContext, role: str) -> object | None:
    if role == "source":
        return integration.activity_source(context)
    return integration.workout_target(context)


def _resolve(
    registry: Registry, context: PluginContext, wanted: str | None, role: str
) -> tuple[str, object] | None:
    if wanted:
        provided = _provide(registry.get(wanted), context, role)
        if provided is None:
            raise ConfigError(
                f"[integrations] {role} = {wanted!r}, but {wanted} is not set up as a {role}",
                hint=f"run `hipcoach auth {wanted}` or see the README's setup section",
            )
        return wanted, provided
    candidates = list(registry)
    if role == "source":
        candidates.sort(key=lambda i: i.source_preference)  # stable: ties keep registry order
    for integration in candidates:
        provided = _provide(integration, context, role)
        if provided is not None:
            return integration.name, provided
    return None
