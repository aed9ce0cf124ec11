"""The README's screenshots of the report are not older than the report they show.

``tools/screenshot_report.sh`` records, beside the pictures, a hash of the report package's
files (template, stylesheet, drawings, the code that renders them); git keeps no mtimes, so
the hash is what tells a stale screenshot.
"""

from __future__ import annotations

import hashlib

from tests.conftest import REPO

REPORT = REPO / "src" / "hipcoach" / "report"
RECORDED = REPO / "docs" / "report-screenshots.sha256"
SCREENSHOTS = ("report.png", "report-phone.png", "report-dark.png")


def report_hash() -> str:
    """The hash of every file the report is made of (names and contents, in order)."""
    digest = hashlib.sha256()
    for path in sorted(
        p for p in REPORT.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(REPORT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def test_the_screenshots_show_the_current_report():
    for name in SCREENSHOTS:
        assert (REPO / "docs" / name).is_file(), name
        assert f"docs/{name}" in (REPO / "README.md").read_text(encoding="utf-8")
    recorded = RECORDED.read_text(encoding="utf-8").strip()
    assert recorded == report_hash(), "the report changed: run tools/screenshot_report.sh"
