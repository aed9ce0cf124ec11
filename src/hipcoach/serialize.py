"""The JSON shapes of the CLI contract, defined once for every command that prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from hipcoach.adherence.statuses import AdherenceWeek, SessionStatus
    from hipcoach.plugins.values import RaceEvent, SkippedActivity
    from hipcoach.schedule.planner import SchedulePlan
    from hipcoach.schedule.running_plan import PlanRun

from hipcoach.models import (
    Exercise,
    Prescription,
    ProgrammeWeek,
    Run,
    ScheduledSession,
    Session,
    Tip,
    Variant,
)


def variant_json(variant: Variant) -> dict[str, Any]:
    """One rung of an exercise's ladder."""
    return {
        "variant": variant.name,
        "load": variant.load,
        "equipment": list(variant.equipment),
        "per_side": variant.per_side,
        "reps": variant.reps,
        "seconds": variant.seconds,
        "tempo_s": variant.tempo_s if variant.reps is not None else None,
        "cues": variant.cues,
        "instructions": variant.instructions,
        "starts": list(variant.starts),
        "picture": variant.picture,
        "bodyweight_only": variant.bodyweight_only,
        "knee_flexion": variant.knee_flexion,
        "single_leg": variant.single_leg,
        "garmin": {
            "category": variant.garmin.category,
            "exercise_name": variant.garmin.exercise_name,
        },
        "fit": {"exercise_category": variant.fit.category, "exercise_name": variant.fit.name},
    }


def exercise_json(exercise: Exercise) -> dict[str, Any]:
    """An ``exercises --json`` entry: the base version, then the whole ladder."""
    return {
        "key": exercise.key,
        "name": exercise.name,
        "instructions": exercise.instructions,
        "cues": exercise.cues,
        "per_side": exercise.per_side,
        "reps": exercise.reps,
        "seconds": exercise.seconds,
        "equipment": exercise.equipment,
        "focus": list(exercise.focus),
        "weight_bearing": exercise.weight_bearing,
        "source": exercise.source,
        "garmin": {
            "category": exercise.garmin.category,
            "exercise_name": exercise.garmin.exercise_name,
        },
        "fit": {"exercise_category": exercise.fit.category, "exercise_name": exercise.fit.name},
        "ladder": [variant_json(v) for v in exercise.ladder],
    }


def prescription_json(p: Prescription) -> dict[str, Any]:
    """An exercise inside a session: the rung, variant and load, then the dose."""
    return {
        "key": p.key,
        "name": p.exercise.name,
        "focus": list(p.exercise.focus),
        "rung": p.rung,
        "variant": p.variant.name,
        "load": p.load,
        "equipment": list(p.variant.equipment),
        "sets": p.sets,
        "reps": p.reps,
        "seconds": p.seconds,
        "per_side": p.per_side,
        "tempo_s": p.tempo_s,
        "rest_seconds": p.rest_seconds,
        "cues": p.cues,
        "picture": p.variant.picture,
    }


def tip_json(tip: Tip | None) -> dict[str, Any] | None:
    """An education tip: ``title``, ``text``, ``source``."""
    if tip is None:
        return None
    return {"key": tip.key, "title": tip.title, "text": tip.text, "source": tip.source}


def session_json(session: Session) -> dict[str, Any]:
    """A session without a date (``plan``)."""
    return {
        "key": session.key,
        "title": session.title,
        "week": session.week,
        "phase": session.phase,
        "step": session.step,
        "content_hash": session.content_hash,
        "light": session.light,
        "light_note": session.light_note,
        "warmup_minutes": session.warmup_minutes,
        "estimated_minutes": session.estimated_minutes(),
        "exercises": [prescription_json(p) for p in session.prescriptions],
        "education": tip_json(session.tip),
        "physio": session.physio,
    }


def scheduled_json(item: ScheduledSession) -> dict[str, Any]:
    """A session on a date (``schedule``, ``sync``, ``status``)."""
    return {
        "date": item.date.isoformat(),
        "reason": item.reason,
        "missed_on": item.missed_on.isoformat() if item.missed_on else None,
        **session_json(item.session),
    }


