"""What ``schedule``, ``export``, ``report``, ``runs`` and ``demo`` share: options, loading
runs (and the races of the calendars), output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App
from hipcoach.cli.params import DATE

if TYPE_CHECKING:
    from hipcoach.models import Run
    from hipcoach.schedule.planner import SchedulePlan


def schedule_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--activities``, ``--from``, ``--days``, ``--race``, ``--offline``."""
    options = [
        click.option(
            "--activities",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="A JSON list of Strava activity objects (GET /athlete/activities) to use "
            "instead of the configured source.",
        ),
        click.option("--from", "start", type=DATE, help="First day [today]."),
        click.option(
            "--days", type=click.IntRange(1, 60), help="How many days [horizon_days, 14]."
        ),
        click.option("--race", "races", type=DATE, multiple=True, help="A race date (repeatable)."),
        click.option(
            "--offline", is_flag=True, help="Use the cached runs; do not pull from the source."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def load_runs(
    app: App,
    activities: Path | None,
    *,
    offline: bool = False,
    since: date | None = None,
    start: date | None = None,
    days: int | None = None,
) -> list[Run]:
    """Runs from ``--activities``, else pulled from the configured source into the cache.

    Online, it also reads the races on the runner's calendars and the runner's running plan
    for the window (``start``, ``days``: default today, horizon_days), kept for the offline
    commands.
    """
    if activities is not None:
        from hipcoach.schedule.activities import load_activities_file

        return load_activities_file(activities)
    from hipcoach.plugins.choose import resolve_source

    resolved = None if offline else resolve_source(app.registry, app.plugin_context())
    if resolved is not None:
        _pull(app, *resolved, since=since)
    if not offline:
        refresh_calendars(app, start, days)
    runs = app.state.cached_runs()
    if resolved is None and not runs and not offline:
        app.warn(
            "no activity source is set up and no runs are cached, so no runs are known "
            "(run `hipcoach auth garmin`, `hipcoach auth intervals` or `hipcoach auth strava`, "
            "or pass --activities FILE)"
        )
    return runs


def refresh_calendars(app: App, start: date | None, days: int | None) -> None:
    """Read the races on the runner's calendars and their running plan(s) for the window
    into the state; one that cannot be read is a warning (what was read before still
    counts)."""
    from hipcoach.errors import IncompleteRead
    from hipcoach.plugins.choose import resolve_race_calendars, resolve_running_plans
    from hipcoach.schedule import races, running_plan

    context = app.plugin_context()
    calendars = resolve_race_calendars(app.registry, context)
    plans = resolve_running_plans(app.registry, context)
    if not (calendars or plans):
        return
    first = start or app.today()
    last = first + timedelta(days=(days or app.config.athlete.horizon_days) - 1)
    for name, error in races.refresh(calendars, app.state, first, last):
        app.warn(f"races on the {name} calendar not updated (using those read before): {error}")
    for name, error in running_plan.refresh(plans, app.state, first, last):
        if isinstance(error, IncompleteRead):
            app.warn(f"the {name} running plan read in part (the rest as read before): {error}")
        else:
            app.warn(f"the {name} running plan not updated (using the one read before): {error}")


def _pull(app: App, name: str, source: Any, since: date | None) -> None:
    import logging  # here, not at import: `schedule --help` stays light

    from hipcoach.cli.pulling import pull_into_cache

    result = pull_into_cache(app, name, source, since)
    logging.getLogger(__name__).info(
        "pulled %d runs from %s since %s (%d new, %d updated)",
        result.fetched,
        name,
        result.since,
        result.new,
        result.updated,
    )


def plan_window(
    app: App,
    activities: Path | None,
    *,
    offline: bool,
    start: date | None,
    days: int | None,
    races: Sequence[date],
) -> SchedulePlan:
    """The runs loaded (see :func:`load_runs`), then the core plan assembly on this home's
    state for the window (default: today, horizon_days)."""
    from hipcoach.schedule.planner import plan_from_state

    runs = load_runs(app, activities, offline=offline, start=start, days=days)
    return plan_from_state(
        app.config,
        app.state,
        today=app.today(),
        start=start,
        days=days,
        extra_races=races,
        runs=runs,
    )


def hand_over_plan[T](
    app: App, plan: SchedulePlan, out: Path, option: str, write: Callable[[], T]
) -> T:
    """The core hand-over (guard, ``write()``, record) on this home's state."""
    from hipcoach.exports.handover import hand_over

    return hand_over(
        home=app.home,
        state=app.state,
        config=app.config,
        today=app.today(),
        plan=plan,
        out=out,
        option=option,
        write=write,
    )


def print_schedule(app: App, plan: SchedulePlan) -> None:
    """Days with runs and sessions side by side, with the reasons."""
    from rich.table import Table

    request = plan.request
    keys = request.key_days()
    runs_by_day: dict[date, list[str]] = {}
    for run in plan.runs:
        runs_by_day.setdefault(run.date, []).append(f"{run.distance_km:.1f} km {run.kind}")
    for planned in plan.planned_runs:
        runs_by_day.setdefault(planned.date, []).append(f"planned: {planned.label()}")
    sessions = {s.date: s for s in plan.sessions}
    table = Table(
        title=(
            f"Hip sessions {request.start:%a %d %b} – {request.end:%a %d %b} "
            "(the week before, dimmed, for its runs)"
        ),
        title_justify="left",
    )
    for column in ("day", "running", "hip session", "why this day"):
        table.add_column(column, overflow="fold")
    day = request.start - timedelta(days=7)
    while day <= request.end:
        running = ", ".join(runs_by_day.get(day, []))
        key = keys.get(day)
        if key is not None and key.predicted:
            running = f"(expected {key.kind} run)"
        elif not running and day >= request.start and request.expects_usual_quality(day):
            running = "(expected quality run)"
        elif key is not None and key.kind == "race" and "race" not in running:
            running = (running + " RACE").strip()
        item = sessions.get(day)
        style = "dim" if day < request.start else None
        table.add_row(
            f"{day:%a %d %b}",
            running,
            f"{item.session.title} (~{item.session.estimated_minutes()} min)" if item else "",
            item.reason if item else "",
            style=style,
        )
        day += timedelta(days=1)
    console = app.console()
    if plan.physio:
        from rich.markup import escape

        console.print(f"[bold red]{escape(plan.physio)}[/bold red]")
    console.print(table)
    if plan.sessions:
        first = plan.sessions[0].session
        doses = "; ".join(f"{p.label()} {p.dose_text()}" for p in first.prescriptions)
        console.print(f"Next session ({first.key}): {doses}.")
        if first.tip is not None:
            console.print(f"This week's tip: {first.tip.title}. {first.tip.text}")
    else:
        console.print("No session fits this window under the scheduling rules.")


def print_weekly_distance(app: App, runs: Sequence[Any], weeks: int, today: date) -> None:
    """A bar per week: people would rather look than read."""
    from hipcoach.schedule.history import monday, weekly_distance_km

    first = monday(today) - timedelta(weeks=weeks - 1)
    totals = weekly_distance_km(runs, first, today)
    longest = max(totals.values(), default=0.0) or 1.0
    key_runs = {monday(r.date): r for r in runs if r.kind in ("long", "race")}
    app.out("Weekly running distance")
    for week, km in totals.items():
        bar = "█" * round(30 * km / longest)
        note = ""
        if week in key_runs:
            run = key_runs[week]
            label = "long run" if run.kind == "long" else "race"
            note = f"  {label} {run.distance_km:.0f} km {run.date:%a}"
        app.out(f"  {week:%d %b} {bar:<30} {km:5.1f} km{note}")
