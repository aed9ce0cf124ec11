"""The inline SVG chart templates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from hipcoach.report.charts import HEIGHT, Bar, bar_chart, nice_ceiling, point_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (0.3, 0.5), (7, 10), (44.1, 50), (51.7, 100), (120, 200)]
)
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == ceiling


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
