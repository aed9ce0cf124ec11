"""A two-panel :class:`Picture` as SVG markup.

Every stroke says what it is, so tests can read the drawing back: figure strokes carry
``data-part`` (``leg_a``: hip, knee, ankle, toe; ``arm_b``: shoulder, elbow, hand; ``torso``:
hip, neck; ``pelvis`` and ``shoulders``: side a, side b) and props ``data-prop``. Colours are
presentation attributes (the file stands alone) plus a class the report's stylesheet can
restyle (dark mode): ``working`` (the part that does the exercise, the accent colour),
``fixed`` and ``far`` (grey, the far side lighter), ``prop``, ``motion`` (arrows, labels),
``halo`` and ``band-gap`` (paper-coloured outlines that show what is in front).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from drawings.figure import HEAD_R, Point, Pose, limb_points
from drawings.props import FLOOR, PANEL_H, PANEL_W, Prop

GAP = 8
FIXED, FAR, WORKING = "#555555", "#8f8f8f", "#c2410c"
PROP_INK, PROP_FILL, PAPER, RULE, CAPTION = "#5f5f5f", "#e2e2e2", "#ffffff", "#b3b3b3", "#333333"
LIMB, TORSO = 7, 8
FONT = 'font-family="sans-serif" font-size="12"'


# Advance widths of a common sans-serif (Helvetica/Arial metrics, 1/1000 em), widened by 10 %
# for the wider faces a reader's system may substitute (DejaVu Sans): enough to keep labels
# clear of the figure wherever the drawing is shown.
_NARROW, _WIDE = set("fijlrt.,:;'·|!() "), set("mwMW")
_WIDTH_SCALE = 1.1


def text_width(text: str, size: float = 12, bold: bool = False) -> float:
    """The width a line of text takes at ``size`` (an estimate that errs wide)."""
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.33 if bold else 0.28
        elif char in _WIDE:
            em += 0.89 if bold else 0.83
        elif char.isupper():
            em += 0.72 if bold else 0.67
        else:
            em += 0.61 if bold else 0.56
    return em * size * _WIDTH_SCALE


@dataclass(frozen=True)
class Panel:
    pose: Pose
    props: tuple[Prop, ...] = ()
    front: tuple[Prop, ...] = field(default=())  # drawn over the figure (bands, arrows)


@dataclass(frozen=True)
class Picture:
    """One body position's drawing: start and end panels.

    ``working`` names the parts that do the exercise (drawn in the accent colour); every
    other part stays put between the panels except those ``carried`` along by the working
    ones (the free leg on a hip that is lifted). ``holding`` are working parts that do their
    work without moving (the standing leg whose hip lifts the pelvis in a hip hike): they stay
    put too. ``position`` says in words which body position this is: no other picture shows
    it.
    """

    key: str
    title: str
    description: str
    position: str
    start: Panel
    end: Panel
    working: tuple[str, ...]
    carried: tuple[str, ...] = ()
    holding: tuple[str, ...] = ()


def start_end(
    key: str,
    title: str,
    text: str,
    position: str,
    props: tuple[Prop, ...],
    start: Pose,
    end: Pose,
    front: tuple[Prop, ...],
    working: tuple[str, ...],
    carried: tuple[str, ...] = (),
) -> Picture:
    """The usual picture: both panels on the same ``props``, the end one with ``front``
    (arrows, labels) drawn over the figure; the title says it shows the two positions."""
    return Picture(
        key,
        f"{title}: start and end position",
        text,
        position,
        Panel(start, props),
        Panel(end, props, front),
        working=working,
        carried=carried,
    )


def _f(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


def _points(points: list[Point]) -> str:
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in points)


def _stroke(part: str, points: list[Point], role: str, width: float) -> str:
    colour = {"working": WORKING, "far": FAR, "fixed": FIXED}[role]
    return (
        f'<polyline data-part="{part}" class="{role}" points="{_points(points)}" fill="none" '
        f'stroke="{colour}" stroke-width="{width}" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    )


def _role(part: str, pose: Pose, working: tuple[str, ...]) -> str:
    if part in working:
        return "working"
    if part.startswith(("leg", "arm")) and pose.limb(part).far:
        return "far"
    return "fixed"


def render_figure(pose: Pose, working: tuple[str, ...]) -> list[str]:
    """The figure's strokes, back to front: far limbs, trunk, head, near limbs."""
    j = pose.joints()
    limbs = ("leg_a", "leg_b", "arm_a", "arm_b")
    far = [p for p in limbs if pose.limb(p).far]
    near = [p for p in limbs if not pose.limb(p).far]
    out = [_stroke(p, limb_points(pose, p), _role(p, pose, working), LIMB) for p in far]
    head_role = "working" if "head" in working else "fixed"
    head_colour = WORKING if head_role == "working" else FIXED
    head = (
        f'<circle data-part="head" class="{head_role}" cx="{_f(j["head"][0])}" '
        f'cy="{_f(j["head"][1])}" r="{HEAD_R}" fill="{head_colour}"/>'
    )
    if pose.head_behind:
        out.append(head)
    out += _trunk(pose, j, working)
    if not pose.head_behind:
        out.append(head)
    # Two working limbs at different depths are both in the accent colour: the near one gets
    # a paper-coloured outline, so where it crosses the far one it reads as in front.
    outline = any(p in working for p in far)
    for p in near:
        points = limb_points(pose, p)
        if outline and p in working:
            out.append(
                f'<polyline class="halo" points="{_points(points)}" fill="none" '
                f'stroke="{PAPER}" stroke-width="{LIMB + 3}" stroke-linecap="round" '
                'stroke-linejoin="round"/>'
            )
        out.append(_stroke(p, points, _role(p, pose, working), LIMB))
    return out


