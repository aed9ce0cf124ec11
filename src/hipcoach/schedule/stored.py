"""What plugins reported about the runner's calendars, kept per plugin in the state's meta
table for the commands that plan offline: the races (:mod:`.races`) and the running plan
(:mod:`.running_plan`) are stored alike.

One JSON document per kind, ``{plugin: {"read": [first, last], <field>: [...]}}``. A damaged
document reads as empty (the next online read rewrites it), and it is written only when
something changed, so a quiet night writes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from hipcoach.errors import HipcoachError

if TYPE_CHECKING:
    from hipcoach.state import StateDB

log = logging.getLogger(__name__)


class StoredByPlugin:
    """One kind of calendar reading, per plugin, as last stored."""

    def __init__(self, state: StateDB, key: str, what: str) -> None:
        self.state = state
        self.key = key
        self.before = state.get_meta(key)
        self.document = _parse(self.before, what)

    def items(self, plugin: str, field: str) -> list[Any]:
        """What ``plugin`` reported last (a damaged entry gives nothing)."""
        found = self.document.get(plugin, {}).get(field, [])
        return found if isinstance(found, list) else []

    def every(self, field: str) -> Iterator[tuple[str, Any]]:
        """(plugin, item) of every plugin's stored items."""
        for plugin in self.document:
            for item in self.items(plugin, field):
                yield plugin, item

    def replace(self, plugin: str, first: date, last: date, field: str, items: list[Any]) -> None:
        """``plugin``'s items after a read of ``first`` … ``last``."""
        self.document[plugin] = {"read": [first.isoformat(), last.isoformat()], field: items}

    def save(self) -> None:
        """Write the document, unless nothing changed."""
        text = json.dumps(self.document, sort_keys=True, ensure_ascii=False)
        if text != (self.before or json.dumps({})):
            self.state.set_meta(self.key, text)


class PluginMemory:
    """What each plugin keeps between nights (:meth:`RunningPlan.remember`), one JSON
    document ``{plugin: {...}}`` in the state's meta table; written only when changed, and
    only what JSON can hold."""

    def __init__(self, state: StateDB, key: str) -> None:
        self.state = state
        self.key = key
        self.before = state.get_meta(key)
        self.document = _parse(self.before, "plugins' memory")

    def of(self, plugin: str) -> dict[str, Any]:
        """``plugin``'s memory, to hand to it (changed in place)."""
        return self.document.setdefault(plugin, {})

    def save(self) -> None:
        """Write the memories, unless nothing changed."""
        try:
            text = json.dumps(self.document, sort_keys=True, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            log.warning("a plugin kept something that is not JSON (%s): not kept", exc)
            return
        if text != (self.before or json.dumps({})):
            self.state.set_meta(self.key, text)


def read_each[T, R](
    sources: Sequence[tuple[str, T]], read: Callable[[T], R], what: str
) -> tuple[list[tuple[str, R]], list[tuple[str, HipcoachError]]]:
    """``read`` every plugin's source: what each gave, and the errors of those that could not
    be read (they keep what was stored; the caller reports the error)."""
    found: list[tuple[str, R]] = []
    errors: list[tuple[str, HipcoachError]] = []
    for name, source in sources:
        try:
            found.append((name, read(source)))
        except HipcoachError as exc:
            log.info("could not read the %s of %s: %s", what, name, exc)
            errors.append((name, exc))
    return found, errors


def _parse(text: str | None, what: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        log.warning("the stored %s are unreadable; they are read again", what)
        return {}
    return {name: entry for name, entry in document.items() if isinstance(entry, dict)}
