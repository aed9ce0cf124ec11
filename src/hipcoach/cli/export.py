"""``hipcoach export``: write the scheduled sessions as files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option
from hipcoach.cli.scheduling import build_plan, load_runs, schedule_options


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
    """Write the scheduled sessions as FORMAT: ics, json, fit or garmin-json (today on,
    14 days: what `sync` pushes).

    fit and garmin-json come from the Garmin integration: FIT workout files to copy to the
    watch's GARMIN/NewFiles folder, and the exact Garmin Connect workout payloads.
    """
    from hipcoach.exports.handover import available_exporters, hand_over, make_exporter
    from hipcoach.exports.ics import StateLedger

    exporters = available_exporters(app.registry)
    if format_name not in exporters:
        raise click.BadParameter(
            f"{format_name!r} is not one of: {', '.join(sorted(exporters))}",
            param_hint="'FORMAT'",
        )
    runs = load_runs(app, activities, offline=offline, start=start, days=days)
    plan = build_plan(app, runs, start, days, races)
    exporter = make_exporter(exporters[format_name], lambda: StateLedger(app.state))
    paths = hand_over(
        home=app.home,
        state=app.state,
        config=app.config,
        today=app.today(),
        plan=plan,
        out=out,
        option="--out",
        write=lambda: exporter.write(plan.sessions, out),
    )
    if as_json:
        app.emit_json(
            {
                "format": format_name,
                "files": [str(p) for p in paths],
                "sessions": len(plan.sessions),
            }
        )
        return
    app.say(f"Wrote {len(paths)} {format_name} file(s) for {len(plan.sessions)} sessions to {out}")
