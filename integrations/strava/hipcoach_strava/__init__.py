"""hipcoach's Strava integration: runs and strength activities in, read through stravalib.

Registered under the ``hipcoach.integrations`` entry point ``strava``, like any third-party
plugin. Importing this package loads nothing heavy (no stravalib, no requests): the CLI
imports every plugin just to list them, and ``hipcoach --help`` must stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipcoach.plugins.interfaces import Integration

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from hipcoach.plugins.values import PluginContext
    from hipcoach_strava.done import StravaCompletions
    from hipcoach_strava.source import StravaSource

__all__ = ["StravaIntegration"]


class StravaIntegration(Integration):
    """Reads the athlete's runs (and strength activities) from Strava; ``hipcoach auth
    strava`` signs in."""

    name = "strava"
    summary = "runs and strength sessions from Strava (activity:read_all), nightly pulls"
    #: preferred over Garmin's activity list when both are set up: Strava has the runner's
    #: own long-run and race tags (``workout_type``)
    source_preference = 10

    def __init__(self) -> None:
        # One source per home: the runs and the completed sessions come from one read.
        self._sources: dict[object, StravaSource | None] = {}

    def activity_source(self, context: PluginContext) -> StravaSource | None:
        """The Strava source, or None without app credentials and a refresh token.

        Raises :class:`hipcoach.errors.CredentialsError` when a token file exists but is
        unusable, and :class:`hipcoach.errors.ConfigError` for a non-numeric client id.
        """
        key = context.home.root
        if key not in self._sources:
            from hipcoach_strava.source import load_source

            self._sources[key] = load_source(context)
        return self._sources[key]

    def completion_source(self, context: PluginContext) -> StravaCompletions | None:
        """Strength activities from Strava, when Strava is set up."""
        source = self.activity_source(context)
        if source is None:
            return None
        from hipcoach_strava.done import StravaCompletions

        return StravaCompletions(source)

    def kept_files(self, context: PluginContext) -> dict[str, Path]:
        """The token file (refresh token, and the app credentials typed at sign-in)."""
        from hipcoach_strava.tokens import token_path

        return {"tokens": token_path(context.home)}

    def auth_command(self) -> click.Command:
        """``hipcoach auth strava``."""
        from hipcoach_strava.auth import command

        return command
