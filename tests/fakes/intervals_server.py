"""A stateful fake of the intervals.icu endpoints hipcoach uses, for ``responses``.

It behaves like the API as ``reference/intervals.md`` documents it: HTTP Basic with user
``API_KEY``; athlete ``0`` is the key's owner, another athlete is 403 "Access denied"; event
ids are assigned by the server; ``events`` lists every category between ``oldest`` and
``newest`` (both inclusive local dates; without ``newest``, one week), in an order nothing may
rely on (newest first here); ``POST events`` creates one event (``createEvent``: it never
upserts); ``activities`` lists ``oldest`` … ``newest`` (a date or a date-time) newest first;
errors are ``{"status": ..., "error": ...}``. The bulk and upsert endpoints are not served:
hipcoach must not use them (they match events by ``external_id``, which a copy may carry).

Unverified and chosen here: which of 401 and 403 a wrong key gets (401), that a 429 carries
``Retry-After``, that the event the API answers with keeps ``external_id``, and that an
attached file is not echoed back (the ``Event`` schema has no file fields).
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
import responses

from tests.intervals_shapes import ATHLETE

API = "https://intervals.icu/api/v1"
KEY = "6dzmsans11bsyifjxchr87oum"
MUTATING = ("POST", "PUT", "DELETE")
PREFIX = f"hipcoach:{ATHLETE}:"


def basic(key: str) -> str:
    return "Basic " + base64.b64encode(f"API_KEY:{key}".encode()).decode()


class FakeIntervals:
    """Register on a ``responses.RequestsMock``; inspect ``events``, ``uploads``, ``requests``."""

    def __init__(self, key: str = KEY) -> None:
        self.key = key
        self.events: dict[int, dict[str, Any]] = {}
        #: who made each event: "api" (this key, through the API), "web" (the runner), "app"
        self.made_by: dict[int, str] = {}
        self.ids = itertools.count(46_696_127)
        self.activities: list[dict[str, Any]] = []
        #: external_id → the last FIT file sent for it
        self.uploads: dict[str, bytes] = {}
        self.requests: list[tuple[str, str]] = []
        #: the query of each request, in the same order
        self.queries: list[dict[str, str]] = []
        #: each request's body as sent ("" for none), beside ``requests`` and ``queries``
        self.bodies: list[str] = []
        self.fail_at: int | None = None  # the n-th request fails (1-based)
        #: a status, "connection" or "timeout" (the request never arrives), or "lost" (it is
        #: carried out, and the answer is lost)
        self.failure = "500"
        self.fail_all = False
        #: the event answers leave out ``external_id`` (a server that does not keep it)
        self.drop_external_id = False

    # -- test helpers ----------------------------------------------------------------------
    def add_event(self, event: dict[str, Any], *, made_by: str = "web") -> int:
        """An event someone else put on the calendar (the runner, by default)."""
        ident = next(self.ids)
        self.events[ident] = self._stored(ident, event)
        self.made_by[ident] = made_by
        return ident

    def hipcoach_events(self) -> list[tuple[str, str]]:
        """(session key, date) of every event carrying hipcoach's external_id, duplicates kept."""
        return sorted(
            (str(e["external_id"])[len(PREFIX) :], str(e["start_date_local"])[:10])
            for e in self.events.values()
            if str(e.get("external_id") or "").startswith(PREFIX)
        )

    def mutating_requests(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] in MUTATING]

    # -- wiring ----------------------------------------------------------------------------
    def register(self, mock: responses.RequestsMock) -> None:
        pattern = re.compile(re.escape(API) + r"/athlete/([^/?]+)(/[^?]*)?(\?.*)?$")
        for method in ("GET", "POST", "PUT", "DELETE"):
            mock.add_callback(method, pattern, callback=self._dispatch)

    def _dispatch(self, request):  # type: ignore[no-untyped-def]
        parts = urlsplit(request.url)
        self.requests.append((request.method, parts.path))
        self.queries.append({k: v[-1] for k, v in parse_qs(parts.query).items()})
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        self.bodies.append(body or "")
        failing = self.fail_all or (self.fail_at is not None and len(self.requests) == self.fail_at)
        if failing and self.failure != "lost":
            return self._failure()
        if request.headers.get("Authorization") != basic(self.key):
            return _error(401, "Unauthorized")
        match = re.match(r"/api/v1/athlete/([^/]+)(/.*)?$", parts.path)
        assert match is not None, parts.path
        athlete, rest = match.group(1), match.group(2) or ""
        if athlete not in ("0", ATHLETE):
            return _error(403, "Access denied")
        params = self.queries[-1]
        body = json.loads(request.body) if request.body else None
        routes = [
            ("GET", r"", self._profile),
            ("GET", r"/activities", self._activities),
            ("GET", r"/events", self._list_events),
            ("POST", r"/events", self._create),
            ("GET", r"/events/(\d+)", self._show),
            ("PUT", r"/events/(\d+)", self._update),
            ("DELETE", r"/events/(\d+)", self._delete),
        ]
        for method, path, handler in routes:
            found = re.fullmatch(path, rest)
            if method == request.method and found:
                answer = handler(params, body, *found.groups())
                if failing:  # "lost": done on the server, the answer never arrives
                    raise requests.exceptions.ConnectionError("connection reset by peer")
                return answer
        return _error(404, "Not Found")

    def _failure(self):  # type: ignore[no-untyped-def]
        if self.failure == "connection":
            raise requests.exceptions.ConnectionError("connection reset by peer")
        if self.failure == "timeout":
            raise requests.exceptions.ReadTimeout("read timed out")
        status = int(self.failure)
        headers = {"Retry-After": "30"} if status == 429 else {}
        return status, headers, json.dumps({"status": status, "error": f"injected {status}"})

    # -- endpoints -------------------------------------------------------------------------
    def _profile(self, params, body):  # type: ignore[no-untyped-def]
        # getAthlete answers with the key itself (``icu_api_key``): it must never be shown.
        return _ok(
            {
                "id": ATHLETE,
                "name": "Sam Runner",
                "timezone": "Europe/London",
                "icu_api_key": self.key,
                "sportSettings": [],
            }
        )

    def _activities(self, params, body):  # type: ignore[no-untyped-def]
        if "oldest" not in params:
            return _error(400, "oldest is required")
        oldest = datetime.fromisoformat(params["oldest"])
        newest = datetime.fromisoformat(params.get("newest", "2100-01-01T00:00:00"))
        if len(params.get("newest", "")) == 10:
            newest += timedelta(days=1) - timedelta(seconds=1)  # a date: its whole day (chosen)
        chosen = [a for a in self.activities if oldest <= _started(a, oldest) <= newest]
        chosen.sort(key=lambda a: str(a["start_date_local"]), reverse=True)
        return _ok(chosen)

    def _list_events(self, params, body):  # type: ignore[no-untyped-def]
        oldest = date.fromisoformat(params.get("oldest", date.today().isoformat()))
        newest = date.fromisoformat(params.get("newest", (oldest + timedelta(days=6)).isoformat()))
        chosen = [
            e
            for e in self.events.values()
            if oldest <= date.fromisoformat(str(e["start_date_local"])[:10]) <= newest
        ]
        chosen.sort(key=lambda e: str(e["start_date_local"]), reverse=True)
        return _ok([self._answer(e) for e in chosen])

    def _create(self, params, body):  # type: ignore[no-untyped-def]
        ident = next(self.ids)
        self.made_by[ident] = "api"
        self.events[ident] = self._stored(ident, body)
        return _ok(self._answer(self.events[ident]))

    def _show(self, params, body, ident):  # type: ignore[no-untyped-def]
        event = self.events.get(int(ident))
        return _ok(self._answer(event)) if event else _error(404, "Not Found")

    def _update(self, params, body, ident):  # type: ignore[no-untyped-def]
        event = self.events.get(int(ident))
        if event is None:
            return _error(404, "Not Found")
        self.events[int(ident)] = self._stored(int(ident), {**event, **body})
        return _ok(self._answer(self.events[int(ident)]))

    def _delete(self, params, body, ident):  # type: ignore[no-untyped-def]
        if self.events.pop(int(ident), None) is None:
            return _error(404, "Not Found")
        return _ok({})

    # -- shapes ----------------------------------------------------------------------------
    def _stored(self, ident: int, item: dict[str, Any]) -> dict[str, Any]:
        event = {k: v for k, v in item.items() if k not in ("file_contents_base64", "filename")}
        if item.get("file_contents_base64") and item.get("external_id"):
            self.uploads[str(item["external_id"])] = base64.b64decode(item["file_contents_base64"])
        start = datetime.fromisoformat(str(event["start_date_local"]))
        return {
            **event,
            "id": ident,
            "uid": f"fcb69e1a-934e-47ac-a5f1-{ident:012d}",
            "athlete_id": ATHLETE,
            "calendar_id": 1,
            "end_date_local": (start + timedelta(days=1)).isoformat(),
            "updated": "2026-11-01T14:58:50.314+0000",
            "push_errors": [],
            "attachments": [],
        }

    def _answer(self, event: dict[str, Any]) -> dict[str, Any]:
        if self.drop_external_id:
            return {k: v for k, v in event.items() if k != "external_id"}
        return dict(event)


def _started(item: dict[str, Any], default: datetime) -> datetime:
    """An activity's local start; a damaged one (a test's) is served with every window."""
    try:
        return datetime.fromisoformat(str(item["start_date_local"]))
    except ValueError:
        return default


def _ok(body: Any):  # type: ignore[no-untyped-def]
    return 200, {"Content-Type": "application/json"}, json.dumps(body)


def _error(status: int, text: str):  # type: ignore[no-untyped-def]
    return (
        status,
        {"Content-Type": "application/json"},
        json.dumps({"status": status, "error": text}),
    )
