"""A session missed earlier in the week is re-placed once on the first day left in the week
that every hard rule allows; other sessions are placed around it; else it is dropped."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.adherence.catchups import CatchUp
from hipcoach.config import AthleteConfig, Config
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.schedule.planner import plan_schedule
from hipcoach.schedule.rules import hard_rule_violations
from hipcoach.schedule.scheduler import FixedSession
from tests.strava_shapes import weekly_history

MONDAY = date(2026, 11, 23)
NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def plan(start, *, fixed=(), catch_ups=(), **athlete):  # type: ignore[no-untyped-def]
    config = Config(athlete=AthleteConfig(**athlete))
    acts = weekly_history(MONDAY - timedelta(weeks=1), 6)  # Sunday long runs
    return plan_schedule(
        config,
        config.programme_settings(),
        runs=runs_from_activities(acts, "test"),
        checkins=[],
        first_day=MONDAY - timedelta(weeks=2),
        start=start,
        days=14,
        fixed=fixed,
        catch_ups=catch_ups,
    )


def test_a_missed_monday_comes_back_on_the_first_day_left_that_the_rules_allow() -> None:
    wednesday = MONDAY + timedelta(days=2)
    missed = FixedSession(MONDAY, "2026-W48-1")
    result = plan(wednesday, fixed=[missed], catch_ups=[CatchUp("2026-W48-1", MONDAY)])
    caught = [s for s in result.sessions if s.session.key == "2026-W48-1"]
    assert len(caught) == 1
    (item,) = caught
    assert item.date == wednesday
    assert item.reason.startswith("catch-up for the session missed on Mon 23 Nov")
    assert item.missed_on == MONDAY
    # The rest of the week is placed around it, within the week's sessions.
    week = [s for s in result.sessions if s.date <= MONDAY + timedelta(days=6)]
    assert len({s.session.key for s in week}) == len(week) <= 3
    assert wednesday + timedelta(days=1) not in {s.date for s in week}


def test_no_day_left_drops_it() -> None:
    saturday = MONDAY + timedelta(days=5)  # the day before the Sunday long run
    result = plan(
        saturday,
        fixed=[FixedSession(MONDAY, "2026-W48-1")],
        catch_ups=[CatchUp("2026-W48-1", MONDAY)],
    )
    assert "2026-W48-1" not in {s.session.key for s in result.sessions}
    assert all(s.date > MONDAY + timedelta(days=6) for s in result.sessions)


def test_a_blocked_day_is_skipped_for_the_next_one() -> None:
    wednesday = MONDAY + timedelta(days=2)
    result = plan(
        wednesday,
        fixed=[FixedSession(MONDAY, "2026-W48-1")],
        catch_ups=[CatchUp("2026-W48-1", MONDAY)],
        blocked_weekdays=["wednesday"],
    )
    (item,) = [s for s in result.sessions if s.session.key == "2026-W48-1"]
    assert item.date == MONDAY + timedelta(days=3)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    today=st.integers(1, 6),
    kept=st.lists(st.booleans(), min_size=3, max_size=3),
    days=st.lists(st.integers(0, 5), min_size=1, max_size=3, unique=True),
    blocked=st.lists(st.integers(0, 6), max_size=3, unique=True),
)
def test_catch_ups_keep_every_hard_rule(
    today: int, kept: list[bool], days: list[int], blocked: list[int]
) -> None:
    """Sessions placed earlier this week, each done (kept) or missed (to catch up)."""
    start = MONDAY + timedelta(days=today)
    placed = [
        FixedSession(MONDAY + timedelta(days=d), f"2026-W48-{i + 1}")
        for i, d in enumerate(sorted(d for d in days if d < today))
    ]
    done = [f for f, k in zip(placed, kept, strict=False) if k]
    catch_ups = [CatchUp(f.key, f.date) for f in placed if f not in done]
    result = plan(
        start, fixed=placed, catch_ups=catch_ups, blocked_weekdays=[NAMES[d] for d in blocked]
    )
    assert hard_rule_violations(result.sessions, result.request, 3) == []
    keys = [s.session.key for s in result.sessions]
    assert len(keys) == len(set(keys)) and not {f.key for f in done} & set(keys)
    this_week = [s for s in result.sessions if s.date <= MONDAY + timedelta(days=6)]
    assert len(this_week) + len(done) <= 3
    for item in result.sessions:
        assert item.date - timedelta(days=1) not in {f.date for f in done}
        if item.missed_on is not None:
            assert item.missed_on < item.date <= MONDAY + timedelta(days=6)
            assert item.reason.startswith("catch-up for the session missed on")
