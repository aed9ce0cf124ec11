"""The gates: each TREK limit, the week's verdict (worst of the week before, silence after
pain), the pause and when it lasts, the see-a-physiotherapist line (a pause; two ISO weeks
running, not two days), adherence, a race taper, and how gates combine."""

from datetime import date, timedelta

import pytest

from hipcoach.models import CheckIn
from hipcoach.programme.progression import (
    Adherence,
    Gate,
    PainLog,
    combine,
    describe,
    pain_action,
    pain_effect,
    physio_advice,
    taper_rule,
)

MONDAY = date(2026, 11, 30)


def c(day: int, pain: int | None = None, month: int = 11, **kw) -> CheckIn:
    return CheckIn(date=date(2026, month, day), pain=pain, **kw)


@pytest.mark.parametrize(
    ("said", "action"),
    [
        (dict(pain=0), "progress"),
        (dict(pain=2, run_pain=2), "progress"),
        (dict(pain=3), "hold"),
        (dict(pain=5), "hold"),
        (dict(pain=6), "step_down"),
        (dict(pain=7), "pause"),
        (dict(pain=10), "pause"),
        (dict(run_pain=3), "hold"),
        (dict(run_pain=6), "hold"),  # running pain above 2 holds; only exercise pain steps down
        (dict(run_pain=7), "pause"),  # 7/10 or more, exercise or running, pauses
        (dict(pain=1, lingered=True), "hold"),
        (dict(pain=1, worse_next_morning=True), "hold"),
        (dict(worse_next_morning=True), "hold"),
    ],
)
def test_each_trek_limit(said, action):
    assert pain_action(CheckIn(date=MONDAY, **said)) == action


def test_a_check_in_says_something():
    with pytest.raises(ValueError, match="needs pain"):
        CheckIn(date=MONDAY)


def test_the_worst_check_in_of_the_week_before_decides_and_only_that_week():
    log = PainLog([c(22, 9), c(24, 2), c(26, 4), c(29, 1)])
    verdict = log.verdict(MONDAY)
    assert (verdict.action, verdict.last_week_ok) == ("hold", False)
    assert "knee pain 4/10 during the exercises on Thu 26 Nov" in (verdict.reason or "")
    assert log.verdict(MONDAY + timedelta(weeks=1)).action == "progress"  # last one was clear


def test_silence_after_pain_holds_until_a_clear_check_in():
    log = PainLog([c(25, 6)])
    assert log.verdict(MONDAY).action == "step_down"
    later = log.verdict(MONDAY + timedelta(weeks=3))
    assert (later.action, later.last_week_ok) == ("hold", False)
    assert "no check-in since knee pain 6/10" in (later.reason or "")
    cleared = PainLog([c(25, 6), c(2, 2, month=12)])
    assert cleared.verdict(MONDAY + timedelta(weeks=3)) == cleared.verdict(MONDAY + timedelta(9))
    assert cleared.verdict(MONDAY + timedelta(weeks=3)).action == "progress"


def test_a_pause_lasts_until_a_clear_check_in_then_to_the_end_of_that_week():
    log = PainLog([c(25, 8), c(2, 4, month=12), c(10, 1, month=12)])
    assert log.severe_in(date(2026, 11, 23)) == c(25, 8)
    assert log.unresolved_severe(MONDAY) == c(25, 8)
    assert log.unresolved_severe(date(2026, 12, 14)) is None
    assert log.paused_on(date(2026, 11, 25)) == c(25, 8)  # from the day it hurt
    assert log.paused_on(date(2026, 11, 24)) is None
    assert log.paused_on(date(2026, 12, 13)) == c(25, 8)  # cleared Thursday: lasts the week
    assert log.paused_on(date(2026, 12, 14)) is None


@pytest.mark.parametrize(
    ("checkins", "on", "advice"),
    [
        ([c(29, 7)], MONDAY, "knee pain 7/10 during the exercises on Sun 29 Nov"),
        ([c(24, run_pain=9)], MONDAY, "9/10 while running on Tue 24 Nov"),
        ([c(16, 9), c(23, 1)], MONDAY, None),  # 9/10, then cleared the week before
        ([c(16, 9), c(26, 4)], MONDAY, "knee pain 9/10"),  # not cleared: the pause lasts
        (
            [c(23, 3), c(30, 4)],
            MONDAY,
            "above the limits in two different weeks (3/10 on Mon 23 Nov, 4/10 on Mon 30 Nov)",
        ),
        ([c(29, 3), c(30, 4)], MONDAY, None),  # a Sunday and the next Monday: two days
        ([c(28, 3), c(30, 4)], MONDAY, None),  # a Saturday and the Monday: still two days
        ([c(29, 3), c(30, 4), c(7, 3, month=12)], date(2026, 12, 7), "two different weeks"),
        ([c(23, 3), c(27, 1), c(30, 4)], MONDAY, None),  # fine in between
        # A silent week between two of 4/10 does not break it (1 and 15 Dec) ...
        ([c(1, 4, month=12), c(15, 4, month=12)], date(2026, 12, 15), "4/10 on Tue 15 Dec"),
        # ... nor do 6 days across a week's end (Sat 12 and Fri 18 Dec) ...
        ([c(12, 4, month=12), c(18, 4, month=12)], date(2026, 12, 18), "4/10 on Sat 12 Dec"),
        # ... and every limit counts: pain that lingered, then a worse morning the next week.
        (
            [
                CheckIn(date=date(2026, 12, 2), pain=1, lingered=True),
                CheckIn(date=date(2026, 12, 9), pain=0, worse_next_morning=True),
            ],
            date(2026, 12, 9),
            "pain that lingered on Wed 02 Dec, a worse morning on Wed 09 Dec",
        ),
        # Running pain brings TREK's running modifications.
        ([c(23, run_pain=4), c(1, run_pain=3, month=12)], date(2026, 12, 1), "run-walk"),
        ([c(1, 4, month=12), c(8, 1, month=12), c(15, 4, month=12)], date(2026, 12, 15), None),
        ([c(18, 6)], MONDAY, None),  # one bad week
        ([c(27, 6)], MONDAY, None),  # steps down, but a single week
        ([], MONDAY, None),
    ],
)
def test_physio_advice_while_a_pause_lasts_or_two_iso_weeks(checkins, on, advice):
    found = physio_advice(checkins, on)
    if advice is None:
        assert found is None
    else:
        assert found is not None and advice in found
        paused = PainLog(checkins).paused_on(on) is not None
        # A pause stops what hurts; pain of 3/10 two weeks running trains on within the rules.
        assert found.startswith(
            "Stop what hurts, exercises or running, and see a physiotherapist"
            if paused
            else "See a physiotherapist; meanwhile stay within the pain rules (exercise pain "
            "5/10 or less"
        )
        assert ("Stop what hurts" in found) == paused


