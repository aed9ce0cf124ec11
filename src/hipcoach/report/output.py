"""Writing the page: atomically, so a failed write never leaves half a report behind."""

from __future__ import annotations

import os
import tempfile
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
    """Write ``html`` to ``path`` (parents created) via a temporary file and a rename.

    Raises ``OSError`` when the folder cannot be created or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
