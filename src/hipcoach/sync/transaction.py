"""One ``hipcoach sync`` as a whole: the lock, the run log, the source and target, and a
typed report. The CLI only displays what :func:`sync_transaction` returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hipcoach.config import Config
from hipcoach.errors import CredentialsError, HipcoachError, IncompleteRead
from hipcoach.home import Home
from hipcoach.plugins.choose import (
    resolve_completion_sources,
    resolve_race_calendars,
    resolve_running_plans,
    resolve_source,
    resolve_target,
)
from hipcoach.plugins.registry import Registry
from hipcoach.plugins.values import PluginContext
from hipcoach.schedule.races import refresh as refresh_calendar_races
from hipcoach.schedule.running_plan import known_plans
from hipcoach.schedule.running_plan import refresh as refresh_running_plans
from hipcoach.state import StateDB
from hipcoach.state.remote import finish_sync_run, start_sync_run
from hipcoach.sync.engine import CHANGE_LISTS, SyncOutcome
from hipcoach.sync.job import SyncResult, run_sync
from hipcoach.sync.lock import sync_lock
from hipcoach.sync.pull import PullProgress

#: the change lists of a report, in the order they are shown


@dataclass(frozen=True)
class SyncReport:
    """What one sync did, or in a dry run would do."""

    result: SyncResult
    dry_run: bool
    #: calendars whose races could not be read (their stored races were used)
    race_errors: tuple[tuple[str, HipcoachError], ...] = ()
    #: running plans that could not be read (their stored planned runs were used)
    plan_errors: tuple[tuple[str, HipcoachError], ...] = ()
    #: running plans never read yet that could not be read: no session was placed
    unread_plans: tuple[str, ...] = ()

    @property
    def outcome(self) -> SyncOutcome:
        """The actions taken; in a dry run, the ones that would be (all as if done)."""
        outcome = self.result.outcome or SyncOutcome()
        if self.dry_run and not outcome.aborted:
            return SyncOutcome(actions=self.result.actions, done=list(self.result.actions))
        return outcome

    def changes(self) -> dict[str, list[dict[str, object]]]:
        """``created``/``updated``/``moved``/``deleted``/``repaired`` lists of ``{key, date}``."""
        return self.outcome.report()

    def counts(self) -> dict[str, int]:
        changes = self.changes()
        return {name: len(changes[name]) for name in CHANGE_LISTS}

    def errors(self) -> list[str]:
        """One line per problem: failed actions, a stop, runs or completed sessions that
        could not be read. One cause is one line: a Garmin-only runner's source, completions
        and target share the sign-in."""
        return [text for text, _ in self.problems()]

    def problems(self) -> list[tuple[str, int]]:
        """The :meth:`errors` lines with each one's exit code."""
        outcome = self.outcome
        found = [(f"{a.describe()}: {e}", e.exit_code) for a, e in outcome.failures]
        seen = set()
        if outcome.aborted:
            found.append((f"stopped: {outcome.aborted}", outcome.aborted.exit_code))
            seen.add(str(outcome.aborted))
        for what, error in (
            ("runs not updated", self.result.pull_error),
            *(
                (
                    f"completed sessions from {name} "
                    + ("read in part" if isinstance(e, IncompleteRead) else "not updated"),
                    e,
                )
                for name, e in self.result.done_errors
            ),
            *((f"races on the {name} calendar not updated", e) for name, e in self.race_errors),
            *((self._plan_problem(name, e), e) for name, e in self.plan_errors),
        ):
            if error is not None and str(error) not in seen:
                found.append((f"{what}: {error}", error.exit_code))
                seen.add(str(error))
        return found

    def _plan_problem(self, name: str, error: HipcoachError) -> str:
        if isinstance(error, IncompleteRead):
            return f"the {name} running plan read in part (the rest as read before)"
        if name in self.unread_plans:
            return (
                f"the {name} running plan could not be read yet, so no session was put on a "
                "new day (the next sync places them)"
            )
        return f"the {name} running plan not updated"

    def headline(self) -> str | None:
        """The one line a failed sync shows at default verbosity: the problem that set the
        exit code, and how many more there are (the log file and -v have them all)."""
        problems = self.problems()
        if not problems:
            return None
        worst = max(code for _, code in problems)
        line = next(text for text, code in problems if code == worst)
        more = len(problems) - 1
        if more:
            line += f" (and {more} more: logs/hipcoach.log, or -v, lists them)"
        return line

    @property
    def exit_code(self) -> int:
        stale = [*self.race_errors, *self.plan_errors]
        return max([self.result.exit_code, *(e.exit_code for _, e in stale)])


def sync_transaction(
    *,
    home: Home,
    state: StateDB,
    config: Config,
    registry: Registry,
    context: PluginContext,
    today: date,
    days: int,
    races: tuple[date, ...] = (),
    dry_run: bool = False,
    on_pull_page: Callable[[PullProgress], None] | None = None,
) -> SyncReport:
    """Take the lock, resolve the source and target, run the sync and log it.

    Raises CredentialsError (before anything is logged) when there is no workout target to
    sync to, except in a dry run, which shows the plan anyway.
    """
    home.ensure()
    with sync_lock(home.root):
        source = resolve_source(registry, context)
        target = resolve_target(registry, context)
        completions = resolve_completion_sources(registry, context)
        plans = resolve_running_plans(registry, context)
        if target is None and not dry_run:
            raise CredentialsError(
                "no workout target is set up",
                hint="run `hipcoach auth garmin` or `hipcoach auth intervals` first",
            )
        run_id = start_sync_run(state, dry_run)
        # First, so that the plan has them; the target's calendar reads share these pages.
        calendars = resolve_race_calendars(registry, context)
        end = today + timedelta(days=days - 1)
        race_errors = refresh_calendar_races(calendars, state, today, end)
        plan_errors = refresh_running_plans(plans, state, today, end)
        # A plan never read, and unreadable tonight: any day could be the day before its long
        # run, so nothing is placed on a new day until it is read.
        known = known_plans(state)
        unread = tuple(
            name
            for name, error in plan_errors
            if name not in known and not isinstance(error, IncompleteRead)
        )
        result = run_sync(
            config=config,
            state=state,
            source=source,
            target=target,
            completions=completions,
            today=today,
            days=days,
            races=races,
            dry_run=dry_run,
            on_pull_page=on_pull_page,
            hold_placing=bool(unread),
        )
        report = SyncReport(result, dry_run, tuple(race_errors), tuple(plan_errors), unread)
        finish_sync_run(
            state,
            run_id,
            report.exit_code,
            target=result.target_name,
            counts=report.counts(),
            errors=report.errors(),
        )
    return report
