"""Writing the page: atomically, so a failed write never leaves half a report behind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipcoach.adherence.statuses import AdherenceWeek
    from hipcoach.models import CheckIn
    from hipcoach.schedule.planner import SchedulePlan


def report_html(
    plan: SchedulePlan,
    *,
    today: date,
    checkins: Sequence[CheckIn] = (),
    adherence: Sequence[AdherenceWeek] = (),
) -> str:
    """The page for a plan: the view model, rendered."""
    from hipcoach.report.render import render_report
    from hipcoach.report.view import build_report

    return render_report(build_report(plan, today=today, checkins=checkins, adherence=adherence))


def write_page(path: Path, html: str) -> Path:
    """Write ``html`` to ``path`` (parents created), atomically, only as a plain file
    (:func:`hipcoach.home.write_output`)."""
    from hipcoach.home import write_output

    return write_output(path, html.encode("utf-8"))
