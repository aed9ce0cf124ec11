"""Discovery of integration plugins through the ``hipcoach.integrations`` entry points.

Built-ins (shipped in the ``hipcoach`` distribution) load first and win a name clash; any
other duplicate is rejected. A plugin that fails to import or is not an :class:`Integration`
becomes a warning in :attr:`Registry.problems`: a broken plugin never crashes the CLI.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from hipcoach.entry_points import EntryPoint, entry_points
from hipcoach.errors import ConfigError
from hipcoach.interfaces import Integration

ENTRY_POINT_GROUP = "hipcoach.integrations"
BUILTIN_DISTRIBUTION = "hipcoach"

log = logging.getLogger(__name__)


class LoadedPlugin(NamedTuple):
    """An integration that loaded, and where it came from.

    A named tuple rather than a frozen dataclass, which compiles six methods when it is
    defined: this module is on the path of ``hipcoach auth --help``.
    """

    integration: Integration
    distribution: str
    version: str
    builtin: bool

    @property
    def name(self) -> str:
        return self.integration.name


@dataclass
class Registry:
    """The loaded integrations, in precedence order, and what went wrong loading others."""

    plugins: dict[str, LoadedPlugin] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, name: str) -> Integration:
        """The integration called ``name``; ConfigError listing the installed ones otherwise."""
        try:
            return self.plugins[name].integration
        except KeyError:
            installed = ", ".join(self.plugins) or "none"
            raise ConfigError(
                f"no integration named {name!r} is installed (installed: {installed})"
            ) from None

    def __iter__(self) -> Iterator[Integration]:
        return iter(p.integration for p in self.plugins.values())

    def add(self, plugin: LoadedPlugin) -> None:
        """Register ``plugin`` unless its name is taken (the first registered wins)."""
        taken = self.plugins.get(plugin.name)
        if taken is None:
            self.plugins[plugin.name] = plugin
            return
        self.problems.append(
            f"plugin {plugin.name!r} from {plugin.distribution} ignored: the name is taken by "
            f"{'built-in ' if taken.builtin else ''}{taken.distribution}"
        )


def _distribution(ep: EntryPoint) -> tuple[str, str]:
    dist = ep.dist
    if dist is None:
        return "unknown", ""
    return dist.name, dist.version


def load_entry_point(ep: EntryPoint) -> LoadedPlugin:
    """Import and instantiate one entry point; raise ValueError with a readable reason."""
    dist_name, version = _distribution(ep)
    try:
        obj = ep.load()
    except Exception as exc:  # any import failure in third-party code is a warning
        raise ValueError(f"cannot import {ep.value}: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(obj, type) and issubclass(obj, Integration)):
        raise ValueError(f"{ep.value} is not a hipcoach.interfaces.Integration subclass")
    try:
        integration = obj()
    except Exception as exc:
        raise ValueError(f"{ep.value} failed to start: {type(exc).__name__}: {exc}") from exc
    if integration.name != ep.name:
        raise ValueError(f"{ep.value} calls itself {integration.name!r}, registered as {ep.name!r}")
    builtin = dist_name.lower() == BUILTIN_DISTRIBUTION
    return LoadedPlugin(integration, dist_name, version, builtin)


def build_registry(eps: Iterable[EntryPoint]) -> Registry:
    """Load the entry points: built-ins first, then the rest by name."""

    def order(ep: EntryPoint) -> tuple[bool, str, str]:
        dist_name, _ = _distribution(ep)
        return (dist_name.lower() != BUILTIN_DISTRIBUTION, ep.name, dist_name)

    registry = Registry()
    for ep in sorted(eps, key=order):
        try:
            registry.add(load_entry_point(ep))
        except ValueError as exc:
            dist_name, _ = _distribution(ep)
            registry.problems.append(f"plugin {ep.name!r} from {dist_name} not loaded: {exc}")
            log.debug("plugin %s failed to load", ep.name, exc_info=True)
    return registry


def discover() -> Registry:
    """The registry of every installed integration."""
    return build_registry(entry_points(group=ENTRY_POINT_GROUP))
