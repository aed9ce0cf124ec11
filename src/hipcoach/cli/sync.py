"""``hipcoach sync``: the nightly job."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import DATE, json_option

if TYPE_CHECKING:
    from hipcoach.sync.job import SyncResult


@click.command("sync")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--days", type=click.IntRange(1, 60), help="Window from today [14].")
@click.option("--race", "races", type=DATE, multiple=True, help="A race date (repeatable).")
@json_option
@pass_app
def command(
    app: App, dry_run: bool, days: int | None, races: tuple[date, ...], as_json: bool
) -> None:
    """Pull new runs, re-plan, and make the watch's calendar match: idempotent, for cron.

    Creates what is missing, updates what changed, moves what moved, deletes what is no
    longer planned, for today … today+13. Past sessions are never touched; workouts without
    hipcoach's marker never are either. Exit codes: 0 done, 75 try again later, 77 sign in
    again, 78 fix the config.
    """
    from hipcoach.connect import resolve_source, resolve_target
    from hipcoach.errors import CredentialsError
    from hipcoach.state.remote import finish_sync_run, start_sync_run
    from hipcoach.sync.job import run_sync
    from hipcoach.sync.lock import sync_lock

    app.enable_file_log()
    config = app.config
    context = app.plugin_context()
    days = days or config.athlete.horizon_days
    app.home.ensure()
    with sync_lock(app.home.root):
        source = resolve_source(app.registry, context)
        target = resolve_target(app.registry, context)
        if target is None and not dry_run:
            raise CredentialsError(
                "no workout target is set up", hint="run `hipcoach auth garmin` first"
            )
        run_id = start_sync_run(app.state, dry_run)
        result = run_sync(
            config=config,
            state=app.state,
            source=source,
            target=target,
            today=app.today(),
            days=days,
            races=tuple(races),
            dry_run=dry_run,
        )
        report = sync_report(result, dry_run)
        finish_sync_run(app.state, run_id, result.exit_code, _summary(report))
    if as_json:
        app.emit_json(report)
    else:
        _print(app, result, report, dry_run)
    for problem in report["errors"]:
        app.warn(problem)
    if result.exit_code:
        raise click.exceptions.Exit(result.exit_code)


def sync_report(result: SyncResult, dry_run: bool) -> dict[str, Any]:
    """The ``sync --json`` document."""
    from hipcoach.serialize import scheduled_json
    from hipcoach.sync.engine import SyncOutcome

    outcome = result.outcome or SyncOutcome()
    if dry_run and not outcome.aborted:
        outcome = SyncOutcome(actions=result.actions, done=list(result.actions))
    errors = [f"{a.describe()}: {e}" for a, e in outcome.failures]
    if outcome.aborted:
        errors.append(f"stopped: {outcome.aborted}")
    if result.pull_error:
        errors.append(f"runs not updated: {result.pull_error}")
    plan = result.plan
    return {
        "dry_run": dry_run,
        "target": result.target_name,
        "from": plan.request.start.isoformat(),
        "to": plan.request.end.isoformat(),
        **outcome.report(),
        "planned": [a.describe() for a in result.actions],
        "errors": errors,
        "runs_pulled": result.pull.fetched if result.pull else None,
        "sessions": [scheduled_json(s) for s in plan.sessions],
        "exit_code": result.exit_code,
    }


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    counts = {k: len(report[k]) for k in ("created", "updated", "moved", "deleted", "repaired")}
    return {"counts": counts, "errors": report["errors"], "target": report["target"]}


def _print(app: App, result: SyncResult, report: dict[str, Any], dry_run: bool) -> None:
    counts = _summary(report)["counts"]
    changes = sum(counts.values())
    verb = "would change" if dry_run else "changed"
    where = result.target_name or "no target"
    plan = result.plan
    line = (
        f"sync {plan.request.start:%d %b}–{plan.request.end:%d %b} on {where}: "
        f"{len(plan.sessions)} sessions planned, {changes} {verb}"
    )
    if changes:
        line += " (" + ", ".join(f"{n} {k}" for k, n in counts.items() if n) + ")"
    app.say(line)
    for action in result.actions:
        app.say(f"  {'would ' if dry_run else ''}{action.describe()}")
    if dry_run and not result.target_name:
        app.say("  (no workout target set up: `hipcoach auth garmin`)")
    if dry_run:
        for item in plan.sessions:
            app.say(f"  {item.date:%a %d %b}  {item.session.key}  {item.reason}")
