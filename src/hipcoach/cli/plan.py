"""``hipcoach plan``: the programme, week by week."""

from __future__ import annotations

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import LEVEL, json_option
from hipcoach.models import Programme


@click.command("plan")
@click.option("--weeks", type=click.IntRange(1, 52), default=8, show_default=True)
@click.option("--level", type=LEVEL, help="gentle, standard or strong [config, else standard].")
@click.option(
    "--sessions-per-week", type=click.IntRange(1, 5), help="Sessions a week [config, else 3]."
)
@json_option
@pass_app
def command(
    app: App, weeks: int, level: str | None, sessions_per_week: int | None, as_json: bool
) -> None:
    """The progressive hip-strength programme from the current week.

    Progression steps up about every two weeks, every 4th week is a deload, and a pain
    check-in above 2/10 holds progression (above 5/10 steps back). Each held week says why.
    """
    from hipcoach import DISCLAIMER
    from hipcoach.planner import programme_start, upcoming_weeks
    from hipcoach.progression import persistent_pain
    from hipcoach.serialize import week_json

    config = app.config
    settings = config.programme_settings(level=level, sessions_per_week=sessions_per_week)
    today = app.today()
    start = programme_start(config, app.state, today)
    programme = upcoming_weeks(config, settings, start, today, weeks, app.state)
    see_physio = persistent_pain(app.state.checkins(), today)
    if as_json:
        app.emit_json(
            {
                "level": programme.level,
                "sessions_per_week": programme.sessions_per_week,
                "start": programme.start.isoformat(),
                "weeks": [week_json(w) for w in programme.weeks],
                "see_physio": see_physio,
                "disclaimer": DISCLAIMER,
            }
        )
        return
    _print_plan(app, programme, see_physio)
    app.say(DISCLAIMER)


def _print_plan(app: App, programme: Programme, see_physio: bool) -> None:
    from rich.table import Table

    console = app.console()
    console.print(
        f"[bold]hipcoach plan[/bold] · level {programme.level} · "
        f"programme started {programme.start:%a %d %b %Y}"
    )
    if see_physio:
        console.print(
            "[bold red]Your knee pain has stayed above 2/10 for two weeks: "
            "please see a physio.[/bold red]"
        )
    for week in programme.weeks:
        count = len(week.sessions)
        heading = (
            f"Week {week.week} · {week.iso_week} · from {week.start:%a %d %b} · {week.phase} · "
            f"step {week.step} · {count} session{'s' if count != 1 else ''}"
        )
        console.print(f"[bold]{heading}[/bold]")
        table = Table(show_edge=False)
        table.add_column("exercise")
        table.add_column("dose")
        table.add_column("rest")
        for p in week.sessions[0].prescriptions:
            table.add_row(p.exercise.name, p.dose_text(), f"{p.rest_seconds} s")
        console.print(table)
        if week.held:
            console.print(f"  [yellow]held:[/yellow] {week.held}")
        console.print(f"  sessions: {', '.join(s.key for s in week.sessions)}\n")
