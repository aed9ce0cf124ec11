"""The report in a real headless Chromium, measured as a reader would meet it.

At 390, 768 and 1280 px: no box sticks out of its container or the page, no text under 11 px
(the charts' and drawings' text by its rendered size), no two chart labels overlap and none is
clipped; in dark mode every text meets WCAG AA contrast on what is behind it; printed on A4,
at most four pages, none holding only a chart, no text under 8 pt (read from the PDF).
``tests/report/measure.js`` does the measuring in the page. Skipped (with the reason) only
where no Chromium is installed; CI installs Debian's.
"""

from __future__ import annotations

import io
import json
import math
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hipcoach.adherence.statuses import AdherenceWeek
from hipcoach.models import CheckIn
from hipcoach.report.output import report_html, write_page
from hipcoach.schedule.history import monday
from tests.report.cdp import Browser, find_chromium, headless_chromium
from tests.report.conftest import TODAY, sample_plan

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)"
)
MEASURE = (Path(__file__).parent / "measure.js").read_text(encoding="utf-8")
WIDTHS = (390, 768, 1280)
MIN_SCREEN_PX = 11
MIN_PRINTED_PT = 8
MAX_PRINTED_PAGES = 4
#: the width an A4 page leaves for the page's content (210 mm less the stylesheet's 2 × 10 mm)
A4_CONTENT_PX = round((210 - 2 * 10) / 25.4 * 96)
AA_TEXT, AA_LARGE_TEXT = 4.5, 3.0

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
})"""


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None
    with headless_chromium(CHROMIUM) as b:
        yield b


@pytest.fixture(scope="module")
def full_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report with every part shown: calendar, sessions, exercises and all three charts."""
    checkins = [CheckIn(date=TODAY - timedelta(days=d), pain=p) for d, p in ((20, 1), (12, 3))]
    checkins.append(CheckIn(date=TODAY - timedelta(days=5), pain=2))
    adherence = [
        AdherenceWeek(monday(TODAY) - timedelta(weeks=2), 3, 3.0, 2),
        AdherenceWeek(monday(TODAY) - timedelta(weeks=1), 3, 1.5, None),
    ]
    html = report_html(sample_plan(), today=TODAY, checkins=checkins, adherence=adherence)
    return write_page(tmp_path_factory.mktemp("report") / "report.html", html)


def measure(browser: Browser, *, width: int, media: str = "screen", dark: bool = False) -> Any:
    """Lay the open page out as asked and measure it (see measure.js)."""
    browser.emulate(width=width, media=media, dark=dark)
    browser.evaluate(MEASURE)
    return json.loads(browser.evaluate("measure()"))


def smallest(sizes: list[dict[str, Any]], where: str) -> float:
    return min(s["px"] for s in sizes if s["where"] == where)


def test_full_report_renders_with_no_errors_and_no_requests(browser, full_report, plan):
    url = full_report.as_uri()
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


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows_and_no_text_is_small(browser, full_report, width):
    browser.open(full_report.as_uri(), width=width)
    seen = measure(browser, width=width)
    sizes = seen["fontSizes"]
    print(
        f"{width} px: {len(seen['overflows'])} overflows; smallest text "
        f"{smallest(sizes, 'html'):.1f} px (page), {smallest(sizes, 'chart'):.1f} px (charts), "
        f"{smallest(sizes, 'picture'):.1f} px (drawings)"
    )
    assert seen["overflows"] == []
    small = [s for s in sizes if s["px"] < MIN_SCREEN_PX]
    assert small == [], small[:5]
    assert {"html", "chart", "picture"} <= {s["where"] for s in sizes}  # all were measured


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_neither_overlaps_nor_is_clipped(browser, full_report, width):
    browser.open(full_report.as_uri(), width=width)
    boxes = measure(browser, width=width)["svgText"]
    assert boxes["overlaps"] == [] and boxes["clipped"] == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_text_contrast_meets_wcag_aa(browser, full_report, width, dark):
    browser.open(full_report.as_uri(), width=width)
    seen = measure(browser, width=width, dark=dark)
    assert seen["scheme"] == ("dark" if dark else "light")
    texts = seen["contrasts"]
    worst = min(texts, key=lambda t: t["ratio"])
    print(f"{width} px {'dark' if dark else 'light'}: lowest contrast {worst['ratio']:.2f} {worst}")
    failing = [t for t in texts if t["ratio"] < (AA_LARGE_TEXT if t["large"] else AA_TEXT)]
    assert failing == []
    assert len(texts) > 100  # the page's text, the charts' and the drawings' were all measured


def test_dark_mode_follows_the_system_and_print_stays_light(browser, full_report):
    browser.open(full_report.as_uri())
    ink = "getComputedStyle(document.body).color"
    browser.emulate(width=1280, dark=True)
    assert browser.evaluate(ink) != "rgb(26, 26, 26)"  # dark mode: light text
    browser.emulate(width=A4_CONTENT_PX, media="print", dark=True)
    assert browser.evaluate(ink) == "rgb(26, 26, 26)"  # printed: dark ink on white paper


def printed_pages(pdf: bytes) -> list[dict[str, Any]]:
    """Each printed page's text: how much, how far down the page it reaches, its smallest size
    in pt (the font size through the text and page matrices, as the PDF draws it)."""
    from pypdf import PdfReader

    return [_page_text(page) for page in PdfReader(io.BytesIO(pdf)).pages]


def _page_text(page: Any) -> dict[str, Any]:
    runs: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            runs.append((size * scale, tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit)
    heights = [y for _, y in runs]
    return {
        "chars": len(text.strip()),
        "extent": (max(heights) - min(heights)) / float(page.mediabox.height),
        "smallest_pt": min(size for size, _ in runs),
        "text": text,
    }


def check_printed(browser: Browser, path: Path) -> list[dict[str, Any]]:
    browser.open(path.as_uri(), width=A4_CONTENT_PX)
    pages = printed_pages(browser.pdf())
    print(
        f"{path.name} printed on {len(pages)} A4 pages: "
        + "; ".join(
            f"{p['chars']} characters reaching {p['extent']:.0%} down, smallest "
            f"{p['smallest_pt']:.1f} pt"
            for p in pages
        )
    )
    assert 1 <= len(pages) <= MAX_PRINTED_PAGES
    for page in pages:
        # A page holding only a chart has its labels and caption: a few lines, not a page.
        assert page["chars"] >= 400 and page["extent"] >= 0.3, page["text"][:200]
        assert page["smallest_pt"] >= MIN_PRINTED_PT - 0.05
    return pages


def test_full_report_prints_on_a_few_full_pages(browser, full_report):
    pages = check_printed(browser, full_report)
    printed = "".join(p["text"] for p in pages)
    for heading in ("The next 14 days", "This week's exercises", "Running and progress"):
        assert heading in printed
    browser.emulate(width=A4_CONTENT_PX, media="print")
    sizes = measure(browser, width=A4_CONTENT_PX, media="print")["fontSizes"]
    chart_pt = smallest(sizes, "chart") * 0.75
    print(f"printed chart text at {chart_pt:.1f} pt or more")
    assert chart_pt >= MIN_PRINTED_PT


def test_demo_report_prints_on_a_few_full_pages(browser, cli, tmp_path: Path):
    out = tmp_path / "demo"
    assert cli("demo", "--out", str(out)).exit_code == 0
    check_printed(browser, out / "report.html")
