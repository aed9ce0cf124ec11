"""``hipcoach checkin``: record knee pain, a session done or skipped, or a missed week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option

if TYPE_CHECKING:
    from hipcoach.adherence.checkins import CheckinOutcome
    from hipcoach.adherence.statuses import Mark
    from hipcoach.models import CheckIn


@click.command("checkin")
@click.option(
    "--pain", type=click.IntRange(0, 10), help="Knee pain during the exercises, 0 (none) to 10."
)
@click.option("--run-pain", type=click.IntRange(0, 10), help="Knee pain while running, 0 to 10.")
@click.option("--lingered", is_flag=True, help="The pain took longer than 60 minutes to settle.")
@click.option(
    "--worse-next-morning",
    is_flag=True,
    help="The knee was worse the next morning: alone, this morning (recorded for yesterday); "
    "with other answers, give --date for the day before the morning.",
)
@click.option("--done", is_flag=True, help="You did the session planned on --date.")
@click.option("--skipped", is_flag=True, help="You skipped the session planned on --date.")
@click.option(
    "--missed", is_flag=True, help="You missed this week's hip sessions (the week of --date)."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Correct the day's pain check-in: replace it with this one (a lower number too).",
)
@click.option("--date", "day", type=DATE, help="The day it refers to [today].")
@json_option
@pass_app
def command(
    app: App,
    pain: int | None,
    run_pain: int | None,
    lingered: bool,
    worse_next_morning: bool,
    done: bool,
    skipped: bool,
    missed: bool,
    replace: bool,
    day: date | None,
    as_json: bool,
) -> None:
    """Also a week of missed sessions; all of them gate progression (the TREK pain rules).

    Progress only while exercise and running pain stay at 2/10 or less, settle within an
    hour and the next morning is no worse. Exercise pain 3-5, running pain above 2, pain
    that lingered or a worse morning hold the next week; exercise pain above 5 steps every
    exercise down a rung with less load; 7/10 or more (exercise or running) pauses: the rest
    of this week's sessions are cancelled, then only pain-free holds until a check-in of
    2/10 or less. After pain, no check-in is not "pain-free": the plan holds until you
    record one. A second check-in of the same day adds to the first and keeps the day's
    worst (a lower number later does not undo the pain); --replace corrects a mistake.
    """
    from hipcoach.adherence.checkins import record_checkin
    from hipcoach.models import CheckIn

    if done and skipped:
        raise click.UsageError("give --done or --skipped, not both")
    mark: Mark | None = "done" if done else "skipped" if skipped else None
    said = pain is not None or run_pain is not None or lingered or worse_next_morning
    if not said and mark is None and not missed:
        raise click.UsageError(
            "give --pain N or --run-pain N (0-10), --lingered, --worse-next-morning, --done, "
            "--skipped or --missed"
        )
    if replace and not said:
        raise click.UsageError(
            "--replace corrects the day's pain check-in: give --pain, --run-pain, --lingered "
            "or --worse-next-morning with it"
        )
    today = app.today()
    day = day or _default_day(today, pain, run_pain, lingered, worse_next_morning, mark, missed)
    if day > today:
        raise click.BadParameter(f"{day} is in the future", param_hint="'--date'")
    checkin = (
        CheckIn(
            date=day,
            pain=pain,
            run_pain=run_pain,
            lingered=lingered,
            worse_next_morning=worse_next_morning,
        )
        if said
        else None
    )
    outcome = record_checkin(
        app.state, day, today, pain=checkin, mark=mark, missed=missed, replace=replace
    )
    payload: dict[str, Any] = {"date": day.isoformat()}
    lines = []
    if outcome.checkin is not None:
        stored = outcome.checkin
        previous = outcome.previous
        payload |= {
            "pain": stored.pain,
            "run_pain": stored.run_pain,
            "lingered": stored.lingered,
            "worse_next_morning": stored.worse_next_morning,
            "replaced": outcome.replaced,
            "corrected": outcome.corrected,
            "previous": None if previous is None else _checkin_json(previous),
            "kept": list(outcome.kept),
            "withdrawn": list(outcome.withdrawn),
            "effect": outcome.effect,
        }
        lines.append(_checkin_line(outcome, stored))
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


def _default_day(
    today: date,
    pain: int | None,
    run_pain: int | None,
    lingered: bool,
    worse_next_morning: bool,
    mark: Mark | None,
    missed: bool,
) -> date:
    """The day a check-in without --date refers to: today, but a worse next morning said alone
    is this morning's, so yesterday's session (with today's answers it would be ambiguous)."""
    if not worse_next_morning:
        return today
    others = pain is not None or run_pain is not None or lingered or mark is not None or missed
    if others:
        raise click.UsageError(
            "--worse-next-morning is about the day before this morning, the other answers about "
            "today: give --date, or check in twice"
        )
    return today - timedelta(days=1)


def _checkin_json(checkin: CheckIn) -> dict[str, Any]:
    return checkin.model_dump(exclude={"date"})


def _checkin_line(outcome: CheckinOutcome, stored: CheckIn) -> str:
    """What was recorded, what a correction withdrew or what the day's worst kept, and what
    it does."""
    from hipcoach.programme.progression import describe, said

    previous = outcome.previous
    if outcome.corrected and previous is not None:
        what = f"Corrected {describe(stored)}: replaces {said(previous)}"
        withdrawn = list(outcome.withdrawn)
        if withdrawn:
            names = withdrawn[-1]
            if len(withdrawn) > 1:
                names = f"{', '.join(withdrawn[:-1])} and {names}"
            verb = "are" if len(withdrawn) > 1 else "is"
            what += f": {names} {verb} withdrawn"
            if "the pause" in withdrawn:
                what += " (the sessions it cancelled are back)"
        return f"{what}; {outcome.effect}."
    if outcome.kept:
        return (
            f"Updated {describe(stored)}: the day's worst stays ({' and '.join(outcome.kept)} "
            "later the same day does not lower it; `hipcoach checkin --replace ...` corrects a "
            f"mistake); {outcome.effect}."
        )
    verb = "Updated" if outcome.replaced else "Recorded"
    return f"{verb} {describe(stored)}: {outcome.effect}."
