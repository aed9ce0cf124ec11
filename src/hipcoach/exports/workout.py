"""How a session reads wherever it is handed over as a workout: its name, the warm-up line,
one exercise step's note, one step per side. Pure text, shared by the FIT writer
(:mod:`hipcoach.exports.fit`) and the integrations that push workouts (Garmin Connect's
workouts, intervals.icu's calendar events), so that a session reads the same on every
watch and calendar.

The name, ``hipcoach <session key> · <title>``, is for the runner, and names the strength
activity a watch records from it, which adherence matches by the key in it (never for
ownership).
"""

from __future__ import annotations

from hipcoach.errors import InputDataError
from hipcoach.models import Prescription, Session
from hipcoach.programme.generator import SESSION_KEY

#: Garmin Connect and intervals.icu both refuse names over 80 characters
NAME_LIMIT = 80
NAME_PREFIX = "hipcoach "
NAME_SEPARATOR = " · "
ELLIPSIS = "…"

WARMUP_TEXT = (
    "Warm-up: about 3 min of easy mobility (leg swings, hip circles, a few bridges). "
    "Press lap when ready."
)
DISCLAIMER = "Not medical advice; see a physio if pain persists."
SIDES = ("left", "right")


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marked with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def check_key(key: str) -> str:
    """The session key, if it survives a round trip through names and markers."""
    if not SESSION_KEY.fullmatch(key):
        raise InputDataError(f"session key {key!r} cannot be used in a workout name")
    return key


def workout_name(session: Session) -> str:
    """``hipcoach <key> · <title>``, at most 80 characters; only the title is ever cut."""
    prefix = NAME_PREFIX + check_key(session.key)
    room = NAME_LIMIT - len(prefix) - len(NAME_SEPARATOR)
    if room < len(ELLIPSIS) + 1:
        raise InputDataError(f"session key {session.key!r} is too long for a workout name")
    return prefix + NAME_SEPARATOR + clip(session.title, room)


def step_note(p: Prescription, side: str | None = None) -> str:
    """One exercise step's note: variant, dose and side, load, cues (not clipped)."""
    amount = f"{p.reps} reps" if p.reps is not None else f"hold {p.seconds} s"
    dose = f"{amount}, {side} side" if side is not None else amount
    shown = p.variant.garmin.shown_as
    alias = f" (on the watch: {shown})" if shown else ""
    return f"{p.variant.name}{alias}: {dose}. Load: {p.load}. {p.cues}"


def sides_of(p: Prescription) -> tuple[str | None, ...]:
    """One step per side (left, then right) for per-side exercises, one step otherwise."""
    return SIDES if p.per_side else (None,)
