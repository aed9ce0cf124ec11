"""The programme generator: ladders, sets, deloads, maintenance, the time cap, light sessions
and one test per gate (pain, a missed week, a mileage jump, a race taper, a short first
week)."""

from datetime import date, timedelta

import pytest

from hipcoach.models import CheckIn, Run
from hipcoach.programme.dose import fit_to_cap, reduce_all
from hipcoach.programme.generator import ProgrammeSettings, generate, lighten, session_key
from hipcoach.programme.progression import Adherence, Gate, pain_rule, taper_rule
from hipcoach.schedule.history import mileage_jump_rule
from hipcoach.timeutil import monday

START = date(2026, 11, 23)  # a Monday
ALL = frozenset({"band", "ankle_weight", "step", "dumbbell"})


def rungs(week):
    return {p.key: p.rung for p in week.sessions[0].prescriptions}


def first(week):
    return week.sessions[0]


def test_standard_week_one_is_the_article():
    week = generate(ProgrammeSettings(), START, weeks=1).weeks[0]
    session = first(week)
    assert [(p.key, p.variant.name, p.sets, p.reps, p.rung) for p in session.prescriptions] == [
        ("side_leg_raise", "Side leg raise", 2, 20, 0),
        ("bird_dog", "Bird dog", 2, 20, 0),
        ("hip_hike", "Hip hike", 2, 20, 0),
        ("single_leg_bridge", "Single-leg bridge", 2, 15, 0),
        ("donkey_kick", "Donkey kick", 2, 15, 0),
    ]
    assert all(p.per_side and p.load == "bodyweight" for p in session.prescriptions)
    assert (week.progression, session.light, len(week.sessions)) == ("start", False, 3)
    # 2 sets × (20+20+20 reps × 3 s + 15 × 4 s + 15 × 3 s) × 2 sides + 10 rests + warm-up.
    assert session.estimated_seconds() == 2 * (360 + 120 + 90) + 10 * 30 + 240 == 1680
    assert session.estimated_minutes() == 28


@pytest.mark.parametrize("level", ["gentle", "standard", "strong"])
def test_a_rung_every_two_completed_weeks_and_a_deload_every_fourth(level):
    weeks = generate(ProgrammeSettings(level=level), START, weeks=8).weeks
    assert [w.progression for w in weeks] == [
        "start",
        "hold",
        "progress",
        "deload",
        "progress",
        "hold",
        "progress",
        "deload",
    ]
    assert [w.step for w in weeks] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert all(r == 3 for r in rungs(weeks[6]).values())
    for deload in (weeks[3], weeks[7]):
        before = weeks[deload.week - 2]
        assert rungs(deload) == rungs(before)
        assert first(deload).total_sets() < first(before).total_sets()
        assert "one set fewer" in deload.why


def test_rungs_trade_reps_for_difficulty_and_never_pile_on_volume():
    weeks = generate(ProgrammeSettings(), START, weeks=8).weeks
    builds = [first(w) for w in weeks if w.phase == "build"]
    assert len({s.total_sets() for s in builds}) == 1
    # Reps never climb above the article's dose of week 1: harder variants take fewer.
    volumes = [s.volume() for s in builds]
    assert max(volumes) == volumes[0] > volumes[-1]


def test_maintenance_holds_the_rungs_reached_at_the_minimum_sessions():
    settings = ProgrammeSettings(block_weeks=6, sessions_per_week=3, min_sessions_per_week=2)
    weeks = generate(settings, START, weeks=12).weeks
    assert [w.phase for w in weeks[6:]] == ["maintenance"] * 6
    assert {w.progression for w in weeks[6:]} == {"maintain"}
    assert all(len(w.sessions) == 2 for w in weeks[6:])
    assert all(rungs(w) == rungs(weeks[5]) for w in weeks[6:])
    peak = max(len(w.sessions) * first(w).volume() for w in weeks[:6])
    assert all(len(w.sessions) * first(w).volume() <= peak for w in weeks[6:])


