"""FIT workout files (``reference/garmin.md`` §5), written with garmin-fit-sdk's Encoder: the
Garmin integration's ``export fit`` and the file attached to each intervals.icu event.

Layout: ``file_id`` (type workout, manufacturer development), ``workout`` (sport training,
sub-sport strength_training), then the steps, mirroring the Connect JSON: a lap-button
warm-up; per prescription the exercise step(s) (one per side, left then right, for per-side
exercises), a rest step and, for two or more sets, a repeat step *after* them whose
``duration_value`` is the ``message_index`` of the block's first step and whose
``target_value`` is the number of sets. Step notes carry the variant, dose, side, load and
cues; no ``exercise_weight`` (the load is in the note).

The Encoder ignores sub-fields, so the main ``duration_value``/``target_value`` fields are
written (reps as a count, times in milliseconds); enum fields take the profile's strings;
``exercise_category`` and ``exercise_name`` take the FIT profile numbers.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, time
from typing import Any

from hipcoach.exports.workout import DISCLAIMER, WARMUP_TEXT, sides_of, step_note, workout_name
from hipcoach.models import Prescription, Session

# FIT strings are written with a one-byte size: keep every text well under 255 bytes.
NAME_BYTES = 64
NOTES_BYTES = 250


def clip_bytes(text: str, limit: int) -> str:
    """``text`` cut at a character boundary so that its UTF-8 form fits in ``limit`` bytes."""
    text = " ".join(text.split())
    if len(text.encode("utf-8")) <= limit:
        return text
    while len((text + "…").encode("utf-8")) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


def _exercise_step(p: Prescription, side: str | None) -> dict[str, Any]:
    name = p.variant.name if side is None else f"{p.variant.name} ({side})"
    if p.reps is not None:
        duration: dict[str, Any] = {"duration_type": "reps", "duration_value": p.reps}
    else:
        duration = {"duration_type": "time", "duration_value": (p.seconds or 0) * 1000}
    step: dict[str, Any] = {
        "wkt_step_name": clip_bytes(name, NAME_BYTES),
        **duration,
        "target_type": "open",
        "intensity": "active",
        "exercise_category": p.variant.fit.category,
        "notes": clip_bytes(step_note(p, side), NOTES_BYTES),
    }
    if p.variant.fit.name is not None:
        step["exercise_name"] = p.variant.fit.name
    return step


def _rest_step(seconds: int) -> dict[str, Any]:
    return {
        "wkt_step_name": "Rest",
        "duration_type": "time",
        "duration_value": seconds * 1000,
        "target_type": "open",
        "intensity": "rest",
    }


def _block(p: Prescription, first_index: int) -> list[dict[str, Any]]:
    steps = [_exercise_step(p, side) for side in sides_of(p)]
    if p.rest_seconds > 0:
        steps.append(_rest_step(p.rest_seconds))
    if p.sets > 1:
        steps.append(
            {
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": first_index,
                "target_value": p.sets,
            }
        )
    return steps


def fit_steps(session: Session) -> list[dict[str, Any]]:
    """The ``workout_step`` messages of a session, each with its ``message_index``."""
    steps: list[dict[str, Any]] = [
        {
            "wkt_step_name": "Warm-up",
            "duration_type": "open",
            "target_type": "open",
            "intensity": "warmup",
            "notes": clip_bytes(WARMUP_TEXT, NOTES_BYTES),
        }
    ]
    for p in session.prescriptions:
        steps.extend(_block(p, first_index=len(steps)))
    return [{"message_index": i, **step} for i, step in enumerate(steps)]


def _description(session: Session) -> str:
    """The workout's note: the title, the see-a-physiotherapist line while a pause lasts
    (else the week's tip), the disclaimer first of all kept whole."""
    extra = session.physio or (session.tip.line() if session.tip else "")
    room = NOTES_BYTES - len(f"{session.title}.  {DISCLAIMER}".encode())
    return f"{session.title}. {DISCLAIMER} {clip_bytes(extra, max(room, 8))}".strip()


def serial_number(session: Session, on: date) -> int:
    """A stable, non-zero serial per (date, session): devices tell files apart by file_id."""
    return zlib.crc32(f"{on.isoformat()}_{session.key}".encode()) or 1


def encode_workout(session: Session, on: date) -> bytes:
    """The FIT workout file for ``session`` on ``on`` (deterministic bytes)."""
    from garmin_fit_sdk import Encoder, Profile

    mesg_num = Profile["mesg_num"]
    steps = fit_steps(session)
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": mesg_num["FILE_ID"],
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            "serial_number": serial_number(session, on),
            # The session's date rather than "now": the same input gives the same bytes.
            "time_created": datetime.combine(on, time(0), tzinfo=UTC),
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": mesg_num["WORKOUT"],
            "sport": "training",
            "sub_sport": "strength_training",
            "num_valid_steps": len(steps),
            "wkt_name": clip_bytes(workout_name(session), NAME_BYTES * 2),
            "wkt_description": clip_bytes(_description(session), NOTES_BYTES),
        }
    )
    for step in steps:
        encoder.write_mesg({"mesg_num": mesg_num["WORKOUT_STEP"], **step})
    data: bytes = encoder.close()
    return bytes(data)
