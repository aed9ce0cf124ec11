"""``hipcoach auth <integration>``: one-time interactive sign-in, provided by each plugin."""

from __future__ import annotations

import click

from hipcoach.cli import SuggestingGroup


class AuthGroup(SuggestingGroup):
    """Sub-commands come from the installed integrations' ``auth_command()``."""

    def _commands(self, ctx: click.Context) -> dict[str, click.Command]:
        app = ctx.find_root().obj
        commands: dict[str, click.Command] = {}
        for integration in app.registry:
            try:
                command = integration.auth_command()
            except Exception as exc:  # a plugin's fault is a warning, never a crash
                app.warn(f"plugin {integration.name!r} has no usable sign-in: {exc}")
                continue
            if command is not None:
                commands[integration.name] = command
        return commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self._commands(ctx))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._commands(ctx).get(cmd_name)


@click.group("auth", cls=AuthGroup)
def command() -> None:
    """Each integration adds its own sub-command, e.g. `hipcoach auth strava`."""
