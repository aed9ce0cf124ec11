"""Garmin Connect integration: structured strength workouts on the watch, and FIT files.

Registered under the ``hipcoach.integrations`` entry point as ``garmin``. This module imports
nothing heavy (no garminconnect, garmin_fit_sdk or requests): the CLI imports every plugin to
list them, so each capability imports its library only when it is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hipcoach.interfaces import Exporter, Integration, PluginContext

if TYPE_CHECKING:
    import click

    from hipcoach_garmin.target import GarminTarget

__all__ = ["GarminIntegration"]


class GarminIntegration(Integration):
    """Pushes sessions to Garmin Connect; writes Garmin JSON and FIT workout files."""

    name = "garmin"
    summary = "Garmin Connect strength workouts on your calendar and watch; FIT workout files"

    def workout_target(self, context: PluginContext) -> GarminTarget | None:
        """The Garmin target when a token file exists (``hipcoach auth garmin`` writes one)."""
        from hipcoach_garmin.store import is_own_store, token_file

        path = token_file(context)
        if not path.is_file():
            return None
        from hipcoach_garmin.target import GarminTarget

        return GarminTarget(path, own_store=is_own_store(context, path))

    def exporters(self) -> Sequence[type[Exporter]]:
        """``export garmin-json`` and ``export fit``."""
        from hipcoach_garmin.exporters import FitExporter, GarminJsonExporter

        return (GarminJsonExporter, FitExporter)

    def auth_command(self) -> click.Command:
        """``hipcoach auth garmin``."""
        from hipcoach_garmin.auth import command

        return command
