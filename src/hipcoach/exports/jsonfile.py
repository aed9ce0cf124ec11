"""The scheduled sessions as one JSON file, in the ``schedule --json`` session shape."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from hipcoach.home import write_output
from hipcoach.models import ScheduledSession
from hipcoach.plugins.interfaces import Exporter
from hipcoach.serialize import scheduled_json

JSON_FILE = "hipcoach-schedule.json"


class JsonExporter(Exporter):
    """``hipcoach export json``."""

    format = "json"
    summary = "the scheduled sessions as JSON (the schedule --json session shape)"

    def __init__(self, physio: str | None = None) -> None:
        #: the see-a-physiotherapist line of the plan written (a pause), else None
        self.physio = physio

    def write(self, sessions: Sequence[ScheduledSession], out_dir: Path) -> list[Path]:
        payload = {"sessions": [scheduled_json(s) for s in sessions], "physio": self.physio}
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        return [write_output(out_dir / JSON_FILE, text.encode("utf-8"))]
