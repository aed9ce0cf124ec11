"""Handing sessions over as files: which exporters there are, and writing with them.

Writing files is a hand-over, like a sync: the output is checked not to be one of hipcoach's
own files, OS refusals become one line (exit 73), and the sessions written are recorded
(:func:`hipcoach.schedule.planner.record_handover`) so that adherence can hold the runner's
activities against them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hipcoach.home import Home, writing

if TYPE_CHECKING:
    from hipcoach.config import Config
    from hipcoach.exports.ics import CalendarLedger, Window
    from hipcoach.plugins.interfaces import Exporter, Integration
    from hipcoach.schedule.planner import SchedulePlan
    from hipcoach.state import StateDB


def available_exporters(integrations: Iterable[Integration]) -> dict[str, type[Exporter]]:
    """Core exporters, then those of the installed integrations (core wins a clash)."""
    from hipcoach.exports import CORE_EXPORTERS

    exporters: dict[str, type[Exporter]] = {e.format: e for e in CORE_EXPORTERS}
    for integration in integrations:
        for exporter in integration.exporters():
            exporters.setdefault(exporter.format, exporter)
    return exporters


def make_exporter(
    exporter: type[Exporter],
    ledger: Callable[[], CalendarLedger],
    physio: str | None = None,
    window: Window | None = None,
) -> Exporter:
    """An exporter instance; the ICS one gets the calendar ledger (made only for it) and the
    plan's window (what left the plan there is cancelled), the JSON one the
    see-a-physiotherapist line (its ``physio``)."""
    from hipcoach.exports.ics import IcsExporter
    from hipcoach.exports.jsonfile import JsonExporter

    if issubclass(exporter, IcsExporter):
        return exporter(ledger(), window)
    if issubclass(exporter, JsonExporter):
        return exporter(physio)
    return exporter()


def hand_over[T](
    *,
    home: Home,
    state: StateDB,
    config: Config,
    today: date,
    plan: SchedulePlan,
    out: Path,
    option: str,
    write: Callable[[], T],
) -> T:
    """``write()`` the plan's sessions to ``out`` (named by ``option``), then record them as
    handed over; nothing is recorded when the write fails."""
    from hipcoach.schedule.planner import record_handover

    home.guard_output(out, option)
    with writing(out, hint=f"choose a writable place with {option}"):
        result = write()
    record_handover(config, state, today, plan)
    return result


def calendar_window(plan: SchedulePlan, today: date) -> Window:
    """The days of ``plan`` from ``today`` on, and its sessions that are over: what an ICS
    export may cancel when the plan no longer holds a session written before."""
    from hipcoach.exports.ics import Window

    return Window(max(plan.request.start, today), plan.request.end, frozenset(plan.over))
