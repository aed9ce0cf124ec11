"""Report fixtures: a realistic plan on the bundled sample runner."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hipcoach.adherence.statuses import AdherenceWeek
from hipcoach.config import Config
from hipcoach.data.sample import sample_runs
from hipcoach.models import CheckIn
from hipcoach.schedule.history import classify, monday
from hipcoach.schedule.planner import SchedulePlan, plan_from_state

TODAY = date(2026, 3, 11)  # a Wednesday


def sample_plan(
    today: date = TODAY, races: tuple[date, ...] = (), start: date | None = None
) -> SchedulePlan:
    """The demo's plan: ten weeks of sample runs, the programme started this Monday."""
    runs = classify(sample_runs(today), today)
    return plan_from_state(
        Config(), None, today=today, start=start, days=14, runs=runs, extra_races=races
    )


@pytest.fixture
def plan() -> SchedulePlan:
    return sample_plan()


@pytest.fixture
def checkins() -> list[CheckIn]:
    return [
        CheckIn(date=TODAY - timedelta(days=20), pain=1),
        CheckIn(date=TODAY - timedelta(days=12), pain=3),
        CheckIn(date=TODAY - timedelta(days=5), pain=2),
    ]


@pytest.fixture
def adherence() -> list[AdherenceWeek]:
    return [
        AdherenceWeek(monday(TODAY) - timedelta(weeks=2), 3, 3.0, 2),
        AdherenceWeek(monday(TODAY) - timedelta(weeks=1), 3, 1.5, None),
    ]
