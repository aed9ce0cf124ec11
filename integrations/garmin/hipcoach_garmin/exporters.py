"""``hipcoach export garmin-json`` and ``hipcoach export fit``: one file per scheduled session.

Files are named ``<date>_<session key>.<ext>`` (e.g. ``2026-11-24_2026-W48-1.fit``), so a
directory listing sorts by date and a rerun overwrites instead of duplicating.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from hipcoach.interfaces import Exporter
from hipcoach.models import ScheduledSession
from hipcoach_garmin.payload import build_workout, check_key


def file_name(item: ScheduledSession, extension: str) -> str:
    """``<date>_<session key>.<extension>``."""
    return f"{item.date.isoformat()}_{check_key(item.session.key)}.{extension}"


class GarminJsonExporter(Exporter):
    """The exact Garmin Connect workout-service payloads, pretty-printed with sorted keys."""

    format = "garmin-json"
    summary = "Garmin Connect workout JSON, one file per session (<date>_<key>.json)"

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        """Write ``<date>_<key>.json`` for each session; return the paths."""
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for item in sessions:
            path = out_dir / file_name(item, "json")
            payload = build_workout(item.session, item.date)
            text = json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(path)
        return paths


class FitExporter(Exporter):
    """FIT workout files for the watch: copy them to ``GARMIN/NewFiles`` over USB."""

    format = "fit"
    summary = "FIT workout files for the watch (copy to GARMIN/NewFiles over USB)"

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        """Write ``<date>_<key>.fit`` for each session; return the paths."""
        from hipcoach_garmin.fitfile import encode_workout

        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for item in sessions:
            path = out_dir / file_name(item, "fit")
            path.write_bytes(encode_workout(item.session, item.date))
            paths.append(path)
        return paths
