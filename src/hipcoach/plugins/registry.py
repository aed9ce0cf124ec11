"""Discovery of integration plugins through the ``hipcoach.integrations`` entry points.

Built-ins (shipped in the ``hipcoach`` distribution) load first and win a name clash; any
other duplicate is rejected. A plugin that fails to import or is not an :class:`Integration`
becomes a warning in :attr:`Registry.problems`: a broken plugin never crashes the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import NamedTuple

from hipcoach.errors import ConfigError
from hipcoach.plugins.interfaces import Integration

ENTRY_POINT_GROUP = "hipcoach.integrations"
BUILTIN_DISTRIBUTION = "hipcoach"


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


class Registry:
    """The loaded integrations, in precedence order, and what went wrong loading others.

    A plain class (no dataclasses import on the path of ``auth --help``)."""

    def __init__(self) -> None:
        self.plugins: dict[str, LoadedPlugin] = {}
        self.problems: list[str] = []

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
    """The name and version of the distribution that registered ``ep``, from one read of its
    metadata (each ``dist.name`` or ``dist.version`` parses the whole file again, README and
    all, on the path of ``auth --help``)."""
    dist = ep.dist
    if dist is None:
        return "unknown", ""
    metadata = dist.metadata
    return metadata["Name"], metadata["Version"]


def load_entry_point(ep: EntryPoint, distribution: tuple[str, str] | None = None) -> LoadedPlugin:
    """Import and instantiate one entry point; raise ValueError with a readable reason.
    ``distribution`` is :func:`_distribution`'s answer when the caller has it already."""
    dist_name, version = distribution or _distribution(ep)
    try:
        obj = ep.load()
    except Exception as exc:  # any import failure in third-party code is a warning
        raise ValueError(f"cannot import {ep.value}: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(obj, type) and issubclass(obj, Integration)):
        raise ValueError(f"{ep.value} is not a hipcoach.plugins.interfaces.Integration subclass")
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

    # Entry points of one distribution share its object: read its metadata once.
    read: dict[int, tuple[str, str]] = {}
    found = [
        (ep, read.get(id(ep.dist)) or read.setdefault(id(ep.dist), _distribution(ep))) for ep in eps
    ]

    def order(item: tuple[EntryPoint, tuple[str, str]]) -> tuple[bool, str, str]:
        ep, (dist_name, _) = item
        return (dist_name.lower() != BUILTIN_DISTRIBUTION, ep.name, dist_name)

    registry = Registry()
    for ep, distribution in sorted(found, key=order):
        try:
            registry.add(load_entry_point(ep, distribution))
        except ValueError as exc:
            dist_name, _ = distribution
            registry.problems.append(f"plugin {ep.name!r} from {dist_name} not loaded: {exc}")
            import logging  # only when a plugin fails: `auth --help` stays light

            logging.getLogger(__name__).debug("plugin %s failed to load", ep.name, exc_info=True)
    return registry


def discover() -> Registry:
    """The registry of every installed integration."""
    return build_registry(entry_points(group=ENTRY_POINT_GROUP))
