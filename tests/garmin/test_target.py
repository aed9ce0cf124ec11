"""GarminTarget on the real garminconnect client, with every HTTP call answered by responses."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from responses import matchers

from hipcoach.errors import (
    ConfigError,
    CredentialsError,
    NotOwned,
    RemoteNotFound,
    ServiceError,
    TemporaryError,
)
from hipcoach.models import GarminMapping
from hipcoach.plugins.values import RemoteScheduleEntry
from hipcoach_garmin.calendar import months
from hipcoach_garmin.payload import build_workout
from hipcoach_garmin.target import GarminTarget
from tests.garmin.conftest import (
    ACCESS_TOKEN,
    API,
    DI_TOKEN_URL,
    REFRESH_TOKEN,
    TOKENS,
    fake_jwt,
    session_for,
)

SESSION = session_for()
DAY = date(2026, 11, 24)
WORKOUT = f"{API}/workout-service/workout"
NOVEMBER = f"{API}/calendar-service/year/2026/month/10"
DECEMBER = f"{API}/calendar-service/year/2026/month/11"


def calendar_item(item_id: int, day: str, title: str) -> dict[str, object]:
    item = {"id": item_id, "itemType": "workout", "workoutId": item_id + 1000}
    return {**item, "date": day, "title": title}


def ours(key: str = "2026-W48-1") -> str:
    return f"hipcoach {key} · Hip strength W1 S1"


def test_create_posts_the_payload_and_returns_the_id(target: GarminTarget, api) -> None:
    payload = build_workout(SESSION)
    api.post(
        WORKOUT,
        json={"workoutId": 111, "ownerId": 9},
        match=[matchers.json_params_matcher(payload)],
    )
    assert target.create_workout(SESSION) == "111"
    request = api.calls[0].request
    assert request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_update_puts_the_payload_with_the_workout_id(target: GarminTarget, api) -> None:
    api.post(WORKOUT, json={"workoutId": 111})
    body = {**build_workout(SESSION), "workoutId": 111}
    api.put(f"{WORKOUT}/111", status=204, match=[matchers.json_params_matcher(body)])
    workout_id = target.create_workout(SESSION)
    target.update_workout(workout_id, SESSION)
    assert [c.request.method for c in api.calls] == ["POST", "PUT"]


def test_schedule_posts_the_date_and_reads_the_schedule_id(target: GarminTarget, api) -> None:
    # A workout this target did not make is checked for the marker once.
    api.get(f"{WORKOUT}/111", json={"workoutId": 111, "description": "[hipcoach:2026-W48-1]"})
    url = f"{API}/workout-service/schedule/111"
    api.post(
        url,
        json={"workoutScheduleId": 555},
        match=[matchers.json_params_matcher({"date": "2026-11-24"})],
    )
    api.post(url, json={"scheduleId": 556})
    api.post(url, json={"id": 557})
    assert [target.schedule("111", DAY) for _ in range(3)] == ["555", "556", "557"]


def test_schedule_without_an_id_in_the_answer_is_a_service_error(target, api) -> None:
    api.get(f"{WORKOUT}/111", json={"workoutId": 111, "description": "[hipcoach:2026-W48-1]"})
    api.post(f"{API}/workout-service/schedule/111", json={"date": "2026-11-24"})
    with pytest.raises(ServiceError, match="no schedule id"):
        target.schedule("111", DAY)


MARKED = {"workoutId": 1555, "description": "x\n[hipcoach:2026-W48-1]"}


def read_entry_555(target: GarminTarget, api) -> None:  # type: ignore[no-untyped-def]
    """The calendar read that shows entry 555 of workout 1555 (calendar_item adds 1000)."""
    api.get(NOVEMBER, json={"calendarItems": [calendar_item(555, "2026-11-24", "renamed")]})
    target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))


def test_unschedule_checks_the_marker_then_deletes_the_calendar_entry(target, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json=MARKED)
    api.delete(f"{API}/workout-service/schedule/555", status=204)
    target.unschedule("555", "1555")
    assert [c.request.method for c in api.calls] == ["GET", "GET", "DELETE"]


def test_unschedule_of_an_entry_already_gone_succeeds(target: GarminTarget, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json=MARKED)
    api.delete(f"{API}/workout-service/schedule/555", status=404, json={"message": "Not found"})
    target.unschedule("555", "1555")


def test_unschedule_refuses_an_entry_of_a_foreign_workout(target: GarminTarget, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json={"workoutId": 1555, "description": "my own plan"})
    with pytest.raises(NotOwned, match="no hipcoach marker"):
        target.unschedule("555", "1555")
    assert [c.request.method for c in api.calls] == ["GET", "GET"]


@pytest.mark.parametrize(("schedule_id", "workout_id"), [("555", "1999"), ("556", "1555")])
def test_unschedule_refuses_an_entry_not_read_as_that_workouts(
    target: GarminTarget, api, schedule_id, workout_id
) -> None:
    read_entry_555(target, api)
    with pytest.raises(NotOwned, match="not read from the calendar"):
        target.unschedule(schedule_id, workout_id)
    assert len(api.calls) == 1


def test_delete_checks_the_marker_once_then_deletes(target: GarminTarget, api) -> None:
    api.get(f"{WORKOUT}/111", json={"workoutId": 111, "description": "x\n[hipcoach:2026-W48-1]"})
    api.delete(f"{WORKOUT}/111", status=204)
    target.delete_workout("111")
    assert [c.request.method for c in api.calls] == ["GET", "DELETE"]


def test_delete_of_a_workout_created_here_needs_no_check(target: GarminTarget, api) -> None:
    api.post(WORKOUT, json={"workoutId": 111})
    api.delete(f"{WORKOUT}/111", status=204)
    target.delete_workout(target.create_workout(SESSION))
    assert [c.request.method for c in api.calls] == ["POST", "DELETE"]


def test_delete_of_a_workout_already_gone_succeeds(target: GarminTarget, api) -> None:
    api.get(f"{WORKOUT}/111", status=404, json={"message": "Not found"})
    target.delete_workout("111")


@pytest.mark.parametrize("description", ["someone else's workout", None])
def test_update_and_delete_refuse_a_workout_without_the_marker(target, api, description) -> None:
    api.get(f"{WORKOUT}/222", json={"workoutId": 222, "description": description})
    with pytest.raises(ServiceError, match="no hipcoach marker"):
        target.delete_workout("222")
    with pytest.raises(ServiceError, match="no hipcoach marker"):
        target.update_workout("222", SESSION)
    assert [c.request.method for c in api.calls] == ["GET", "GET"]


def test_update_of_a_workout_that_is_gone_is_a_service_error(target, api) -> None:
    api.get(f"{WORKOUT}/111", status=404, json={"message": "Not found"})
    with pytest.raises(ServiceError, match="no longer exists"):
        target.update_workout("111", SESSION)


def test_list_owned_pages_and_keeps_marked_workouts_only(target, api) -> None:
    first = [{"workoutId": n, "workoutName": f"Run {n}", "description": None} for n in range(100)]
    first[5] = {"workoutId": 5, "workoutName": "renamed", "description": "[hipcoach:2026-W48-2]"}
    second = [
        {"workoutId": 300, "workoutName": ours("2026-W48-1")},
        {"workoutId": 301, "workoutName": "Tempo", "description": "hipcoach fan"},
    ]
    url = f"{API}/workout-service/workouts"
    api.get(url, json=first, match=[matchers.query_param_matcher({"start": "0", "limit": "100"})])
    api.get(
        url, json=second, match=[matchers.query_param_matcher({"start": "100", "limit": "100"})]
    )
    owned = target.list_owned_workouts()
    # 300 is only *named* like ours: never hipcoach's without the marker.
    assert {(w.workout_id, w.session_key) for w in owned} == {("5", "2026-W48-2")}
    api.delete(f"{WORKOUT}/5", status=204)
    target.delete_workout("5")  # the marker was seen in the list: no extra fetch
    assert len(api.calls) == 3


def test_list_owned_stops_when_paging_is_ignored(target, api) -> None:
    page = [{"workoutId": n, "workoutName": f"Run {n}"} for n in range(100)]
    api.get(f"{API}/workout-service/workouts", json=page)
    assert target.list_owned_workouts() == []
    assert len(api.calls) == 2


def test_list_scheduled_reads_one_month_with_one_request(target, api) -> None:
    items = [
        calendar_item(1, "2026-11-24", ours("2026-W48-1")),
        calendar_item(2, "2026-11-26", "Easy run"),
        {"id": 3, "itemType": "activity", "date": "2026-11-24", "title": ours("2026-W48-9")},
        calendar_item(4, "2026-11-30", ours("2026-W49-1")),
        calendar_item(5, "2026-11-10", ours("2026-W46-1")),
        {"id": 6, "itemType": "workout", "date": "2026-11-25", "title": ours("2026-W48-2")},
        {"id": 7, "itemType": "workout", "workoutId": None, "date": "2026-11-25", "title": "x"},
    ]
    api.get(NOVEMBER, json={"calendarItems": items})
    entries = target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))
    # Every workout entry, whatever its title; items without a workout id are left out.
    assert entries == [
        RemoteScheduleEntry(schedule_id="1", workout_id="1001", date=DAY),
        RemoteScheduleEntry(schedule_id="2", workout_id="1002", date=date(2026, 11, 26)),
    ]
    assert len(api.calls) == 1


def test_list_scheduled_spans_months_and_deduplicates_spill_over(target, api) -> None:
    spill = calendar_item(7, "2026-12-01", ours("2026-W49-1"))
    api.get(
        NOVEMBER,
        json={"calendarItems": [calendar_item(6, "2026-11-30", ours("2026-W49-0")), spill]},
    )
    api.get(
        DECEMBER,
        json={"calendarItems": [spill, calendar_item(8, "2026-12-03", ours("2026-W49-2"))]},
    )
    entries = target.list_scheduled(date(2026, 11, 30), date(2026, 12, 13))
    assert [(e.schedule_id, e.date.isoformat(), e.workout_id) for e in entries] == [
        ("6", "2026-11-30", "1006"),
        ("7", "2026-12-01", "1007"),
        ("8", "2026-12-03", "1008"),
    ]


def test_months_cover_a_year_end() -> None:
    assert list(months(date(2026, 12, 20), date(2027, 1, 5))) == [(2026, 12), (2027, 1)]
    assert list(months(date(2026, 12, 20), date(2026, 12, 1))) == []


@pytest.mark.parametrize(
    "body", [{"calendarItems": "nope"}, [], {"calendarItems": [calendar_item(1, "soon", ours())]}]
)
def test_a_malformed_calendar_is_a_service_error(target, api, body) -> None:
    api.get(NOVEMBER, json=body)
    with pytest.raises(ServiceError):
        target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))


# -- error mapping ----------------------------------------------------------------------------
def read_november(target: GarminTarget) -> list[RemoteScheduleEntry]:
    return target.list_scheduled(date(2026, 11, 23), date(2026, 11, 29))


def test_401_after_the_refresh_attempt_is_a_credentials_error(target, api, _no_sso) -> None:
    api.get(NOVEMBER, status=401, json={"message": "Unauthorized"})
    with pytest.raises(CredentialsError) as caught:
        read_november(target)
    assert "hipcoach auth garmin" in str(caught.value)
    assert _no_sso == [DI_TOKEN_URL]  # garminconnect tried its own refresh once, offline


@pytest.mark.parametrize(
    ("status", "error", "text"),
    [
        (429, TemporaryError, "rate-limiting"),
        (500, TemporaryError, "HTTP 500"),
        (503, TemporaryError, "HTTP 503"),
        (403, ServiceError, "HTTP 403"),
        (400, ServiceError, "HTTP 400"),
    ],
)
def test_http_errors_on_reads_are_mapped(target, api, status, error, text) -> None:
    api.get(NOVEMBER, status=status, json={"message": "nope"})
    with pytest.raises(error, match=text) as caught:
        read_november(target)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "error"), [(429, TemporaryError), (502, TemporaryError), (409, ServiceError)]
)
def test_http_errors_on_writes_are_mapped(target, api, status, error) -> None:
    api.post(WORKOUT, status=status, body="plain text")
    with pytest.raises(error):
        target.create_workout(SESSION)


@pytest.mark.parametrize(
    "failure", [requests.ConnectionError("connection refused"), requests.ReadTimeout("slow")]
)
def test_network_errors_are_temporary(target, api, failure) -> None:
    api.get(NOVEMBER, body=failure)
    api.post(WORKOUT, body=failure)
    with pytest.raises(TemporaryError, match="cannot reach Garmin Connect"):
        read_november(target)
    with pytest.raises(TemporaryError, match="cannot reach Garmin Connect"):
        target.create_workout(SESSION)


def test_malformed_json_is_a_service_error(target, api) -> None:
    api.get(NOVEMBER, body="<html>maintenance</html>")
    api.post(WORKOUT, body="<html>maintenance</html>")
    with pytest.raises(ServiceError, match="malformed"):
        read_november(target)
    with pytest.raises(ServiceError, match="malformed"):
        target.create_workout(SESSION)


@pytest.mark.parametrize(
    "body", [{"json": {"message": "Invalid category"}}, {"body": "Invalid category"}]
)
def test_invalid_category_reads_as_a_bug_report_naming_the_step(target, api, body) -> None:
    p = SESSION.prescriptions[1]
    bad = p.model_copy(
        update={
            "variant": p.variant.model_copy(
                update={"garmin": GarminMapping(category="OTHER", exercise_name="BIRD_DOG")}
            )
        }
    )
    session = SESSION.model_copy(update={"prescriptions": (SESSION.prescriptions[0], bad)})
    api.post(WORKOUT, status=400, **body)
    with pytest.raises(ServiceError) as caught:
        target.create_workout(session)
    message = str(caught.value)
    assert "Invalid category" in message
    assert "step 7 OTHER/BIRD_DOG" in message  # 6 is its repeat group, 7-8 its sides
    assert "HIP_STABILITY" not in message
    assert "bug" in message and "\n" not in message


def test_invalid_category_with_known_categories_names_every_step(target, api) -> None:
    api.post(WORKOUT, status=400, json={"message": "Invalid category"})
    with pytest.raises(ServiceError, match="sent: step 3 HIP_STABILITY/SIDE_LYING_LEG_RAISE"):
        target.create_workout(SESSION)


# -- tokens -----------------------------------------------------------------------------------
def test_building_a_target_makes_no_request_and_reads_no_profile(token_file: Path, api) -> None:
    target = GarminTarget(token_file)
    api.get(NOVEMBER, json={"calendarItems": []})
    assert read_november(target) == []
    assert [c.request.url for c in api.calls] == [NOVEMBER]


def test_missing_or_broken_tokens_are_credentials_errors(token_file: Path) -> None:
    token_file.write_text("{}", encoding="utf-8")
    with pytest.raises(CredentialsError, match="no usable tokens"):
        read_november(GarminTarget(token_file))
    token_file.unlink()
    with pytest.raises(CredentialsError, match="hipcoach auth garmin"):
        read_november(GarminTarget(token_file))


@pytest.mark.usefixtures("sso_via_requests")
def test_refreshed_tokens_are_saved_back_privately(token_file: Path, api) -> None:
    expiring = fake_jwt(1_000_000_000, "expiredTOKEN")
    token_file.write_text(
        json.dumps({"di_token": expiring, "di_refresh_token": REFRESH_TOKEN, "di_client_id": "C"}),
        encoding="utf-8",
    )
    fresh = fake_jwt(4_102_444_800, "freshTOKENvalue")
    api.post(DI_TOKEN_URL, json={"access_token": fresh, "refresh_token": "rotated-refresh-token-1"})
    api.get(NOVEMBER, json={"calendarItems": []})
    read_november(GarminTarget(token_file))
    saved = json.loads(token_file.read_text(encoding="utf-8"))
    assert saved["di_token"] == fresh
    assert saved["di_refresh_token"] == "rotated-refresh-token-1"
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert api.calls[1].request.headers["Authorization"] == f"Bearer {fresh}"


def test_unchanged_tokens_are_not_rewritten(token_file: Path, api) -> None:
    before = token_file.stat().st_mtime_ns
    api.get(NOVEMBER, json={"calendarItems": []})
    read_november(GarminTarget(token_file))
    assert token_file.stat().st_mtime_ns == before


def test_no_token_reaches_the_logs(target, api, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    api.post(WORKOUT, json={"workoutId": 111})
    api.post(f"{API}/workout-service/schedule/111", json={"workoutScheduleId": 5})
    # The 500 first: after a refused sign-in no further request goes to Garmin.
    api.get(NOVEMBER, status=500, body="oops")
    api.get(DECEMBER, status=401, json={"message": "Unauthorized"})
    target.schedule(target.create_workout(SESSION), DAY)
    for start in (date(2026, 11, 23), date(2026, 12, 7)):
        with pytest.raises((CredentialsError, TemporaryError)):
            target.list_scheduled(start, start + timedelta(days=6))
    assert "API Error 500" in caplog.text  # garminconnect logged the failures...
    assert ACCESS_TOKEN not in caplog.text  # ...but never a token
    assert REFRESH_TOKEN not in caplog.text


def _expiring_store(token_file: Path, api) -> None:
    token_file.write_text(
        json.dumps(
            {
                "di_token": fake_jwt(1_000_000_000, "expiredTOKEN"),
                "di_refresh_token": REFRESH_TOKEN,
                "di_client_id": "C",
            }
        ),
        encoding="utf-8",
    )
    fresh = fake_jwt(4_102_444_800, "freshTOKENvalue")
    api.post(DI_TOKEN_URL, json={"access_token": fresh, "refresh_token": "rotated-refresh-2"})


@pytest.mark.usefixtures("sso_via_requests")
def test_a_failed_token_save_is_a_config_error_not_a_crash(token_file: Path, api, monkeypatch):
    _expiring_store(token_file, api)
    api.get(NOVEMBER, json={"calendarItems": []})

    def read_only(*args, **kwargs):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr("hipcoach_garmin.tokens.write_private", read_only)
    with pytest.raises(ConfigError, match="cannot save the Garmin tokens"):
        read_november(GarminTarget(token_file))


@pytest.mark.usefixtures("sso_via_requests")
def test_a_failed_token_save_does_not_hide_the_calls_own_error(token_file: Path, api, monkeypatch):
    _expiring_store(token_file, api)
    api.get(NOVEMBER, status=500, body="oops")
    monkeypatch.setattr(
        "hipcoach_garmin.tokens.write_private",
        lambda *a, **k: (_ for _ in ()).throw(PermissionError(30, "Read-only file system")),
    )
    with pytest.raises(TemporaryError):
        read_november(GarminTarget(token_file))


@pytest.mark.usefixtures("sso_via_requests")
def test_a_named_token_store_keeps_its_directory_permissions(tmp_path: Path, api) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    path = shared / "garmin_tokens.json"
    _expiring_store(path, api)
    api.get(NOVEMBER, json={"calendarItems": []})
    read_november(GarminTarget(path, own_store=False))
    assert shared.stat().st_mode & 0o777 == 0o755
    assert path.stat().st_mode & 0o777 == 0o600


def test_token_json_in_garmintokens_is_a_clear_config_error(context) -> None:
    from hipcoach_garmin.tokens import token_file

    with pytest.raises(ConfigError, match="needs a path"):
        token_file(context(env={"GARMINTOKENS": json.dumps(TOKENS) * 3}))


def test_an_update_answered_with_an_empty_200_is_done(target: GarminTarget, api) -> None:
    api.post(WORKOUT, json={"workoutId": 111})
    api.put(f"{WORKOUT}/111", status=200, body="")
    target.update_workout(target.create_workout(SESSION), SESSION)
    assert [c.request.method for c in api.calls] == ["POST", "PUT"]


def test_deletes_answered_with_an_empty_200_are_done(target: GarminTarget, api) -> None:
    api.post(WORKOUT, json={"workoutId": 111})
    api.post(f"{API}/workout-service/schedule/111", json={"workoutScheduleId": 5})
    api.delete(f"{API}/workout-service/schedule/5", status=200, body="")
    api.delete(f"{WORKOUT}/111", status=200, body="")
    workout_id = target.create_workout(SESSION)
    target.unschedule(target.schedule(workout_id, DAY), workout_id)
    target.delete_workout(workout_id)
    assert [c.request.method for c in api.calls] == ["POST", "POST", "DELETE", "DELETE"]


def test_a_workout_without_the_marker_is_never_scheduled(target: GarminTarget, api) -> None:
    api.get(f"{WORKOUT}/222", json={"workoutId": 222, "description": "my own leg day"})
    with pytest.raises(NotOwned, match="no hipcoach marker"):
        target.schedule("222", DAY)
    assert [c.request.method for c in api.calls] == ["GET"]


def test_a_gone_workout_is_not_scheduled(target: GarminTarget, api) -> None:
    api.get(f"{WORKOUT}/333", status=404, json={"message": "not found"})
    with pytest.raises(RemoteNotFound):
        target.schedule("333", DAY)


# -- garminconnect 0.3.20: moves in place, 429 on writes, reading back --------------------------
SCHEDULE_555 = f"{API}/workout-service/schedule/555"
#: GET /workout-service/schedule/{id} as garminconnect 0.3.20's reschedule_workout reads it
#: (garmin.md §10: ``workout`` and ``calendarDate`` at the top level; the rest unverified)
ENTRY_555 = {
    "workoutScheduleId": 555,
    "workout": {"workoutId": 1555, "workoutName": "hipcoach 2026-W48-1 · Hip strength"},
    "calendarDate": "2026-11-24",
    "ownerId": 4242,
}


def test_reschedule_moves_the_entry_in_place_with_one_put(target: GarminTarget, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json=MARKED)
    api.get(SCHEDULE_555, json=ENTRY_555)
    moved = {**ENTRY_555, "calendarDate": "2026-11-26", "workout": {"workoutId": 1555}}
    api.put(SCHEDULE_555, json=moved, match=[matchers.json_params_matcher(moved)])
    assert target.reschedule("555", "1555", date(2026, 11, 26)) == "555"  # the id is kept
    methods = [(c.request.method, c.request.url.split("/")[-1]) for c in api.calls[2:]]
    assert methods == [("GET", "555"), ("PUT", "555")]  # no DELETE, no new POST


def test_reschedule_answered_with_no_content_is_done(target: GarminTarget, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json=MARKED)
    api.get(SCHEDULE_555, json=ENTRY_555)
    api.put(SCHEDULE_555, status=204)
    assert target.reschedule("555", "1555", date(2026, 11, 26)) == "555"


def test_reschedule_refuses_entries_not_read_or_of_foreign_workouts(target, api) -> None:
    read_entry_555(target, api)
    with pytest.raises(NotOwned, match="not read from the calendar"):
        target.reschedule("555", "1999", date(2026, 11, 26))
    api.get(f"{WORKOUT}/1555", json={"workoutId": 1555, "description": "my own plan"})
    with pytest.raises(NotOwned, match="no hipcoach marker"):
        target.reschedule("555", "1555", date(2026, 11, 26))
    assert [c.request.method for c in api.calls] == ["GET", "GET"]  # nothing written


def test_reschedule_of_an_entry_gone_meanwhile_is_not_found(target: GarminTarget, api) -> None:
    read_entry_555(target, api)
    api.get(f"{WORKOUT}/1555", json=MARKED)
    api.get(SCHEDULE_555, status=404, json={"message": "not found"})
    with pytest.raises(RemoteNotFound):
        target.reschedule("555", "1555", date(2026, 11, 26))


def test_a_429_on_a_write_is_a_rate_limit(target: GarminTarget, api) -> None:
    """garminconnect 0.3.20 raises a write's 429 as GarminConnectConnectionError with the
    response attached (a read's as GarminConnectTooManyRequestsError): both stop the night."""
    from garminconnect import GarminConnectConnectionError

    from hipcoach.errors import RateLimited

    api.post(WORKOUT, json={"workoutId": 111})
    api.post(f"{API}/workout-service/schedule/111", status=429, json={"message": "slow down"})
    workout_id = target.create_workout(SESSION)
    with pytest.raises(RateLimited, match="HTTP 429") as caught:
        target.schedule(workout_id, DAY)
    cause = caught.value.__cause__
    assert isinstance(cause, GarminConnectConnectionError)
    assert cause.response.status_code == 429  # type: ignore[attr-defined]
    assert len(api.calls) == 2  # asked once


def stored_as(payload: dict[str, object], blank: str | None = None) -> dict[str, object]:
    """A workout as GET /workout-service/workout/{id} returns it, a name blanked or not."""
    stored = json.loads(json.dumps(payload))
    for segment in stored["workoutSegments"]:
        for group in segment["workoutSteps"]:
            for step in [group, *group.get("workoutSteps", [])]:
                if blank is not None and step.get("exerciseName") == blank:
                    step["exerciseName"] = None
    return {**stored, "workoutId": 111, "ownerId": 9}


def test_a_workout_read_back_intact_passes(target: GarminTarget, api) -> None:
    api.post(WORKOUT, json={"workoutId": 111})
    api.get(f"{WORKOUT}/111", json=stored_as(build_workout(SESSION)))
    target.verify_workout(target.create_workout(SESSION), SESSION)
    assert [c.request.method for c in api.calls] == ["POST", "GET"]


def test_a_blanked_exercise_name_fails_the_session_naming_the_step(target, api) -> None:
    from hipcoach.errors import ContentLost

    api.post(WORKOUT, json={"workoutId": 111})
    api.get(f"{WORKOUT}/111", json=stored_as(build_workout(SESSION), "SIDE_LYING_LEG_RAISE"))
    workout_id = target.create_workout(SESSION)
    with pytest.raises(ContentLost) as caught:
        target.verify_workout(workout_id, SESSION)
    assert caught.value.exit_code == 69 and caught.value.workout_id == "111"
    assert "HIP_STABILITY/SIDE_LYING_LEG_RAISE" in str(caught.value)
    assert "\n" not in str(caught.value)