def _trunk(pose: Pose, j: dict[str, Point], working: tuple[str, ...]) -> list[str]:
    """The torso: a line from hip to neck, or a solid shape where hips and shoulders have a
    width (seen from the front or behind, or lying on the side with the hips stacked)."""
    # Seen from the side the torso line is all there is of the pelvis: it shows the hips' work.
    side_on = not pose.pelvis[1]
    role = "working" if "torso" in working or (side_on and "pelvis" in working) else "fixed"
    out = []
    if pose.solid_trunk and (pose.pelvis[1] or pose.shoulders[1]):
        corners = [j["hip_a"], j["hip_b"], j["shoulder_b"], j["shoulder_a"]]
        colour = WORKING if role == "working" else FIXED
        out.append(
            f'<polygon data-part="trunk" class="{role}" points="{_points(corners)}" '
            f'fill="{colour}" stroke="{colour}" stroke-width="{TORSO}" stroke-linejoin="round"/>'
        )
    out.append(_stroke("torso", [j["hip"], j["neck"]], role, TORSO))
    if pose.pelvis[1]:
        pelvis = "working" if "pelvis" in working else role
        out.append(_stroke("pelvis", [j["hip_a"], j["hip_b"]], pelvis, TORSO))
    if pose.shoulders[1]:
        out.append(_stroke("shoulders", [j["shoulder_a"], j["shoulder_b"]], role, TORSO))
    return out


def _box(kind: str, top_left: Point, bottom_right: Point, radius: float = 0) -> str:
    (x1, y1), (x2, y2) = top_left, bottom_right
    return (
        f'<rect data-prop="{kind}" class="prop" x="{_f(x1)}" y="{_f(y1)}" '
        f'width="{_f(x2 - x1)}" height="{_f(y2 - y1)}" rx="{_f(radius)}" fill="{PROP_FILL}" '
        f'stroke="{PROP_INK}" stroke-width="1.4"/>'
    )


