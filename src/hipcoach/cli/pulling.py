"""Pulling runs from the configured source for a command: a progress bar on an interactive
terminal once a pull needs more than one page, and a warning naming skipped activities."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from hipcoach.cli.app import App

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from hipcoach.plugins.interfaces import ActivitySource
    from hipcoach.plugins.values import SkippedActivity
    from hipcoach.sync.pull import PullProgress, PullResult

#: skipped activities named on the warning line; --json lists them all
NAMED_ON_STDERR = 5


class PullBar:
    """Called after every stored page; shows a rich bar from the second page on (a
    one-page nightly pull stays silent). Rich is imported only then."""

    def __init__(self, console: Console | None = None) -> None:
        self._console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, progress: PullProgress) -> None:
        if self._progress is None and not progress.more:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=self._console or Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("pulling runs", total=None)
        assert self._task is not None
        self._progress.update(
            self._task, description=f"pulling runs: page {progress.pages}, {progress.runs} runs"
        )

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def pull_bar(app: App) -> Iterator[PullBar | None]:
    """A :class:`PullBar` on an interactive stderr (not with -q), else None."""
    if app.quiet or not sys.stderr.isatty():
        yield None
        return
    bar = PullBar()
    try:
        yield bar
    finally:
        bar.close()


def pull_into_cache(app: App, name: str, source: ActivitySource, since: date | None) -> PullResult:
    """Pull from ``source`` into the run cache, with the bar; warn about skipped activities."""
    from hipcoach.sync.pull import pull_runs

    with pull_bar(app) as bar:
        result = pull_runs(source, name, app.state, app.today(), since, on_page=bar)
    app.pulls.append(result)
    warn_skipped(app, name, result.untold)
    return result


def warn_skipped(app: App, source: str, skipped: Sequence[SkippedActivity]) -> None:
    """One warning line: how many activities were skipped, naming the first few, and what
    the runner can do about them (each piece of advice once)."""
    if not skipped:
        return
    named = "; ".join(str(s) for s in skipped[:NAMED_ON_STDERR])
    if len(skipped) > NAMED_ON_STDERR:
        named += f"; and {len(skipped) - NAMED_ON_STDERR} more"
    noun = "activity" if len(skipped) == 1 else "activities"
    advice = "".join(
        f". {a[0].upper()}{a[1:]}" for a in dict.fromkeys(s.advice for s in skipped) if a
    )
    app.warn(f"skipped {len(skipped)} unusable {source} {noun}: {named}{advice}")
