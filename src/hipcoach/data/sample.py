"""The bundled sample runner for ``hipcoach demo``: ten weeks of Strava-shaped activities."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

from hipcoach.models import Run
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.schedule.history import monday

SAMPLE = "sample-activities.json"


def sample_activities() -> list[dict[str, Any]]:
    """The raw activity objects, as ``GET /athlete/activities`` returns them."""
    text = files("hipcoach.data").joinpath(SAMPLE).read_text(encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(text)
    return data


def sample_runs(today: date) -> list[Run]:
    """The sample runs, moved by whole weeks so the last sample week ended before ``today``.

    Whole weeks keep the runner's pattern (long runs on Sundays, a Saturday race) intact.
    """
    runs = runs_from_activities(sample_activities(), SAMPLE)
    last = max(r.date for r in runs)
    shift = monday(today) - timedelta(weeks=1) - monday(last)
    return [r.model_copy(update={"date": r.date + shift}) for r in runs]
