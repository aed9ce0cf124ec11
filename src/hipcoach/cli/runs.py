"""``hipcoach runs``: the runs and weekly running distance."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option
from hipcoach.cli.scheduling import load_runs, print_weekly_distance


@click.command("runs")
@click.option("--weeks", type=click.IntRange(1, 520), default=8, show_default=True)
@click.option(
    "--activities",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JSON list of Strava activity objects instead of the configured source.",
)
@click.option("--offline", is_flag=True, help="Show the cache; do not pull.")
@click.option("--since", type=DATE, help="Pull from this date (default: incremental).")
@json_option
@pass_app
def command(
    app: App,
    weeks: int,
    activities: Path | None,
    offline: bool,
    since: date | None,
    as_json: bool,
) -> None:
    """Pulled from the source and cached."""
    from hipcoach.schedule.history import classify, monday, weekly_distance_km
    from hipcoach.serialize import run_json

    today = app.today()
    runs = classify(load_runs(app, activities, offline=offline, since=since), today)
    if activities is not None and runs:
        today = runs[-1].date  # a file is a snapshot: show the weeks it covers
    first = monday(today) - timedelta(weeks=weeks - 1)
    shown = [r for r in runs if first <= r.date <= today]
    if as_json:
        from hipcoach.serialize import skipped_json, weekly_distance_json

        totals = weekly_distance_km(runs, first, today)
        app.emit_json(
            {
                "runs": [run_json(r) for r in shown],
                "weeks": weekly_distance_json(totals),
                "skipped": skipped_json([s for pull in app.pulls for s in pull.skipped]),
            }
        )
        return
    for run in shown:
        marker = {"long": " ◀ long run", "race": " ◀ race", "workout": " (workout)"}
        app.out(
            f"{run.date:%a %d %b %Y}  {run.distance_km:6.1f} km  "
            f"{run.moving_time_s // 60:4d} min  {run.name}{marker.get(run.kind, '')}"
        )
    app.out("")
    print_weekly_distance(app, runs, weeks, today)
