"""What ``hipcoach status`` tells: the sessions to come (on the watch, or handed over as
files), and what needs the runner's attention (local checks only: no request is made)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hipcoach.errors import ExitCode, HipcoachError
from hipcoach.plugins.registry import Registry
from hipcoach.plugins.values import PluginContext
from hipcoach.state import StateDB
from hipcoach.state.remote import RemoteRecords, SyncRun


@dataclass(frozen=True)
class Upcoming:
    """A session handed over for today or later, and where it went."""

    key: str
    date: date
    #: whether its calendar entry is on the target
    on_target: bool
    #: the last sync's workout target; None when there is none (exported as files)
    target: str | None = None


def upcoming_sessions(state: StateDB, last: SyncRun | None, today: date) -> list[Upcoming]:
    """The sessions handed over from ``today`` on that are still to do: those the last sync's
    target holds, and those exported (``export``, ``schedule --ics``, ``report``) or not on
    it yet. One already done, partly done or skipped (today's, or one done ahead) is not."""
    from hipcoach.state.sessions import planned_sessions, session_statuses

    target = last.target if last is not None and last.target else None
    records = RemoteRecords(state, target).all() if target else {}
    found = {
        r.session_key: Upcoming(r.session_key, r.date, r.schedule_id is not None, target)
        for r in records.values()
        if r.date >= today and not r.deleting
    }
    for session in planned_sessions(state, since=today):
        found.setdefault(session.key, Upcoming(session.key, session.date, False, target))
    over = {s.key for s in session_statuses(state, today) if s.over}
    return sorted((u for u in found.values() if u.key not in over), key=lambda u: (u.date, u.key))


def attention(
    registry: Registry,
    context: PluginContext,
    last: SyncRun | None,
    *,
    exported: bool = False,
) -> list[str]:
    """Credentials or failures the runner must act on. A runner who hands sessions over as
    files (``exported``, no sync yet) is not told to set up a workout target or to sync."""
    from hipcoach.plugins.choose import resolve_source, resolve_target

    files_only = exported and last is None
    roles: list[tuple[str, Callable[[Registry, PluginContext], object], str]] = [
        (
            "activity source",
            resolve_source,
            "`hipcoach auth garmin` (or `hipcoach auth strava`, `hipcoach auth intervals`)",
        )
    ]
    if not files_only:
        roles.append(
            (
                "workout target",
                resolve_target,
                "`hipcoach auth garmin` (or `hipcoach auth intervals`)",
            )
        )
    notes = []
    for role, resolve, hint in roles:
        try:
            missing = resolve(registry, context) is None
        except HipcoachError as exc:
            notes.append(str(exc))
            continue
        if missing:
            notes.append(f"no {role} is set up: run {hint}")
    if last and last.exit_code == ExitCode.NOPERM:
        notes.extend(e for e in last.errors if "auth" in e)
        if not notes:
            notes.append("the last sync needed new credentials: run `hipcoach auth garmin`")
    if last and last.exit_code == ExitCode.TEMPFAIL:
        notes.append("the last sync hit a temporary failure; the next run retries")
    if last is None and not files_only:
        notes.append("no sync yet: run `hipcoach sync --dry-run`, then `hipcoach sync`")
    return notes
