"""The inline SVG chart templates."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipcoach.report.charts import (
    HEIGHT,
    WIDTH,
    Bar,
    bar_chart,
    label_every,
    nice_ticks,
    point_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("value", "integer", "ticks"),
    [
        (51.7, False, [0, 10, 20, 30, 40, 50, 60]),  # not 100 for a 51.7 km week
        (44.1, False, [0, 10, 20, 30, 40, 50]),
        (3, True, [0, 1, 2, 3]),  # sessions: whole numbers, not 0.8 / 1.5
        (1.5, True, [0, 1, 2]),
        (0, True, [0, 1]),
        (10, True, [0, 2, 4, 6, 8, 10]),
        (0.3, False, [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]),
        (7, False, [0, 2, 4, 6, 8]),
        (23, False, [0, 5, 10, 15, 20, 25]),
    ],
)
def test_nice_ticks(value, integer, ticks):
    assert nice_ticks(value, integer=integer) == pytest.approx(ticks)


def _is_nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5, 10))


@given(st.floats(min_value=0.01, max_value=1e6), st.booleans())
def test_nice_ticks_rules(value, integer):
    ticks = nice_ticks(value, integer=integer)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and 2 <= len(ticks) <= 7
    assert all(math.isclose(b - a, step, rel_tol=1e-6) for a, b in itertools.pairwise(ticks))
    assert _is_nice(step)
    # the axis ends at the first nice tick at or above the maximum
    assert ticks[-1] >= value * (1 - 1e-9) and ticks[-2] < value
    if integer:
        assert all(t == int(t) for t in ticks)


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=20), st.floats(5, 200))
def test_shown_labels_never_overlap(labels, slot):
    every = label_every(labels, slot)
    widest = max(len(t) for t in labels) * 0.62 * 12
    assert every * slot >= widest  # neighbours shown are at least a label's width apart


def test_the_unit_sits_above_the_top_tick_inside_the_canvas():
    root = ET.fromstring(bar_chart([Bar("w", 51.7)], title="T", unit="km"))
    texts = {t.get("class"): t for t in root.iter(f"{SVG}text")}
    unit = texts["unit"]
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    top_tick_y = min(float(t.get("y")) for t in ticks)
    assert float(unit.get("y")) <= top_tick_y - 12  # a line above: no overlap
    assert unit.get("text-anchor") == "start" and float(unit.get("x")) >= 0
    assert [t.text for t in ticks] == ["0", "10", "20", "30", "40", "50", "60"]


def test_a_note_on_the_last_bar_stays_inside_the_canvas():
    bars = [Bar(f"0{i} Nov", 40) for i in range(9)] + [Bar("09 Nov", 12, note="this week")]
    root = ET.fromstring(bar_chart(bars, title="T", unit="km"))
    note = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "note")
    right = float(note.get("x")) + (
        len("this week") * 0.62 * 12 / 2 if note.get("text-anchor") == "middle" else 0
    )
    assert right <= WIDTH


def bars_of(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(f"{SVG}rect[@class='bar']")


def test_bar_heights_are_proportional_and_labelled():
    svg = bar_chart(
        [Bar("a", 10), Bar("b", 25, note="this week"), Bar("c", 0)], title="T", unit="km"
    )
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "T"
    assert root.find(f"{SVG}desc").text == "a: 10 km; b: 25 km; c: 0 km"
    heights = [float(r.get("height")) for r in bars_of(svg)]
    assert heights[1] == pytest.approx(heights[0] * 2.5, rel=0.01) and heights[2] == 0
    tallest = max(heights)
    assert 0 < tallest <= HEIGHT
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"10", "25", "a", "b", "this week", "km"} <= set(texts)


def test_paired_bars_read_in_black_and_white():
    svg = bar_chart([Bar("w1", 3, second=2)], title="Done", unit="sessions")
    planned, done = bars_of(svg)
    assert planned.get("fill") == "#ffffff" and done.get("fill") != "#ffffff"
    assert float(done.get("height")) == pytest.approx(float(planned.get("height")) * 2 / 3)
    assert "3 planned, 2 done" in svg


def test_point_chart_places_points_and_limits():
    svg = point_chart(
        [("1 Mar", 0), ("8 Mar", 5), ("15 Mar", 10)],
        title="Pain",
        unit="/10",
        top=10,
        limits=[(2, "hold")],
    )
    root = ET.fromstring(svg)
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2])
    assert "hold" in [t.text for t in root.iter(f"{SVG}text")]


def test_text_is_escaped():
    svg = bar_chart([Bar("<b>", 1)], title="a & b", unit="km")
    ET.fromstring(svg)  # well-formed
    assert "<b>" not in svg
