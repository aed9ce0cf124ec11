from datetime import date

import pytest

from hipcoach.models import CheckIn
from hipcoach.progression import Gate, combine, pain_rule, persistent_pain

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("pain", "action"),
    [(0, "progress"), (2, "progress"), (3, "hold"), (5, "hold"), (6, "regress"), (10, "regress")],
)
def test_pain_thresholds(pain, action):
    gate = pain_rule([CheckIn(date=date(2026, 11, 26), pain=pain)])(MONDAY)
    assert gate.action == action
    if action != "progress":
        assert f"{pain}/10 on Thu 26 Nov" in gate.reason


def test_only_the_week_before_counts():
    rule = pain_rule([CheckIn(date=date(2026, 11, 22), pain=8), CheckIn(date=MONDAY, pain=9)])
    assert rule(MONDAY).action == "progress"


def test_worst_check_in_of_the_week_wins():
    rule = pain_rule(
        [CheckIn(date=date(2026, 11, 24), pain=7), CheckIn(date=date(2026, 11, 28), pain=1)]
    )
    assert rule(MONDAY).action == "regress"


def test_combine_keeps_the_strictest_and_every_reason():
    gate = combine([Gate(), Gate("hold", "mileage jump"), Gate("regress", "pain")])
    assert gate.action == "regress"
    assert gate.reason == "mileage jump; pain"
    assert combine([Gate(), Gate()]) == Gate()


def test_persistent_pain_means_see_a_physio():
    today = date(2026, 11, 30)
    high = [CheckIn(date=date(2026, 11, d), pain=4) for d in (18, 25, 29)]
    assert persistent_pain(high, today)
    assert not persistent_pain([*high[:-1], CheckIn(date=date(2026, 11, 29), pain=1)], today)
    assert not persistent_pain(high[-1:], today)


def test_a_missed_week_holds_the_following_week_only():
    from hipcoach.progression import missed_week_rule

    rule = missed_week_rule([date(2026, 11, 23)])
    gate = rule(date(2026, 11, 30))
    assert gate.action == "hold" and "23 Nov" in gate.reason
    assert rule(date(2026, 11, 23)).action == "progress"
    assert rule(date(2026, 12, 7)).action == "progress"
