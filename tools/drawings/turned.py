"""A figure posed in three dimensions and seen from a viewpoint turned from the front.

Some positions read from no flat view: a hip turning out with the knee bent and the thigh
forward shows its turn from the front but hides the thigh (it points at the viewer), and
shows the thigh from the side but hides the turn. Seen from in front and to one side both
show. Coordinates are x across the body (side ``a`` negative), y up from the floor and z
forward; the viewer stands in front, turned ``yaw`` degrees round to one side, level with the
figure (heights read true: a knee at hip height is drawn at hip height).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drawings.figure import FOREARM, NECK, TORSO_LEN, UPPER_ARM, Point, Pose
from drawings.figure import Limb as L
from drawings.postures import PELVIS_W, SHOULDER_W
from drawings.props import CONTACT, FLOOR

Point3 = tuple[float, float, float]


@dataclass(frozen=True)
class View:
    """A level viewpoint turned ``yaw`` degrees from the front towards side ``b`` (negative:
    towards side ``a``); the 3D origin (on the floor) is drawn at ``x`` on the floor line."""

    yaw: float
    x: float

    def __call__(self, p: Point3) -> Point:
        """Where a 3D point is drawn."""
        rad = math.radians(self.yaw)
        return self.x + p[0] * math.cos(rad) - p[2] * math.sin(rad), FLOOR - p[1]


def add(p: Point3, q: Point3) -> Point3:
    return p[0] + q[0], p[1] + q[1], p[2] + q[2]


def middle_joint(root: Point3, end: Point3, upper: float, lower: float, pole: Point3) -> Point3:
    """The elbow (or knee) between ``root`` and ``end`` for segments ``upper`` and
    ``lower`` long, bent towards ``pole`` (a direction)."""
    d = [e - r for e, r in zip(end, root, strict=True)]
    dist = min(math.hypot(*d), upper + lower - 1e-6)
    unit = [c / dist for c in d]
    along = (upper**2 - lower**2 + dist**2) / (2 * dist)
    height = math.sqrt(max(0.0, upper**2 - along**2))
    # the pole's part square to root→end
    dot = sum(p * u for p, u in zip(pole, unit, strict=True))
    side = [p - dot * u for p, u in zip(pole, unit, strict=True)]
    norm = math.hypot(*side) or 1.0
    return (
        root[0] + unit[0] * along + side[0] / norm * height,
        root[1] + unit[1] * along + side[1] / norm * height,
        root[2] + unit[2] * along + side[2] / norm * height,
    )


def upright(hip: Point3) -> dict[str, Point3]:
    """The trunk and head of a figure sitting or standing tall, facing forward, its hip centre
    at ``hip``."""
    x, y, z = hip
    neck = (x, y + TORSO_LEN, z)
    return {
        "hip": hip,
        "hip_a": (x - PELVIS_W / 2, y, z),
        "hip_b": (x + PELVIS_W / 2, y, z),
        "neck": neck,
        "head": (x, y + TORSO_LEN + NECK, z),
        "shoulder_a": (x - SHOULDER_W / 2, neck[1], z),
        "shoulder_b": (x + SHOULDER_W / 2, neck[1], z),
    }


def arm(body: dict[str, Point3], side: str, hand: Point3, pole: Point3) -> None:
    """Put ``side``'s hand at ``hand``, the elbow bent towards ``pole``."""
    shoulder = body[f"shoulder_{side}"]
    body[f"elbow_{side}"] = middle_joint(shoulder, hand, UPPER_ARM, FOREARM, pole)
    body[f"hand_{side}"] = hand


def seen(view: View, body: dict[str, Point3]) -> Pose:
    """The figure as ``view`` draws it, every joint where the view puts it: the side the
    viewer turned away from is the far side (its limbs drawn behind the body)."""
    placed = {name: view(p) for name, p in body.items()}
    a_far = view.yaw > 0
    return Pose(
        torso=90,
        leg_a=L((-90, -90, 0), far=a_far),
        leg_b=L((-90, -90, 0), far=not a_far),
        arm_a=L((-90, -90), far=a_far),
        arm_b=L((-90, -90), far=not a_far),
        pelvis=(180, PELVIS_W),
        shoulders=(180, SHOULDER_W),
        anchor=("hip", placed["hip"]),
        placed=tuple(placed.items()),
    )


#: a joint resting on the floor
ON_FLOOR = CONTACT