def _line(kind: str, points: list[Point], width: float = 2.0) -> str:
    return (
        f'<polyline data-prop="{kind}" class="prop" points="{_points(points)}" fill="none" '
        f'stroke="{PROP_INK}" stroke-width="{_f(width)}" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    )


def render_prop(prop: Prop, pose: Pose) -> list[str]:
    """A prop's markup (``pose`` places bands and dumbbells)."""
    kind = prop.kind
    if kind == "floor":
        return [_line("floor", list(prop.points), 1.8)]
    if kind in ("mat", "step"):
        return [_box(kind, prop.points[0], prop.points[1], 1.2 if kind == "mat" else 0)]
    if kind == "plane":
        return [
            f'<polygon data-prop="plane" data-near="{_f(prop.points[0][1])}" class="prop" '
            f'points="{_points(list(prop.points))}" fill="{PROP_FILL}" stroke="{PROP_INK}" '
            'stroke-width="1.4" stroke-linejoin="round"/>'
        ]
    if kind == "guide":
        (x1, y), (x2, _) = prop.points
        return [
            f'<line data-prop="guide" class="prop" x1="{_f(x1)}" y1="{_f(y)}" x2="{_f(x2)}" '
            f'y2="{_f(y)}" stroke="{PROP_INK}" stroke-width="1" stroke-dasharray="2 3"/>'
        ]
    if kind == "wall":
        return [_wall(prop)]
    if kind == "chair":
        return [_chair(prop)]
    if kind == "sofa":
        return _sofa(prop)
    if kind in ("table", "seat"):
        return [_furniture(prop)]
    if kind == "band":
        return _band(prop, pose)
    if kind == "dumbbell":
        return [_dumbbell(pose.joints()[prop.text])]
    if kind == "arrow":
        return _arrow(*prop.points)
    if kind == "label":
        ((x, y),) = prop.points
        return [
            f'<text class="motion" x="{_f(x)}" y="{_f(y)}" {FONT} font-weight="bold" '
            f'fill="{WORKING}">{escape(prop.text)}</text>'
        ]
    raise ValueError(f"unknown prop {kind}")


def _wall(prop: Prop) -> str:
    (x, y1), (_, y2) = prop.points
    hatch = "".join(
        f'<line x1="{_f(x)}" y1="{y}" x2="{_f(x + 6)}" y2="{y - 6}" stroke="{PROP_INK}" '
        'stroke-width="0.9"/>'
        for y in range(int(y1) + 8, int(y2) + 1, 10)
    )
    return (
        f'<g data-prop="wall" data-x="{_f(x)}" class="prop">'
        f'<line x1="{_f(x)}" y1="{_f(y1)}" x2="{_f(x)}" y2="{_f(y2)}" stroke="{PROP_INK}" '
        f'stroke-width="2"/>{hatch}</g>'
    )


def _chair(prop: Prop) -> str:
    (x, seat_y), *cushioned = prop.points
    s = 1 if prop.text == "right" else -1  # the backrest's side of the seat
    depth = 22
    back_x = x + s * depth
    legs = _points([(x, FLOOR), (x, seat_y), (back_x, seat_y), (back_x, FLOOR)])
    back = _points([(back_x, seat_y), (back_x, seat_y - 34)])
    top = cushioned[0][1] if cushioned else seat_y
    cushion = (
        f'<rect class="prop" x="{_f(min(x, back_x) + 1)}" y="{_f(top)}" width="{depth - 2}" '
        f'height="{_f(seat_y - top)}" rx="2.5" fill="{PROP_FILL}" stroke-width="1.4"/>'
        if cushioned
        else ""
    )
    return (
        f'<g data-prop="chair" data-seat="{_f(min(x, back_x))},{_f(top)},'
        f'{_f(max(x, back_x))}" class="prop" fill="none" stroke="{PROP_INK}" '
        f'stroke-linecap="round" stroke-linejoin="round">'
        f'<polyline points="{legs}" stroke-width="2.2"/>'
        f'<polyline points="{back}" stroke-width="2.6"/>{cushion}</g>'
    )


def _furniture(prop: Prop) -> str:
    """A table or a chair seen from a turned viewpoint: its top (or seat) edge-on as a slab,
    its legs down to the floor and, for a chair, the backrest's posts."""
    (x1, top), (x2, _), *rest = prop.points
    legs = [x for x, y in rest if y == FLOOR]
    posts = [(x, y) for x, y in rest if y != FLOOR]
    kind = "chair" if prop.kind == "seat" else prop.kind
    data = "data-seat" if kind == "chair" else "data-top"
    lines = "".join(
        f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{FLOOR}" stroke-width="2.2"/>'
        for x in legs
    ) + "".join(
        f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(y)}" stroke-width="2.6"/>'
        for x, y in posts
    )
    rail = ""
    if posts:
        (px1, py), (px2, _) = posts[0], posts[-1]
        rail = f'<line x1="{_f(px1)}" y1="{_f(py)}" x2="{_f(px2)}" y2="{_f(py)}" stroke-width="3"/>'
    return (
        f'<g data-prop="{kind}" {data}="{_f(x1)},{_f(top)},{_f(x2)}" class="prop" '
        f'stroke="{PROP_INK}" stroke-linecap="round">{lines}{rail}'
        f'<rect class="prop" x="{_f(x1)}" y="{_f(top - 2)}" width="{_f(x2 - x1)}" height="4" '
        'rx="1.5" '
        f'fill="{PROP_FILL}" stroke-width="1.4"/></g>'
    )


