"""The README's screenshots of the report are not older than the report they show.

``tools/screenshot_report.sh`` shoots the demo's report as on one fixed day
(``tools/demo_report.py``) and records the hash of that page beside the pictures; git keeps
no mtimes, so the hash is what tells a stale screenshot. The page holds everything the
pictures show (the programme's doses, the reasons, the drawings, the charts, the layout),
so a change to any of them asks for new pictures.
"""

from __future__ import annotations

import sys

from tests.conftest import REPO

RECORDED = REPO / "docs" / "report-screenshots.sha256"
SCREENSHOTS = ("report.png", "report-phone.png", "report-dark.png")


def test_the_screenshots_show_the_current_report():
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from demo_report import demo_report_hash
    finally:
        sys.path.remove(str(REPO / "tools"))
    for name in SCREENSHOTS:
        assert (REPO / "docs" / name).is_file(), name
        assert f"docs/{name}" in (REPO / "README.md").read_text(encoding="utf-8")
    recorded = RECORDED.read_text(encoding="utf-8").strip()
    assert recorded == demo_report_hash(), "the report changed: run tools/screenshot_report.sh"
