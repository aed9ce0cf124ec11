"""What surrounds the figure: floor, mat, step, box, wall, chair, sofa, table, band, dumbbell,
arrows and one-word labels. A prop is plain data; :mod:`.svg` draws it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from drawings.figure import Point, Pose

PANEL_W, PANEL_H = 160, 136
FLOOR = 128
#: a limb stroke's half width: a joint this far above a surface touches it
CONTACT = 3.5


@dataclass(frozen=True)
class Prop:
    """A thing in a panel: ``kind`` says which, ``points`` where, ``text`` anything else."""

    kind: str
    points: tuple[Point, ...] = ()
    text: str = ""


def floor() -> Prop:
    return Prop("floor", ((4, FLOOR), (PANEL_W - 4, FLOOR)))


def mat(x1: float, x2: float) -> Prop:
    """A mat seen edge-on, lying on the floor."""
    return Prop("mat", ((x1, FLOOR - 2.5), (x2, FLOOR)))


def plane(x1: float, x2: float, far: float, inset: float = 14) -> Prop:
    """A mat on the floor seen from in front and above: its near edge on the floor line from
    ``x1`` to ``x2``, its far edge ``far`` higher up the picture and narrower by ``inset`` at
    each end, so it reads as a floor going away, not as a table standing up."""
    return Prop("plane", ((x1, FLOOR), (x2, FLOOR), (x2 - inset, far), (x1 + inset, far)))


def step(x1: float, x2: float, height: float) -> Prop:
    """A step (or low box) whose top is ``height`` above the floor."""
    return Prop("step", ((x1, FLOOR - height), (x2, FLOOR)))


def wall(x: float) -> Prop:
    return Prop("wall", ((x, 24), (x, FLOOR)))  # its top clear of the panel caption


def chair(x: float, seat: float = 30, back: str = "right", cushion: float = 0) -> Prop:
    """A chair seen from the side: the seat's front edge at ``x``, its backrest on ``back``,
    and firm cushions ``cushion`` high on the seat (a high seat)."""
    points: tuple[Point, ...] = ((x, FLOOR - seat),)
    if cushion:
        points += ((x, FLOOR - seat - cushion),)
    return Prop("chair", points, back)


def sofa(x1: float, x2: float, height: float) -> Prop:
    """A sofa seen from the side, its seat ``height`` above the floor, the seat edge at x2."""
    return Prop("sofa", ((x1, FLOOR - height), (x2, FLOOR)))


def band(*joints: str, tied: Point | None = None) -> Prop:
    """A loop band between joints, by name (``knee_a@0.7``: 70 % of the way hip to knee),
    or from a joint to where it is ``tied`` (a table leg)."""
    return Prop("band", (tied,) if tied else (), ",".join(joints))


def table(x1: float, x2: float, top: float, legs: tuple[float, ...]) -> Prop:
    """A table seen from a turned viewpoint: its top ``top`` above the floor, edge-on from
    ``x1`` to ``x2``, its legs at ``legs``."""
    return Prop("table", ((x1, FLOOR - top), (x2, FLOOR - top), *((x, FLOOR) for x in legs)))


def seat(
    x1: float, x2: float, height: float, legs: tuple[float, ...], back: tuple[float, float]
) -> Prop:
    """A chair seen from a turned viewpoint: its seat ``height`` above the floor, edge-on
    from ``x1`` to ``x2``, its legs at ``legs``, the backrest's posts at ``back`` rising a
    backrest's height above the seat."""
    top = FLOOR - height
    posts = tuple((x, top - 32) for x in back)
    return Prop("seat", ((x1, top), (x2, top), *((x, FLOOR) for x in legs), *posts))


def dumbbell(joint: str) -> Prop:
    """A dumbbell held in (or resting at) a joint."""
    return Prop("dumbbell", (), joint)


def guide(y: float, x1: float = 30, x2: float = 130) -> Prop:
    """A dotted level line (where the hips were at the start)."""
    return Prop("guide", ((x1, y), (x2, y)))


def arrow(start: Point, control: Point, end: Point) -> Prop:
    return Prop("arrow", (start, control, end))


def label(x: float, y: float, text: str) -> Prop:
    """A one-word (or two-word) label in the accent colour."""
    return Prop("label", ((x, y),), text)


#: the shortest arrow that reads as one (its chord, in drawing units)
MIN_ARROW = 14.0


def travel(before: Pose, after: Pose, joint: str, bulge: float = 10.0, gap: float = 9.0) -> Prop:
    """An arrow along the path of ``joint`` from ``before`` to ``after``, bowed by ``bulge``
    (positive: to the left of the direction of travel), stopping ``gap`` (less, down to 3,
    where the arrow would be too short) short of both ends. A joint that moves too little for
    that gets a straight arrow of :data:`MIN_ARROW` beside
    its path instead, on the ``bulge`` side, pointing the way it moves."""
    (x0, y0), (x1, y1) = before.joints()[joint], after.joints()[joint]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    gap = min(gap, max(3.0, (length - MIN_ARROW) / 2))
    if length - 2 * gap < MIN_ARROW:
        side = math.copysign(max(abs(bulge), 9.0), bulge)
        cx, cy = (x0 + x1) / 2 + uy * side, (y0 + y1) / 2 - ux * side
        half = MIN_ARROW / 2
        start, end = (cx - ux * half, cy - uy * half), (cx + ux * half, cy + uy * half)
        return arrow(start, ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), end)
    start = (x0 + ux * gap, y0 + uy * gap)
    end = (x1 - ux * gap, y1 - uy * gap)
    middle = ((x0 + x1) / 2 + uy * bulge, (y0 + y1) / 2 - ux * bulge)
    return arrow(start, middle, end)


def nudge(pose: Pose, joint: str, start: Point, control: Point, end: Point) -> Prop:
    """A short arrow near ``joint``: its three points are offsets from the joint."""
    x, y = pose.joints()[joint]
    return arrow(
        (x + start[0], y + start[1]), (x + control[0], y + control[1]), (x + end[0], y + end[1])
    )
