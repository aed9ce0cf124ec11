"""Body positions built from where the body touches the ground, not from angles alone.

A physio describes a position by its contacts ("shoulders on the floor, feet planted, hips
up"), so these builders take the contact points and solve the limbs between them
(:func:`reach`, two-link inverse kinematics), which keeps planted feet and hands exactly where
they were between the start and the end panel.
"""

from __future__ import annotations

import math
from dataclasses import replace

from drawings.figure import (
    FOOT,
    FOREARM,
    SHIN,
    THIGH,
    TORSO_LEN,
    UPPER_ARM,
    Limb,
    Point,
    Pose,
    along,
)
from drawings.props import CONTACT, FLOOR

L = Limb
GROUND = FLOOR - CONTACT  # a joint resting on the floor
#: the hip and shoulder width of a figure seen from the front, or lying on its side
PELVIS_W, SHOULDER_W = 14.0, 18.0
#: how far apart stacked feet or knees are drawn (a limb's width)
STACKED = 6.0
#: the forearm without the hand, as a share of the figure's forearm (which includes the hand)
PALM_FLAT = 0.83


def aim(p: Point, q: Point) -> tuple[float, float]:
    """The angle and length from ``p`` to ``q``."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    return math.degrees(math.atan2(-dy, dx)), math.hypot(dx, dy)


def reach(root: Point, target: Point, upper: float, lower: float, bend: int) -> tuple[float, float]:
    """The two segment angles of a limb from ``root`` to ``target`` (two-link inverse
    kinematics); ``bend`` +1 puts the middle joint to the left of root→target, -1 right."""
    angle, dist = aim(root, target)
    dist = min(dist, upper + lower - 1e-6)
    cos_a = (upper**2 + dist**2 - lower**2) / (2 * upper * dist)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first = angle + bend * a
    middle = along(root, first, upper)
    second, _ = aim(middle, target)
    return first, second


def leg_to(hip: Point, ankle: Point, bend: int, foot: float, **kw: object) -> Limb:
    """A leg from ``hip`` to ``ankle``, the knee bent to side ``bend``."""
    thigh, shin = reach(hip, ankle, THIGH, SHIN, bend)
    return L((thigh, shin, foot), **kw)  # type: ignore[arg-type]


def arm_to(
    shoulder: Point, hand: Point, bend: int, *, palm_flat: bool = False, **kw: object
) -> Limb:
    """An arm from ``shoulder`` to ``hand``; ``palm_flat`` for a hand flat on the floor, whose
    length then lies along the floor (the figure's forearm stands for forearm and hand)."""
    fore_len = FOREARM * (PALM_FLAT if palm_flat else 1.0)
    upper, fore = reach(shoulder, hand, UPPER_ARM, fore_len, bend)
    return L((upper, fore), scale=(1.0, fore_len / FOREARM), **kw)  # type: ignore[arg-type]


def solve(f: object, lo: float, hi: float, steps: int = 60) -> float:
    """The root of a monotonic function on [lo, hi] by bisection."""
    func = f  # a callable float -> float
    f_lo = func(lo)  # type: ignore[operator]
    for _ in range(steps):
        mid = (lo + hi) / 2
        f_mid = func(mid)  # type: ignore[operator]
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return (lo + hi) / 2


# -- standing, seen from the front ---------------------------------------------------------


def standing_front(
    leg_a: Limb,
    leg_b: Limb,
    anchor: tuple[str, Point],
    *,
    hike: float = 0.0,
    arm_a: Limb | None = None,
    arm_b: Limb | None = None,
) -> Pose:
    """Standing seen from the front: ``a`` is the image's left side; ``hike`` raises side a
    of the pelvis by that many degrees (negative drops it), the trunk staying upright."""
    return Pose(
        torso=90,
        leg_a=leg_a,
        leg_b=leg_b,
        arm_a=arm_a or L((-110, -98)),
        arm_b=arm_b or L((-70, -82)),
        pelvis=(180 - hike, PELVIS_W),
        shoulders=(180.0, SHOULDER_W),
        anchor=anchor,
    )


# -- standing, sitting and squatting, seen from the side -----------------------------------

# A knee bend is drawn at the angle the rung prescribes (``Variant.knee_flexion``): a runner
# copies the picture, so it never bends further than the text says.


def hip_over(ankle: Point, flexion: float, shin_tilt: float) -> Point:
    """Seen from the side facing left: the hip of a leg standing on ``ankle`` with the knee
    bent ``flexion`` degrees, the shin tilted ``shin_tilt`` degrees forward of upright (the
    knee travelling over the toes), the thigh taking the rest of the bend."""
    knee = along(ankle, 90 + shin_tilt, SHIN)
    return along(knee, 90 - (flexion - shin_tilt), THIGH)


def foot_under(hip: Point, flexion: float, shin_tilt: float) -> Point:
    """The ankle below ``hip`` of the same leg as :func:`hip_over` (its inverse)."""
    knee = along(hip, -90 - (flexion - shin_tilt), THIGH)
    return along(knee, -90 + shin_tilt, SHIN)


def shin_tilt_for(height: float, flexion: float) -> float:
    """The shin's forward tilt that puts the hip ``height`` above the ankle with the knee
    bent ``flexion`` degrees (sitting on a seat of a given height, the foot on the floor)."""

    def too_high(tilt: float) -> float:
        return hip_over((0.0, 0.0), flexion, tilt)[1] + height

    return solve(too_high, 0.0, flexion / 2)  # the hip rises with the tilt up to about there


def front_leg(thigh: float, shin: float, foot: float, flexion: float) -> Limb:
    """A leg seen from the front with the knee bent ``flexion`` degrees, thigh and shin drawn
    at ``thigh`` and ``shin`` (their angles in the picture): the thigh comes towards the
    viewer and the shin goes away by the same angle, each drawn shortened by it."""
    spread = math.radians(abs(thigh - shin))
    # cos(flexion) = cos²(t)·cos(spread) - sin²(t), t each segment's angle out of the picture
    cos_t = math.sqrt((1 + math.cos(math.radians(flexion))) / (1 + math.cos(spread)))
    return L((thigh, shin, foot), scale=(cos_t, cos_t, 1.0))


def side_view(
    hip: Point,
    neck: Point,
    ankle_a: Point,
    ankle_b: Point,
    *,
    hand_a: Point,
    hand_b: Point,
    knees: int = 1,
    foot_a: float = 180,
    foot_b: float = 180,
    head: float | None = None,
) -> Pose:
    """A figure seen from its left side facing left (toes point left): hip, neck, both
    ankles and both hands placed, the knees bending forward (``knees`` +1) or back (-1).
    Side ``a`` is the near side."""
    torso, length = aim(hip, neck)
    return Pose(
        torso=torso,
        torso_scale=length / TORSO_LEN,
        head=head,
        leg_a=leg_to(hip, ankle_a, -knees, foot_a),
        leg_b=leg_to(hip, ankle_b, -knees, foot_b, far=True),
        arm_a=arm_to(neck, hand_a, 1),
        arm_b=arm_to(neck, hand_b, 1, far=True),
        anchor=("hip", hip),
    )


# -- lying on the side, seen from the front ------------------------------------------------


def side_lying(
    hip_b: Point,
    torso: float,
    leg_a: Limb,
    leg_b: Limb,
    *,
    propped: bool = True,
    hand_on_hip: bool = False,
) -> Pose:
    """Lying on the side seen from the front, head to the left: the hips and shoulders
    stacked, the top side ``a`` above the bottom side ``b``, the bottom hip resting at
    ``hip_b``; the top hand on the floor in front of the chest, or ``hand_on_hip`` (to feel
    the pelvis not roll back); ``propped`` rests the head on the bottom hand, elbow down where
    the hip rests, so the figure cannot read as lying on its back."""
    ground = hip_b[1]
    pose = Pose(
        torso=torso,
        head=torso - 12,
        leg_a=leg_a,
        leg_b=leg_b,
        arm_a=L((-60, -100)),
        arm_b=L((-120, 80), far=True),
        pelvis=(torso - 90, PELVIS_W),
        shoulders=(torso - 90, SHOULDER_W),
        anchor=("hip_b", hip_b),
    )
    j = pose.joints()
    if hand_on_hip:
        top_arm = arm_to(j["shoulder_a"], (j["hip_a"][0] + 3, j["hip_a"][1] - 1), 1)
    else:
        top_arm = arm_to(j["shoulder_a"], (j["shoulder_a"][0] + 14, ground), -1)
    pose = replace(pose, arm_a=top_arm)
    if not propped:
        return pose
    head = j["head"]
    return pose.with_joint("hand_b", (head[0] - 1, head[1] + 9)).with_joint(
        "elbow_b", (head[0] - 7, ground)
    )


def side_plank(elbow: Point, support: Point, lift: float, kneeling: bool = False) -> Pose:
    """A side plank seen from the front, head to the left, hips stacked: the bottom side
    propped on the forearm (``elbow`` on the floor, the shoulder above it) and the feet (or,
    ``kneeling``, the knees) at ``support``; ``lift`` 0 has the hips on the floor, 1 the body
    straight from the shoulders to the support. The shins of a kneeling plank point back,
    away from the viewer, and show short."""
    legs_len = THIGH if kneeling else THIGH + SHIN
    shoulder = (elbow[0], elbow[1] - UPPER_ARM)
    on_floor = (support[0] - legs_len, GROUND)
    line, _ = aim(support, shoulder)
    straight = along(support, line, legs_len)
    hip = (
        on_floor[0] + lift * (straight[0] - on_floor[0]),
        on_floor[1] + lift * (straight[1] - on_floor[1]),
    )
    torso, length = aim(hip, shoulder)
    legs, _ = aim(hip, support)
    shin = 45.0 if kneeling else legs
    scale = (1.0, 0.45, 0.0) if kneeling else (1.0, 1.0, 1.0)
    pose = Pose(
        torso=torso,
        torso_scale=length / TORSO_LEN,
        head=torso - 4,
        leg_a=L((legs + 1, shin + 1, 0), scale=scale, segments=2),
        leg_b=L((legs, shin, 0), far=True, scale=scale, segments=2),
        arm_a=L((torso - 115, torso - 175)),
        arm_b=L((-90, 180), far=True, scale=(1.0, 0.6)),
        pelvis=(torso - 90, PELVIS_W),
        shoulders=(torso - 90, PELVIS_W),  # as wide as the hips, so side b is one line
        anchor=("hip_b", hip),
    )
    j = pose.joints()
    # The top hand on the top hip; the top leg resting on the bottom one, feet (or knees)
    # stacked a limb's width apart, not floating parallel to it.
    top_arm = arm_to(j["shoulder_a"], (j["hip_a"][0] - 2, j["hip_a"][1] - 2), 1)
    pose = replace(pose, arm_a=top_arm).with_joint("elbow_b", elbow)
    end = "knee" if kneeling else "ankle"
    up = along((0.0, 0.0), line - 90, STACKED)
    rest = (j[f"{end}_b"][0] + up[0], j[f"{end}_b"][1] + up[1])
    if kneeling:
        shin = (j["ankle_b"][0] - j["knee_b"][0], j["ankle_b"][1] - j["knee_b"][1])
        return pose.with_joint("knee_a", rest).with_joint(
            "ankle_a", (rest[0] + shin[0], rest[1] + shin[1])
        )
    knee = ((j["hip_a"][0] + rest[0]) / 2, (j["hip_a"][1] + rest[1]) / 2)
    return pose.with_joint("knee_a", knee).with_joint("ankle_a", rest)


# -- on all fours and on the back, seen from the side --------------------------------------


def quadruped(
    *,
    arm_a: Limb | None = None,
    leg_a: Limb | None = None,
    leg_b: Limb | None = None,
    hover: float = 0.0,
    knee_at: float = 98,
) -> Pose:
    """On all fours seen from the side, head to the left: hands under the shoulders, knees
    under the hips; ``hover`` lifts both knees that far off the floor on tucked toes."""
    knee_y = GROUND - hover
    # Hovering, the shin runs back to the tucked toes, which rest on the floor.
    toes_up = FOOT * math.sin(math.radians(95))
    shin = (-math.degrees(math.asin((hover - toes_up) / SHIN)), -95.0) if hover else (0.0, 0.0)
    pose = Pose(
        torso=_all_fours_torso(hover),
        head=174,
        leg_a=leg_a or L((-90, *shin)),
        leg_b=leg_b or L((-92, shin[0] - 2, shin[1]), far=True),
        arm_a=arm_a or L((-90, -90)),
        arm_b=L((-92, -88), far=True),
        anchor=("knee_a" if leg_b else "knee_b", (knee_at, knee_y)),
    )
    j = pose.joints()
    # Hands flat on the floor under the shoulders (the reaching arm excepted).
    hand_b = (j["shoulder_b"][0] - 1, GROUND)
    pose = replace(pose, arm_b=arm_to(j["shoulder_b"], hand_b, 1, palm_flat=True, far=True))
    if arm_a is None:
        hand_a = (j["shoulder_a"][0], GROUND)
        pose = replace(pose, arm_a=arm_to(j["shoulder_a"], hand_a, 1, palm_flat=True))
    return pose


def _all_fours_torso(hover: float) -> float:
    """The torso's angle on all fours, head to the left: the shoulders as high above the hands
    as the straight arms reach (arms are longer than thighs, so a little above the hips; the
    elbows are never bent, least of all towards the head)."""
    arm = UPPER_ARM + FOREARM * PALM_FLAT - 0.05
    rise = arm - THIGH - hover
    return 180 - math.degrees(math.asin(max(0.0, rise) / TORSO_LEN))


def supine(
    shoulder: Point,
    hip: Point,
    foot_a: Point | None,
    foot_b: Point,
    *,
    leg_a: Limb | None = None,
) -> Pose:
    """On the back seen from the side, head to the left: shoulders and (at least) the
    ``b`` foot planted, the hip where given; ``leg_a`` free when ``foot_a`` is None."""
    torso, length = aim(hip, shoulder)
    planted_a = leg_to(hip, foot_a, 1, 0) if foot_a else None
    return Pose(
        torso=torso,
        torso_scale=length / TORSO_LEN,
        head=180 + (torso - 180) * 0.3,
        leg_a=leg_a or planted_a or L((0, 0, 90)),
        leg_b=leg_to(hip, foot_b, 1, 0, far=True),
        # The arms along the floor by the sides, drawn behind the body so the trunk's
        # lift shows.
        arm_a=L((0, 0), far=True),
        arm_b=L((0, 0), far=True),
        anchor=("hip", hip),
    )


def bridge_hip(shoulder: Point, foot: Point, lift: float) -> Point:
    """Where the hips are when lifted ``lift`` of the way from the floor (0) to the line
    from the shoulders to the knees (1), the torso keeping its length."""

    def hip_at(angle: float) -> Point:
        return along(shoulder, angle, TORSO_LEN)

    def below_line(angle: float) -> float:
        hip = hip_at(angle)
        thigh, _ = reach(hip, foot, THIGH, SHIN, 1)
        knee = along(hip, thigh, THIGH)
        t = (hip[0] - shoulder[0]) / (knee[0] - shoulder[0])
        return hip[1] - (shoulder[1] + t * (knee[1] - shoulder[1]))

    drop = min(1.0, (GROUND - 1.5 - shoulder[1]) / TORSO_LEN)
    floor_angle = -math.degrees(math.asin(drop))
    on_line = solve(below_line, floor_angle, 60.0)
    return hip_at(floor_angle + lift * (on_line - floor_angle))
