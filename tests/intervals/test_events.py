"""The event a session becomes, which events are hipcoach's, and the runner's planned runs and
races among the rest (pure; shapes from ``reference/intervals.md`` via tests.intervals_shapes)."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from hipcoach.exports.fit import encode_workout
from hipcoach.exports.workout import workout_name
from hipcoach.plugins.values import PlannedRun, RaceEvent
from hipcoach.programme.generator import ProgrammeSettings, generate
from hipcoach_intervals.events import (
    description,
    event_body,
    external_id,
    planned_run,
    race_event,
    session_key_of,
)
from tests.garmin.test_exports import decode
from tests.intervals_shapes import ATHLETE, note, race
from tests.intervals_shapes import planned_run as planned

DAY = date(2026, 11, 24)


def session(index: int = 0, week: int = 1):  # type: ignore[no-untyped-def]
    programme = generate(ProgrammeSettings(), date(2026, 11, 23), weeks=week)
    return programme.weeks[week - 1].sessions[index]


def test_a_session_is_a_weight_training_workout_on_its_date_with_its_fit_attached():
    s = session()
    fit = encode_workout(s, DAY)
    body = event_body(s, DAY, ATHLETE, fit)
    assert body["category"] == "WORKOUT" and body["type"] == "WeightTraining"
    assert body["start_date_local"] == "2026-11-24T00:00:00"
    assert body["name"] == workout_name(s) and len(body["name"]) <= 80
    assert body["name"].startswith(f"hipcoach {s.key} · ")
    assert body["moving_time"] == s.estimated_seconds()
    assert body["external_id"] == f"hipcoach:{ATHLETE}:{s.key}"
    assert body["filename"].endswith(".fit")
    attached = base64.b64decode(body["file_contents_base64"])
    assert attached == fit
    messages = decode(attached)
    assert messages["workout_mesgs"][0]["sub_sport"] == "strength_training"


def test_the_description_holds_the_whole_dose_and_cues_and_no_workout_builder_steps():
    s = session()
    text = description(s)
    for p in s.prescriptions:
        assert f"{p.label()}: {p.dose_text()}" in text
        assert p.cues in text
    assert "Not medical advice" in text
    # intervals.icu's workout builder turns lines starting with "-" into steps.
    assert not any(line.lstrip().startswith("-") for line in text.splitlines())


def test_a_light_session_says_what_makes_it_light():
    from hipcoach.programme.generator import lighten

    s = lighten(session())
    assert "Light session:" in description(s)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (f"hipcoach:{ATHLETE}:2026-W48-1", "2026-W48-1"),
        ("hipcoach:i999:2026-W48-1", None),  # another athlete's
        (f"hipcoach:{ATHLETE}:2026-W48-1x", None),  # not a session key
        (f"hipcoach:{ATHLETE}:", None),
        ("runna:2026-W48-1", None),  # another app's
        (f"Hipcoach:{ATHLETE}:2026-W48-1", None),
        (None, None),
        (42, None),
    ],
)
def test_only_this_athletes_hipcoach_external_ids_are_ours(value, key):
    assert session_key_of(value, ATHLETE) == key


def test_an_external_id_round_trips():
    assert session_key_of(external_id(ATHLETE, "2026-W01-3"), ATHLETE) == "2026-W01-3"


def test_a_planned_long_run_gives_its_facts():
    event = {**planned(DAY, "Long run 28 km", km=28, minutes=165), "id": 1}
    assert planned_run(event) == PlannedRun(
        date=DAY,
        name="Long run 28 km",
        distance_m=28000.0,
        duration_s=9900.0,
        race=False,
        intervals=False,
        source="intervals.icu",
    )


def test_repeats_in_the_workout_doc_mark_a_quality_session():
    event = planned(DAY, "Tuesday session", minutes=60, repeats=6)
    run = planned_run(event)
    assert run is not None and run.intervals and run.duration_s == 3600
    assert run.distance_m is None


def test_a_race_event_is_a_race_and_a_planned_race():
    event = race(DAY, "City Marathon", 42.195)
    assert race_event(event) == RaceEvent(DAY, "City Marathon")
    run = planned_run(event)
    assert run is not None and run.race and run.distance_m == 42195.0


@pytest.mark.parametrize(
    "event",
    [
        note(DAY, "Trip"),
        {**planned(DAY, "Spin class"), "type": "Ride"},
        {**planned(DAY, "hipcoach 2026-W48-1 · Hip strength"), "type": "WeightTraining"},
        {**race(DAY, "Gran fondo", 120), "type": "Ride"},
        {**planned(DAY, "no date"), "start_date_local": "soon"},
        "not an event",
    ],
)
def test_notes_other_sports_strength_and_unreadable_events_are_not_runs(event):
    assert planned_run(event) is None
    assert race_event(event) is None
