"""``hipcoach export``: write the scheduled sessions as files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option
from hipcoach.cli.scheduling import hand_over_plan, plan_window, schedule_options


@click.command("export")
@click.argument("format_name", metavar="FORMAT")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write into (created if needed).",
)
@schedule_options
@json_option
@pass_app
def command(
    app: App,
    format_name: str,
    out: Path,
    activities: Path | None,
    start: date | None,
    days: int | None,
    races: tuple[date, ...],
    offline: bool,
    as_json: bool,
) -> None:
    """FORMAT is ics, json, fit or garmin-json; the sessions are today's on, 14 days: what
    `sync` pushes.

    fit and garmin-json come from the Garmin integration: FIT workout files to copy to the
    watch's GARMIN/NewFiles folder, and the exact Garmin Connect workout payloads.
    """
    from hipcoach.exports.handover import available_exporters, calendar_window, make_exporter
    from hipcoach.exports.ics import StateLedger

    exporters = available_exporters(app.registry)
    if format_name not in exporters:
        raise click.BadParameter(
            f"{format_name!r} is not one of: {', '.join(sorted(exporters))}",
            param_hint="'FORMAT'",
        )
    plan = plan_window(app, activities, offline=offline, start=start, days=days, races=races)
    reminder = app.config.athlete.reminder_offset()
    exporter = make_exporter(
        exporters[format_name],
        lambda: StateLedger(app.state, reminder),
        physio=plan.physio,
        window=calendar_window(plan, app.today()),
    )
    paths = hand_over_plan(app, plan, out, "--out", lambda: exporter.write(plan.sessions, out))
    if as_json:
        app.emit_json(
            {
                "format": format_name,
                "files": [str(p) for p in paths],
                "sessions": len(plan.sessions),
                "physio": plan.physio,
            }
        )
        return
    app.out(f"Wrote {len(paths)} {format_name} file(s) for {len(plan.sessions)} sessions to {out}")
    if plan.physio:
        app.out(plan.physio)
