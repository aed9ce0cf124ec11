"""The report in a real headless Chromium: renders cleanly, fetches nothing, prints short.

Skipped (with the reason) only where no Chromium is installed; CI installs Debian's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hipcoach.report.output import report_html, write_page
from tests.report.cdp import find_chromium, headless_chromium
from tests.report.conftest import TODAY

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)"
)
MAX_PRINTED_PAGES = 4

INSPECT = """JSON.stringify({
  sessions: [...document.querySelectorAll('article[data-session]')].map(a => a.dataset.session),
  calendar: [...document.querySelectorAll('a.hip')].map(a => a.dataset.session),
  exercises: [...document.querySelectorAll('article[data-exercise]')].map(a => a.dataset.exercise),
  pictures: [...document.querySelectorAll('svg.exercise-picture')].map(s => {
    const r = s.getBoundingClientRect();
    const figure = s.querySelectorAll('polyline').length;
    return {key: s.dataset.picture, width: r.width, height: r.height, strokes: figure,
            title: s.querySelector('title').textContent};
  }),
  charts: [...document.querySelectorAll('svg.chart')].map(s => {
    const r = s.getBoundingClientRect();
    return {cls: s.getAttribute('class'), width: r.width, height: r.height,
            bars: s.querySelectorAll('rect.bar').length,
            points: s.querySelectorAll('circle').length};
  }),
  h1: document.querySelector('h1').textContent,
  bodyColor: getComputedStyle(document.body).color,
  overflowX: document.documentElement.scrollWidth > document.documentElement.clientWidth,
})"""


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, from its page objects (cross-checked against the page tree)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    if counts:
        assert max(counts) == pages
    return pages


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None
    with headless_chromium(CHROMIUM) as b:
        yield b


def test_full_report_renders_with_no_errors_and_no_requests(
    browser, plan, checkins, adherence, tmp_path: Path
):
    path = write_page(
        tmp_path / "report.html",
        report_html(plan, today=TODAY, checkins=checkins, adherence=adherence),
    )
    url = path.as_uri()
    browser.open(url)
    seen = json.loads(browser.evaluate(INSPECT))
    assert browser.problems() == []
    assert browser.requests() == [url]  # the page itself, nothing else
    keys = [s.session.key for s in plan.sessions]
    assert seen["sessions"] == keys and seen["calendar"] == keys
    first = plan.sessions[0].session
    assert seen["exercises"] == [p.key for p in first.prescriptions]
    for picture in seen["pictures"]:
        assert picture["width"] > 200 and picture["height"] > 80, picture
        assert picture["strokes"] >= 8 and "start and end position" in picture["title"]
    assert [c["cls"] for c in seen["charts"]] == ["chart distance", "chart adherence", "chart pain"]
    distance, adherence_chart, pain = seen["charts"]
    assert all(c["width"] > 300 and c["height"] > 90 for c in seen["charts"])
    assert distance["bars"] == 10 and adherence_chart["bars"] == 4 and pain["points"] == 3
    assert seen["h1"] == "Your hip plan" and seen["bodyColor"] == "rgb(26, 26, 26)"
    assert not seen["overflowX"]


def test_narrow_screen_does_not_scroll_sideways(browser, plan, tmp_path: Path):
    path = write_page(tmp_path / "report.html", report_html(plan, today=TODAY))
    browser.open(path.as_uri(), width=400, height=800)
    seen = json.loads(browser.evaluate(INSPECT))
    assert browser.problems() == [] and not seen["overflowX"]


def test_demo_report_prints_on_a_few_pages(browser, cli, tmp_path: Path):
    out = tmp_path / "demo"
    assert cli("demo", "--out", str(out)).exit_code == 0
    browser.open((out / "report.html").as_uri())
    pages = page_count(browser.pdf())
    print(f"demo report printed on {pages} A4 pages")
    assert 1 <= pages <= MAX_PRINTED_PAGES