def week_json(week: ProgrammeWeek) -> dict[str, Any]:
    """A ``plan --json`` week."""
    return {
        "week": week.week,
        "start": week.start.isoformat(),
        "iso_week": week.iso_week,
        "lead_in": week.lead_in,
        "phase": week.phase,
        "step": week.step,
        "progression": week.progression,
        "why": week.why,
        "held": week.held,
        "education": tip_json(week.tip),
        "physio": week.physio,
        "cancelled_from": week.cancelled_from.isoformat() if week.cancelled_from else None,
        "sessions": [session_json(s) for s in week.sessions],
        "stepped_down_from": (
            week.stepped_down_from.isoformat() if week.stepped_down_from else None
        ),
        "stepped_down_sessions": [session_json(s) for s in week.stepped_down],
    }


def run_json(run: Run) -> dict[str, Any]:
    """A run, as ``runs --json`` and ``schedule --json`` print it."""
    return {
        "id": run.id,
        "date": run.date.isoformat(),
        "distance_km": round(run.distance_km, 2),
        "moving_time_s": run.moving_time_s,
        "kind": run.kind,
        "name": run.name,
        "sport": run.sport,
    }


def planned_run_json(run: PlanRun) -> dict[str, Any]:
    """A run of the runner's plan, as ``schedule --json`` lists it among its ``runs``."""
    km = run.distance_km
    return {
        "id": None,
        "date": run.date.isoformat(),
        "distance_km": None if km is None else round(km, 2),
        "moving_time_s": None if run.duration_s is None else round(run.duration_s),
        "kind": run.kind,
        "name": run.name,
        "sport": "Run",
        "planned": True,
        "source": run.source,
        "plugin": run.plugin,
        "label": run.label(),
    }


def status_json(status: SessionStatus) -> dict[str, Any]:
    """A ``log --json`` session."""
    return {
        "key": status.key,
        "date": status.date.isoformat(),
        "status": status.status,
        "planned_sets": status.planned_sets,
        "done_sets": status.done_sets,
        "source": status.source,
        "activity_id": status.activity_id,
        "missed_on": status.missed_on.isoformat() if status.missed_on else None,
    }


def adherence_week_json(week: AdherenceWeek) -> dict[str, Any]:
    """A ``log --json`` week (also ``status --json`` ``adherence``)."""
    return {
        "start": week.start.isoformat(),
        "planned": week.planned,
        "done": week.done,
        "pain_max": week.pain_max,
    }


def weekly_distance_json(totals: Mapping[date, float]) -> list[dict[str, Any]]:
    """The ``weeks`` of ``runs --json`` and ``status --json``: km per ISO week."""
    return [{"start": w.isoformat(), "distance_km": round(km, 2)} for w, km in totals.items()]


def skipped_json(skipped: Sequence[SkippedActivity]) -> list[dict[str, Any]]:
    """The ``skipped`` list of ``runs --json`` and ``sync --json``."""
    return [{"activity": s.ident, "reason": s.reason} for s in skipped]


def race_json(race: RaceEvent) -> dict[str, Any]:
    """A race of ``status --json``."""
    return {"date": race.date.isoformat(), "name": race.name}


def schedule_json(plan: SchedulePlan) -> dict[str, Any]:
    """The ``schedule --json`` document."""
    request = plan.request
    keys = request.key_days()
    return {
        "from": request.start.isoformat(),
        "to": request.end.isoformat(),
        "sessions": [scheduled_json(s) for s in plan.sessions],
        "runs": [run_json(r) for r in plan.recent_runs]
        + [planned_run_json(p) for p in plan.planned_runs],
        "key_days": [
            {
                "date": d.isoformat(),
                "kind": k.kind,
                "predicted": k.predicted,
                "planned": k.planned is not None,
            }
            for d, k in sorted(keys.items())
            if request.start <= d <= request.end
        ],
        "long_run_weekday": request.long_run_weekday,
        "long_run_weekday_from": plan.long_run_source,
        "races": sorted(r.isoformat() for r in request.races),
        "physio": plan.physio,
    }