def test_gentles_maintenance_is_never_harder_than_its_peak():
    weeks = generate(ProgrammeSettings(level="gentle"), START, weeks=16).weeks
    block, maintenance = weeks[:8], weeks[8:]
    peak = {k: max(rungs(w)[k] for w in block) for k in rungs(block[0])}
    for week in maintenance:
        assert all(r <= peak[k] for k, r in rungs(week).items())
        assert first(week).total_sets() <= max(first(w).total_sets() for w in block)


def test_gentle_starts_easier_and_reaches_the_article_by_week_three():
    weeks = generate(ProgrammeSettings(level="gentle"), START, weeks=5).weeks
    names = [p.variant.name for p in first(weeks[0]).prescriptions]
    assert names == [
        "Side leg raise, small range",
        "Bird dog, leg only",
        "Hip hike, hand on a wall, small range",
        "Glute bridge, both feet",
        "Donkey kick, small range",
    ]
    assert [p.variant.name for p in first(weeks[2]).prescriptions][:3] == [
        "Side leg raise",
        "Bird dog",
        "Hip hike",
    ]


def test_equipment_is_never_prescribed_to_a_runner_without_it():
    for equipment in (frozenset(), frozenset({"band"}), frozenset({"step", "dumbbell"}), ALL):
        for level in ("gentle", "standard", "strong"):
            settings = ProgrammeSettings(level=level, equipment=equipment, max_session_minutes=60)
            for week in generate(settings, START, weeks=16).weeks:
                for p in first(week).prescriptions:
                    assert set(p.variant.equipment) <= equipment, (level, p.variant.name)


def test_equipment_opens_loaded_rungs():
    weeks = generate(ProgrammeSettings(equipment=ALL), START, weeks=5).weeks
    loads = {p.load for p in first(weeks[4]).prescriptions}
    assert {"light band", "ankle weight 1 kg"} <= loads


@pytest.mark.parametrize("minutes", [20, 25, 30, 45, 90])
@pytest.mark.parametrize("level", ["gentle", "standard", "strong"])
def test_every_session_fits_the_time_cap(level, minutes):
    settings = ProgrammeSettings(level=level, equipment=ALL, max_session_minutes=minutes)
    for week in generate(settings, START, weeks=16).weeks:
        assert all(s.estimated_seconds() <= minutes * 60 for s in week.sessions)


def strong_week_one(minutes, equipment=ALL):
    settings = ProgrammeSettings(level="strong", equipment=equipment, max_session_minutes=minutes)
    return first(generate(settings, START, weeks=1).weeks[0])


def test_strong_adds_extras_only_within_the_cap():
    tight = strong_week_one(30, frozenset())
    roomy = strong_week_one(60)
    assert [p.key for p in tight.prescriptions] == [p.key for p in roomy.prescriptions][:5]
    assert {"step_down", "side_plank", "lateral_band_walk"} <= {p.key for p in roomy.prescriptions}
    assert roomy.estimated_seconds() <= 3600 and tight.estimated_seconds() <= 1800
    assert max(p.sets for p in roomy.prescriptions) == 3
    assert all(p.rung == 0 and "hold" in p.variant.name for p in tight.prescriptions)


def test_the_cap_trims_third_sets_then_extras_then_sets_then_exercises():
    roomy = strong_week_one(90)
    extras = {"step_down", "side_plank", "lateral_band_walk"}
    seen = []
    for cap in range(roomy.estimated_seconds(), 0, -30):
        fitted = fit_to_cap(roomy.prescriptions, extras, cap)
        seen.append((max(p.sets for p in fitted), bool({p.key for p in fitted} & extras)))
        assert fitted and (
            len(fitted) == 1 or sum(p.estimated_seconds() for p in fitted) + 240 <= cap
        )
    # Third sets go first, then the extras, then second sets.
    assert seen[0] == (3, True) and (2, True) in seen and (2, False) in seen and seen[-1][0] == 1
    assert seen.index((2, False)) > seen.index((2, True))


def test_lighten_takes_a_set_off_every_exercise_and_keeps_key_and_rungs():
    full = first(generate(ProgrammeSettings(), START, weeks=3).weeks[2])
    light = lighten(full)
    assert light.light and light.key == full.key and light.content_hash != full.content_hash
    assert light.light_note == "one set fewer per exercise"
    assert light.title.endswith("(light)")
    for a, b in zip(light.prescriptions, full.prescriptions, strict=True):
        assert (a.variant, a.rung, a.reps) == (b.variant, b.rung, b.reps)
        assert a.sets == b.sets - 1
    assert light.estimated_seconds() < full.estimated_seconds()
    assert lighten(light) == light


