"""``hipcoach log``: what was done, session by session and week by week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option

if TYPE_CHECKING:
    from hipcoach.adherence.statuses import AdherenceWeek, SessionStatus

STATUS_MARKS = {
    "done": "✓ done",
    "partial": "◐ partial",
    "skipped": "– skipped",
    "missed": "✗ missed",
    "planned": "· planned",
}


@click.command("log")
@click.option("--weeks", type=click.IntRange(1, 520), default=4, show_default=True)
@json_option
@pass_app
def command(app: App, weeks: int, as_json: bool) -> None:
    """Each session's status (done, partial, skipped, missed or planned), sets done against
    planned and where that came from; per week the sessions planned and done and the worst
    knee pain; then the sessions handed over for the weeks ahead (synced, or exported as
    files), planned. Reads only local state: the nightly sync brings in what the watch (or
    Strava) recorded, `hipcoach checkin --done/--skipped` what you say.
    """
    from hipcoach.serialize import adherence_week_json, status_json
    from hipcoach.state.sessions import adherence_log_for

    today = app.today()
    log = adherence_log_for(app.state, today, weeks, ahead=True)
    if as_json:
        app.emit_json(
            {
                "sessions": [status_json(s) for s in log.sessions],
                "weeks": [adherence_week_json(w) for w in log.weeks],
            }
        )
        return
    if not log.sessions:
        app.say(
            f"No session handed over in these {weeks} weeks: `hipcoach sync` (or `hipcoach "
            "export`) records them, and what you did is held against them."
        )
    for week in log.weeks:
        app.out(week_line(week, today))
        end = week.start + timedelta(days=7)
        for status in (s for s in log.sessions if week.start <= s.date < end):
            app.out("  " + session_line(status))


def week_line(week: AdherenceWeek, today: date | None = None) -> str:
    """'Week of Mon 23 Nov: 1.5 of 3 done, worst knee pain 4/10'; a week that has not begun
    by ``today``: 'Week of Mon 07 Dec: 3 planned'."""
    if today is not None and week.start > today:
        return f"Week of {week.start:%a %d %b}: {week.planned} planned"
    pain = f", worst knee pain {week.pain_max}/10" if week.pain_max is not None else ""
    return f"Week of {week.start:%a %d %b}: {week.done:g} of {week.planned} done{pain}"


def session_line(s: SessionStatus) -> str:
    """'Mon 23 Nov  2026-W48-1  ✓ done      10/10 sets (garmin)'."""
    if not s.planned_sets:  # handed over before hipcoach recorded sessions (an upgrade)
        sets = "sets not recorded"
    elif s.done_sets is not None:
        sets = f"{s.done_sets}/{s.planned_sets} sets"
    else:
        sets = f"{s.planned_sets} sets planned"
    source = f" ({s.source})" if s.source else ""
    caught = f", catch-up of {s.missed_on:%a %d %b}" if s.missed_on else ""
    return f"{s.date:%a %d %b}  {s.key:<11} {STATUS_MARKS[s.status]:<10} {sets}{source}{caught}"
