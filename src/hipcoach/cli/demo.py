"""``hipcoach demo``: the whole flow offline on bundled sample data."""

from __future__ import annotations

from pathlib import Path

import click

from hipcoach.cli.app import App, invoked_as, pass_app


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("hipcoach-demo"),
    show_default=True,
    help="Where to write the calendar and workout files.",
)
@pass_app
def command(app: App, out: Path) -> None:
    """Ten weeks of a sample runner's Strava runs → programme → a 14-day schedule with reasons →
    weekly mileage → an ICS calendar, FIT workout files, Garmin workout payloads and an HTML
    report (report.html). Your own config and state are not read or touched.
    """
    from hipcoach import DISCLAIMER
    from hipcoach.cli.report import save_report
    from hipcoach.cli.scheduling import print_schedule, print_weekly_distance
    from hipcoach.config import Config
    from hipcoach.data.sample import SAMPLE, sample_activities, sample_runs
    from hipcoach.exports.handover import available_exporters, make_exporter
    from hipcoach.exports.ics import DEMO_ATHLETE_ID, CalendarLedger
    from hipcoach.home import writing
    from hipcoach.report.output import report_html
    from hipcoach.schedule.history import classify, monday
    from hipcoach.schedule.planner import plan_from_state
    from hipcoach.timeutil import system_zone, today

    config = Config()
    now = today(system_zone())
    runs = classify(sample_runs(now), now)
    app.say(
        f"hipcoach demo · a sample runner with {len(sample_activities())} Strava activities "
        f"({len(runs)} runs, the other sports ignored) over {len({monday(r.date) for r in runs})}"
        f" weeks (data: {SAMPLE})\n"
    )
    print_weekly_distance(app, runs, 10, now)
    # The one plan assembly on in-memory data: the demo never reads or writes your home.
    plan = plan_from_state(config, None, today=now, runs=runs)
    app.say("")
    print_schedule(app, plan)
    app.say("")
    written = []
    demo_calendar = CalendarLedger(DEMO_ATHLETE_ID)
    for name, exporter in sorted(available_exporters(app.registry).items()):
        target = out if name in ("ics", "json") else out / name
        with writing(target, hint="choose a writable folder with --out"):
            made = make_exporter(exporter, lambda: demo_calendar)
            written += made.write(plan.sessions, target)
        app.out(f"  {name:<12} → {target}")
    written.append(save_report(out / "report.html", report_html(plan, today=now)))
    app.out(f"  {'report':<12} → {written[-1]} (open it in a browser, or print it)")
    app.out(
        f"\nWrote {len(written)} files to {out}/ (the .ics imports into any calendar; "
        "copy fit/*.fit to the watch's GARMIN/NewFiles folder)."
    )
    me = invoked_as()
    app.say(
        f"Next: `{me} auth garmin` (your runs and the watch's calendar; `{me} auth strava` "
        f"too if your runs are on Strava), or `{me} auth intervals` for any other watch on "
        f"intervals.icu, then `{me} sync --dry-run`."
    )
    app.say(DISCLAIMER)
