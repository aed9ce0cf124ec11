"""Handing sessions over as files: the exporters shipped with the core (ICS, JSON) and the
hand-over every file path shares (:mod:`.handover`); integrations add more (FIT, Garmin JSON).

May import: the shared modules, :mod:`hipcoach.plugins`, :mod:`hipcoach.schedule` and
:mod:`hipcoach.state`; never ``sync``, ``report`` or ``cli``.
"""

from __future__ import annotations

from hipcoach.exports.ics import IcsExporter
from hipcoach.exports.jsonfile import JsonExporter
from hipcoach.plugins.interfaces import Exporter

CORE_EXPORTERS: tuple[type[Exporter], ...] = (IcsExporter, JsonExporter)

__all__ = ["CORE_EXPORTERS", "IcsExporter", "JsonExporter"]
