"""The ``hipcoach`` command line.

The root group loads each command's module only when that command runs, so ``hipcoach
--help`` imports nothing heavy; expected failures (``HipcoachError``) become one line on
stderr and their documented exit code.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import sys
from typing import Any

import click

from hipcoach import __version__
from hipcoach.errors import HipcoachError

EX_SOFTWARE = 70

# name → (module under hipcoach.cli, one-line help). The one line lives here, so that listing
# the commands imports none of them, and only here: it opens each command's own --help too.
COMMANDS: dict[str, tuple[str, str]] = {
    "exercises": ("exercises", "The exercise catalog, with instructions and Garmin mapping."),
    "plan": ("plan", "The progressive hip-strength programme from the current week."),
    "checkin": ("checkin", "Record knee pain (0-10), or a session done or skipped."),
    "log": ("log", "What was done: each session's status, sets, pain, weekly adherence."),
    "plugins": ("plugins", "The installed integrations and what each provides."),
    "auth": ("auth", "One-time sign-in; tokens are saved (0600) for cron."),
    "schedule": ("schedule", "Place hip sessions around your runs (from today, 14 days)."),
    "export": ("export", "Write the scheduled sessions as ICS, JSON, FIT or Garmin JSON."),
    "report": ("report", "Write the plan as one HTML page to look at or print."),
    "runs": ("runs", "Your runs and weekly running distance, long runs marked."),
    "demo": ("demo", "The whole flow offline on sample data: no account needed."),
    "sync": ("sync", "The nightly job: pull runs, re-plan, update the watch's calendar."),
    "status": ("status", "Last sync, next sessions, weekly mileage, credentials."),
    "cron": ("cron", "Print a crontab line and systemd units for the nightly sync."),
    "unsync": ("unsync", "Take everything hipcoach put on your calendars off again."),
    "paths": ("paths", "Where hipcoach keeps its config, state, tokens and log."),
}


class SuggestingGroup(click.Group):
    """A group that answers a mistyped command with the nearest one (exit 2)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib  # only for a mistyped command: kept off every --help's start-up

            nearest = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            hint = f" Did you mean '{nearest[0]}'?" if nearest else ""
            ctx.fail(f"No such command '{name}'.{hint}")
        return super().resolve_command(ctx, args)


class LazyGroup(SuggestingGroup):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(f"hipcoach.cli.{entry[0]}")
        command: click.Command = module.command
        return _prepared(command, entry[1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HipcoachError as exc:
            from hipcoach.cli.app import report_error

            _start_logging(ctx)
            report_error(ctx, exc)
            ctx.exit(exc.exit_code)
        except click.Abort:
            # A prompt got no answer: its input ended (cron, a pipe) or Ctrl-C at a terminal.
            from hipcoach.cli.prompts import stdin_is_terminal

            if stdin_is_terminal():
                click.echo("hipcoach: interrupted", err=True)
                ctx.exit(130)
            click.echo(
                "hipcoach: error: a question got no answer (the input ended): run the command "
                "in a terminal, or give the answers as options or variables (see --help)",
                err=True,
            )
            ctx.exit(2)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except BrokenPipeError:
            # The reader went away (`hipcoach plan | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as exc:  # a bug: say so in one line, details at -vv and in the log
            from hipcoach.cli.app import report_bug

            _start_logging(ctx)
            report_bug(exc)
            ctx.exit(EX_SOFTWARE)


def _start_logging(ctx: click.Context) -> None:
    """Logging for a failure that came before any command ran (a plugin, a sub-command's
    lookup), so that -vv still shows its details."""
    app = ctx.find_root().obj
    if app is not None:
        app.start()


def _prepared(command: click.Command, summary: str) -> click.Command:
    """``command`` with its one-line help from the table opening its own ``--help``, set to
    start the app (logging) when it runs, not when it prints its help. Once per command."""
    callback = command.callback
    if getattr(command, "_hipcoach_prepared", False):
        return command
    command.short_help = summary
    details = inspect.cleandoc(command.help) if command.help else ""
    command.help = f"{summary}\n\n{details}" if details else summary
    if callback is not None:

        def run(*args: Any, **kwargs: Any) -> Any:
            click.get_current_context().find_root().obj.start()
            return callback(*args, **kwargs)

        command.callback = functools.update_wrapper(run, callback)
    command._hipcoach_prepared = True  # type: ignore[attr-defined]
    return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("-q", "--quiet", count=True, help="Less output.")
@click.option(
    "--home",
    envvar="HIPCOACH_HOME",
    help="Where config, state, tokens and logs live [env HIPCOACH_HOME].",
)
@click.version_option(__version__, prog_name="hipcoach")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: int, home: str | None) -> None:
    """hipcoach: hip-strength workouts for runners' knees, placed around your runs."""
    from hipcoach.cli.app import App

    ctx.obj = App.create(home_option=home, verbose=verbose, quiet=quiet, env=os.environ)
    if ctx.invoked_subcommand is None:
        # `hipcoach` alone: the help, and on a machine where it has never run, where to start.
        click.echo(ctx.get_help())
        if not quiet and not ctx.obj.home.root.exists():
            from hipcoach.cli.app import start_here

            click.echo("\n" + start_here())
        ctx.exit(0)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="hipcoach")
    except KeyboardInterrupt:
        click.echo("hipcoach: interrupted", err=True)
        sys.exit(130)
