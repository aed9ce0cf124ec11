"""Choosing the activity source, workout target, completion sources, race calendars and
running plans among the integrations, and checking what ``[integrations]`` names
(:func:`check_integrations`)."""

from __future__ import annotations

from collections.abc import Sequence

from hipcoach.config import Config
from hipcoach.errors import ConfigError, CredentialsError
from hipcoach.plugins.interfaces import (
    ActivitySource,
    CompletionSource,
    Integration,
    RaceCalendar,
    RunningPlan,
    WorkoutTarget,
)
from hipcoach.plugins.registry import Registry
from hipcoach.plugins.values import PluginContext


def resolve_source(registry: Registry, context: PluginContext) -> tuple[str, ActivitySource] | None:
    """The configured source (``[integrations] source``), else the most preferred one that is
    set up (``Integration.source_preference``: Strava before Garmin, so a runner with both
    keeps Strava's long-run and race tags, and a Garmin-only runner needs no Strava)."""
    return _resolve(registry, context, context.config.integrations.source, "source")  # type: ignore[return-value]


def resolve_target(
    registry: Registry, context: PluginContext, holding: Sequence[str] = ()
) -> tuple[str, WorkoutTarget] | None:
    """The configured target (``[integrations] target``), else the first of ``holding`` (the
    targets that hold hipcoach's sessions to come) that is still set up: a target is changed
    only by the configuration, never by a sign-in to another service, which would leave the
    sessions on the former one behind; else the first one that is set up."""
    wanted = context.config.integrations.target
    for name in () if wanted else holding:
        if name in registry.plugins:
            provided = registry.get(name).workout_target(context)
            if provided is not None:
                return name, provided
    return _resolve(registry, context, wanted, "target")  # type: ignore[return-value]


def resolve_targets(registry: Registry, context: PluginContext) -> list[tuple[str, WorkoutTarget]]:
    """Every workout target that is set up, by plugin name (``unsync`` clears them all)."""
    return _every(registry, context, "target")  # type: ignore[return-value]


def resolve_completion_sources(
    registry: Registry, context: PluginContext
) -> list[tuple[str, CompletionSource]]:
    """The configured completion source (``[integrations] completions``), else every one that
    is set up (their answers merge: a session logged on Strava and one done with the watch
    both count), by plugin name."""
    return _configured_or_every(
        registry, context, context.config.integrations.completions, "completions"
    )  # type: ignore[return-value]


def resolve_race_calendars(
    registry: Registry, context: PluginContext
) -> list[tuple[str, RaceCalendar]]:
    """Every race calendar that is set up (races from all of them count), by plugin name."""
    return _every(registry, context, "races")  # type: ignore[return-value]


def resolve_running_plans(
    registry: Registry, context: PluginContext
) -> list[tuple[str, RunningPlan]]:
    """The configured running plan (``[integrations] plan``), else every one that is set up,
    by plugin name."""
    wanted = context.config.integrations.plan
    return _configured_or_every(registry, context, wanted, "plan")  # type: ignore[return-value]


def _configured_or_every(
    registry: Registry, context: PluginContext, wanted: str | None, role: str
) -> list[tuple[str, object]]:
    """The plugin ``wanted`` names for ``role`` (CredentialsError when it is not set up),
    else every one set up."""
    if wanted:
        resolved = _resolve(registry, context, wanted, role)
        return [resolved] if resolved is not None else []
    return _every(registry, context, role)


def _every(registry: Registry, context: PluginContext, role: str) -> list[tuple[str, object]]:
    """What every integration set up provides for ``role``, by plugin name."""
    found = []
    for integration in registry:
        provided = _provide(integration, context, role)
        if provided is not None:
            found.append((integration.name, provided))
    return found


def _provide(integration: Integration, context: PluginContext, role: str) -> object | None:
    providers = {
        "source": integration.activity_source,
        "target": integration.workout_target,
        "completions": integration.completion_source,
        "races": integration.race_calendar,
        "plan": integration.running_plan,
    }
    return providers[role](context)


#: ``[integrations]`` key → the capability it names (``Integration.capabilities()``) and the
#: words for it
ROLES: dict[str, tuple[str, str]] = {
    "source": ("source", "an activity source"),
    "target": ("target", "a workout target"),
    "completions": ("completions", "a completion source"),
    "plan": ("plan", "a running plan"),
}


def check_integrations(config: Config, registry: Registry) -> None:
    """ConfigError unless each plugin ``[integrations]`` names is installed and offers what
    the key asks for (checked by every command that reads the config, set up or not)."""
    for key, (capability, words) in ROLES.items():
        wanted = getattr(config.integrations, key)
        if not wanted:
            continue
        try:
            integration = registry.get(wanted)
        except ConfigError as exc:
            raise ConfigError(f"[integrations] {key}: {exc}") from None
        if capability not in integration.capabilities():
            offering = [i.name for i in registry if capability in i.capabilities()]
            raise ConfigError(
                f"[integrations] {key} = {wanted!r}, but {wanted} is not {words}",
                hint=f"use one of: {', '.join(offering) or 'none installed'}",
            )


def _resolve(
    registry: Registry, context: PluginContext, wanted: str | None, role: str
) -> tuple[str, object] | None:
    if wanted:
        provided = _provide(registry.get(wanted), context, role)
        if provided is None:
            raise CredentialsError(
                f"[integrations] {role} = {wanted!r}, but {wanted} is not set up yet",
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
