from datetime import date, timedelta

import pytest

from hipcoach.programme import (
    ProgrammeSettings,
    build_session,
    generate,
    monday_of,
    session_key,
)
from hipcoach.progression import Gate

START = date(2026, 11, 23)  # a Monday


def doses(week):
    return {p.key: (p.sets, p.reps, p.seconds) for p in week.sessions[0].prescriptions}


def test_standard_week_one_is_the_article():
    week = generate(ProgrammeSettings(), START, weeks=1).weeks[0]
    assert [p.key for p in week.sessions[0].prescriptions] == [
        "side_leg_raise",
        "bird_dog",
        "hip_hike",
        "single_leg_bridge",
        "donkey_kick",
    ]
    reps = {k: r for k, (_, r, _) in doses(week).items()}
    assert reps == {
        "side_leg_raise": 20,
        "bird_dog": 20,
        "hip_hike": 20,
        "single_leg_bridge": 15,
        "donkey_kick": 15,
    }
    assert all(p.per_side and p.rest_seconds > 0 for p in week.sessions[0].prescriptions)
    assert len(week.sessions) == 3


@pytest.mark.parametrize("level", ["gentle", "standard", "strong"])
def test_progression_every_two_weeks_and_deload_every_fourth(level):
    weeks = generate(ProgrammeSettings(level=level), START, weeks=8).weeks
    steps = [w.step for w in weeks]
    assert steps[0] == steps[1] == 0
    assert steps[2] == 1
    assert steps == sorted(steps)
    assert [w.phase for w in weeks].count("deload") == 2
    for deload in (weeks[3], weeks[7]):
        assert deload.phase == "deload"
        before = weeks[deload.week - 2]
        volume = sum(s * (r or t) for s, r, t in doses(deload).values())
        assert volume < sum(s * (r or t) for s, r, t in doses(before).values())


def test_maintenance_after_the_block_uses_the_minimum_sessions():
    settings = ProgrammeSettings(block_weeks=6, sessions_per_week=3, min_sessions_per_week=2)
    weeks = generate(settings, START, weeks=10).weeks
    assert [w.phase for w in weeks[6:]] == ["maintenance"] * 4
    assert all(len(w.sessions) == 2 for w in weeks[6:])
    assert all(len(w.sessions) == 3 for w in weeks[:6])


def test_gentle_starts_below_the_article_and_non_weight_bearing():
    weeks = generate(ProgrammeSettings(level="gentle"), START, weeks=8).weeks
    first = weeks[0].sessions[0].prescriptions
    assert not any(p.exercise.weight_bearing for p in first)
    assert all(p.reps is not None and 8 <= p.reps <= 10 for p in first if p.key != "glute_bridge")
    assert all(p.sets == 2 for p in first)
    later = weeks[4].sessions[0].prescriptions
    assert any(p.exercise.weight_bearing for p in later)


def test_strong_has_more_sets_and_extras_than_standard():
    standard = generate(ProgrammeSettings(), START, weeks=1).weeks[0].sessions[0]
    strong = generate(ProgrammeSettings(level="strong"), START, weeks=1).weeks[0].sessions[0]
    assert len(strong.prescriptions) > len(standard.prescriptions)
    assert strong.prescriptions[0].sets > standard.prescriptions[0].sets
    side_plank = next(p for p in strong.prescriptions if p.key == "side_plank")
    assert side_plank.seconds and side_plank.reps is None


def test_session_keys_are_iso_weeks_and_stable():
    a = generate(ProgrammeSettings(), START, weeks=3)
    b = generate(ProgrammeSettings(), START + timedelta(days=3), weeks=3)
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
    assert monday_of(date(2026, 11, 29)) == START


def test_content_hash_changes_with_the_dose_only():
    settings = ProgrammeSettings()
    same = [build_session(settings, 3, START, 1, 1, "build") for _ in range(2)]
    assert same[0].content_hash == same[1].content_hash
    held = build_session(settings, 3, START, 1, 0, "build")
    deload = build_session(settings, 3, START, 1, 1, "deload")
    assert len({same[0].content_hash, held.content_hash, deload.content_hash}) == 3


def test_first_week_window_replays_progression_from_the_start():
    full = generate(ProgrammeSettings(), START, weeks=6).weeks
    tail = generate(ProgrammeSettings(), START, first_week=5, weeks=2).weeks
    assert [w.week for w in tail] == [5, 6]
    assert tail == full[4:]


def test_a_hold_delays_progression_and_says_why():
    def gate(week_start):
        return Gate("hold", "pain") if week_start == START + timedelta(weeks=1) else Gate()

    weeks = generate(ProgrammeSettings(), START, weeks=4, gate_for=gate).weeks
    assert weeks[1].held == "pain"
    assert [w.step for w in weeks] == [0, 0, 0, 1]


def test_a_regress_steps_back():
    def gate(week_start):
        return Gate("regress", "ouch") if week_start == START + timedelta(weeks=4) else Gate()

    weeks = generate(ProgrammeSettings(), START, weeks=5, gate_for=gate).weeks
    assert weeks[3].step == 1
    assert weeks[4].step == 0
    assert weeks[4].held == "ouch"
