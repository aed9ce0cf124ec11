"""``hipcoach checkin``: record knee pain, a session done or skipped, or a missed week."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option

if TYPE_CHECKING:
    from hipcoach.adherence.statuses import Mark


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
    """Also a week of missed sessions; all of them gate progression.

    Above 2/10 the next week holds its rungs; above 5/10 every exercise steps down one rung
    (an easier variant). At 7/10 or more, or above 2/10 two weeks running, stop what hurts
    and see a physiotherapist. One pain check-in per day: a second one replaces the first.
    A week with fewer sessions done than [athlete] min_sessions_per_week holds the next week;
    what you say here wins over what the watch recorded.
    """
    from hipcoach.adherence.checkins import record_checkin

    if done and skipped:
        raise click.UsageError("give --done or --skipped, not both")
    mark: Mark | None = "done" if done else "skipped" if skipped else None
    if pain is None and mark is None and not missed:
        raise click.UsageError("give --pain N (0-10), --done, --skipped or --missed")
    today = app.today()
    day = day or today
    if day > today:
        raise click.BadParameter(f"{day} is in the future", param_hint="'--date'")
    outcome = record_checkin(app.state, day, today, pain=pain, mark=mark, missed=missed)
    payload: dict[str, Any] = {"date": day.isoformat()}
    lines = []
    if outcome.pain is not None:
        payload |= {"pain": pain, "replaced": outcome.replaced, "effect": outcome.effect}
        verb = "Updated" if outcome.replaced else "Recorded"
        lines.append(f"{verb} knee pain {pain}/10 for {day:%a %d %b %Y}: {outcome.effect}.")
    if outcome.session_key is not None:
        payload |= {"session": outcome.session_key, "status": mark}
        lines.append(f"Noted: session {outcome.session_key} of {day:%a %d %b} {mark}.")
    if outcome.missed_week is not None:
        week = outcome.missed_week
        payload["missed_week"] = week.isoformat()
        lines.append(f"Noted: sessions missed in the week of {week:%d %b}; next week holds.")
    physio = outcome.physio
    payload["see_physio"] = physio is not None
    payload["physio"] = physio
    if as_json:
        app.emit_json(payload)
        return
    for line in lines:
        app.out(line)
    if physio:
        app.out(physio)
