"""``hipcoach checkin``: record knee pain."""

from __future__ import annotations

from datetime import date

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option


@click.command("checkin")
@click.option(
    "--pain",
    type=click.IntRange(0, 10),
    required=True,
    help="Knee pain, 0 (none) to 10 (worst), during or after exercise or running.",
)
@click.option("--date", "day", type=DATE, help="The day it refers to [today].")
@json_option
@pass_app
def command(app: App, pain: int, day: date | None, as_json: bool) -> None:
    """Record knee pain (0-10); it gates progression.

    Above 2/10 the programme holds its dose the next week; above 5/10 it steps back one level
    of volume. One check-in per day: a second one replaces the first.
    """
    from hipcoach.models import CheckIn
    from hipcoach.progression import PAIN_HOLD_ABOVE, PAIN_REGRESS_ABOVE, persistent_pain

    today = app.today()
    day = day or today
    if day > today:
        raise click.BadParameter(f"{day} is in the future", param_hint="'--date'")
    new = app.state.record_checkin(CheckIn(date=day, pain=pain))
    if pain > PAIN_REGRESS_ABOVE:
        effect = "next week steps back one level of volume"
    elif pain > PAIN_HOLD_ABOVE:
        effect = "next week holds its dose"
    else:
        effect = "progression continues"
    see_physio = persistent_pain(app.state.checkins(), today)
    if as_json:
        app.emit_json(
            {
                "date": day.isoformat(),
                "pain": pain,
                "replaced": not new,
                "effect": effect,
                "see_physio": see_physio,
            }
        )
        return
    verb = "Recorded" if new else "Updated"
    app.say(f"{verb} knee pain {pain}/10 for {day:%a %d %b %Y}: {effect}.")
    if see_physio:
        app.say("Your knee pain has stayed above 2/10 for two weeks: please see a physio.")
