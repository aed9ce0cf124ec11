"""Exporters shipped with the core (ICS, JSON); integrations add more (FIT, Garmin JSON)."""

from __future__ import annotations

from hipcoach.exports.ics import IcsExporter
from hipcoach.exports.jsonfile import JsonExporter
from hipcoach.interfaces import Exporter

CORE_EXPORTERS: tuple[type[Exporter], ...] = (IcsExporter, JsonExporter)

__all__ = ["CORE_EXPORTERS", "IcsExporter", "JsonExporter"]
