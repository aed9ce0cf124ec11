"""Discovery of integration plugins through the ``hipcoach.integrations`` entry points.

Built-ins (shipped in the ``hipcoach`` distribution) load first and win a name clash; any
other duplicate is rejected. A plugin that fails to import or is not an :class:`Integration`
becomes a warning in :attr:`Registry.problems`: a broken plugin never crashes the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import NamedTuple

from hipcoach.errors import ConfigError
from hipcoach.plugins.interfaces import Integration

ENTRY_POINT_GROUP = "hipcoach.integrations"
BUILTIN_DISTRIBUTION = "hipcoach"


class Origin(NamedTuple):
    """The distribution that registered a plugin: its name, version and whether it is
    hipcoach itself (a built-in)."""

    distribution: str
    version: str

    @property
    def builtin(self) -> bool:
        return self.distribution.lower() == BUILTIN_DISTRIBUTION


class LoadedPlugin:
    """An integration that loaded, and where it came from.

    The origin is read from the installed metadata on first use only: listing the sign-in
    commands (``auth --help``) needs none of it when every plugin comes from one
    distribution, and reading it parses the whole metadata file (README included).
    """

    def __init__(self, integration: Integration, origin: Origin | Callable[[], Origin]) -> None:
        self.integration = integration
        self._origin = origin

    @property
    def origin(self) -> Origin:
        if callable(self._origin):
            self._origin = self._origin()
        return self._origin

    @property
    def name(self) -> str:
        return self.integration.name

    @property
    def distribution(self) -> str:
        return self.origin.distribution

    @property
    def version(self) -> str:
        return self.origin.version

    @property
    def builtin(self) -> bool:
        return self.origin.builtin


class Registry:
    """The loaded integrations, in precedence order, and what went wrong loading others.

    A plain class (no dataclasses import on the path of ``auth --help``)."""

    def __init__(self) -> None:
        self.plugins: dict[str, LoadedPlugin] = {}
        self.problems: list[str] = []
        #: the exceptions behind :attr:`problems`, logged (with tracebacks) at ``-vv``
        self.failures: list[tuple[str, BaseException]] = []

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


def origin_of(ep: EntryPoint) -> Origin:
    """Where ``ep`` comes from, from one read of its distribution's metadata; a distribution
    without a name (damaged metadata) is "unknown", never a crash."""
    dist = ep.dist
    if dist is None:
        return Origin("unknown", "")
    try:
        metadata = dist.metadata
        return Origin(metadata.get("Name") or "unknown", metadata.get("Version") or "")
    except Exception:  # unreadable metadata of a third-party distribution
        return Origin("unknown", "")


def load_entry_point(ep: EntryPoint, origin: Origin | Callable[[], Origin]) -> LoadedPlugin:
    """Import and instantiate one entry point; raise ValueError with a readable reason."""
    try:
        obj = ep.load()
    except (Exception, SystemExit) as exc:  # any import failure in third-party code is a warning
        raise ValueError(f"cannot import {ep.value}: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(obj, type) and issubclass(obj, Integration)):
        raise ValueError(f"{ep.value} is not a hipcoach.plugins.Integration subclass")
    try:
        integration = obj()
    except (Exception, SystemExit) as exc:
        raise ValueError(f"{ep.value} failed to start: {type(exc).__name__}: {exc}") from exc
    if integration.name != ep.name:
        raise ValueError(f"{ep.value} calls itself {integration.name!r}, registered as {ep.name!r}")
    return LoadedPlugin(integration, origin)


def build_registry(eps: Iterable[EntryPoint]) -> Registry:
    """Load the entry points: built-ins first, then the rest by name (a name clash goes to the
    built-in, else to the distribution first by name)."""
    eps = list(eps)
    # Entry points of one distribution share its object: read each one's metadata once, and
    # only when there is more than one distribution to put in order.
    origins: dict[int, Origin] = {}

    def origin(ep: EntryPoint) -> Origin:
        if id(ep.dist) not in origins:
            origins[id(ep.dist)] = origin_of(ep)
        return origins[id(ep.dist)]

    def lazy(ep: EntryPoint) -> Callable[[], Origin]:
        return lambda: origin(ep)

    if len({id(ep.dist) for ep in eps}) > 1:
        eps.sort(key=lambda ep: (not origin(ep).builtin, ep.name, origin(ep).distribution))
    else:
        eps.sort(key=lambda ep: ep.name)
    registry = Registry()
    for ep in eps:
        try:
            registry.add(load_entry_point(ep, lazy(ep)))
        except ValueError as exc:
            name = origin(ep).distribution
            registry.problems.append(f"plugin {ep.name!r} from {name} not loaded: {exc}")
            registry.failures.append((f"plugin {ep.name!r} failed to load", exc))
    return registry


def discover() -> Registry:
    """The registry of every installed integration."""
    return build_registry(entry_points(group=ENTRY_POINT_GROUP))
