"""``hipcoach unsync``: take everything hipcoach put on the workout targets off again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from hipcoach.cli.app import App, pass_app
from hipcoach.cli.params import json_option

if TYPE_CHECKING:
    from hipcoach.sync.unsync import UnsyncReport


@click.command("unsync")
@click.option("--dry-run", is_flag=True, help="List what would be removed; change nothing.")
@json_option
@pass_app
def command(app: App, dry_run: bool, as_json: bool) -> None:
    """On every workout target set up (Garmin Connect, ...): every calendar entry of
    hipcoach's from today on, and every workout hipcoach made that was never done. A
    workout is hipcoach's only when it carries hipcoach's marker and state.db recorded
    making it: your own workouts, look-alikes and copies included, are never touched, nor is
    a workout you did (its activity keeps its history). Run it again: it finds nothing left.
    The next `hipcoach sync` puts the plan back, so remove the nightly job first when you
    are leaving (README "Uninstalling").
    """
    from hipcoach.sync.unsync import unsync

    app.enable_file_log()
    report = unsync(
        home=app.home,
        state=app.state,
        config=app.config,
        registry=app.registry,
        context=app.plugin_context(),
        today=app.today(),
        dry_run=dry_run,
    )
    if as_json:
        app.emit_json(unsync_json(report))
    else:
        _print(app, report)
    for problem in _problems(report):
        (app.error if report.exit_code else app.warn)(problem)
    if report.exit_code:
        raise click.exceptions.Exit(report.exit_code)


def _problems(report: UnsyncReport) -> list[str]:
    return [f"{r.describe()}: {e}" for r, e in report.failures] + [str(e) for e in report.errors]


def unsync_json(report: UnsyncReport) -> dict[str, Any]:
    """The ``unsync --json`` document."""
    return {
        "dry_run": report.dry_run,
        "targets": report.targets,
        "removed": [
            {
                "target": r.target,
                "what": r.kind,
                "key": r.key,
                "date": r.date.isoformat(),
                "workout_id": r.workout_id,
                "schedule_id": r.schedule_id,
            }
            for r in report.removed
        ],
        "kept": [
            {"target": k.target, "key": k.key, "date": k.date.isoformat(), "reason": "done"}
            for k in report.kept
        ],
        "errors": _problems(report),
        "exit_code": report.exit_code,
    }


def _print(app: App, report: UnsyncReport) -> None:
    verb = "would remove" if report.dry_run else "removed"
    if not report.removed and not report.targets:
        app.out("No workout target is set up: nothing of hipcoach's to take off.")
        app.say(
            "Events imported from an exported calendar (ICS) stay in your calendar app until "
            "you delete them there."
        )
    elif not report.removed:
        app.out(
            f"Nothing of hipcoach's to remove on {', '.join(report.targets)}: no calendar entry "
            "or workout of its own left."
        )
    for removal in report.removed:
        app.out(f"{verb} {removal.describe()}")
    for kept in report.kept:
        app.say(f"kept workout of {kept.key} ({kept.target}): you did it")
    if report.removed and not report.dry_run:
        app.say(
            "The next `hipcoach sync` puts the plan back: remove the nightly job first if you "
            'are leaving (README "Uninstalling").'
        )
