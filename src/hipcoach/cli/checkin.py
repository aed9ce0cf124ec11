"""``hipcoach checkin``: record knee pain, or a week of missed sessions."""

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
@click.option(
    "--missed", is_flag=True, help="You missed this week's hip sessions (the week of --date)."
)
@click.option("--date", "day", type=DATE, help="The day it refers to [today].")
@json_option
@pass_app
def command(app: App, pain: int | None, missed: bool, day: date | None, as_json: bool) -> None:
    """Record knee pain (0-10), or a week of missed sessions; both gate progression.

    Above 2/10 the programme holds its dose the next week; above 5/10 it steps back one level
    of volume. One pain check-in per day: a second one replaces the first. A missed week
    holds the next week too.
    """
    from hipcoach.models import CheckIn
    from hipcoach.programme import monday_of
    from hipcoach.progression import persistent_pain

    if pain is None and not missed:
        raise click.UsageError("give --pain N (0-10), --missed, or both")
    today = app.today()
    day = day or today
    if day > today:
        raise click.BadParameter(f"{day} is in the future", param_hint="'--date'")
    payload: dict[str, Any] = {"date": day.isoformat()}
    lines = []
    if pain is not None:
        new = app.state.record_checkin(CheckIn(date=day, pain=pain))
        effect = pain_effect(pain)
        payload |= {"pain": pain, "replaced": not new, "effect": effect}
        lines.append(
            f"{'Recorded' if new else 'Updated'} knee pain {pain}/10 for {day:%a %d %b %Y}: "
            f"{effect}."
        )
    if missed:
        week = monday_of(day)
        app.state.record_missed_week(week)
        payload["missed_week"] = week.isoformat()
        lines.append(f"Noted: sessions missed in the week of {week:%d %b}; next week holds.")
    see_physio = persistent_pain(app.state.checkins(), today)
    payload["see_physio"] = see_physio
    if as_json:
        app.emit_json(payload)
        return
    for line in lines:
        app.say(line)
    if see_physio:
        app.say("Your knee pain has stayed above 2/10 for two weeks: please see a physio.")


def pain_effect(pain: int) -> str:
    """What a check-in of ``pain`` does to next week."""
    from hipcoach.progression import PAIN_HOLD_ABOVE, PAIN_REGRESS_ABOVE

    if pain > PAIN_REGRESS_ABOVE:
        return "next week steps back one level of volume"
    if pain > PAIN_HOLD_ABOVE:
        return "next week holds its dose"
    return "progression continues"
