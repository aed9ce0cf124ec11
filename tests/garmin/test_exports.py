"""``export fit`` and ``export garmin-json``: files decoded back with the FIT SDK.

FIT golden files live in ``tests/garmin/golden/``; regenerate them with
``HIPCOACH_REGEN_GOLDEN=1 python -m pytest tests/garmin`` (see ``test_payload.py``).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream

from hipcoach.exports.fit import clip_bytes, encode_workout, fit_steps, serial_number
from hipcoach.models import ScheduledSession, Session
from hipcoach_garmin.exporters import FitExporter, GarminJsonExporter
from hipcoach_garmin.payload import build_workout
from tests.garmin.conftest import MONDAY, STRONG_WITH_EXTRAS, session_for
from tests.garmin.test_payload import GOLDEN_SESSIONS, check_golden, golden_session


def decode(data: bytes) -> dict[str, Any]:
    """Decode a FIT file; a fresh Decoder per pass (is_fit and check_integrity consume it)."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return dict(messages)  # read as plain JSON-like data: the tests look up fields by name


def scheduled(session: Session, day: date) -> ScheduledSession:
    return ScheduledSession(session=session, date=day, reason="after the long run")


@pytest.mark.parametrize("name", GOLDEN_SESSIONS)
def test_fit_file_matches_golden_file(name: str) -> None:
    check_golden(f"{name}.fit", encode_workout(golden_session(name), MONDAY + timedelta(1)))


@pytest.mark.parametrize("name", GOLDEN_SESSIONS)
def test_fit_file_decodes_to_the_session(name: str) -> None:
    session = golden_session(name)
    day = MONDAY + timedelta(days=1)
    messages = decode(encode_workout(session, day))
    (file_id,) = messages["file_id_mesgs"]
    assert file_id["type"] == "workout"
    assert file_id["manufacturer"] == "development"
    assert file_id["serial_number"] == serial_number(session, day)
    (workout,) = messages["workout_mesgs"]
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    assert workout["wkt_name"] == build_workout(session)["workoutName"]
    decoded = messages["workout_step_mesgs"]
    assert workout["num_valid_steps"] == len(decoded)
    assert [s["message_index"] for s in decoded] == list(range(len(decoded)))
    assert decoded[0]["duration_type"] == "open"
    assert decoded[0]["intensity"] == "warmup"
    if session.physio:  # a pause: the see-a-physio line in the workout's note
        assert "see a physiotherapist" in workout["wkt_description"]
    elif session.tip:
        assert session.tip.title in workout["wkt_description"]


def blocks(decoded: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The steps between the warm-up and each repeat step, with the repeat step last."""
    out: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for step in decoded[1:]:
        current.append(step)
        if step["duration_type"] == "repeat_until_steps_cmplt":
            out.append(current)
            current = []
    return out


def test_fit_repeat_steps_jump_back_to_their_block_and_count_the_sets() -> None:
    session = session_for("strong", **STRONG_WITH_EXTRAS)  # type: ignore[arg-type]
    decoded = decode(encode_workout(session, MONDAY))["workout_step_mesgs"]
    found = blocks(decoded)
    assert len(found) == len(session.prescriptions)
    for block, p in zip(found, session.prescriptions, strict=True):
        *work, repeat = block
        assert repeat["duration_value"] == repeat["duration_step"] == work[0]["message_index"]
        assert repeat["target_value"] == repeat["repeat_steps"] == p.sets
        *exercise_steps, rest = work
        assert rest["intensity"] == "rest"
        assert rest["duration_type"] == "time"
        assert rest["duration_value"] == p.rest_seconds * 1000
        assert [s["wkt_step_name"] for s in exercise_steps] == [
            f"{p.variant.name} (left)",
            f"{p.variant.name} (right)",
        ]
        for step in exercise_steps:
            assert step["exercise_category"] == _category_name(p.variant.fit.category)
            assert step.get("exercise_name") == p.variant.fit.name
            assert step["intensity"] == "active"
            assert p.cues in step["notes"]


def _category_name(number: int) -> str:
    from garmin_fit_sdk import Profile

    name: str = Profile["types"]["exercise_category"][number]
    return name


def test_fit_per_side_reps_and_timed_holds() -> None:
    session = session_for("strong", **STRONG_WITH_EXTRAS)  # type: ignore[arg-type]
    decoded = decode(encode_workout(session, MONDAY))["workout_step_mesgs"]
    bridges = [s for s in decoded if s.get("wkt_step_name", "").startswith("Single-leg bridge")]
    assert [s["wkt_step_name"] for s in bridges] == [
        "Single-leg bridge, 3-s hold (left)",
        "Single-leg bridge, 3-s hold (right)",
    ]
    assert [(s["duration_type"], s["duration_reps"]) for s in bridges] == [("reps", 12)] * 2
    assert "12 reps, left side" in bridges[0]["notes"]
    assert "12 reps, right side" in bridges[1]["notes"]
    planks = [s for s in decoded if s.get("wkt_step_name", "").startswith("Side plank")]
    assert [p["wkt_step_name"] for p in planks] == ["Side plank (left)", "Side plank (right)"]
    assert [(p["duration_type"], p["duration_time"]) for p in planks] == [("time", 30.0)] * 2


def test_fit_single_set_has_no_repeat_step_and_unnamed_exercise_omits_the_name() -> None:
    base = session_for()
    p = base.prescriptions[2]  # hip hike: FIT has no exercise name for it
    assert p.variant.fit.name is None
    single = p.model_copy(update={"sets": 1})
    session = base.model_copy(update={"prescriptions": (single,)})
    steps = fit_steps(session)
    assert [s["duration_type"] for s in steps] == ["open", "reps", "reps", "time"]
    assert "exercise_name" not in steps[1]
    assert steps[1]["notes"].startswith("Hip hike (on the watch: Hip Stability): 20 reps")
    decoded = decode(encode_workout(session, MONDAY))["workout_step_mesgs"]
    assert "exercise_name" not in decoded[1]


def test_fit_texts_fit_in_a_fit_string() -> None:
    assert clip_bytes("x" * 10, 20) == "x" * 10
    clipped = clip_bytes("é" * 200, 50)
    assert len(clipped.encode()) <= 50
    assert clipped.endswith("…")


def test_fit_bytes_are_deterministic_and_files_differ_per_session() -> None:
    session = session_for()
    assert encode_workout(session, MONDAY) == encode_workout(session, MONDAY)
    assert serial_number(session, MONDAY) != serial_number(session, MONDAY + timedelta(1))


def test_fit_exporter_writes_one_file_per_session(tmp_path: Path) -> None:
    items = [
        scheduled(session_for(), MONDAY),
        scheduled(session_for(index=1), MONDAY + timedelta(2)),
    ]
    paths = FitExporter().write(items, tmp_path / "out")
    assert [p.name for p in paths] == ["2026-11-23_2026-W48-1.fit", "2026-11-25_2026-W48-2.fit"]
    for path, item in zip(paths, items, strict=True):
        assert path.read_bytes() == encode_workout(item.session, item.date)
        decode(path.read_bytes())


def test_garmin_json_exporter_writes_the_exact_payloads(tmp_path: Path) -> None:
    items = [scheduled(session_for("strong"), MONDAY + timedelta(1))]
    (path,) = GarminJsonExporter().write(items, tmp_path)
    assert path.name == "2026-11-24_2026-W48-1.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == build_workout(items[0].session, items[0].date)
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_exporter_formats() -> None:
    assert (GarminJsonExporter.format, FitExporter.format) == ("garmin-json", "fit")
    assert GarminJsonExporter.summary and FitExporter.summary
