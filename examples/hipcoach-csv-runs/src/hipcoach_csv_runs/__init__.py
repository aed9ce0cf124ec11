"""A hipcoach activity source reading runs from a CSV file.

hipcoach imports every installed plugin to list it (``hipcoach auth --help`` too), so a
plugin imports only what is light at module level: the domain model (pydantic) is imported
where a run is made.

A run's id comes from what the row says (date, distance, time), not from its line: sorting
or editing other rows in a spreadsheet never re-ids a run. A file saved by Excel ("CSV UTF-8")
starts with a byte-order mark, which is read as such, not as part of the first column's name.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hipcoach.errors import InputDataError
from hipcoach.plugins import ActivitySource, Integration

if TYPE_CHECKING:
    from hipcoach.models import Run
    from hipcoach.plugins import PluginContext

KINDS = ("easy", "long", "workout", "race")


def parse_duration(text: str) -> int:
    """'48' (minutes), '48:30' (m:ss) or '1:58:00' (h:mm:ss) → seconds."""
    parts = text.strip().split(":")
    if not all(p.strip().isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        raise ValueError(f"duration {text!r} is not minutes, M:SS or H:MM:SS")
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return numbers[0] * 60
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


def run_id(day: date, distance_m: float, moving_time_s: int, repeat: int = 1) -> str:
    """The run's id from its content: ``csv:2026-11-15:8200m:2910s``; a second identical row
    (two equal runs on one day) gets ``#2``, and so on."""
    ident = f"csv:{day.isoformat()}:{round(distance_m)}m:{moving_time_s}s"
    return ident if repeat == 1 else f"{ident}#{repeat}"


def parse_row(row: dict[str, str], repeat: Counter[str] | None = None) -> Run:
    """One CSV row → a Run; ValueError says what is wrong. ``repeat`` counts the ids seen
    so far in the file (identical rows get distinct ids)."""
    from hipcoach.models import Run

    try:
        day = date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        raise ValueError(f"date {row.get('date')!r} is not YYYY-MM-DD") from None
    try:
        distance_km = float((row.get("distance_km") or "").strip())
    except ValueError:
        raise ValueError(f"distance_km {row.get('distance_km')!r} is not a number") from None
    if distance_km < 0:
        raise ValueError("distance_km is negative")
    kind = (row.get("type") or "easy").strip().lower() or "easy"
    if kind not in KINDS:
        raise ValueError(f"type {kind!r} is not one of {', '.join(KINDS)}")
    moving_time_s = parse_duration(row.get("duration") or "")
    ident = run_id(day, distance_km * 1000, moving_time_s)
    if repeat is not None:
        repeat[ident] += 1
        ident = run_id(day, distance_km * 1000, moving_time_s, repeat[ident])
    return Run(
        id=ident,
        date=day,
        distance_m=distance_km * 1000,
        moving_time_s=moving_time_s,
        kind=kind,  # type: ignore[arg-type]
        sport="Run",
    )


class CsvActivitySource(ActivitySource):
    """Runs from one CSV file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fetch_runs(self, since: date) -> Iterator[Run]:
        try:
            handle = self.path.open(newline="", encoding="utf-8-sig")
        except OSError as exc:
            raise InputDataError(f"{self.path}: cannot read runs: {exc.strerror}") from None
        try:
            with handle:
                yield from self._rows(handle, since)
        except UnicodeDecodeError as exc:
            raise InputDataError(
                f"{self.path}: not UTF-8 text (byte {exc.start}); save it as CSV UTF-8"
            ) from None

    def _rows(self, handle: TextIO, since: date) -> Iterator[Run]:
        reader = csv.DictReader(handle)
        missing = {"date", "distance_km", "duration"} - set(reader.fieldnames or ())
        if missing:
            raise InputDataError(
                f"{self.path}: missing column(s) {', '.join(sorted(missing))}; "
                "expected date,distance_km,duration[,type]"
            )
        seen: Counter[str] = Counter()
        for row in reader:
            try:
                run = parse_row(row, seen)
            except ValueError as exc:
                raise InputDataError(f"{self.path}, line {reader.line_num}: {exc}") from None
            if run.date >= since:
                yield run


class CsvRunsIntegration(Integration):
    """Registered as ``csv`` under ``hipcoach.integrations``."""

    name = "csv"
    summary = "runs from a CSV file (date,distance_km,duration[,type])"

    def activity_source(self, context: PluginContext) -> ActivitySource | None:
        path = context.plugin_settings(self.name).get("path") or context.env.get(
            "HIPCOACH_CSV_RUNS"
        )
        if not path:
            return None
        return CsvActivitySource(Path(str(path)).expanduser())