def _sofa(prop: Prop) -> list[str]:
    (x1, seat_y), (x2, _) = prop.points
    return [
        f'<g data-prop="sofa" data-seat="{_f(x1)},{_f(seat_y)},{_f(x2)}" class="prop">'
        f'<rect x="{_f(x1)}" y="{_f(seat_y)}" width="{_f(x2 - x1)}" height="{_f(FLOOR - seat_y)}" '
        f'rx="4" fill="{PROP_FILL}" stroke="{PROP_INK}" stroke-width="1.4"/>'
        f'<rect x="{_f(x1)}" y="{_f(seat_y - 30)}" width="12" height="30" rx="4" '
        f'fill="{PROP_FILL}" stroke="{PROP_INK}" stroke-width="1.4"/></g>'
    ]


def _band(prop: Prop, pose: Pose) -> list[str]:
    j = pose.joints()
    pts = [j[n] if n in j else _between(j, n) for n in prop.text.split(",")]
    pts += list(prop.points)  # tied to something that does not move (a table leg)
    path = _points(pts)
    return [
        f'<polyline data-prop="band" class="band-gap" points="{path}" fill="none" '
        f'stroke="{PAPER}" stroke-width="4.6" stroke-linecap="round"/>',
        f'<polyline class="prop" points="{path}" fill="none" stroke="{PROP_INK}" '
        'stroke-width="2.4" stroke-dasharray="3.5 2.5" stroke-linecap="round"/>',
    ]


def _between(j: dict[str, Point], spec: str) -> Point:
    """``knee_a@0.7``: 70 % of the way from the hip to the knee."""
    name, fraction = spec.split("@")
    joint, side = name.rsplit("_", 1)
    parent = {"knee": "hip", "ankle": "knee", "elbow": "shoulder", "hand": "elbow"}[joint]
    (x0, y0), (x1, y1) = j[f"{parent}_{side}"], j[name]
    t = float(fraction)
    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _dumbbell(at: Point) -> str:
    x, y = at
    return (
        f'<g data-prop="dumbbell" class="prop" stroke="{PROP_INK}" stroke-linecap="round">'
        f'<line x1="{_f(x)}" y1="{_f(y - 6)}" x2="{_f(x)}" y2="{_f(y + 6)}" stroke-width="2.5"/>'
        f'<line x1="{_f(x - 4)}" y1="{_f(y - 7)}" x2="{_f(x + 4)}" y2="{_f(y - 7)}" '
        'stroke-width="4"/>'
        f'<line x1="{_f(x - 4)}" y1="{_f(y + 7)}" x2="{_f(x + 4)}" y2="{_f(y + 7)}" '
        'stroke-width="4"/></g>'
    )


def _arrow(start: Point, control: Point, end: Point) -> list[str]:
    (x0, y0), (cx, cy), (x1, y1) = start, control, end
    angle = math.atan2(y1 - cy, x1 - cx)
    size = 6.5
    left = (x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
    right = (x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
    return [
        f'<path class="motion" d="M{_f(x0)},{_f(y0)} Q{_f(cx)},{_f(cy)} {_f(x1)},{_f(y1)}" '
        f'fill="none" stroke="{WORKING}" stroke-width="2.2" stroke-linecap="round"/>',
        f'<polygon class="motion" points="{_points([end, left, right])}" fill="{WORKING}"/>',
    ]


def render_panel(panel: Panel, x: float, name: str, working: tuple[str, ...]) -> str:
    parts = [f'<g data-panel="{name}" transform="translate({_f(x)} 0)">']
    caption = "1 · start" if name == "start" else "2 · end"
    parts.append(f'<text class="caption" x="6" y="15" {FONT} fill="{CAPTION}">{caption}</text>')
    for prop in panel.props:
        parts += render_prop(prop, panel.pose)
    parts += render_figure(panel.pose, working)
    for prop in panel.front:
        parts += render_prop(prop, panel.pose)
    parts.append("</g>")
    return "".join(parts)


def render(picture: Picture) -> str:
    """The picture's SVG file."""
    width = 2 * PANEL_W + GAP
    divider = PANEL_W + GAP / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {PANEL_H}" '
        f'role="img" class="exercise-picture" data-picture="{picture.key}">'
        f"<title>{escape(picture.title)}</title><desc>{escape(picture.description)}</desc>"
        f'<rect class="paper" x="0.5" y="0.5" width="{width - 1}" height="{PANEL_H - 1}" rx="6" '
        f'fill="{PAPER}" stroke="{RULE}"/>'
        f'<line class="rule" x1="{divider}" y1="10" x2="{divider}" y2="{PANEL_H - 10}" '
        f'stroke="{RULE}" stroke-dasharray="3 3"/>'
        + render_panel(picture.start, 0, "start", picture.working)
        + render_panel(picture.end, PANEL_W + GAP, "end", picture.working)
        + "</svg>\n"
    )
