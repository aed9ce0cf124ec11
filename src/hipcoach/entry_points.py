"""The installed distributions' entry points of one group, read without importlib.metadata.

Why: importing ``importlib.metadata`` costs about 25 ms (it loads the email, zipfile and csv
packages), a third of a bare ``import click``, and ``hipcoach auth --help`` has to discover
the plugins to list their sign-in commands. pip (editable installs included) puts every
distribution's metadata in a ``<name>-<version>.dist-info`` (or ``.egg-info``) folder of a
folder on ``sys.path``; for that layout this module reads the same files importlib.metadata
reads (``entry_points.txt``, then ``METADATA`` or ``PKG-INFO`` for the name and version),
in the same order and with the same rule for duplicates (the first distribution of a name on
``sys.path`` wins). Anything else (a zip file or an egg on ``sys.path``, an import finder
that knows distributions of its own) goes through importlib.metadata itself. A test checks
that both give the same entry points for every group installed.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
from collections.abc import Iterator
from functools import reduce
from typing import NamedTuple

_INFO_SUFFIXES = (".dist-info", ".egg-info")
# importlib.metadata's EntryPoint.pattern: module, optional ":attr.attr", optional extras.
_VALUE_PATTERN = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"

# Named tuples, not dataclasses: a frozen dataclass compiles six methods when it is defined,
# and this module is on the path of `hipcoach auth --help`.


class Distribution(NamedTuple):
    """The distribution an entry point comes from."""

    name: str
    version: str


class EntryPoint(NamedTuple):
    """One entry point: ``name = value`` in ``group``, from ``dist``."""

    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self) -> object:
        """Import the module and return the object the value names."""
        match = re.match(_VALUE_PATTERN, self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not an entry point reference")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return reduce(getattr, attrs, module)


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every installed distribution."""
    if not _plain_layout():
        return _from_importlib_metadata(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for info in _info_folders():
        name = normalize(os.path.basename(info).lower().rpartition(".")[0].partition("-")[0])
        if name in seen:
            continue
        seen.add(name)
        found += _read_entry_points(info, group)
    return found


def normalize(name: str) -> str:
    """A distribution name as importlib.metadata compares them (PEP 503, ``_`` for ``-``)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _plain_layout() -> bool:
    """Whether every distribution is a metadata folder in a folder of ``sys.path``."""
    for finder in sys.meta_path:
        # The standard PathFinder's distributions are importlib.metadata's: the ones read here.
        own = finder is not importlib.machinery.PathFinder
        if own and getattr(finder, "find_distributions", None) is not None:
            return False
    for entry in sys.path:
        if entry.lower().endswith(".egg") or os.path.isfile(entry or "."):
            return False
    return True


def _info_folders() -> Iterator[str]:
    """Every ``*.dist-info`` / ``*.egg-info`` entry in the folders of ``sys.path``, in order."""
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            continue
        for child in children:
            if child.lower().endswith(_INFO_SUFFIXES):
                yield os.path.join(root, child)


def _read(folder: str, filename: str) -> str | None:
    try:
        with open(os.path.join(folder, filename), encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _read_entry_points(info: str, group: str) -> list[EntryPoint]:
    text = _read(info, "entry_points.txt")
    if not text:
        return []
    pairs = [(name, value) for section, name, value in _sections(text) if section == group]
    if not pairs:
        return []
    dist = _distribution(info)
    return [EntryPoint(name, value, group, dist) for name, value in pairs]


def _sections(text: str) -> Iterator[tuple[str | None, str, str]]:
    """(section, name, value) of an ``entry_points.txt``, parsed as importlib.metadata does."""
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        name, sep, value = line.partition("=")
        if sep:  # importlib.metadata fails on such a line; one broken plugin must not
            yield section, name.strip(), value.strip()


def _distribution(info: str) -> Distribution | None:
    """Name and version from the metadata's headers (they come before the first blank line)."""
    text = _read(info, "METADATA") or _read(info, "PKG-INFO")
    if text is None:
        return None
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and not key[:1].isspace():
            headers.setdefault(key.strip().lower(), value.strip())
    name = headers.get("name")
    return Distribution(name, headers.get("version", "")) if name else None


def _from_importlib_metadata(group: str) -> list[EntryPoint]:
    from importlib import metadata

    found = []
    for ep in metadata.entry_points(group=group):
        dist = ep.dist
        origin = None
        if dist is not None and dist.metadata["Name"]:
            origin = Distribution(dist.metadata["Name"], dist.version)
        found.append(EntryPoint(ep.name, ep.value, ep.group, origin))
    return found
