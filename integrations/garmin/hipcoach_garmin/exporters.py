"""``hipcoach export garmin-json`` and ``hipcoach export fit``: one file per scheduled session.

Files are named ``<date>_<session key>.<ext>`` (e.g. ``2026-11-24_2026-W48-1.fit``), so a
directory listing sorts by date and a rerun overwrites instead of duplicating.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Sequence
from pathlib import Path

from hipcoach.exports.workout import check_key
from hipcoach.home import write_output
from hipcoach.models import ScheduledSession
from hipcoach.plugins.interfaces import Exporter
from hipcoach_garmin.payload import build_workout


def file_name(item: ScheduledSession, extension: str) -> str:
    """``<date>_<session key>.<extension>``."""
    return f"{item.date.isoformat()}_{check_key(item.session.key)}.{extension}"


class _PerSessionExporter(Exporter):
    """Writes one ``<date>_<key>.<extension>`` file per scheduled session."""

    extension: str

    @abstractmethod
    def render(self, item: ScheduledSession) -> bytes:
        """The file's content for one session."""

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        """Write one file per session; return the paths."""
        return [
            write_output(out_dir / file_name(item, self.extension), self.render(item))
            for item in sessions
        ]


class GarminJsonExporter(_PerSessionExporter):
    """The exact Garmin Connect workout-service payloads, pretty-printed with sorted keys."""

    format = "garmin-json"
    summary = "Garmin Connect workout JSON, one file per session (<date>_<key>.json)"
    extension = "json"

    def render(self, item: ScheduledSession) -> bytes:
        payload = build_workout(item.session, item.date)
        text = json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


class FitExporter(_PerSessionExporter):
    """FIT workout files for the watch: copy them to ``GARMIN/NewFiles`` over USB."""

    format = "fit"
    summary = "FIT workout files for the watch (copy to GARMIN/NewFiles over USB)"
    extension = "fit"

    def render(self, item: ScheduledSession) -> bytes:
        from hipcoach.exports.fit import encode_workout

        return encode_workout(item.session, item.date)