def test_a_single_set_loses_a_third_of_its_reps_and_the_floor_stays():
    full = first(generate(ProgrammeSettings(), START, weeks=1).weeks[0])
    single = full.model_copy(
        update={
            "prescriptions": tuple(p.model_copy(update={"sets": 1}) for p in full.prescriptions)
        }
    )
    light = lighten(single)
    assert [p.reps for p in light.prescriptions] == [13, 13, 13, 10, 10]
    assert light.light_note == "a third fewer reps (or a shorter hold) per exercise"
    floor = single.model_copy(
        update={
            "prescriptions": tuple(p.model_copy(update={"reps": 6}) for p in single.prescriptions)
        }
    )
    assert lighten(floor) == floor and not lighten(floor).light
    assert reduce_all(floor.prescriptions)[1] is None


def test_session_keys_are_iso_weeks_and_stable():
    a = generate(ProgrammeSettings(), START, weeks=3)
    b = generate(ProgrammeSettings(), START + timedelta(days=2), weeks=3)
    assert [s.key for w in a.weeks for s in w.sessions][:4] == [
        "2026-W48-1",
        "2026-W48-2",
        "2026-W48-3",
        "2026-W49-1",
    ]
    assert [s.content_hash for w in a.weeks for s in w.sessions] == [
        s.content_hash for w in b.weeks for s in w.sessions
    ]
    assert session_key(date(2027, 1, 4), 2) == "2027-W01-2"
    assert monday(date(2026, 11, 29)) == START


def test_first_week_window_replays_progression_from_the_start():
    full = generate(ProgrammeSettings(), START, weeks=6).weeks
    tail = generate(ProgrammeSettings(), START, first_week=5, weeks=2).weeks
    assert [w.week for w in tail] == [5, 6]
    assert tail == full[4:]


# -- one test per gate -----------------------------------------------------------------------


def pain(*checkins):
    return pain_rule([CheckIn(date=d, pain=p) for d, p in checkins])


def test_pain_above_two_holds_the_next_week_and_that_week_does_not_count():
    weeks = generate(ProgrammeSettings(), START, weeks=6, gate_for=pain((START, 4))).weeks
    assert weeks[1].progression == "hold"
    assert "knee pain 4/10 on Mon 23 Nov" in weeks[1].why == weeks[1].held
    # Week 1 broke a limit, so the first rung comes two good weeks later, after the deload.
    assert [w.progression for w in weeks] == [
        "start",
        "hold",
        "hold",
        "deload",
        "progress",
        "hold",
    ]


def test_pain_above_five_steps_every_exercise_down_even_from_the_start():
    weeks = generate(ProgrammeSettings(), START, weeks=3, gate_for=pain((START, 8))).weeks
    week = weeks[1]
    assert week.progression == "step_down" and week.step == -1
    assert "every exercise steps down one rung" in week.why
    assert all(r == -1 for r in rungs(week).values())
    assert [p.variant.name for p in first(week).prescriptions] == [
        "Side leg raise, small range",
        "Bird dog, leg only",
        "Hip hike, hand on a wall, small range",
        "Marching bridge",
        "Donkey kick, small range",
    ]
    assert first(week).volume() < first(weeks[0]).volume()


def test_pain_before_the_start_steps_down_the_first_week():
    week = generate(
        ProgrammeSettings(level="gentle"),
        START,
        weeks=1,
        gate_for=pain((START - timedelta(days=2), 7)),
    ).weeks[0]
    assert week.progression == "step_down"
    assert [p.variant.name for p in first(week).prescriptions] == [
        "Side-lying leg raise hold",
        "Bird dog hold, leg only",
        "Standing pelvic-level hold",
        "Glute bridge hold, both feet",
        "Donkey kick hold",
    ]
    assert all(p.seconds == 20 and p.reps is None for p in first(week).prescriptions)


