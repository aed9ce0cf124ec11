"""intervals.icu calendar events (schema ``Event``/``EventEx``, ``reference/intervals.md``
"Events") ↔ hipcoach: the event a session becomes, which events are hipcoach's, and the
runner's planned runs and races among the rest. Pure functions, no I/O.

A session is one ``WORKOUT`` event of ``type`` ``WeightTraining`` on its date
(``start_date_local`` ``YYYY-MM-DDT00:00:00``), named like the Garmin workout
(:func:`hipcoach.exports.workout.workout_name`, at most 80 characters, intervals.icu's limit),
the dose and cues as plain text in the description, its estimated time as ``moving_time``, and
the session's FIT workout attached (``filename`` + ``file_contents_base64``).

Ownership: an event is hipcoach's if and only if its ``external_id`` is
``hipcoach:<athlete id>:<session key>``, with this athlete's id and a key of the session-key
pattern exactly (and hipcoach has a record of it, which the core checks). Names and
descriptions prove nothing: the runner may rename ours, and an event of theirs may look like
ours. The athlete's own id (``i12345``) rather than anything kept in ``state.db``: a lost
``state.db`` finds its events again instead of adding a second set.

Unverified (``reference/intervals.md``): whether intervals.icu keeps a strength FIT's exercise
steps, and whether it rewrites the name or description from the file; the description is
written to stand on its own (the whole dose is readable there), with no line starting with
``-`` so that intervals.icu's workout builder finds no steps in it.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from hipcoach.errors import ServiceError
from hipcoach.exports.workout import DISCLAIMER, WARMUP_TEXT, check_key, workout_name
from hipcoach.models import Session
from hipcoach.plugins.values import PlannedRun, RaceEvent
from hipcoach.programme.generator import SESSION_KEY
from hipcoach.schedule.activities import RUNNING_SPORTS

EXTERNAL_PREFIX = "hipcoach"
WORKOUT = "WORKOUT"
RACES = ("RACE_A", "RACE_B", "RACE_C")
STRENGTH_TYPE = "WeightTraining"
#: who planned a run, for the reason text ("the day after your planned 28 km long run (…)")
PLAN_SOURCE = "intervals.icu"


def external_id(athlete_id: str, key: str) -> str:
    """``hipcoach:<athlete id>:<session key>``: the event's owner mark and upsert key."""
    return f"{EXTERNAL_PREFIX}:{athlete_id}:{check_key(key)}"


def session_key_of(external: object, athlete_id: str) -> str | None:
    """The session key of one of this athlete's hipcoach ``external_id``s; None for any other
    value (another app's, another athlete's, a key that is not a session key)."""
    if not isinstance(external, str):
        return None
    prefix, _, rest = external.partition(":")
    athlete, _, key = rest.partition(":")
    if prefix != EXTERNAL_PREFIX or athlete != athlete_id or not SESSION_KEY.fullmatch(key):
        return None
    return key


def event_id(event: dict[str, Any], action: str) -> str:
    """An event's id (a positive integer) as text."""
    raw = event.get("id")
    if isinstance(raw, bool) or not isinstance(raw, int | str) or not str(raw).isdigit():
        raise ServiceError(f"intervals.icu sent an event without a usable id while {action}")
    return str(int(raw))


def event_day(event: dict[str, Any]) -> date | None:
    """The local date an event starts on (``start_date_local``); None when unreadable."""
    value = event.get("start_date_local")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def description(session: Session) -> str:
    """The session as plain text: the title and length, the warm-up, each exercise with its
    dose, rest and cues, the disclaimer."""
    lines = [f"{session.title}: about {session.estimated_minutes()} min."]
    if session.light_note:
        lines.append(f"Light session: {session.light_note}.")
    lines += ["", WARMUP_TEXT, ""]
    for number, p in enumerate(session.prescriptions, start=1):
        lines.append(f"{number}. {p.label()}: {p.dose_text()}, rest {p.rest_seconds} s.")
        lines.append(f"   {p.cues}")
    lines += ["", DISCLAIMER]
    return "\n".join(lines)


def event_body(session: Session, on: date, athlete_id: str, fit: bytes) -> dict[str, Any]:
    """The ``EventEx`` for ``session`` on ``on``, its FIT workout attached."""
    return {
        "category": WORKOUT,
        "type": STRENGTH_TYPE,
        "start_date_local": f"{on.isoformat()}T00:00:00",
        "name": workout_name(session),
        "description": description(session),
        "moving_time": session.estimated_seconds(),
        "external_id": external_id(athlete_id, session.key),
        "filename": f"hipcoach-{session.key}.fit",
        "file_contents_base64": base64.b64encode(fit).decode("ascii"),
    }


def _number(event: dict[str, Any], *names: str) -> float | None:
    """The first of ``names`` that holds a positive number."""
    for name in names:
        value = event.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
    return None


def _has_repeats(steps: object) -> bool:
    """Whether a ``workout_doc`` holds a repeat block (``reps`` with nested ``steps``, as
    public clients read it; observed, not in the OpenAPI document)."""
    if not isinstance(steps, list):
        return False
    for step in steps:
        if not isinstance(step, dict):
            continue
        reps = step.get("reps")
        if isinstance(reps, int) and not isinstance(reps, bool) and reps > 1 and step.get("steps"):
            return True
        if _has_repeats(step.get("steps")):
            return True
    return False


def planned_run(event: object) -> PlannedRun | None:
    """The run a ``WORKOUT`` event of a running type plans, or the race a ``RACE_A/B/C``
    event is; None for anything else (notes, rides, strength, hipcoach's own events)."""
    if not isinstance(event, dict):
        return None
    category, sport = event.get("category"), event.get("type")
    race = category in RACES
    if not race and (category != WORKOUT or sport not in RUNNING_SPORTS):
        return None
    if race and sport is not None and sport not in RUNNING_SPORTS:
        return None  # a bike race or a triathlon leg is not a run
    day = event_day(event)
    if day is None:
        return None
    doc = event.get("workout_doc")
    steps = doc.get("steps") if isinstance(doc, dict) else None
    return PlannedRun(
        date=day,
        name=" ".join(str(event.get("name") or "").split()),
        distance_m=_number(event, "distance", "distance_target"),
        duration_s=_number(event, "moving_time", "time_target"),
        race=race,
        intervals=_has_repeats(steps),
        source=PLAN_SOURCE,
    )


def race_event(event: object) -> RaceEvent | None:
    """The race a ``RACE_A``/``RACE_B``/``RACE_C`` event announces (a running one, or one
    without a sport); None for anything else."""
    run = planned_run(event)
    if run is None or not run.race:
        return None
    return RaceEvent(run.date, run.name)
