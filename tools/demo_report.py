"""The demo's report as the README's screenshots show it: ``hipcoach demo`` run as on one
fixed day, so the pictures, and the hash that tells whether they are stale, do not change
with the day they are made, only with what hipcoach makes of the sample runner.

Usage: ``python tools/demo_report.py OUT_DIR`` (writes ``OUT_DIR/report.html`` and the rest of
the demo); ``python tools/demo_report.py --hash`` prints the hash of that report.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from datetime import date
from pathlib import Path
from unittest import mock

#: the day the screenshots show (a Monday: the window is that week and the next)
DAY = date(2026, 12, 7)


def write_demo(out: Path) -> Path:
    """Run ``hipcoach demo --out OUT`` as on :data:`DAY`; the report's path."""
    from click.testing import CliRunner

    from hipcoach.cli import cli

    with mock.patch("hipcoach.timeutil.today", lambda tz: DAY):
        result = CliRunner().invoke(cli, ["-q", "demo", "--out", str(out)])
    if result.exit_code != 0:
        raise SystemExit(f"demo failed: {result.output}")
    return out / "report.html"


def demo_report_hash() -> str:
    """The hash of the demo's report on :data:`DAY` (what the screenshots show)."""
    with tempfile.TemporaryDirectory() as work:
        page = write_demo(Path(work) / "demo").read_bytes()
    return hashlib.sha256(page).hexdigest()


if __name__ == "__main__":
    if sys.argv[1:] == ["--hash"]:
        print(demo_report_hash())
    elif len(sys.argv) == 2:
        write_demo(Path(sys.argv[1]))
    else:
        raise SystemExit(__doc__)
