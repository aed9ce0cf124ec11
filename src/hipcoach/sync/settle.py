"""The hard rules on what the target holds after a night whose changes partly failed.

A session whose change failed stays where it was on the calendar: a move that failed (a 5xx,
a dropped connection) leaves its entry on the old day, next to sessions that did move, where
it may break a hard rule (two days in a row, the day before a long run). Such an entry is
taken off the calendar for the night, and the next night puts the session where the plan has
it; one that breaks no rule where it stayed is left, so the runner keeps it.
:func:`placements` says where each planned session actually is, for ``sync --json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from hipcoach.models import ScheduledSession
from hipcoach.schedule.planner import SchedulePlan
from hipcoach.schedule.rules import date_violations
from hipcoach.state.remote import RemoteRecord, RemoteRecords
from hipcoach.sync.engine import SyncOutcome
from hipcoach.sync.reconcile import Action, ActionKind

#: failed actions that already tried to take the entry off (asking again would repeat it)
_REMOVING = frozenset({ActionKind.DELETE, ActionKind.STRAY, ActionKind.TAKE_BACK})


def placements(records: RemoteRecords, sessions: list[ScheduledSession]) -> dict[str, date | None]:
    """Session key → the day its entry is on the target (None: on no day)."""
    found = records.all()
    return {s.session.key: _on(found.get(s.session.key)) for s in sessions}


def _on(record: RemoteRecord | None) -> date | None:
    if record is None or record.deleting or record.schedule_id is None:
        return None
    return record.date


def take_offs(
    records: Mapping[str, RemoteRecord], plan: SchedulePlan, outcome: SyncOutcome
) -> list[Action]:
    """The entries to take off: those of sessions whose change failed, left on another day
    than the plan's, where they break a hard rule among the entries on the calendar."""
    request = plan.request
    desired = {s.session.key: s for s in plan.sessions}
    failed: dict[str, set[ActionKind]] = {}
    for action, _ in outcome.failures:
        failed.setdefault(action.key, set()).add(action.kind)
    on_calendar = {
        key: day
        for key, record in records.items()
        if (day := _on(record)) is not None and request.start <= day <= request.end
    }
    per_week = request.programme.sessions_per_week
    found = []
    for key, kinds in sorted(failed.items()):
        day, item, record = on_calendar.get(key), desired.get(key), records.get(key)
        if day is None or item is None or record is None or day == item.date or kinds & _REMOVING:
            continue
        others = [d for k, d in on_calendar.items() if k != key]
        if len(date_violations([*others, day], request, per_week)) > len(
            date_violations(others, request, per_week)
        ):
            found.append(
                Action(
                    kind=ActionKind.TAKE_OFF,
                    key=key,
                    date=day,
                    item=item,
                    workout_id=record.workout_id,
                    schedule_id=record.schedule_id,
                )
            )
            del on_calendar[key]
    return found
