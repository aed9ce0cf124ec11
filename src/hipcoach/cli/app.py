"""The context object shared by every command: home, verbosity, config, state, plugins.

It is created before click parses a sub-command, so on every ``<command> --help`` too:
everything here is resolved lazily, on first use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import date, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from hipcoach.errors import HipcoachError

if TYPE_CHECKING:
    from rich.console import Console

    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.plugins.registry import Registry
    from hipcoach.plugins.values import PluginContext
    from hipcoach.state import StateDB
    from hipcoach.sync.pull import PullResult


class App:
    """Lazily opened resources for one invocation.

    A plain class, not a dataclass: it is built on every ``--help``, and the dataclasses
    module alone costs more than the rest of this file.
    """

    def __init__(
        self, home_option: str | None, verbose: int, quiet: int, env: Mapping[str, str]
    ) -> None:
        self.home_option = home_option
        self.verbose = verbose
        self.quiet = quiet
        self.env = env
        self._warned: set[str] = set()
        self._started = False
        #: the pulls this invocation made (``runs --json`` lists what they skipped)
        self.pulls: list[PullResult] = []

    @classmethod
    def create(
        cls, *, home_option: str | None, verbose: int, quiet: int, env: Mapping[str, str]
    ) -> App:
        return cls(home_option, verbose, quiet, dict(env))

    def start(self) -> None:
        """Set up logging before a command runs (not for its ``--help``, which stays fast);
        once per invocation."""
        if self._started:
            return
        from hipcoach.logs import configure_logging

        configure_logging(self.verbose, self.quiet)
        self._started = True

    # -- resources -------------------------------------------------------------------------
    @cached_property
    def home(self) -> Home:
        """``--home``, else ``HIPCOACH_HOME``, else the platform's config directory."""
        from hipcoach.home import resolve_home

        return resolve_home(self.home_option, self.env)

    @cached_property
    def config(self) -> Config:
        from hipcoach.config import load_config

        config = load_config(self.home.config_file)
        integrations = config.integrations
        if any(
            (integrations.source, integrations.target, integrations.completions, integrations.plan)
        ):
            from hipcoach.errors import ConfigError
            from hipcoach.plugins.choose import check_integrations

            try:
                check_integrations(config, self.registry)
            except ConfigError as exc:  # named like every other config error: by its file
                raise ConfigError(
                    f"{self.home.config_file}: {exc.message}", hint=exc.hint
                ) from None
        return config

    @cached_property
    def state(self) -> StateDB:
        from hipcoach.state import open_state

        self.home.ensure()
        return open_state(self.home.state_db)

    @cached_property
    def registry(self) -> Registry:
        from hipcoach.plugins.registry import discover

        registry = discover()
        for problem in registry.problems:
            self.warn(problem)
        if registry.failures:  # a broken plugin: its traceback at -vv and in the log
            import logging

            self.start()
            for message, exc in registry.failures:
                logging.getLogger("hipcoach.plugins").debug(message, exc_info=exc)
        return registry

    @cached_property
    def tz(self) -> tzinfo:
        return self.config.tz()

    def today(self) -> date:
        from hipcoach.timeutil import today

        return today(self.tz)

    def plugin_context(self) -> PluginContext:
        from hipcoach.cli.prompts import stdin_is_terminal
        from hipcoach.plugins.values import PluginContext

        return PluginContext(
            home=self.home,
            config=self.config,
            env=self.env,
            tz=self.tz,
            interactive=stdin_is_terminal(),
        )

    def enable_file_log(self) -> None:
        """Log everything (libraries' tracebacks included, secrets masked) to the home's
        ``logs/hipcoach.log``, rotated; -v still mirrors hipcoach's own records to stderr."""
        from hipcoach.logs import enable_file_log

        enable_file_log(self.home.logs_dir)

    # -- output ----------------------------------------------------------------------------
    def emit_json(self, payload: Mapping[str, Any]) -> None:
        """The only thing a ``--json`` command prints on stdout."""
        import json

        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))

    def console(self) -> Console:
        from rich.console import Console

        return Console(highlight=False, soft_wrap=False)

    def out(self, message: str) -> None:
        """A command's primary output on stdout (its table, list, the files it wrote): -q
        never hides it."""
        click.echo(message)

    def say(self, message: str) -> None:
        """A note, hint or progress line on stdout, silenced by -q."""
        if not self.quiet:
            click.echo(message)

    def ask(
        self,
        question: str,
        *,
        instead: str,
        what: str | None = None,
        hide_input: bool = False,
        type: click.ParamType | None = None,
        preamble: str | None = None,
        default: str | None = None,
    ) -> Any:
        """Ask the runner (see :func:`hipcoach.cli.prompts.ask`): plugins' sign-in commands
        reach the one prompt helper through the app, never by importing the CLI."""
        from hipcoach.cli.prompts import ask

        return ask(
            question,
            instead=instead,
            what=what,
            hide_input=hide_input,
            type=type,
            preamble=preamble,
            default=default,
        )

    def warn(self, message: str) -> None:
        """A warning on stderr, once per message."""
        if message not in self._warned and self.quiet < 2:
            self._warned.add(message)
            click.echo(f"hipcoach: warning: {message}", err=True)

    def error(self, message: str) -> None:
        """The one line saying why a command ends with a non-zero exit code, on stderr (never
        hidden by -q), for a command that reports its own failure instead of raising it."""
        from hipcoach.redact import redact

        click.echo(redact(f"hipcoach: error: {message}"), err=True)


def report_error(ctx: click.Context, exc: HipcoachError) -> None:
    """One line on stderr: what is wrong and what to do."""
    from hipcoach.redact import redact

    click.echo(redact(f"hipcoach: error: {exc}"), err=True)
    _debug_log("failure details", exc)


def report_bug(exc: BaseException) -> None:
    """An unexpected failure: one line, the traceback only at -vv (and in the log)."""
    from hipcoach.redact import redact

    click.echo(
        redact(
            f"hipcoach: internal error: {type(exc).__name__}: {exc} "
            "(run with -vv for details; please report it)"
        ),
        err=True,
    )
    _debug_log("internal error", exc)


def _debug_log(message: str, exc: BaseException) -> None:
    import logging

    logging.getLogger("hipcoach").debug(message, exc_info=exc)


def start_here() -> str:
    """Three lines for a machine where hipcoach has never run (no home yet)."""
    me = invoked_as()
    return (
        f"Start here: `{me} demo` (the whole flow on sample data, no account needed),\n"
        f"then `{me} auth garmin` (a Garmin watch) or `{me} auth intervals` (any watch);\n"
        f"`{me} paths` shows where hipcoach keeps its config, state, tokens and log."
    )


def invoked_as() -> str:
    """How to type hipcoach again: ``hipcoach`` when that is the one on ``PATH``, else the
    path it was started by (``.venv/bin/hipcoach`` right after the Quickstart)."""
    import shutil
    from pathlib import Path

    started = Path(sys.argv[0])
    if started.name != "hipcoach":
        return "hipcoach"  # python -m hipcoach, a test runner: nothing better to say
    found = shutil.which("hipcoach")
    if found and Path(found).resolve() == started.resolve():
        return "hipcoach"
    return str(sys.argv[0])


def pass_app[F: Callable[..., Any]](f: F) -> F:
    """Decorator: pass the :class:`App` as the first argument."""
    return click.pass_obj(f)  # type: ignore[return-value]