def test_what_a_check_in_does_in_the_runners_words():
    assert pain_effect(CheckIn(date=MONDAY, pain=1)) == "progression continues"
    assert "holds" in pain_effect(CheckIn(date=MONDAY, run_pain=3))
    assert "run-walk" not in pain_effect(CheckIn(date=MONDAY, pain=4, run_pain=2))
    assert "next session steps back" in pain_effect(CheckIn(date=MONDAY, pain=6))
    assert "one rung down, with less load" in pain_effect(CheckIn(date=MONDAY, pain=6))
    assert "rest of this week's sessions are cancelled" in pain_effect(CheckIn(date=MONDAY, pain=7))
    words = describe(
        CheckIn(date=MONDAY, pain=3, run_pain=4, lingered=True, worse_next_morning=True)
    )
    assert words == (
        "knee pain 3/10 during the exercises, 4/10 while running, pain that took over an hour "
        "to settle, a worse next morning on Mon 30 Nov"
    )


def test_combine_keeps_the_strictest_every_reason_and_any_verdict_on_last_week():
    gate = combine([Gate(), Gate("hold", "mileage jump", last_week_ok=False), Gate("regress", "p")])
    assert (gate.action, gate.reason, gate.last_week_ok) == ("regress", "mileage jump; p", False)
    assert combine([Gate(), Gate()]) == Gate()
    assert combine([Gate("hold", "taper")]).last_week_ok  # a taper does not judge last week


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


def test_taper_holds_the_ten_days_before_a_race_and_the_week_after_it():
    race = date(2026, 12, 13)
    rule = taper_rule([race])
    assert rule(date(2026, 11, 23)).action == "progress"
    assert rule(date(2026, 11, 30)).action == "hold"  # Thu 3 Dec is 10 days before
    gate = rule(date(2026, 12, 7))
    assert gate.action == "hold" and gate.last_week_ok
    # The week after the race holds too (recovery): what the taper banked does not fire two
    # days after the race.
    after = rule(date(2026, 12, 14))
    assert after.action == "hold" and "after your race" in (after.reason or "")
    assert rule(date(2026, 12, 21)).action == "progress"


def test_running_pain_brings_treks_running_modifications():
    """evidence.md §4: run-walk, 10-20 % slower, no downhills, split runs, running ≤ 2/10."""
    effect = pain_effect(CheckIn(date=MONDAY, run_pain=6))
    for words in ("run-walk", "10-20 % slower", "downhills", "split long runs", "2/10 or less"):
        assert words in effect
    verdict = PainLog([CheckIn(date=MONDAY, run_pain=5)]).verdict(MONDAY + timedelta(weeks=1))
    assert verdict.action == "hold" and "run-walk" in (verdict.reason or "")
    silence = PainLog([CheckIn(date=MONDAY, run_pain=5)]).verdict(MONDAY + timedelta(weeks=3))
    assert "run-walk" in (silence.reason or "")
    # 7/10 running pauses: stop and see a physio, no running tips in the pause's reason.
    severe = PainLog([CheckIn(date=MONDAY, run_pain=8)]).verdict(MONDAY + timedelta(weeks=1))
    assert severe.action == "pause" and "run-walk" not in (severe.reason or "")


def test_a_clear_check_in_says_what_it_ends_never_still_until_two():
    """After a pause, a step-down or a hold, a check-in of 1/10 says what it ends; the
    physio line of the rest of a paused week no longer asks for a check-in of 2/10 or less."""
    severe = CheckIn(date=date(2026, 12, 1), pain=8)
    clear = CheckIn(date=date(2026, 12, 9), pain=1)
    assert "the pause after knee pain 8/10" in pain_effect(clear, [severe, clear])
    line = physio_advice([severe, clear], date(2026, 12, 10))
    assert line and "ends the pause from next week" in line and "until a check-in" not in line
    assert physio_advice([severe, clear], date(2026, 12, 14)) is None
    stepped = CheckIn(date=date(2026, 12, 1), pain=6)
    assert "lighter dose ends" in pain_effect(clear, [stepped])
    held = CheckIn(date=date(2026, 12, 1), pain=4)
    assert "hold ends" in pain_effect(clear, [held])
    assert pain_effect(clear, []) == "progression continues"
