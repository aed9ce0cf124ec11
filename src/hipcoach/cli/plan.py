"""``hipcoach plan``: the programme, week by week."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import LEVEL, json_option

if TYPE_CHECKING:
    from hipcoach.models import Programme


@click.command("plan")
@click.option("--weeks", type=click.IntRange(1, 52), default=8, show_default=True)
@click.option("--level", type=LEVEL, help="gentle, standard or strong [config, else standard].")
@click.option(
    "--sessions-per-week", type=click.IntRange(1, 3), help="Sessions a week [config, else 3]."
)
@json_option
@pass_app
def command(
    app: App, weeks: int, level: str | None, sessions_per_week: int | None, as_json: bool
) -> None:
    """Each exercise moves up its ladder (harder variants, pauses, load) after two completed
    weeks; every 4th week is a deload. A pain check-in above 2/10 holds the next week, above
    5/10 steps every exercise down a rung. Each week says what it does and why.
    """
    from hipcoach import DISCLAIMER
    from hipcoach.programme.progression import physio_advice
    from hipcoach.schedule.planner import programme_from_state
    from hipcoach.serialize import week_json

    config = app.config
    settings = config.programme_settings(level=level, sessions_per_week=sessions_per_week)
    today = app.today()
    programme = programme_from_state(config, app.state, today=today, weeks=weeks, settings=settings)
    physio = physio_advice(app.state.checkins(), today)
    if as_json:
        app.emit_json(
            {
                "level": programme.level,
                "sessions_per_week": programme.sessions_per_week,
                "equipment": sorted(settings.equipment),
                "max_session_minutes": settings.max_session_minutes,
                "start": programme.start.isoformat(),
                "weeks": [week_json(w) for w in programme.weeks],
                "see_physio": physio is not None,
                "physio": physio,
                "disclaimer": DISCLAIMER,
            }
        )
        return
    _print_plan(app, programme, physio, sorted(settings.equipment))
    app.say(DISCLAIMER)


def _print_plan(app: App, programme: Programme, physio: str | None, equipment: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = app.console()
    console.print(
        f"[bold]hipcoach plan[/bold] · level {programme.level} · equipment "
        f"{', '.join(equipment) or 'none (bodyweight)'} · programme started "
        f"{programme.start:%a %d %b %Y}"
    )
    if physio:
        console.print(f"[bold red]{escape(physio)}[/bold red]")
    for week in programme.weeks:
        count = len(week.sessions)
        session = week.sessions[0]
        heading = (
            f"Week {week.week} · {week.iso_week} · from {week.start:%a %d %b} · {week.phase} · "
            f"{week.progression} · {count} session{'s' if count != 1 else ''} of about "
            f"{session.estimated_minutes()} min"
        )
        console.print(f"[bold]{heading}[/bold]")
        console.print(f"  {escape(week.why)}")
        if session.light_note:
            console.print(f"  light: {escape(session.light_note)}")
        table = Table(show_edge=False)
        for column in ("exercise", "rung", "load", "dose", "rest"):
            table.add_column(column)
        for p in session.prescriptions:
            table.add_row(
                escape(p.variant.name),
                f"{p.rung:+d}" if p.rung else "0",
                p.load,
                p.dose_text(),
                f"{p.rest_seconds} s",
            )
        console.print(table)
        console.print(f"  sessions: {', '.join(s.key for s in week.sessions)}\n")
