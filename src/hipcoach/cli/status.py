"""``hipcoach status``: last sync, next sessions, weekly mileage and adherence, credentials."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option

if TYPE_CHECKING:
    from hipcoach.state.remote import SyncRun

SHOWN_WEEKS = 4


@click.command("status")
@json_option
@pass_app
def command(app: App, as_json: bool) -> None:
    """Also the next races and the last four weeks' sessions done against planned. Reads
    only local state: no network.
    """
    from hipcoach.programme.progression import physio_advice
    from hipcoach.schedule.history import classify, monday, weekly_distance_km
    from hipcoach.schedule.races import upcoming_races
    from hipcoach.serialize import adherence_week_json, race_json, weekly_distance_json
    from hipcoach.state.remote import last_sync_run
    from hipcoach.state.sessions import adherence_log_for
    from hipcoach.sync.status import attention, target_notes, upcoming_sessions

    config = app.config
    state = app.state
    today = app.today()
    last = last_sync_run(state)
    upcoming = [
        {"key": u.key, "date": u.date.isoformat(), "on_target": u.on_target, "target": u.target}
        for u in upcoming_sessions(state, last, today)
    ]
    runs = classify(state.cached_runs(since=monday(today) - timedelta(weeks=SHOWN_WEEKS)), today)
    weeks = weekly_distance_km(runs, monday(today) - timedelta(weeks=SHOWN_WEEKS - 1), today)
    context = app.plugin_context()
    notes = attention(app.registry, context, last, exported=bool(upcoming))
    notes += target_notes(app.registry, context, state, today)
    done = adherence_log_for(state, today, SHOWN_WEEKS)
    payload: dict[str, Any] = {
        "last_sync": last.to_json() if last else None,
        "upcoming": upcoming,
        "races": [race_json(r) for r in upcoming_races(state, config.athlete.races, today)],
        "weeks": weekly_distance_json(weeks),
        "adherence": [adherence_week_json(w) for w in done.weeks],
        "attention": notes,
        "level": config.athlete.level,
        "physio": physio_advice(state.checkins(), today),
    }
    if as_json:
        app.emit_json(payload)
        return
    _print(app, last, payload)
    if any(w.planned for w in done.weeks):
        from hipcoach.cli.log import week_line

        app.out("Hip sessions done (of planned):")
        for week in done.weeks:
            app.out("  " + week_line(week))


def _print(app: App, last: SyncRun | None, payload: dict[str, Any]) -> None:
    from hipcoach.errors import ExitCode

    if last:
        counts = ", ".join(f"{n} {k}" for k, n in last.counts.items() if n) or "no change"
        result = "ok" if last.exit_code == ExitCode.OK else f"exit {last.exit_code}"
        app.out(f"Last sync: {last.finished_at[:16].replace('T', ' ')} UTC, {result}, {counts}")
    if payload["physio"]:
        app.out(payload["physio"])
    for note in payload["attention"]:
        app.out(f"Attention: {note}")
    upcoming = payload["upcoming"]
    if upcoming:
        on_watch = any(item["target"] for item in upcoming)
        app.out("Next sessions on your watch:" if on_watch else "Next sessions (exported):")
        for item in upcoming[:6]:
            flag = " (not on the calendar yet)" if on_watch and not item["on_target"] else ""
            app.out(f"  {item['date']}  {item['key']}{flag}")
    for race in payload["races"][:3]:
        app.out(f"Race: {race['date']}  {race['name'] or '(from config.toml)'}")
    app.out("Weekly running distance:")
    for week in payload["weeks"]:
        app.out(f"  week of {week['start']}: {week['distance_km']:.1f} km")
