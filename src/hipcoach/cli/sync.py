"""``hipcoach sync``: the nightly job."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option

if TYPE_CHECKING:
    from hipcoach.sync.transaction import SyncReport


@click.command("sync")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--days", type=click.IntRange(1, 60), help="Window from today [horizon_days, 14].")
@click.option("--race", "races", type=DATE, multiple=True, help="A race date (repeatable).")
@json_option
@pass_app
def command(
    app: App, dry_run: bool, days: int | None, races: tuple[date, ...], as_json: bool
) -> None:
    """Idempotent, for cron: reads back the hip sessions done, then creates what is missing,
    updates what changed, moves what moved, deletes what is no longer planned, for today …
    today+13 (or horizon_days). Past sessions are never touched (a missed one's catch-up gets a new
    entry); workouts without hipcoach's marker never are either. Exit codes: 0 done, 73
    cannot write, 75 try again later, 77 sign in again, 78 fix the config.
    """
    from hipcoach.cli.pulling import pull_bar, warn_skipped
    from hipcoach.sync.transaction import sync_transaction

    app.enable_file_log()
    config = app.config
    with pull_bar(app) as bar:
        report = sync_transaction(
            home=app.home,
            state=app.state,
            config=config,
            registry=app.registry,
            context=app.plugin_context(),
            today=app.today(),
            days=days or config.athlete.horizon_days,
            races=tuple(races),
            dry_run=dry_run,
            on_pull_page=bar,
        )
    if as_json:
        app.emit_json(sync_json(report))
    else:
        _print(app, report)
    pull = report.result.pull
    if pull is not None:
        warn_skipped(app, pull.source, pull.untold)
    _warn(app, report)
    if report.exit_code:
        raise click.exceptions.Exit(report.exit_code)


def _warn(app: App, report: SyncReport) -> None:
    """One cause, one line: at default verbosity the problem behind the exit code (and how
    many more there are); every problem goes to the log file, and to stderr with -v."""
    import logging

    log = logging.getLogger(__name__)
    for problem in report.errors():
        log.info("sync problem: %s", problem)
    for note in report.notes():
        app.warn(note)
    headline = report.headline()
    if headline is not None:
        (app.error if report.exit_code else app.warn)(headline)


def sync_json(report: SyncReport) -> dict[str, Any]:
    """The ``sync --json`` document."""
    from hipcoach.serialize import scheduled_json, skipped_json

    result = report.result
    plan = result.plan
    return {
        "dry_run": report.dry_run,
        "target": result.target_name,
        "from": plan.request.start.isoformat(),
        "to": plan.request.end.isoformat(),
        **report.changes(),
        "planned": [a.describe() for a in result.actions],
        "errors": report.errors(),
        "runs_pulled": result.pull.fetched if result.pull else None,
        "completions_read": sum(d.listed for d in result.done) if result.done else None,
        "skipped": skipped_json(result.pull.skipped if result.pull else []),
        "sessions": [_placed(scheduled_json(s), result.placed) for s in plan.sessions],
        "physio": plan.physio,
        "exit_code": report.exit_code,
    }


def _placed(entry: dict[str, Any], placed: dict[str, date | None] | None) -> dict[str, Any]:
    """A session entry, with whether the target holds it on its day (``on_target``) and, when
    it does not, the day its entry is on (``target_date``, null: none)."""
    if placed is None:
        return entry
    day = placed.get(entry["key"])
    entry["on_target"] = day is not None and day.isoformat() == entry["date"]
    if not entry["on_target"]:
        entry["target_date"] = day.isoformat() if day else None
    return entry


def _print(app: App, report: SyncReport) -> None:
    counts = report.counts()
    changes = sum(counts.values())
    dry_run = report.dry_run
    verb = "would change" if dry_run else "changed"
    result = report.result
    where = result.target_name or "no target"
    plan = result.plan
    line = (
        f"sync {plan.request.start:%d %b}–{plan.request.end:%d %b} on {where}: "
        f"{len(plan.sessions)} sessions planned, {changes} {verb}"
    )
    if changes:
        line += " (" + ", ".join(f"{n} {k}" for k, n in counts.items() if n) + ")"
    (app.out if dry_run else app.say)(line)
    if plan.physio:
        app.out(plan.physio)  # a pause is never a good night: cron mails it
    # A dry run's list is what was asked for (-q keeps it); a real night's report is a note,
    # so that `sync -q` in cron prints nothing on a good night and cron mails only problems.
    show = app.out if dry_run else app.say
    for action in result.actions:
        show(f"  {'would ' if dry_run else ''}{action.describe()}")
    if dry_run and not result.target_name:
        app.out("  (no workout target set up: `hipcoach auth garmin` or `hipcoach auth intervals`)")
    if dry_run:
        for item in plan.sessions:
            show(f"  {item.date:%a %d %b}  {item.session.key}  {item.reason}")
