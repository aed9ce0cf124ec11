"""Runs from Garmin Connect's activity list, under the real garminconnect client."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import responses
from responses import matchers

from hipcoach.errors import ServiceError, TemporaryError
from hipcoach_garmin import GarminIntegration
from hipcoach_garmin.activities import RUNNING_TYPES, run_from_garmin
from hipcoach_garmin.client import GarminConnection
from hipcoach_garmin.source import PAGE_SIZE, GarminActivityList, GarminSource
from tests.fakes.garmin_server import FakeGarmin
from tests.garmin.conftest import API
from tests.garmin_shapes import garmin_activity

ACTIVITIES = f"{API}/activitylist-service/activities/search/activities"
DAY = date(2026, 11, 22)


def source(token_file: Path) -> GarminSource:
    return GarminSource(GarminActivityList(GarminConnection(token_file)))


# -- mapping -------------------------------------------------------------------------------
@pytest.mark.parametrize("type_key", sorted(RUNNING_TYPES))
def test_every_running_type_is_a_run(type_key: str) -> None:
    run = run_from_garmin(garmin_activity(DAY, 10, type_key=type_key, ident=7))
    assert run is not None
    assert (run.id, run.sport, run.distance_km, run.kind) == ("7", type_key, 10.0, "easy")


@pytest.mark.parametrize(
    "type_key", ["strength_training", "cycling", "walking", "hiking", "lap_swimming", ""]
)
def test_other_sports_are_ignored(type_key: str) -> None:
    assert run_from_garmin(garmin_activity(DAY, 10, type_key=type_key)) is None


def test_the_date_is_the_local_start_not_the_utc_one() -> None:
    # 06:30 in Sydney on Monday is 19:30 UTC on Sunday.
    item = garmin_activity(date(2026, 11, 23), 8, hour=6, utc_offset_h=10.5)
    assert item["startTimeGMT"].startswith("2026-11-22")
    run = run_from_garmin(item)
    assert run is not None and run.date == date(2026, 11, 23)


def test_a_race_is_a_race_and_moving_time_is_the_moving_duration() -> None:
    run = run_from_garmin(garmin_activity(DAY, 21.1, minutes=95, event="race"))
    assert run is not None
    assert (run.kind, run.moving_time_s) == ("race", 95 * 60)


def test_a_treadmill_run_without_distance_is_still_a_run() -> None:
    item = {**garmin_activity(DAY, 0, type_key="treadmill_running", minutes=30), "distance": None}
    run = run_from_garmin(item)
    assert run is not None and (run.distance_m, run.moving_time_s) == (0.0, 1800)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"startTimeLocal": None}, "no startTimeLocal"),
        ({"startTimeLocal": "yesterday"}, "not a date-time"),
        ({"distance": "far"}, "distance 'far' is not a number"),
        ({"distance": float("nan")}, "distance is not a finite number"),
        ({"distance": 400_000.0}, "over 300 km"),
        ({"movingDuration": 600.0, "distance": 10_000.0}, "faster than the world record"),
        ({"movingDuration": 1e30}, "over a week"),
        ({"elapsedDuration": 1e30, "movingDuration": None, "duration": None}, "over a week"),
        ({"startTimeLocal": "2099-01-01 08:00:00"}, "in the future"),
        ({"startTimeLocal": "1985-05-01 08:00:00"}, "before 1990"),
        ({"activityId": None}, "activityId None is not an id"),
    ],
)
def test_an_unusable_item_is_skipped_and_named(change, message, token_file: Path, api) -> None:
    bad = {**garmin_activity(DAY, 8, ident=42, name="Odd one"), **change}
    good = garmin_activity(DAY, 8, ident=43)
    api.get(ACTIVITIES, json=[bad, good])
    (page,) = source(token_file).fetch_pages(date(1980, 1, 1))
    assert [r.id for r in page.runs] == ["43"]
    (skipped,) = page.skipped
    assert message in skipped.reason
    assert skipped.ident in ("Garmin activity 42 (Odd one)", "item 0 of page 1")


def test_the_same_activity_twice_counts_once(token_file: Path, api) -> None:
    api.get(ACTIVITIES, json=[garmin_activity(DAY, 8, ident=5), garmin_activity(DAY, 8, ident=5)])
    assert [r.id for r in source(token_file).fetch_runs(DAY)] == ["5"]


# -- paging ----------------------------------------------------------------------------------
def test_pages_are_read_oldest_first_twenty_at_a_time_until_a_short_page(
    token_file: Path, api
) -> None:
    first = DAY - timedelta(days=60)
    items = [garmin_activity(first + timedelta(days=i), 5, ident=i + 1) for i in range(45)]
    for start in (0, 20, 40):
        api.get(
            ACTIVITIES,
            json=items[start : start + PAGE_SIZE],
            match=[
                matchers.query_param_matcher(
                    {
                        "startDate": first.isoformat(),
                        "start": str(start),
                        "limit": "20",
                        "sortOrder": "asc",
                    }
                )
            ],
        )
    runs = list(source(token_file).fetch_runs(first))
    assert [r.id for r in runs] == [str(i + 1) for i in range(45)]
    assert len(api.calls) == 3  # the short third page ends it: no extra empty page


def test_a_quiet_night_is_one_read(token_file: Path, api) -> None:
    api.get(ACTIVITIES, json=[garmin_activity(DAY, 8)])
    assert len(list(source(token_file).fetch_runs(DAY - timedelta(days=2)))) == 1
    assert len(api.calls) == 1


def test_runs_before_since_are_left_out(token_file: Path, api) -> None:
    api.get(ACTIVITIES, json=[garmin_activity(DAY - timedelta(days=3), 8), garmin_activity(DAY, 8)])
    assert [r.date for r in source(token_file).fetch_runs(DAY)] == [DAY]


def test_one_read_serves_later_requests_in_the_process(token_file: Path, api) -> None:
    items = [garmin_activity(DAY - timedelta(days=d), 8, ident=d + 1) for d in (0, 3, 6)]
    api.get(ACTIVITIES, json=items)
    activities = GarminActivityList(GarminConnection(token_file))
    assert len(list(GarminSource(activities).fetch_runs(DAY - timedelta(days=6)))) == 3
    later = activities.items_since(DAY - timedelta(days=3))
    assert sorted(i["activityId"] for i in later) == [1, 4]
    assert len(api.calls) == 1


def test_an_earlier_start_than_any_read_is_read(token_file: Path, api) -> None:
    api.get(ACTIVITIES, json=[garmin_activity(DAY, 8, ident=1)])
    api.get(ACTIVITIES, json=[garmin_activity(DAY - timedelta(days=9), 8, ident=2)])
    activities = GarminActivityList(GarminConnection(token_file))
    list(activities.pages(DAY))
    assert [i["activityId"] for i in activities.items_since(DAY - timedelta(days=9))] == [2]
    assert len(api.calls) == 2


def test_an_import_resumes_at_the_page_it_did_not_store(token_file: Path, api) -> None:
    first = DAY - timedelta(days=60)
    items = [garmin_activity(first + timedelta(days=i), 5, ident=i + 1) for i in range(45)]
    api.get(
        ACTIVITIES,
        json=items[20:40],
        match=[
            matchers.query_param_matcher(
                {"startDate": first.isoformat(), "start": "20", "limit": "20", "sortOrder": "asc"}
            )
        ],
    )
    api.get(
        ACTIVITIES,
        json=items[40:],
        match=[
            matchers.query_param_matcher(
                {"startDate": first.isoformat(), "start": "40", "limit": "20", "sortOrder": "asc"}
            )
        ],
    )
    pages = list(source(token_file).fetch_pages(first, resume="2"))
    assert [p.next_page for p in pages] == ["3", None]
    assert [r.id for p in pages for r in p.runs] == [str(i + 1) for i in range(20, 45)]


@pytest.mark.parametrize("resume", ["0", "-1", "abc", "2025-01-01"])
def test_a_resume_point_this_source_never_gave_is_a_clear_error(
    token_file: Path, api, resume: str
) -> None:
    with pytest.raises(ServiceError, match=f"cannot resume the Garmin import at '{resume}'"):
        list(source(token_file).fetch_pages(DAY, resume=resume))
    assert len(api.calls) == 0  # nothing is read from an unknown page


def test_a_page_that_is_not_a_list_is_a_service_error(token_file: Path, api) -> None:
    api.get(ACTIVITIES, json={"error": "maintenance"})
    with pytest.raises(ServiceError, match="malformed activity list"):
        list(source(token_file).fetch_runs(DAY))


def test_a_failed_page_is_temporary_and_asked_for_once(token_file: Path, api) -> None:
    api.get(ACTIVITIES, status=503, json={"message": "down"})
    with pytest.raises(TemporaryError, match="page 1"):
        list(source(token_file).fetch_runs(DAY))
    assert len(api.calls) == 1  # retry_attempts=0: the next night asks again, not this one


def test_earlier_pages_are_yielded_before_a_later_page_fails(token_file: Path, api) -> None:
    first = [garmin_activity(DAY - timedelta(days=30 - i), 5, ident=i + 1) for i in range(20)]
    api.get(ACTIVITIES, json=first)
    api.get(ACTIVITIES, status=500, json={"message": "boom"})
    seen = []
    with pytest.raises(TemporaryError):
        for run in source(token_file).fetch_runs(DAY - timedelta(days=30)):
            seen.append(run.id)
    assert len(seen) == 20


def test_the_integration_offers_the_source_only_with_tokens(context, token_file: Path) -> None:
    integration = GarminIntegration()
    assert isinstance(integration.activity_source(context()), GarminSource)
    token_file.unlink()
    assert GarminIntegration().activity_source(context()) is None


def test_source_and_target_share_one_client(context, token_file: Path) -> None:
    integration = GarminIntegration()
    ctx = context()
    src = integration.activity_source(ctx)
    target = integration.workout_target(ctx)
    assert src is not None and target is not None
    assert src.activities.connection is target.connection


def test_against_the_stateful_fake(token_file: Path) -> None:
    fake = FakeGarmin()
    fake.activities = [
        garmin_activity(DAY - timedelta(days=d), 8, ident=100 + d) for d in range(30)
    ] + [garmin_activity(DAY, 0, type_key="strength_training", ident=99)]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.register(mock)
        runs = list(source(token_file).fetch_runs(DAY - timedelta(days=29)))
    assert [r.date for r in runs] == [DAY - timedelta(days=d) for d in range(29, -1, -1)]
    assert "99" not in {r.id for r in runs}
    assert len(fake.requests) == 2  # 31 items from the start date: one full page, one short
