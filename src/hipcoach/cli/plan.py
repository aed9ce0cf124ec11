"""``hipcoach plan``: the programme, week by week."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import LEVEL, json_option

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hipcoach.models import Programme, ProgrammeWeek, Session

#: What each exercise trains, in a word for the table.
FOCUS_WORDS = {
    "hip_abduction": "abduction",
    "hip_external_rotation": "rotation",
    "hip_extension": "extension",
    "knee": "knee",
    "trunk": "trunk",
}


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
    weeks; every 4th week is a deload; from week 3 every week trains the knee and hip
    rotation too. Check-ins gate it: above 2/10 (or running pain, pain over an hour, a worse
    morning) holds, above 5/10 steps down, 7/10 or more pauses. Each week says what it does
    and why, with a tip.
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
    app.out(DISCLAIMER)  # part of the plan, never hidden by -q


def _print_plan(app: App, programme: Programme, physio: str | None, equipment: list[str]) -> None:
    from rich.markup import escape

    console = app.console()
    console.print(
        f"[bold]hipcoach plan[/bold] · level {programme.level} · equipment "
        f"{', '.join(equipment) or 'none (bodyweight)'} · week 1 from "
        f"{programme.start:%a %d %b %Y}"
    )
    if physio:
        console.print(f"[bold red]{escape(physio)}[/bold red]")
    for week in programme.weeks:
        count = len(week.sessions)
        label = f"Week {week.week}{' (head start)' if week.lead_in else ''}"
        heading = (
            f"{label} · {week.iso_week} · from {week.start:%a %d %b} · {week.phase} · "
            f"{_label(week)} · {count} session{'s' if count != 1 else ''}"
        )
        console.print(f"[bold]{heading}[/bold]")
        console.print(f"  {escape(week.why)}")
        if week.cancelled_from is not None:
            console.print(
                f"  [bold]sessions from {week.cancelled_from:%a %d %b} on are cancelled "
                "(pause)[/bold]"
            )
        _print_sessions(app, week.sessions)
        if week.stepped_down_from is not None and week.stepped_down:
            console.print(
                f"  [bold]sessions from {week.stepped_down_from:%a %d %b} on step down "
                "(after pain):[/bold]"
            )
            _print_sessions(app, week.stepped_down)
        elif week.stepped_down_from is not None:
            console.print(
                f"  [bold]no session left this week after the pain of "
                f"{week.stepped_down_from:%a %d %b}: the step-down starts next week[/bold]"
            )
        if week.tip is not None:
            console.print(
                f"  Tip: [bold]{escape(week.tip.title)}[/bold]. {escape(week.tip.text)} "
                f"[dim](source: {escape(week.tip.source)})[/dim]"
            )
        console.print()


def _label(week: ProgrammeWeek) -> str:
    """The week's decision in a word: a hold no gate called for consolidates the rungs."""
    if week.progression == "hold" and week.why.startswith("consolidating"):
        return "hold (consolidating)"
    return week.progression


def _print_sessions(app: App, sessions: Sequence[Session]) -> None:
    from rich.markup import escape

    console = app.console()
    shown: set[tuple[str, ...]] = set()
    for session in sessions:
        exercises = tuple(p.key for p in session.prescriptions)
        if exercises in shown:
            continue
        shown.add(exercises)
        same = [s.key for s in sessions if tuple(p.key for p in s.prescriptions) == exercises]
        rests = sorted({p.rest_seconds for p in session.prescriptions})
        console.print(
            f"  {escape(session.title)} ({', '.join(same)}): about "
            f"{session.estimated_minutes()} min with a {session.warmup_minutes}-min warm-up"
            f" and {'/'.join(str(r) for r in rests)}-s rests"
            + (f"; light: {escape(session.light_note)}" if session.light_note else "")
        )
        for p in session.prescriptions:
            pace = f", {p.tempo_s} s a rep" if p.tempo_s else " (hold)"
            trains = ", ".join(FOCUS_WORDS[f] for f in p.exercise.focus)
            console.print(f"    {p.rung:+d}  {escape(p.label())}: {p.dose_text()}{pace} · {trains}")
