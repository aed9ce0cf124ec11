"""Handing sessions over as files: the exporters shipped with the core (ICS, JSON), the
hand-over every file path shares (:mod:`.handover`), how a session reads as a workout
(:mod:`.workout`) and the FIT workout writer (:mod:`.fit`) that integrations share (Garmin's
``export fit``, intervals.icu's attached workout); integrations add more exporters (FIT,
Garmin JSON).

May import: the shared modules, :mod:`hipcoach.plugins`, :mod:`hipcoach.programme`,
:mod:`hipcoach.schedule` and :mod:`hipcoach.state`; never ``sync``, ``report`` or ``cli``.
"""

from __future__ import annotations

from hipcoach.exports.ics import IcsExporter
from hipcoach.exports.jsonfile import JsonExporter
from hipcoach.plugins.interfaces import Exporter

CORE_EXPORTERS: tuple[type[Exporter], ...] = (IcsExporter, JsonExporter)

__all__ = ["CORE_EXPORTERS", "IcsExporter", "JsonExporter"]
