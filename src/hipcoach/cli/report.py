"""``hipcoach report``: the plan as one self-contained HTML page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option
from hipcoach.cli.scheduling import hand_over_plan, plan_window, schedule_options

DEFAULT_OUT = Path("hipcoach-report.html")
#: the weeks of sessions done against planned the page charts
ADHERENCE_WEEKS = 8


def save_report(path: Path, html: str) -> Path:
    """Write the page; an OS refusal is one line (exit 73) naming the file."""
    from hipcoach.home import writing
    from hipcoach.report.output import write_page

    with writing(path, hint="choose a writable file with --out"):
        return write_page(path, html)


@click.command("report")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--open", "open_page", is_flag=True, help="Open it in your web browser.")
@schedule_options
@json_option
@pass_app
def command(
    app: App,
    out: Path,
    open_page: bool,
    activities: Path | None,
    start: date | None,
    days: int | None,
    races: tuple[date, ...],
    offline: bool,
    as_json: bool,
) -> None:
    """The days `schedule` shows, with the exercise drawings and charts.

    A calendar of your runs and hip sessions with the reason for each day, a drawing of
    every exercise with its dose and cues, and charts of your running (and of your knee-pain
    check-ins). The file holds everything it shows: it opens offline, from a USB stick too.
    """
    from hipcoach.report.output import report_html
    from hipcoach.state.sessions import adherence_log_for

    plan = plan_window(app, activities, offline=offline, start=start, days=days, races=races)
    today = app.today()
    checkins = app.state.checkins()
    done = adherence_log_for(app.state, today, ADHERENCE_WEEKS)
    weeks = [w for w in done.weeks if w.planned]
    html = report_html(plan, today=today, checkins=checkins, adherence=weeks)
    # A page to stick on the fridge hands the sessions over, like an export: tracked.
    path = hand_over_plan(app, plan, out, "--out", lambda: save_report(out, html))
    if as_json:
        app.emit_json({"file": str(path), "sessions": len(plan.sessions)})
    else:
        app.out(f"Report written to {path} ({len(plan.sessions)} sessions)")
    if open_page:
        import webbrowser

        if not webbrowser.open(path.resolve().as_uri()):
            app.warn(f"could not start a web browser: open {path} yourself")
