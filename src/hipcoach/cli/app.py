"""The context object shared by every command: home, verbosity, config, state, plugins.

It is created before click parses a sub-command, so on every ``<command> --help`` too:
everything here is resolved lazily, on first use.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from hipcoach.errors import HipcoachError

if TYPE_CHECKING:
    from rich.console import Console

    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.interfaces import PluginContext
    from hipcoach.plugins import Registry
    from hipcoach.pull import PullResult
    from hipcoach.state import StateDB

log = logging.getLogger("hipcoach")


@dataclass
class App:
    """Lazily opened resources for one invocation."""

    home_option: str | None
    verbose: int
    quiet: int
    env: Mapping[str, str]
    _warned: set[str] = field(default_factory=set)
    #: the pulls this invocation made (``runs --json`` lists what they skipped)
    pulls: list[PullResult] = field(default_factory=list)

    @classmethod
    def create(
        cls, *, home_option: str | None, verbose: int, quiet: int, env: Mapping[str, str]
    ) -> App:
        app = cls(home_option, verbose, quiet, dict(env))
        configure_logging(verbose, quiet)
        return app

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
        if integrations.source or integrations.target or integrations.completions:
            from hipcoach.connect import check_integrations

            check_integrations(config, self.registry)
        return config

    @cached_property
    def state(self) -> StateDB:
        from hipcoach.state import open_state

        self.home.ensure()
        return open_state(self.home.state_db)

    @cached_property
    def registry(self) -> Registry:
        from hipcoach.plugins import discover

        registry = discover()
        for problem in registry.problems:
            self.warn(problem)
        return registry

    @cached_property
    def tz(self) -> tzinfo:
        return self.config.tz()

    def today(self) -> date:
        from hipcoach.timeutil import today

        return today(self.tz)

    def plugin_context(self) -> PluginContext:
        from hipcoach.interfaces import PluginContext

        return PluginContext(
            home=self.home,
            config=self.config,
            env=self.env,
            tz=self.tz,
            interactive=sys.stdin.isatty(),
        )

    def enable_file_log(self) -> None:
        """Log everything (libraries' tracebacks included, secrets masked) to the home's
        ``logs/hipcoach.log``, rotated; -v still mirrors hipcoach's own records to stderr."""
        from hipcoach.home import make_private_dir
        from hipcoach.logfile import OwnLogFile
        from hipcoach.redact import RedactingFilter

        root = logging.getLogger()
        if any(getattr(h, "_hipcoach_file", False) for h in root.handlers):
            return
        make_private_dir(self.home.logs_dir)
        handler = OwnLogFile(
            self.home.logs_dir / "hipcoach.log",
            maxBytes=1_000_000,
            backupCount=5,
            encoding="utf-8",
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter())
        handler.setLevel(logging.DEBUG)
        handler._hipcoach_file = True  # type: ignore[attr-defined]
        root.addHandler(handler)

    # -- output ----------------------------------------------------------------------------
    def emit_json(self, payload: Mapping[str, Any]) -> None:
        """The only thing a ``--json`` command prints on stdout."""
        import json

        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))

    def console(self) -> Console:
        from rich.console import Console

        return Console(highlight=False, soft_wrap=False)

    def say(self, message: str) -> None:
        """Human output on stdout, silenced by -q."""
        if not self.quiet:
            click.echo(message)

    def warn(self, message: str) -> None:
        """A warning on stderr, once per message."""
        if message not in self._warned and self.quiet < 2:
            self._warned.add(message)
            click.echo(f"hipcoach: warning: {message}", err=True)


class _OwnRecordsUnlessDebug(logging.Filter):
    """Libraries (garminconnect logs failures with full tracebacks) reach stderr only at -vv."""

    def __init__(self, verbose: int) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        return self.verbose >= 2 or record.name.split(".")[0].startswith("hipcoach")


def configure_logging(verbose: int, quiet: int) -> None:
    """-v shows info, -vv debug (libraries too), on stderr; default shows warnings only."""
    from hipcoach.redact import RedactingFilter

    level = logging.WARNING - 10 * verbose + 10 * quiet
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hipcoach", False) or getattr(handler, "_hipcoach_file", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_OwnRecordsUnlessDebug(verbose))
    handler.addFilter(RedactingFilter())
    handler.setLevel(max(logging.DEBUG, min(level, logging.CRITICAL)))
    handler._hipcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)


def report_error(ctx: click.Context, exc: HipcoachError) -> None:
    """One line on stderr: what is wrong and what to do."""
    from hipcoach.redact import redact

    click.echo(redact(f"hipcoach: error: {exc}"), err=True)
    log.debug("failure details", exc_info=exc)


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
    log.debug("internal error", exc_info=exc)


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