def test_pain_at_the_bottom_of_every_ladder_says_so():
    daily = pain(*[(START + timedelta(days=d), 9) for d in range(0, 42, 7)])
    weeks = generate(ProgrammeSettings(level="gentle"), START, weeks=6, gate_for=daily).weeks
    assert "already at its easiest variant" in weeks[-1].why
    assert rungs(weeks[-1]) == rungs(weeks[-2])


def test_a_missed_week_holds_and_does_not_count():
    missed = Adherence.from_missed_weeks([START + timedelta(weeks=1)])
    weeks = generate(ProgrammeSettings(), START, weeks=5, adherence=missed).weeks
    assert weeks[2].progression == "hold"
    assert "sessions missed in the week of 30 Nov" in weeks[2].why
    assert weeks[4].progression == "progress"  # weeks 3 and 4 completed


def test_a_week_counts_with_the_minimum_sessions_and_partials_count_half():
    short = Adherence({START: 1.5})  # one done and one partial: 1.5 of 2
    weeks = generate(ProgrammeSettings(), START, weeks=3, adherence=short).weeks
    assert weeks[1].progression == "hold" and "1.5 of 2 sessions" in weeks[1].why
    assert weeks[2].progression == "hold"
    enough = Adherence({START: 2.0, START + timedelta(weeks=1): 2.0})
    weeks = generate(ProgrammeSettings(), START, weeks=3, adherence=enough).weeks
    assert weeks[2].progression == "progress"


def test_a_mileage_jump_holds_the_next_week():
    runs = [
        Run(id=str(i), date=START - timedelta(weeks=5 - i), distance_m=30_000, moving_time_s=9000)
        for i in range(5)
    ]
    runs.append(Run(id="big", date=START + timedelta(days=2), distance_m=60_000, moving_time_s=1))
    weeks = generate(ProgrammeSettings(), START, weeks=3, gate_for=mileage_jump_rule(runs)).weeks
    assert weeks[1].progression == "hold" and "running distance jumped" in weeks[1].why
    assert weeks[2].progression == "hold"  # the jump week did not count


def test_the_ten_days_before_a_race_hold_and_race_week_is_one_light_session():
    race = START + timedelta(weeks=2, days=6)  # Sunday of week 3
    weeks = generate(
        ProgrammeSettings(), START, weeks=4, gate_for=taper_rule([race]), races=[race]
    ).weeks
    assert weeks[1].progression == "hold" and "no progression in the taper" in weeks[1].why
    race_week = weeks[2]
    assert (race_week.phase, race_week.progression, len(race_week.sessions)) == ("race", "hold", 1)
    session = first(race_week)
    assert session.light and session.light_note == "one set fewer per exercise"
    assert all(p.sets == 1 for p in session.prescriptions)
    assert rungs(race_week) == rungs(weeks[0])


@pytest.mark.parametrize(
    ("first_day", "first_rung_week"),
    [
        (START, 3),  # Monday: a full first week
        (START + timedelta(days=3), 3),  # Thursday: two sessions still fit
        (START + timedelta(days=4), 5),  # Friday: a one-session stub does not count
        (START + timedelta(days=6), 5),
    ],
)
def test_a_programme_starting_late_in_the_week_does_not_count_a_stub(first_day, first_rung_week):
    weeks = generate(ProgrammeSettings(), first_day, weeks=6).weeks
    assert weeks[0].start == START
    assert next(w.week for w in weeks if w.progression == "progress") == first_rung_week
    stub = first_rung_week == 5
    assert ("week 1 started too late in the week to count" in weeks[1].why) == stub


def test_a_stub_week_counts_when_adherence_says_enough_was_done():
    friday = START + timedelta(days=4)
    done = Adherence({START: 2.0})
    weeks = generate(ProgrammeSettings(), friday, weeks=3, adherence=done).weeks
    assert weeks[2].progression == "progress"


def test_a_gate_from_any_rule_reaches_the_week_it_names():
    def gate(week_start):
        return Gate("hold", "pain") if week_start == START + timedelta(weeks=2) else Gate()

    weeks = generate(ProgrammeSettings(), START, weeks=4, gate_for=gate).weeks
    assert (weeks[2].progression, weeks[2].held) == ("hold", "pain")
    assert [w.step for w in weeks] == [0, 0, 0, 0]
