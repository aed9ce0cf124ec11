"""The intervals.icu target's own guards and requests, against the fake server: only events
read with hipcoach's external_id are written to or deleted; a move keeps the event's id;
content waits for its date; an event gone is written anew; deleting what was never seen asks
by external_id."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from hipcoach.errors import NotOwned
from hipcoach.models import ScheduledSession
from hipcoach.programme.generator import ProgrammeSettings, generate
from hipcoach_intervals import IntervalsIntegration
from hipcoach_intervals.target import IntervalsTarget
from tests.fakes.intervals_server import PREFIX
from tests.intervals.conftest import context_for
from tests.intervals_shapes import planned_run

DAY = date(2026, 11, 24)


def sessions() -> list[Any]:
    return list(generate(ProgrammeSettings(), date(2026, 11, 23), weeks=1).weeks[0].sessions)


def target_for(home) -> IntervalsTarget:  # type: ignore[no-untyped-def]
    target = IntervalsIntegration().workout_target(context_for(home))
    assert target is not None
    return target


def put_on_calendar(target: IntervalsTarget, session, on: date = DAY) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    target.use_plan([ScheduledSession(session=session, date=on, reason="test")])
    workout = target.create_workout(session)
    return workout, target.schedule(workout, on)


def test_a_session_is_written_when_it_gets_a_date_and_moved_in_place(fake, home, key_file):
    target = target_for(home)
    first = sessions()[0]
    workout = target.create_workout(first)
    assert workout == f"{PREFIX}{first.key}" and fake.requests == []
    event = target.schedule(workout, DAY)
    assert fake.requests[-1] == ("POST", "/api/v1/athlete/i434414/events/bulk")
    assert fake.queries[-1] == {"upsert": "true"}
    moved = target.schedule(workout, DAY + timedelta(days=2))
    assert moved == event  # the same event, its date changed
    assert fake.requests[-1] == ("PUT", f"/api/v1/athlete/i434414/events/{event}")
    assert fake.hipcoach_events() == [(first.key, str(DAY + timedelta(days=2)))]


def test_an_update_without_an_event_waits_for_the_schedule_that_follows(fake, home, key_file):
    target = target_for(home)
    first = sessions()[0]
    workout = f"{PREFIX}{first.key}"
    changed = first.model_copy(update={"title": "Hip strength, changed"})
    target.update_workout(workout, changed)
    assert fake.requests == []
    target.schedule(workout, DAY)
    (event,) = fake.events.values()
    assert "Hip strength, changed" in event["name"]


def test_an_event_gone_since_it_was_read_is_written_anew(fake, home, key_file):
    target = target_for(home)
    workout, event = put_on_calendar(target, sessions()[0])
    del fake.events[int(event)]  # the runner deleted it meanwhile
    again = target.schedule(workout, DAY)
    assert again != event and fake.hipcoach_events() == [(sessions()[0].key, str(DAY))]


@pytest.mark.parametrize(
    "workout",
    ["hipcoach:i999:2026-W48-1", "runna-991", "hipcoach:i434414:not-a-key", ""],
)
def test_nothing_but_this_athletes_hipcoach_events_is_written_or_deleted(
    fake, home, key_file, workout
):
    target = target_for(home)
    session = sessions()[0]
    for attempt in (
        lambda: target.schedule(workout, DAY),
        lambda: target.update_workout(workout, session),
        lambda: target.delete_workout(workout),
        lambda: target.unschedule("46696127", workout),
    ):
        with pytest.raises(NotOwned):
            attempt()
    assert fake.mutating_requests() == []


def test_an_event_is_deleted_only_when_read_as_that_sessions(fake, home, key_file):
    target = target_for(home)
    runners = fake.add_event(planned_run(DAY, "Long run", km=20))
    workout, event = put_on_calendar(target, sessions()[0])
    other = f"{PREFIX}{sessions()[1].key}"
    with pytest.raises(NotOwned):
        target.unschedule(str(runners), workout)  # the runner's event
    with pytest.raises(NotOwned):
        target.unschedule(event, other)  # ours, but another session's
    target.unschedule(event, workout)
    assert int(event) not in fake.events and runners in fake.events


def test_unscheduling_an_event_already_gone_counts_as_done(fake, home, key_file):
    target = target_for(home)
    workout, event = put_on_calendar(target, sessions()[0])
    target.list_scheduled(DAY, DAY)
    del fake.events[int(event)]
    target.unschedule(event, workout)  # 404: already gone
    target.delete_workout(workout)  # its only event was just deleted: no request
    assert fake.requests[-1] == ("DELETE", f"/api/v1/athlete/i434414/events/{event}")


def test_deleting_a_session_this_run_never_saw_asks_by_external_id(fake, home, key_file):
    made = target_for(home)
    workout, _ = put_on_calendar(made, sessions()[0], DAY + timedelta(days=90))
    look_alike = fake.add_event({**planned_run(DAY, "copy"), "external_id": workout})
    fresh = target_for(home)  # another night: nothing read in the window holds it
    fresh.delete_workout(workout)
    assert fake.requests[-1] == ("PUT", "/api/v1/athlete/i434414/events/bulk-delete")
    assert fake.hipcoach_events() == [(sessions()[0].key, str(DAY))]  # the runner's copy
    assert look_alike in fake.events


def test_listing_reads_six_weeks_back_and_over_a_year_ahead_once(fake, home, key_file, clock):
    target = target_for(home)
    put_on_calendar(target, sessions()[0], clock.day - timedelta(days=6))
    fake.requests.clear()
    owned = target.list_owned_workouts()
    assert [w.session_key for w in owned] == [sessions()[0].key]
    assert fake.queries[-1] == {
        "oldest": str(clock.day - timedelta(days=42 + 14)),
        "newest": str(clock.day + timedelta(days=400 + 14)),
    }
    target.list_scheduled(clock.day, clock.day + timedelta(days=13))
    assert len(fake.requests) == 1  # inside what was read


def test_a_move_is_one_put_of_an_event_read_as_that_sessions(fake, home, key_file):
    target = target_for(home)
    workout, event = put_on_calendar(target, sessions()[0])
    other, _ = put_on_calendar(target, sessions()[1], DAY + timedelta(days=2))
    fake.requests.clear()
    with pytest.raises(NotOwned):
        target.reschedule(event, other, DAY)  # ours, but another session's event
    assert fake.requests == []
    assert target.reschedule(event, workout, DAY + timedelta(days=1)) == event
    assert fake.requests == [("PUT", f"/api/v1/athlete/i434414/events/{event}")]
    del fake.events[int(event)]  # gone meanwhile: written anew
    again = target.reschedule(event, workout, DAY + timedelta(days=3))
    assert again != event and (sessions()[0].key, str(DAY + timedelta(days=3))) in (
        fake.hipcoach_events()
    )


def test_a_text_intervals_rewrote_is_logged_not_an_error(fake, home, key_file, caplog):
    """Unverified: intervals.icu may derive the description from the attached FIT file."""
    import logging

    original = fake._stored

    def rewrite(ident: int, item: dict[str, Any]) -> dict[str, Any]:
        return {**original(ident, item), "description": "Strength from FIT"}

    fake._stored = rewrite  # type: ignore[method-assign]
    target = target_for(home)
    with caplog.at_level(logging.INFO, logger="hipcoach_intervals"):
        put_on_calendar(target, sessions()[0])
    assert any("kept another description" in r.getMessage() for r in caplog.records)
