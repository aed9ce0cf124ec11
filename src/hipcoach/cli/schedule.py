"""``hipcoach schedule``: place sessions around the runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option
from hipcoach.cli.scheduling import (
    hand_over_plan,
    plan_window,
    print_schedule,
    schedule_options,
)


@click.command("schedule")
@schedule_options
@click.option(
    "--ics", type=click.Path(dir_okay=False, path_type=Path), help="Also write an ICS file."
)
@json_option
@pass_app
def command(
    app: App,
    activities: Path | None,
    start: date | None,
    days: int | None,
    races: tuple[date, ...],
    offline: bool,
    ics: Path | None,
    as_json: bool,
) -> None:
    """Never the day before a long run or race nor the day after a race, never two days in a
    row, 2-3 a week (one light session in a race week, 3+ days before it); the day after a
    long run when it can. Sessions the day before a quality run or first after a race are
    light (one set fewer, or a third of the reps off where one set is left).
    """
    plan = plan_window(app, activities, offline=offline, start=start, days=days, races=races)
    if ics is not None:
        from hipcoach.exports.handover import calendar_window
        from hipcoach.exports.ics import StateLedger, write_calendar

        hand_over_plan(
            app,
            plan,
            ics,
            "--ics",
            lambda: write_calendar(
                plan.sessions,
                ics,
                StateLedger(app.state, app.config.athlete.reminder_offset()),
                window=calendar_window(plan, app.today()),
            ),
        )
    if as_json:
        from hipcoach.serialize import schedule_json

        app.emit_json(schedule_json(plan))
        return
    print_schedule(app, plan)
    if ics is not None:
        app.out(f"Calendar written to {ics}")
