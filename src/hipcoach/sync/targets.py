"""Which workout target hipcoach's sessions go to, and what the runner is told when some sit
on a target the sync no longer puts them on.

A target is changed only by ``[integrations] target``: without it, the target that already
holds hipcoach's sessions to come stays the target while it is set up (signing in to another
service, say Garmin next to intervals.icu, leaves the sessions where they are), and
:func:`kept_notes` says how to move them. When the target does change (the configuration
names another, or the former one is no longer set up), the sessions on the former target are
never updated again: :func:`former_notes` says so, every night, until ``hipcoach unsync``
(which covers every target) takes them off.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from hipcoach.plugins.choose import resolve_targets
from hipcoach.plugins.registry import Registry
from hipcoach.plugins.values import PluginContext

#: target → (sessions hipcoach holds there from today on, the first one's day)
Held = Mapping[str, tuple[int, date]]


def former_notes(held: Held, current: str | None) -> list[str]:
    """One line per target other than ``current`` that holds hipcoach's sessions to come."""
    notes = []
    for name, (count, first) in sorted(held.items()):
        if name == current:
            continue
        noun = "session" if count == 1 else "sessions"
        now = f" ({current} is)" if current else ""
        notes.append(
            f"hipcoach still has {count} {noun} from {first:%a %d %b} on {name}, which is no "
            f"longer the workout target{now} and is not updated any more: `hipcoach unsync` "
            "takes them off (with those on every other target), then `hipcoach sync` puts "
            "the plan back"
        )
    return notes


def kept_notes(
    registry: Registry, context: PluginContext, held: Held, current: str | None
) -> list[str]:
    """With no ``[integrations] target``: the other targets set up that the sessions stay off
    because ``current`` holds them, and how to move them."""
    if context.config.integrations.target or current not in held:
        return []
    others = [name for name, _ in resolve_targets(registry, context) if name != current]
    return [
        f"{other} is set up too, but the sessions stay on {current}, where hipcoach put them: "
        f'set `[integrations] target = "{other}"` in config.toml to move them there'
        for other in others
    ]
