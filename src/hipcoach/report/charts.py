"""The report's charts as inline SVG, from one small template per chart kind.

Why not a charting library: the report needs three simple charts (bars, paired bars, a line
of points) that must print crisply, stay readable in black and white, carry a ``<title>``
and a ``<desc>`` for screen readers, and load nothing at view time. Inline SVG from these
~150 tested lines does all of that with no dependency; the libraries that emit SVG either
reference a script on a CDN by default (pygal) or are far heavier than the rest of
hipcoach (matplotlib).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 210
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 26, 34
INK, GRID, FILL, LIGHT_FILL = "#1a1a1a", "#c8c8c8", "#0b5563", "#ffffff"


@dataclass(frozen=True)
class Bar:
    """One category: its label and value(s); ``note`` marks it (e.g. the current week)."""

    label: str
    value: float
    second: float | None = None
    note: str = ""


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5 or 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _num(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _frame(title: str, desc: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart {css_class}" font-family="sans-serif" font-size="11">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _axis(top_value: float, unit: str, ticks: int = 4) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = []
    for i in range(ticks + 1):
        value = top_value * i / ticks
        y = HEIGHT - BOTTOM - plot_h * i / ticks
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="{1.2 if i == 0 else 0.7}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{_num(value)}</text>"
        )
    out.append(
        f'<text x="{LEFT - 6}" y="{TOP - 4}" text-anchor="end" fill="{INK}">{escape(unit)}</text>'
    )
    return out


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str, css_class: str = "") -> str:
    """Vertical bars with their value on top and the label underneath.

    With ``second`` values, each category gets a pair: the outlined bar is ``value`` (e.g.
    planned), the solid one ``second`` (e.g. done), so the chart reads in black and white.
    """
    paired = any(b.second is not None for b in bars)
    top = nice_ceiling(max([b.value for b in bars] + [b.second or 0 for b in bars] + [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(bars), 1)
    bar_w = slot * (0.36 if paired else 0.62)
    body = _axis(top, unit)
    for i, bar in enumerate(bars):
        x0 = LEFT + i * slot + (slot - bar_w * (2 if paired else 1)) / 2
        series = [(bar.value, LIGHT_FILL if paired else FILL)]
        if paired:
            series.append((bar.second or 0.0, FILL))
        for k, (value, fill) in enumerate(series):
            h = plot_h * value / top
            x = x0 + k * bar_w
            y = HEIGHT - BOTTOM - h
            body.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{fill}" stroke="{FILL}" stroke-width="1.2"/>'
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                f'fill="{INK}">{_num(value)}</text>'
            )
        weight = ' font-weight="bold"' if bar.note else ""
        body.append(
            f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 15}" '
            f'text-anchor="middle" fill="{INK}"{weight}>{escape(bar.label)}</text>'
        )
        if bar.note:
            body.append(
                f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 28}" '
                f'text-anchor="middle" fill="{INK}">{escape(bar.note)}</text>'
            )
    desc = "; ".join(
        f"{b.label}: {_num(b.value)}"
        + (f" planned, {_num(b.second or 0)} done" if paired else f" {unit}")
        for b in bars
    )
    return _frame(title, desc, body, css_class)


def point_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str,
    top: float,
    limits: Sequence[tuple[float, str]] = (),
    css_class: str = "",
) -> str:
    """Values over time as points joined by a line, with dashed reference ``limits``."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _axis(top, unit, ticks=5 if top == 10 else 4)
    for value, text in limits:
        y = HEIGHT - BOTTOM - plot_h * value / top
        body.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{INK}" '
            f'stroke-dasharray="5 4" stroke-width="1"/>'
            f'<text x="{WIDTH - RIGHT - 2}" y="{y - 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(text)}</text>"
        )
    step = plot_w / max(len(points), 1)
    coords = [
        (LEFT + step * (i + 0.5), HEIGHT - BOTTOM - plot_h * value / top)
        for i, (_, value) in enumerate(points)
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{FILL}" stroke-width="2"/>')
    every = max(1, len(points) // 10)
    for i, ((label, _), (x, y)) in enumerate(zip(points, coords, strict=True)):
        body.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{FILL}" '
            f'stroke="#fff" stroke-width="1.5"/>'
        )
        if i % every == 0 or i == len(points) - 1:
            body.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" '
                f'fill="{INK}">{escape(label)}</text>'
            )
    desc = "; ".join(f"{label}: {_num(value)}" for label, value in points)
    return _frame(title, desc, body, css_class)
