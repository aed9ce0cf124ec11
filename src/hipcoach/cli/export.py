"""``hipcoach export``: write the scheduled sessions as files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option
from hipcoach.cli.scheduling import build_plan, load_runs, schedule_options

if TYPE_CHECKING:
    from hipcoach.interfaces import Exporter

if TYPE_CHECKING:
    from hipcoach.exports.ics import CalendarLedger


def available_exporters(app: App) -> dict[str, type[Exporter]]:
    """Core exporters, then those of the installed integrations (core wins a clash)."""
    from hipcoach.exports import CORE_EXPORTERS

    exporters: dict[str, type[Exporter]] = {e.format: e for e in CORE_EXPORTERS}
    for integration in app.registry:
        for exporter in integration.exporters():
            exporters.setdefault(exporter.format, exporter)
    return exporters


def make_exporter(
    app: App, exporter: type[Exporter], ledger: CalendarLedger | None = None
) -> Exporter:
    """An exporter instance; the ICS one gets the calendar ledger (the home's by default)."""
    from hipcoach.exports.ics import IcsExporter, StateLedger

    if issubclass(exporter, IcsExporter):
        return exporter(ledger or StateLedger(app.state))
    return exporter()


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
    exporters = available_exporters(app)
    if format_name not in exporters:
        raise click.BadParameter(
            f"{format_name!r} is not one of: {', '.join(sorted(exporters))}",
            param_hint="'FORMAT'",
        )
    from hipcoach.planner import record_handover

    runs = load_runs(app, activities, offline=offline, start=start, days=days)
    plan = build_plan(app, runs, start, days, races)
    from hipcoach.home import writing

    app.home.guard_output(out, "--out")
    with writing(out, hint="choose a writable folder with --out"):
        paths = make_exporter(app, exporters[format_name]).write(plan.sessions, out)
    # The sessions have left hipcoach: the programme counts from today, adherence from them.
    record_handover(app.config, app.state, app.today(), plan)
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
