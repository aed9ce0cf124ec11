from datetime import date, timedelta

import pytest

from hipcoach.models import CheckIn
from hipcoach.programme.progression import (
    Adherence,
    Gate,
    combine,
    pain_rule,
    physio_advice,
    taper_rule,
)

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("pain", "action"),
    [(0, "progress"), (2, "progress"), (3, "hold"), (5, "hold"), (6, "regress"), (10, "regress")],
)
def test_pain_thresholds(pain, action):
    gate = pain_rule([CheckIn(date=date(2026, 11, 26), pain=pain)])(MONDAY)
    assert gate.action == action
    assert gate.last_week_ok == (action == "progress")
    if action != "progress":
        assert f"{pain}/10 on Thu 26 Nov" in gate.reason
    if action == "regress":
        assert "every exercise steps down one rung" in gate.reason


def test_only_the_week_before_counts():
    rule = pain_rule([CheckIn(date=date(2026, 11, 22), pain=8), CheckIn(date=MONDAY, pain=9)])
    assert rule(MONDAY).action == "progress"


def test_worst_check_in_of_the_week_wins():
    rule = pain_rule(
        [CheckIn(date=date(2026, 11, 24), pain=7), CheckIn(date=date(2026, 11, 28), pain=1)]
    )
    assert rule(MONDAY).action == "regress"


def test_combine_keeps_the_strictest_every_reason_and_any_verdict_on_last_week():
    gate = combine([Gate(), Gate("hold", "mileage jump", last_week_ok=False), Gate("regress", "p")])
    assert (gate.action, gate.reason, gate.last_week_ok) == ("regress", "mileage jump; p", False)
    assert combine([Gate(), Gate()]) == Gate()
    assert combine([Gate("hold", "taper")]).last_week_ok  # a taper does not judge last week


@pytest.mark.parametrize(
    ("checkins", "advice"),
    [
        ([(29, 7)], "knee pain 7/10 on Sun 29 Nov"),
        ([(24, 10)], "knee pain 10/10 on Tue 24 Nov"),
        (
            [(18, 3), (27, 4)],
            "above 2/10 two weeks running (3/10 on Wed 18 Nov, 4/10 on Fri 27 Nov)",
        ),
        ([(18, 6)], None),  # one bad week, longer ago than the last seven days
        ([(18, 4), (27, 2)], None),  # settled
        ([(27, 6)], None),  # steps down, but a single week
        ([(20, 8), (27, 1)], "knee pain 8/10 on Fri 20 Nov"),  # last week's step-down says so
        ([(16, 9), (23, 1)], None),  # 9/10 two weeks ago, fine since
        ([], None),
    ],
)
def test_physio_advice_at_seven_or_two_weeks_above_two(checkins, advice):
    found = physio_advice([CheckIn(date=date(2026, 11, d), pain=p) for d, p in checkins], MONDAY)
    if advice is None:
        assert found is None
    else:
        assert found is not None and advice in found
        assert found.startswith("Stop the exercises that hurt and see a physiotherapist")


def test_adherence_counts_weeks_and_holds_after_short_ones():
    week = date(2026, 11, 23)
    adherence = Adherence({week: 1.5}).merged(Adherence.from_missed_weeks([week + timedelta(7)]))
    assert adherence.sessions_done(week) == 1.5
    assert not adherence.week_counts(week, planned=3, minimum=2)
    assert adherence.week_counts(week - timedelta(7), planned=3, minimum=2)  # no information
    assert not adherence.week_counts(week - timedelta(7), planned=1, minimum=2)
    assert adherence.gate(week + timedelta(7), 2).action == "hold"
    assert "sessions missed" in (adherence.gate(week + timedelta(14), 2).reason or "")
    assert adherence.gate(week, 2) == Gate()


def test_taper_holds_the_ten_days_before_a_race_without_judging_the_week_before():
    race = date(2026, 12, 13)
    rule = taper_rule([race])
    assert rule(date(2026, 11, 23)).action == "progress"
    assert rule(date(2026, 11, 30)).action == "hold"  # Thu 3 Dec is 10 days before
    gate = rule(date(2026, 12, 7))
    assert gate.action == "hold" and gate.last_week_ok
    assert rule(date(2026, 12, 14)).action == "progress"
