"""``hipcoach checkin``: record knee pain, a session done or skipped, or a missed week."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option


@click.command("checkin")
@click.option(
    "--pain",
    type=click.IntRange(0, 10),
    help="Knee pain, 0 (none) to 10 (worst), during or after exercise or running.",
)
@click.option("--done", is_flag=True, help="You did the session planned on --date.")
@click.option("--skipped", is_flag=True, help="You skipped the session planned on --date.")
@click.option(
    "--missed", is_flag=True, help="You missed this week's hip sessions (the week of --date)."
)
@click.option("--date", "day", type=DATE, help="The day it refers to [today].")
@json_option
@pass_app
def command(
    app: App,
    pain: int | None,
    done: bool,
    skipped: bool,
    missed: bool,
    day: date | None,
    as_json: bool,
) -> None:
    """Record knee pain (0-10), whether the session of a day was done or skipped, or a week
    of missed sessions; all of them gate progression.

    Above 2/10 the next week holds its rungs; above 5/10 every exercise steps down one rung
    (an easier variant). At 7/10 or more, or above 2/10 two weeks running, stop what hurts
    and see a physiotherapist. One pain check-in per day: a second one replaces the first.
    A week with fewer sessions done than [athlete] min_sessions_per_week holds the next week;
    what you say here wins over what the watch recorded.
    """
    from hipcoach.models import CheckIn
    from hipcoach.progression import pain_effect, physio_advice
    from hipcoach.state.adherence import record_mark, session_of
    from hipcoach.timeutil import monday

    if done and skipped:
        raise click.UsageError("give --done or --skipped, not both")
    mark = "done" if done else "skipped" if skipped else None
    if pain is None and mark is None and not missed:
        raise click.UsageError("give --pain N (0-10), --done, --skipped or --missed")
    today = app.today()
    day = day or today
    if day > today:
        raise click.BadParameter(f"{day} is in the future", param_hint="'--date'")
    payload: dict[str, Any] = {"date": day.isoformat()}
    lines = []
    # Check everything before writing anything: a refused mark must not leave a pain stored.
    session = session_of(app.state, day) if mark is not None else None
    if pain is not None:
        new = app.state.record_checkin(CheckIn(date=day, pain=pain))
        effect = pain_effect(pain)
        payload |= {"pain": pain, "replaced": not new, "effect": effect}
        lines.append(
            f"{'Recorded' if new else 'Updated'} knee pain {pain}/10 for {day:%a %d %b %Y}: "
            f"{effect}."
        )
    if session is not None:
        record_mark(app.state, session, "done" if done else "skipped")
        payload |= {"session": session.key, "status": mark}
        lines.append(f"Noted: session {session.key} of {day:%a %d %b} {mark}.")
    if missed:
        week = monday(day)
        app.state.record_missed_week(week)
        payload["missed_week"] = week.isoformat()
        lines.append(f"Noted: sessions missed in the week of {week:%d %b}; next week holds.")
    physio = physio_advice(app.state.checkins(), today)
    payload["see_physio"] = physio is not None
    payload["physio"] = physio
    if as_json:
        app.emit_json(payload)
        return
    for line in lines:
        app.say(line)
    if physio:
        app.say(physio)
