"""An in-memory workout target with fault injection, for the core sync engine's tests."""

from __future__ import annotations

import itertools
from datetime import date

from hipcoach.errors import NotOwned, RemoteNotFound, TemporaryError
from hipcoach.models import Session
from hipcoach.plugins.interfaces import WorkoutTarget
from hipcoach.plugins.values import RemoteScheduleEntry, RemoteWorkout

MUTATING = ("create_workout", "update_workout", "schedule", "unschedule", "delete_workout")


class InjectedFault(TemporaryError):
    """The failure a test injected."""


class FakeTarget(WorkoutTarget):
    """Workouts and calendar entries in dicts; ``fail_at`` = the n-th mutating call fails,
    ``before`` it takes effect or ``after`` (the response is lost)."""

    def __init__(self) -> None:
        self.workouts: dict[str, dict] = {}
        self.schedules: dict[str, tuple[str, date]] = {}
        self.ids = itertools.count(1000)
        self.calls: list[str] = []
        self.fail_at: int | None = None
        self.fail_mode = "before"
        self.fault: Exception = InjectedFault("injected failure")

    # -- helpers for tests ---------------------------------------------------------------
    def add_foreign(self, name: str, on: date) -> str:
        workout_id = str(next(self.ids))
        self.workouts[workout_id] = {"key": None, "hash": None, "name": name}
        self.schedules[str(next(self.ids))] = (workout_id, on)
        return workout_id

    def calendar(self) -> set[tuple[str | None, date]]:
        return {(self.workouts[w]["key"], d) for w, d in self.schedules.values()}

    def ours(self) -> dict[str, dict]:
        return {i: w for i, w in self.workouts.items() if w["key"] is not None}

    def mutations(self) -> list[str]:
        return [c for c in self.calls if c in MUTATING]

    def _mutate(self, name: str, apply) -> object:  # type: ignore[no-untyped-def]
        self.calls.append(name)
        failing = self.fail_at is not None and len(self.mutations()) == self.fail_at
        if failing and self.fail_mode == "before":
            raise self.fault
        result = apply()
        if failing:
            raise self.fault
        return result

    # -- WorkoutTarget ---------------------------------------------------------------------
    def list_owned_workouts(self) -> list[RemoteWorkout]:
        self.calls.append("list_owned_workouts")
        return [RemoteWorkout(workout_id=i, session_key=w["key"]) for i, w in self.ours().items()]

    def list_scheduled(self, start: date, end: date) -> list[RemoteScheduleEntry]:
        self.calls.append("list_scheduled")
        return [
            RemoteScheduleEntry(schedule_id=sid, workout_id=wid, date=d)
            for sid, (wid, d) in self.schedules.items()
            if start <= d <= end and wid in self.workouts
        ]

    def create_workout(self, session: Session) -> str:
        def apply() -> str:
            workout_id = str(next(self.ids))
            self.workouts[workout_id] = {
                "key": session.key,
                "hash": session.content_hash,
                "name": session.title,
            }
            return workout_id

        return self._mutate("create_workout", apply)  # type: ignore[return-value]

    def update_workout(self, workout_id: str, session: Session) -> None:
        self._guard(workout_id)
        self._mutate(
            "update_workout", lambda: self.workouts[workout_id].update(hash=session.content_hash)
        )

    def schedule(self, workout_id: str, on: date) -> str:
        def apply() -> str:
            schedule_id = str(next(self.ids))
            self.schedules[schedule_id] = (workout_id, on)
            return schedule_id

        return self._mutate("schedule", apply)  # type: ignore[return-value]

    def unschedule(self, schedule_id: str, workout_id: str) -> None:
        if schedule_id not in self.schedules:
            self.calls.append("unschedule")
            raise RemoteNotFound(f"no schedule {schedule_id}")
        self._guard(workout_id)
        if self.schedules[schedule_id][0] != workout_id:
            raise NotOwned(f"refusing: entry {schedule_id} is not one of {workout_id}'s")
        self._mutate("unschedule", lambda: self.schedules.pop(schedule_id))

    def delete_workout(self, workout_id: str) -> None:
        if workout_id not in self.workouts:
            self.calls.append("delete_workout")
            raise RemoteNotFound(f"no workout {workout_id}")
        self._guard(workout_id)

        def apply() -> None:
            del self.workouts[workout_id]
            for sid in [s for s, (w, _) in self.schedules.items() if w == workout_id]:
                del self.schedules[sid]

        self._mutate("delete_workout", apply)

    def _guard(self, workout_id: str) -> None:
        if self.workouts.get(workout_id, {}).get("key") is None:
            raise NotOwned(f"refusing to touch workout {workout_id}: not hipcoach's")
