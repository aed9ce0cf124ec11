"""The figure: segment lengths, a pose as joint angles, and the joint coordinates it yields.

Angles are in degrees, 0 = towards the image's right, 90 = up; image y grows downwards, so a
joint "higher" in the picture has a smaller y. Side ``a`` and side ``b`` are the two sides of
the body: in a side view ``a`` is the near side, in a frontal view ``a`` is the image's left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]

# Segment lengths in drawing units (standing height about 106).
TORSO_LEN, NECK, THIGH, SHIN, FOOT, UPPER_ARM, FOREARM = 34.0, 12.0, 27.0, 26.0, 7.0, 19.0, 18.0
HEAD_R = 7.5
#: the parts of a figure; a limb's part holds its joints below the root (hip or shoulder)
PARTS = ("pelvis", "torso", "head", "leg_a", "leg_b", "arm_a", "arm_b")
LEG_JOINTS = ("hip", "knee", "ankle", "toe")
ARM_JOINTS = ("shoulder", "elbow", "hand")


def direction(angle: float) -> Point:
    """The unit vector of an angle (image coordinates: up is negative y)."""
    rad = math.radians(angle)
    return math.cos(rad), -math.sin(rad)


def along(p: Point, angle: float, length: float) -> Point:
    """The point ``length`` away from ``p`` in the direction ``angle``."""
    dx, dy = direction(angle)
    return p[0] + dx * length, p[1] + dy * length


@dataclass(frozen=True)
class Limb:
    """Absolute angles of a limb's segments; ``far`` limbs are drawn behind the body."""

    angles: tuple[float, ...]
    far: bool = False
    #: how many segments show (a shin pointing at the viewer hides behind its thigh)
    segments: int = 3
    #: per-segment length factors, for segments foreshortened by the view
    scale: tuple[float, ...] = (1.0, 1.0, 1.0)


@dataclass(frozen=True)
class Pose:
    """A body position: the torso's angle, four limbs, and where one joint sits.

    ``pelvis`` and ``shoulders`` are (angle from side b to side a, width): a width shows the
    body seen from the front or from behind, or lying on its side with hips and shoulders
    stacked. ``placed`` pins joints by hand after anchoring (segments the view foreshortens).
    """

    torso: float
    leg_a: Limb
    leg_b: Limb
    arm_a: Limb
    arm_b: Limb
    anchor: tuple[str, Point]
    head: float | None = None
    pelvis: tuple[float, float] = (0.0, 0.0)
    shoulders: tuple[float, float] = (0.0, 0.0)
    torso_scale: float = 1.0
    placed: tuple[tuple[str, Point], ...] = ()
    head_behind: bool = False
    #: the trunk as a solid shape between hips and shoulders (off: lines only, so what is
    #: behind it, the arms of a figure seen from behind, shows)
    solid_trunk: bool = True

    def joints(self) -> dict[str, Point]:
        """Every joint's coordinates, with ``anchor`` where the pose says."""
        j = self._joints_at((0.0, 0.0))
        name, (x, y) = self.anchor
        ax, ay = j[name]
        j = self._joints_at((x - ax, y - ay))
        j.update(dict(self.placed))
        return j

    def limb(self, part: str) -> Limb:
        """The limb of a part name (``leg_a``, ``arm_b``, ...)."""
        limb: Limb = getattr(self, part)
        return limb

    def _joints_at(self, hip: Point) -> dict[str, Point]:
        j: dict[str, Point] = {"hip": hip}
        j["neck"] = along(hip, self.torso, TORSO_LEN * self.torso_scale)
        j["head"] = along(j["neck"], self.head if self.head is not None else self.torso, NECK)
        for side, sign in (("a", 1), ("b", -1)):
            p_angle, p_width = self.pelvis
            s_angle, s_width = self.shoulders
            j[f"hip_{side}"] = along(hip, p_angle, sign * p_width / 2)
            j[f"shoulder_{side}"] = along(j["neck"], s_angle, sign * s_width / 2)
            self._chain(j, side, LEG_JOINTS, self.limb(f"leg_{side}"), (THIGH, SHIN, FOOT))
            self._chain(j, side, ARM_JOINTS, self.limb(f"arm_{side}"), (UPPER_ARM, FOREARM))
        return j

    @staticmethod
    def _chain(
        j: dict[str, Point],
        side: str,
        names: tuple[str, ...],
        limb: Limb,
        lengths: tuple[float, ...],
    ) -> None:
        for parent, child, angle, length, factor in zip(
            names, names[1:], limb.angles, lengths, limb.scale, strict=False
        ):
            j[f"{child}_{side}"] = along(j[f"{parent}_{side}"], angle, length * factor)

    def with_joint(self, name: str, point: Point) -> Pose:
        """The same pose with one joint pinned at ``point``."""
        from dataclasses import replace

        return replace(self, placed=(*self.placed, (name, point)))

    def moved_to(self, joint: str, point: Point) -> Pose:
        """The same pose anchored so that ``joint`` sits at ``point``."""
        from dataclasses import replace

        x, y = self.joints()[joint]
        ax, ay = self.joints()[self.anchor[0]]
        return replace(self, anchor=(self.anchor[0], (point[0] - x + ax, point[1] - y + ay)))


def limb_points(pose: Pose, part: str) -> list[Point]:
    """The drawn points of a limb part, root first (hip or shoulder)."""
    kind, side = part.split("_")
    names = LEG_JOINTS if kind == "leg" else ARM_JOINTS
    limb = pose.limb(part)
    j = pose.joints()
    return [j[f"{n}_{side}"] for n in names[: limb.segments + 1]]
