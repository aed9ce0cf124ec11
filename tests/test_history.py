from datetime import date, timedelta

from hipcoach.models import Run
from hipcoach.schedule.activities import runs_from_activities
from hipcoach.schedule.history import (
    classify,
    key_days,
    mileage_jump_rule,
    predict_long_run_weekday,
    predict_workout_weekday,
    weekly_distance_km,
)
from tests.strava_shapes import activity, weekly_history

MONDAY = date(2026, 11, 16)


def run(day, km, minutes=None, kind="easy", ident=None):
    return Run(
        id=ident or f"{day}-{km}",
        date=day,
        distance_m=km * 1000,
        moving_time_s=int((minutes or km * 5.5) * 60),
        kind=kind,
    )


def kinds(runs):
    return {r.date: r.kind for r in classify(runs)}


def test_untagged_long_run_by_share_of_week():
    week = [
        run(MONDAY + timedelta(1), 6),
        run(MONDAY + timedelta(3), 7),
        run(MONDAY + timedelta(5), 16),
    ]
    assert kinds(week)[MONDAY + timedelta(5)] == "long"
    assert list(kinds(week).values()).count("long") == 1


def test_ninety_minutes_is_long_and_median_rule():
    even = [run(MONDAY + timedelta(d), 10) for d in range(5)]
    assert "long" not in kinds(even).values()
    longer = [*even[:4], run(MONDAY + timedelta(6), 10, minutes=95)]
    assert kinds(longer)[MONDAY + timedelta(6)] == "long"
    # Six runs: 20 % of the week, but 1.4 × the median of the others.
    six = [run(MONDAY + timedelta(d), 8) for d in range(5)] + [run(MONDAY + timedelta(6), 11.2)]
    assert kinds(six)[MONDAY + timedelta(6)] == "long"


def test_a_lone_short_run_is_not_long():
    assert kinds([run(MONDAY, 4)])[MONDAY] == "easy"
    assert kinds([run(MONDAY, 12, minutes=70)])[MONDAY] == "long"


def test_tagged_long_run_and_race_week():
    tagged = [run(MONDAY + timedelta(1), 20), run(MONDAY + timedelta(6), 15, kind="long")]
    assert kinds(tagged)[MONDAY + timedelta(1)] == "easy"
    race_week = [run(MONDAY + timedelta(1), 12), run(MONDAY + timedelta(5), 10, kind="race")]
    assert "long" not in kinds(race_week).values()


def test_predicts_the_usual_long_run_day_and_falls_back():
    sundays = classify(runs_from_activities(weekly_history(MONDAY, 6), "x"))
    assert predict_long_run_weekday(sundays, MONDAY + timedelta(weeks=1)) == (6, "history")
    saturdays = classify(
        runs_from_activities(weekly_history(MONDAY, 5, long_weekday=5, tag_long=False), "x")
    )
    assert predict_long_run_weekday(saturdays, MONDAY + timedelta(weeks=1)) == (5, "history")
    assert predict_long_run_weekday(saturdays, MONDAY, override=2) == (2, "config")
    assert predict_long_run_weekday([], MONDAY) == (6, "default")


def test_recent_weeks_outweigh_old_habits():
    old = weekly_history(MONDAY - timedelta(weeks=4), 4, long_weekday=6)
    new = [a | {"id": 1000 + i} for i, a in enumerate(weekly_history(MONDAY, 4, long_weekday=5))]
    runs = classify(runs_from_activities(old + new, "x"))
    assert predict_long_run_weekday(runs, MONDAY + timedelta(weeks=1))[0] == 5


def test_workout_day_needs_a_habit():
    acts = [
        activity(MONDAY - timedelta(weeks=w) + timedelta(3), 10, workout_type=3, ident=w)
        for w in range(4)
    ]
    assert predict_workout_weekday(runs_from_activities(acts, "x"), MONDAY + timedelta(7)) == 3
    assert predict_workout_weekday(runs_from_activities(acts[:2], "x"), MONDAY) is None


def test_key_days_predict_only_weeks_without_their_long_run():
    runs = [run(MONDAY + timedelta(5), 20, kind="long")]  # long run done on Saturday
    days = key_days(runs, [MONDAY + timedelta(weeks=2, days=6)], 6, MONDAY, MONDAY + timedelta(21))
    assert MONDAY + timedelta(6) not in days  # this week's long run already happened
    assert days[MONDAY + timedelta(13)].predicted  # next Sunday
    race = days[MONDAY + timedelta(20)]
    assert race.kind == "race" and not race.predicted


def test_weekly_distance_and_mileage_jump():
    runs = [run(MONDAY - timedelta(weeks=w), 30) for w in range(1, 5)] + [run(MONDAY, 45)]
    totals = weekly_distance_km(runs, MONDAY - timedelta(weeks=4), MONDAY + timedelta(6))
    assert list(totals.values()) == [30, 30, 30, 30, 45]
    rule = mileage_jump_rule(runs)
    gate = rule(MONDAY + timedelta(weeks=1))
    assert gate.action == "hold" and "jumped 50%" in gate.reason
    assert rule(MONDAY).action == "progress"
    assert mileage_jump_rule([])(MONDAY).action == "progress"
