"""The report's charts as inline SVG, from one small template per chart kind.

Why not a charting library: the report needs three simple charts (bars, paired bars, a line
of points) that must print crisply, stay readable in black and white, carry a ``<title>``
and a ``<desc>`` for screen readers, and load nothing at view time. Inline SVG from these
~150 tested lines does all of that with no dependency; the libraries that emit SVG either
reference a script on a CDN by default (pygal) or are far heavier than the rest of
hipcoach (matplotlib).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# A narrow canvas with 12-unit text: drawn 350 px wide on a phone the text is still 11.7 px,
# and the stylesheet caps the drawn width so it never grows past ~15 px on a desktop.
WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 34, 36
FONT_SIZE = 12
CHAR_W = 0.62 * FONT_SIZE  # a generous average glyph width, to keep labels apart
INK, GRID, FILL, LIGHT_FILL = "#1a1a1a", "#c8c8c8", "#0b5563", "#ffffff"


@dataclass(frozen=True)
class Bar:
    """One category: its label and value(s); ``note`` marks it (e.g. the current week)."""

    label: str
    value: float
    second: float | None = None
    note: str = ""


NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_ticks(data_max: float, *, integer: bool = False, most: int = 6) -> list[float]:
    """Axis ticks from 0 at a nice step (1, 2, 2.5 or 5 × 10ⁿ), ending at the first tick at
    or above ``data_max``, with at most ``most`` intervals; ``integer`` ticks for counts."""
    top = max(data_max, 1.0 if integer else 1e-9)
    exponent = math.floor(math.log10(top / most))
    for power in (exponent, exponent + 1):
        for factor in NICE_STEPS:
            step = factor * 10.0**power
            if integer and (step < 1 or step != int(step)):
                continue
            count = math.ceil(round(top / step, 9))
            if count <= most:
                return [round(i * step, 10) for i in range(count + 1)]
    raise AssertionError("unreachable: 10 × the largest step always fits")


def _num(v: float) -> str:
    """A tick or value as a person writes it: 50, 2.5, 0.25, 44.1."""
    return f"{round(v, 2):g}"


def _frame(title: str, desc: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart {css_class}" font-family="sans-serif" font-size="{FONT_SIZE}">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _axis(ticks: Sequence[float], unit: str) -> list[str]:
    """Grid lines and tick labels; the unit as an axis title above the top tick, left-aligned
    to the canvas, so it never overlaps a tick label and is never clipped."""
    plot_h = HEIGHT - TOP - BOTTOM
    top = ticks[-1]
    out = []
    for i, value in enumerate(ticks):
        y = HEIGHT - BOTTOM - plot_h * value / top
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="{1.2 if i == 0 else 0.7}" class="grid"/>'
            f'<text class="tick" x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{INK}">{_num(value)}</text>'
        )
    out.append(
        f'<text class="unit" x="2" y="{TOP - 14}" text-anchor="start" fill="{INK}">'
        f"{escape(unit)}</text>"
    )
    return out


def _category_label(bar: Bar, i: int, slot: float, *, shown: bool) -> list[str]:
    """A category's label under its bar (counted from the last, so the current week always
    shows) and its note, kept inside the canvas."""
    out = []
    centre = LEFT + i * slot + slot / 2
    if shown:
        weight = ' font-weight="bold"' if bar.note else ""
        out.append(
            f'<text class="category" x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle" fill="{INK}"{weight}>{escape(bar.label)}</text>'
        )
    if bar.note:
        half = len(bar.note) * CHAR_W / 2
        x, anchor = (centre, "middle") if centre + half <= WIDTH - 2 else (WIDTH - 2, "end")
        out.append(
            f'<text class="note" x="{x:.1f}" y="{HEIGHT - BOTTOM + 31}" text-anchor="{anchor}" '
            f'fill="{INK}">{escape(bar.note)}</text>'
        )
    return out


def label_every(labels: Sequence[str], slot: float) -> int:
    """Show every n-th category label so that no two overlap (n = 1 when they all fit)."""
    widest = max((len(text) for text in labels), default=0) * CHAR_W + 6
    return max(1, math.ceil(widest / slot)) if slot > 0 else 1


def bar_chart(
    bars: Sequence[Bar], *, title: str, unit: str, css_class: str = "", integer: bool = False
) -> str:
    """Vertical bars with their value on top and the label underneath.

    With ``second`` values, each category gets a pair: the outlined bar is ``value`` (e.g.
    planned), the solid one ``second`` (e.g. done), so the chart reads in black and white.
    """
    paired = any(b.second is not None for b in bars)
    ticks = nice_ticks(
        max([b.value for b in bars] + [b.second or 0 for b in bars] + [0]), integer=integer
    )
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(bars), 1)
    bar_w = slot * (0.36 if paired else 0.62)
    every = label_every([b.label for b in bars], slot)
    values_fit = max((len(_num(b.value)) for b in bars), default=0) * CHAR_W <= bar_w + 8
    body = _axis(ticks, unit)
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
            )
            if values_fit and not paired:
                body.append(
                    f'<text class="value" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                    f'text-anchor="middle" fill="{INK}">{_num(value)}</text>'
                )
        body += _category_label(bar, i, slot, shown=(len(bars) - 1 - i) % every == 0)
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
    body = _axis(nice_ticks(top, integer=True), unit)
    for value, text in limits:
        y = HEIGHT - BOTTOM - plot_h * value / top
        body.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{INK}" '
            f'stroke-dasharray="5 4" stroke-width="1"/>'
            f'<text class="limit" x="{WIDTH - RIGHT - 2}" y="{y - 4:.1f}" text-anchor="end" '
            f'fill="{INK}">'
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
    every = label_every([label for label, _ in points], step)
    for i, ((label, _), (x, y)) in enumerate(zip(points, coords, strict=True)):
        body.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{FILL}" '
            f'stroke="#fff" stroke-width="1.5"/>'
        )
        if (len(points) - 1 - i) % every == 0:
            body.append(
                f'<text class="category" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle" fill="{INK}">{escape(label)}</text>'
            )
    desc = "; ".join(f"{label}: {_num(value)}" for label, value in points)
    return _frame(title, desc, body, css_class)
