"""``hipcoach paths``: where hipcoach keeps its files, and which of them exist."""

from __future__ import annotations

from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option


@click.command("paths")
@json_option
@pass_app
def command(app: App, as_json: bool) -> None:
    """The home (--home, else HIPCOACH_HOME, else your platform's config folder), its
    config.toml, state.db, tokens/ and logs/hipcoach.log, and the token files of the
    integrations (GARMINTOKENS or [garmin] tokenstore may keep Garmin's elsewhere). Creates
    nothing; deleting the home (and any token file listed outside it) removes every file
    hipcoach keeps.
    """
    from hipcoach.errors import HipcoachError

    kept: dict[str, Path] = dict(app.home.kept())
    try:
        context = app.plugin_context()
        for integration in app.registry:
            for name, path in integration.kept_files(context).items():
                kept[f"{integration.name} {name}"] = path
    except HipcoachError as exc:  # a broken config.toml: the home's paths still help
        app.warn(f"the integrations' files are not listed: {exc}")
    rows = {name: {"path": str(path), "exists": path.exists()} for name, path in kept.items()}
    if as_json:
        app.emit_json({"paths": rows})
        return
    width = max(len(name) for name in rows)
    for name, row in rows.items():
        app.out(f"{name:<{width}}  {row['path']}{'' if row['exists'] else '  (not there yet)'}")
