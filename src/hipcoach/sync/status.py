"""What ``hipcoach status`` tells: the sessions on the watch to come, and what needs the
runner's attention (local checks only: no request is made)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hipcoach.errors import ExitCode, HipcoachError
from hipcoach.plugins.registry import Registry
from hipcoach.plugins.values import PluginContext
from hipcoach.state import StateDB
from hipcoach.state.remote import RemoteRecords, SyncRun


@dataclass(frozen=True)
class Upcoming:
    """A session on the target from today on, and whether its calendar entry is there."""

    key: str
    date: date
    on_target: bool


def upcoming_sessions(state: StateDB, last: SyncRun | None, today: date) -> list[Upcoming]:
    """The sessions the last sync's target holds from ``today`` on."""
    if last is None or not last.target:
        return []
    return [
        Upcoming(r.session_key, r.date, r.schedule_id is not None)
        for r in RemoteRecords(state, last.target).all().values()
        if r.date >= today and not r.deleting
    ]


def attention(registry: Registry, context: PluginContext, last: SyncRun | None) -> list[str]:
    """Credentials or failures the runner must act on."""
    from hipcoach.plugins.choose import resolve_source, resolve_target

    notes = []
    for role, resolve, hint in (
        ("activity source", resolve_source, "`hipcoach auth garmin` (or `hipcoach auth strava`)"),
        ("workout target", resolve_target, "`hipcoach auth garmin`"),
    ):
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
    if last is None:
        notes.append("no sync yet: run `hipcoach sync --dry-run`, then `hipcoach sync`")
    return notes
