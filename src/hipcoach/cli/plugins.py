"""``hipcoach plugins``: installed integrations."""

from __future__ import annotations

from typing import Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option


@click.command("plugins")
@json_option
@pass_app
def command(app: App, as_json: bool) -> None:
    """Integrations register under the entry-point group ``hipcoach.integrations``. Built-ins win
    a name clash; a plugin that fails to load is listed as a problem, never a crash.
    """
    registry = app.registry
    rows: list[dict[str, Any]] = [
        {
            "name": p.name,
            "distribution": p.distribution,
            "version": p.version,
            "builtin": p.builtin,
            "summary": p.integration.summary,
            "provides": p.integration.capabilities(),
        }
        for p in registry.plugins.values()
    ]
    if as_json:
        app.emit_json({"plugins": rows, "problems": registry.problems})
        return
    if not rows:
        app.out("No integrations installed.")
    for row in rows:
        origin = "built-in" if row["builtin"] else f"{row['distribution']} {row['version']}"
        app.out(f"{row['name']:<10} {', '.join(row['provides']):<28} {origin}: {row['summary']}")
