"""``hipcoach exercises``: the catalog."""

from __future__ import annotations

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option


@click.command("exercises")
@json_option
@pass_app
def command(app: App, as_json: bool) -> None:
    """The article's five exercises come first, then evidence-based extras."""
    from hipcoach.programme import catalog
    from hipcoach.serialize import exercise_json

    exercises = catalog.all_exercises()
    if as_json:
        app.emit_json({"exercises": [exercise_json(e) for e in exercises]})
        return
    import textwrap

    for e in exercises:
        dose = f"{e.reps} reps" if e.reps else f"{e.seconds} s hold"
        if e.per_side:
            dose += " each side"
        garmin = f"{e.garmin.category} / {e.garmin.exercise_name or '(category only)'}"
        app.out(f"{e.name} [{e.key}] · {dose} · {e.equipment or 'no equipment'}")
        app.out(f"  Garmin: {garmin}")
        app.out(
            textwrap.fill(e.instructions, width=88, initial_indent="  ", subsequent_indent="  ")
        )
        app.out("")
