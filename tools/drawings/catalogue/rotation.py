"""Hip external rotation, seated and standing, seen from in front and to the side (see
:mod:`drawings.turned`): the thigh forward and level, the knee bent 90 degrees, a band from
the ankle to a table leg outside the foot; turning the hip out swings the foot in and
stretches the band."""

from __future__ import annotations

import math

from drawings.figure import FOOT, SHIN, THIGH, Point, Pose
from drawings.props import Prop, band, floor, label, nudge, seat, table, travel
from drawings.svg import Panel, Picture
from drawings.turned import ON_FLOOR, Point3, View, add, arm, seen, upright

#: turned 30 degrees: the thigh shows at half its length, the foot's swing nearly whole
STANDING_VIEW = View(yaw=30, x=88)
#: the seated turn seen from the working side, its thigh drawn in front of the body
SEATED_VIEW = View(yaw=-40, x=96)
#: how far the hip turns out, swinging the foot in
TURN = 35.0


def _lower_leg(body: dict[str, Point3], side: str, knee: Point3, turn: float) -> None:
    """The shin hanging from ``knee`` (90 degrees at the knee) turned ``turn`` degrees about
    the thigh's forward axis, so the foot swings in towards the other leg (+x for side a)."""
    rad = math.radians(turn)
    ankle = add(knee, (SHIN * math.sin(rad), -SHIN * math.cos(rad), 0.0))
    body[f"knee_{side}"] = knee
    body[f"ankle_{side}"] = ankle
    body[f"toe_{side}"] = add(ankle, (0.0, -1.5, FOOT - 0.5))


def _table_prop(view: View, x: tuple[float, float], z: tuple[float, float], top: float) -> Prop:
    corners = [(cx, cz) for cx in x for cz in z]
    drawn = [view((cx, top, cz))[0] for cx, cz in corners]
    return table(min(drawn), max(drawn), top, tuple(drawn))


def _rotation_picture(
    key: str,
    title: str,
    text: str,
    position: str,
    pose: Pose,
    turned: Pose,
    props: tuple[Prop, ...],
    tie: Point,
    arrow: Prop | None = None,
) -> Picture:
    tied = band("ankle_a", tied=tie)
    arrow = arrow or travel(pose, turned, "ankle_a", bulge=-8, gap=3)
    return Picture(
        key,
        f"{title}: start and end position",
        text,
        position,
        Panel(pose, props, (tied,)),
        Panel(
            turned,
            props,
            (tied, arrow, label(4, 34, "turn out")),
        ),
        working=("leg_a",),
    )


def seated_rotation() -> Picture:
    view = SEATED_VIEW
    seat_top = 24.0  # the knees at hip height, the feet flat

    def pose(turn: float) -> Pose:
        hip = (0.0, seat_top + 6, 0.0)
        body = upright(hip)
        # The other knee a little wider apart, clear of the foot swinging in.
        for side, spread in (("a", -3.0), ("b", 12.0)):
            knee = add(body[f"hip_{side}"], (spread, 0.0, THIGH - 3.0))
            _lower_leg(body, side, knee, turn if side == "a" else 0.0)
        if turn == 0:  # the foot flat on the floor
            body["ankle_a"] = (body["ankle_a"][0], ON_FLOOR, body["ankle_a"][2])
        for side, out in (("a", -1), ("b", 1)):  # hands holding the seat's edges
            arm(body, side, (out * 16.0, seat_top + ON_FLOOR, -2.0), (out * 1.0, 0.0, -0.4))
        return seen(view, body)

    chair_x, chair_z = (-16.0, 16.0), (-24.0, 4.0)
    corners = [view((cx, seat_top, cz))[0] for cx in chair_x for cz in chair_z]
    backs = (
        view((chair_x[0], seat_top, chair_z[0]))[0],
        view((chair_x[1], seat_top, chair_z[0]))[0],
    )
    props = (
        floor(),
        # Out to the working side and a little back, clear of the chair.
        _table_prop(view, (-50.0, -76.0), (-20.0, 10.0), 45.0),
        seat(min(corners), max(corners), seat_top, tuple(corners), backs),
    )
    start, end = pose(0), pose(TURN)
    return _rotation_picture(
        "seated_hip_rotation",
        "Seated hip external rotation",
        "Sitting tall on a chair, knees bent at 90 degrees, a band from the ankle to a table "
        "leg outside that foot; keep the thigh still and turn the hip out, so the foot swings "
        "in towards the other leg, and return.",
        "sitting on a chair, foot swinging in",
        start,
        end,
        props,
        view((-50.0, ON_FLOOR + 2, 10.0)),
        # The foot starts on the floor: the arrow runs above the band, short of the shin.
        nudge(end, "ankle_a", (-22, -4), (-16, -4), (-10, -8)),
    )


def standing_rotation() -> Picture:
    view = STANDING_VIEW
    hip_y = THIGH + SHIN + ON_FLOOR
    top = 57.0  # a kitchen table's height: the fingertips reach it standing tall

    def pose(turn: float) -> Pose:
        body = upright((0.0, hip_y, 0.0))
        hip_a, hip_b = body["hip_a"], body["hip_b"]
        # The standing leg: knee soft, foot flat.
        body["knee_b"] = add(hip_b, (0.0, -THIGH, 1.0))
        body["ankle_b"] = (hip_b[0], ON_FLOOR, 0.0)
        body["toe_b"] = (hip_b[0], ON_FLOOR, FOOT)
        # The free knee lifted to hip height, straight ahead.
        _lower_leg(body, "a", add(hip_a, (0.0, 0.0, THIGH)), turn)
        arm(body, "a", (-29.0, top + ON_FLOOR, 8.0), (-1.0, 0.3, -1.0))  # fingertips on the table
        arm(body, "b", add(hip_b, (3.0, 3.0, 1.0)), (1.0, 0.0, -1.0))  # hand on the hip
        return seen(view, body)

    start, end = pose(0), pose(TURN)
    return _rotation_picture(
        "standing_hip_rotation",
        "Standing hip external rotation",
        "Standing on one leg beside a table, fingertips on it, the free knee lifted to hip "
        "height, a band from the ankle to a table leg outside; keep the knee where it is and "
        "turn the thigh out so the foot swings in, and return.",
        "standing on one leg, free knee lifted, turning out",
        start,
        end,
        # Beside the free leg, its legs clear of where the foot swings.
        (floor(), _table_prop(view, (-28.0, -54.0), (6.0, 38.0), top)),
        view((-28.0, hip_y - SHIN, 38.0)),
    )


def pictures() -> list[Picture]:
    return [seated_rotation(), standing_rotation()]
