"""Where the programme meets the athlete's data: start date, check-ins, gates."""

from __future__ import annotations

from datetime import date, timedelta

from hipcoach.config import Config
from hipcoach.models import Programme
from hipcoach.programme import ProgrammeSettings, generate, monday_of
from hipcoach.progression import GateRule, combine_rules, pain_rule
from hipcoach.state import StateDB

PROGRAMME_START_KEY = "programme_start"


def programme_start(config: Config, state: StateDB, today: date) -> date:
    """The programme's first Monday: config ``start_date``, else the one stored on first use."""
    if config.athlete.start_date:
        return monday_of(config.athlete.start_date)
    stored = state.get_meta(PROGRAMME_START_KEY)
    if stored:
        return date.fromisoformat(stored)
    start = monday_of(today)
    state.set_meta(PROGRAMME_START_KEY, start.isoformat())
    return start


def week_number(start: date, day: date) -> int:
    """The programme week holding ``day`` (1 for any day before the start)."""
    return max(1, (monday_of(day) - start).days // 7 + 1)


def programme_for_range(
    settings: ProgrammeSettings,
    start: date,
    first_day: date,
    last_day: date,
    extra_rules: tuple[GateRule, ...] = (),
    state: StateDB | None = None,
) -> Programme:
    """The programme weeks covering ``first_day`` … ``last_day``, gated by check-ins and rules."""
    rules: list[GateRule] = list(extra_rules)
    if state is not None:
        rules.append(pain_rule(state.checkins()))
    first = week_number(start, first_day)
    last = week_number(start, last_day)
    return generate(
        settings,
        start,
        first_week=first,
        weeks=last - first + 1,
        gate_for=combine_rules(rules),
    )


def upcoming_weeks(
    settings: ProgrammeSettings, start: date, today: date, weeks: int, state: StateDB
) -> Programme:
    """``weeks`` programme weeks from the current one."""
    return programme_for_range(
        settings, start, today, today + timedelta(weeks=weeks - 1), state=state
    )
