"""Reading a shipped exercise drawing back: each panel's joints and props, from the SVG.

The generator labels every stroke (``data-part`` on the figure, ``data-prop`` on props), so
tests can check what a pose means on the very file the report inlines.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
LIMB_JOINTS = {"leg": ("hip", "knee", "ankle", "toe"), "arm": ("shoulder", "elbow", "hand")}
FLOOR, CONTACT = 128.0, 3.5

Point = tuple[float, float]


def _points(text: str) -> list[Point]:
    pairs = [p.split(",") for p in text.split()]
    return [(float(x), float(y)) for x, y in pairs]


@dataclass
class PanelGeometry:
    """One panel: joints by name, which parts are drawn as working, and the props."""

    joints: dict[str, Point]
    roles: dict[str, str]
    props: dict[str, ET.Element]

    def __getitem__(self, name: str) -> Point:
        return self.joints[name]

    def part_joints(self, part: str) -> list[str]:
        """The joints of a part (a limb's from its root, the hip or shoulder, to its end)."""
        if part == "pelvis":
            return [n for n in ("hip", "hip_a", "hip_b") if n in self.joints]
        if part == "torso":
            return [n for n in ("neck", "shoulder_a", "shoulder_b") if n in self.joints]
        if part == "head":
            return ["head"]
        kind, side = part.split("_")
        return [f"{n}_{side}" for n in LIMB_JOINTS[kind] if f"{n}_{side}" in self.joints]

    def surfaces(self) -> list[float]:
        """The heights a joint can rest on: the floor, the tops of steps, seats."""
        tops = [FLOOR]
        for kind, element in self.props.items():
            if kind in ("step", "mat"):
                tops.append(float(element.get("y", FLOOR)))
            if kind == "plane":  # a floor seen from above: things rest along its near edge
                tops.append(float(element.get("data-near", FLOOR)))
            if kind in ("chair", "sofa"):
                tops.append(float(element.get("data-seat", "0,0,0").split(",")[1]))
        return tops


def panels(svg: str) -> dict[str, PanelGeometry]:
    """The ``start`` and ``end`` panels of a picture."""
    root = ET.fromstring(svg)
    out = {}
    for group in root.iter(f"{SVG}g"):
        name = group.get("data-panel")
        if name:
            out[name] = _panel(group)
    return out


def _panel(group: ET.Element) -> PanelGeometry:
    joints: dict[str, Point] = {}
    roles: dict[str, str] = {}
    props: dict[str, ET.Element] = {}
    for element in group.iter():
        part, prop = element.get("data-part"), element.get("data-prop")
        if prop and prop not in props:
            props[prop] = element
        if not part:
            continue
        roles[part] = element.get("class", "")
        if part == "head":
            joints["head"] = (float(element.get("cx", 0)), float(element.get("cy", 0)))
        elif part == "torso":
            joints["hip"], joints["neck"] = _points(element.get("points", ""))
        elif part in ("pelvis", "shoulders"):
            a, b = _points(element.get("points", ""))
            kind = "hip" if part == "pelvis" else "shoulder"
            joints[f"{kind}_a"], joints[f"{kind}_b"] = a, b
        elif part.startswith(("leg_", "arm_")):
            kind, side = part.split("_")
            for name, point in zip(
                LIMB_JOINTS[kind], _points(element.get("points", "")), strict=False
            ):
                joints.setdefault(f"{name}_{side}", point)
    return PanelGeometry(joints, roles, props)


def distance(p: Point, q: Point) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def angle(p: Point, q: Point) -> float:
    """Degrees above the horizontal from ``p`` to ``q`` (up is positive)."""
    return math.degrees(math.atan2(p[1] - q[1], abs(q[0] - p[0])))


def below_line(point: Point, a: Point, b: Point) -> float:
    """How far ``point`` sits below the line through ``a`` and ``b`` (negative: above)."""
    t = (point[0] - a[0]) / (b[0] - a[0])
    return point[1] - (a[1] + t * (b[1] - a[1]))
