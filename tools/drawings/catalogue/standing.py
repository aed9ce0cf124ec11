"""Standing, seen from the front (``a`` is the image's left side): hip hikes, single-leg
stance, standing hip abduction, lateral band walks and the wall press."""

from __future__ import annotations

from drawings.figure import Limb as L
from drawings.figure import Pose
from drawings.postures import GROUND, arm_to, front_leg, side_view, standing_front
from drawings.props import (
    FLOOR,
    Prop,
    band,
    chair,
    dumbbell,
    floor,
    guide,
    label,
    nudge,
    step,
    travel,
    wall,
)
from drawings.svg import Panel, Picture

STANCE_X = 98.0
#: the free leg's knee bent so the foot clears the floor: its shin, pointing back away from
#: the viewer, shows shorter
FREE_LEG = L((-92, -92, 180), scale=(1.0, 0.62, 1.0))
HIKE = 22.0


def _on_one_leg(
    hike: float, ground: float = GROUND, free: L = FREE_LEG, x: float = STANCE_X, **arms: L
) -> Pose:
    return standing_front(free, L((-90, -90, 0)), ("ankle_b", (x, ground)), hike=hike, **arms)


def _hike_picture(
    key: str,
    title: str,
    text: str,
    position: str,
    props: tuple[Prop, ...],
    ground: float = GROUND,
    hike: float = HIKE,
    extra: tuple[Prop, ...] = (),
    x: float = STANCE_X,
    drop: float = 0.0,
    free: L = FREE_LEG,
    **arms: L,
) -> Picture:
    """A hip hike seen from the front: the pelvis from level (or dropped ``drop`` degrees on
    the free side) to the free side lifted ``hike`` degrees. The standing hip's muscles do
    the lifting, so the standing leg and the pelvis are the working parts (the leg holding
    still); the free leg is only carried up."""
    start = _on_one_leg(-drop, ground, free, x=x, **arms)
    end = _on_one_leg(hike, ground, free, x=x, **arms)
    level = guide(start.joints()["hip_b"][1], 40, 120)
    return Picture(
        key,
        f"{title}: start and end position",
        text,
        position,
        Panel(start, (*props, level), extra),
        Panel(
            end,
            (*props, level),
            (
                *extra,
                nudge(end, "hip_a", (-16, 12), (-24, 2), (-14, -6)),
                label(4, 34, "free hip up"),
            ),
        ),
        working=("pelvis", "leg_b"),
        carried=("torso", "head", "arm_a", "arm_b", "leg_a"),
        holding=("leg_b",),
    )


#: the free leg hanging off a step: straight, the foot relaxed, toes dropping
HANGING_LEG = L((-90, -90, -150))


def hip_hikes() -> list[Picture]:
    step_h = 12  # a stair
    on_step = FLOOR - step_h - 3.5
    wall_x = 130.0
    to_wall = _on_one_leg(0).joints()["shoulder_b"]
    wall_arm = arm_to(to_wall, (wall_x - 4, to_wall[1] + 16), -1)
    step_x = STANCE_X + 6  # raised on the step: clear of the label
    return [
        _hike_picture(
            "hip_hike",
            "Hip hike",
            "Standing on one leg, pelvis level, the free knee bent so the foot clears the floor; "
            "lift the free hip with the standing hip's muscles, then lower it to level.",
            "standing on one leg",
            (floor(),),
        ),
        _hike_picture(
            "hip_hike.step",
            "Hip hike on a step",
            "Standing side-on on a step on one leg, the free leg hanging off the edge; let the "
            "free hip drop so the foot goes below the step, then lift the free hip with the "
            "standing hip, above level.",
            "standing on one leg on a step",
            # The standing foot near the step's edge, the free leg hanging clear of it.
            (floor(), step(step_x - 5, 154, step_h)),
            ground=on_step,
            x=step_x,
            drop=18,
            hike=18,
            free=HANGING_LEG,
        ),
        _hike_picture(
            "hip_hike.wall",
            "Hip hike with a hand on a wall",
            "Standing on one leg, fingertips on a wall for balance; lift the free hip a little "
            "with the standing hip, then lower it to level.",
            "standing on one leg, hand on a wall",
            (floor(), wall(wall_x)),
            hike=16,
            arm_b=wall_arm,
        ),
        _hike_picture(
            "hip_hike.dumbbell",
            "Hip hike holding a dumbbell",
            "Standing on one leg, a dumbbell in the hand on the free side; lift the free hip, "
            "stay upright, then lower it.",
            "standing on one leg, dumbbell on the free side",
            (floor(),),
            extra=(dumbbell("hand_a"),),
            arm_a=L((-100, -92)),  # hanging beside the body, the dumbbell beside the thigh
        ),
    ]


def _stance(free_knee: float, wall_x: float) -> Pose:
    """Standing on both feet (``free_knee`` 0) or on one, fingertips on a wall."""
    free = L((-92, -92, 180), scale=(1.0, 1.0 - free_knee, 1.0))
    pose = standing_front(free, L((-90, -90, 0)), ("ankle_b", (STANCE_X, GROUND)))
    if not free_knee:
        pose = pose.moved_to("ankle_b", (STANCE_X, GROUND))
        pose = standing_front(L((-90, -90, 180)), L((-90, -90, 0)), ("ankle_b", (STANCE_X, GROUND)))
    shoulder = pose.joints()["shoulder_b"]
    from dataclasses import replace

    return replace(pose, arm_b=arm_to(shoulder, (wall_x - 4, shoulder[1] + 16), -1))


def single_leg_stance() -> Picture:
    wall_x = 130.0
    start, end = _stance(0, wall_x), _stance(0.38, wall_x)
    level = guide(start.joints()["hip_a"][1], 40, 120)
    return Picture(
        "single_leg_stance",
        "Standing pelvic-level hold: start and end position",
        "Standing by a wall, fingertips on it; lift one foot off the floor and hold, the pelvis "
        "level (the free hip does not drop).",
        "standing, lifting onto one leg",
        Panel(start, (floor(), wall(wall_x), level)),
        Panel(
            end,
            (floor(), wall(wall_x), level),
            (travel(start, end, "ankle_a", bulge=10, gap=2), label(4, 34, "hips level")),
        ),
        working=("leg_a",),
    )


def abductions() -> list[Picture]:
    def abduction(lift: float, arm_b: L | None = None) -> Pose:
        return standing_front(
            L((-90 - lift, -90 - lift, 180 - lift)),
            L((-90, -90, 0)),
            ("ankle_b", (STANCE_X, GROUND)),
            arm_b=arm_b,
        )

    # The chair side-on beside the standing leg, its backrest towards the figure: the hand
    # rests on the top of the backrest.
    back_x, seat = 132.0, 30.0
    chair_props = (floor(), chair(back_x + 22, seat=seat, back="left"))
    shoulder = abduction(0).joints()["shoulder_b"]
    hold = arm_to(shoulder, (back_x - 1, FLOOR - seat - 34 - 3), -1)
    hips = (L((-130, -20)), L((-50, -160)))
    pictures = []
    for key, name, props, extra, arms, text in (
        (
            "standing_hip_abduction",
            "Standing hip abduction",
            chair_props,
            (),
            {"arm_b": hold},
            "Standing tall, one hand on a chair; lift one leg out to the side, toes forward, and "
            "lower it slowly.",
        ),
        (
            "standing_hip_abduction.band",
            "Standing hip abduction with a band",
            chair_props,
            (band("ankle_a", "ankle_b"),),
            {"arm_b": hold},
            "Standing tall, one hand on a chair, a loop band around the ankles; lift one leg out "
            "to the side against the band.",
        ),
        (
            "standing_hip_abduction.unsupported",
            "Standing hip abduction without support",
            (floor(),),
            (),
            {},
            "Standing tall with no support, hands on the hips; lift one leg out to the side, "
            "hold, and lower it.",
        ),
    ):

        def pose(lift: float, arms: dict[str, L] = arms, key: str = key) -> Pose:
            if key.endswith("unsupported"):
                return standing_front(
                    L((-90 - lift, -90 - lift, 180 - lift)),
                    L((-90, -90, 0)),
                    ("ankle_b", (STANCE_X, GROUND)),
                    arm_a=hips[0],
                    arm_b=hips[1],
                )
            return abduction(lift, arms.get("arm_b"))

        start, end = pose(0), pose(30)
        position = (
            "standing, one leg out to the side"
            + (", no support" if key.endswith("unsupported") else ", holding a chair")
            + (", band at the ankles" if key.endswith("band") else "")
        )
        pictures.append(
            Picture(
                key,
                f"{name}: start and end position",
                text,
                position,
                Panel(start, props, extra),
                Panel(
                    end,
                    props,
                    (
                        *extra,
                        travel(start, end, "ankle_a", bulge=-10, gap=4),
                        label(4, 34, "leg out"),
                    ),
                ),
                working=("leg_a",),
            )
        )
    return pictures


def band_walks() -> list[Picture]:
    def stance(spread: float, x: float, flexion: float) -> Pose:
        # Knees bent ``flexion`` degrees (seen from the front: thighs and shins drawn shorter
        # by it) and out over the toes, hands on the hips.
        return standing_front(
            front_leg(-96 - spread, -84 - spread, 180, flexion),
            front_leg(-84 + spread, -96 + spread, 0, flexion),
            ("ankle_b", (x, GROUND)),
            arm_a=L((-130, -20)),
            arm_b=L((-50, -160)),
        )

    out = []
    for key, where, spec, squat, flexion in (
        ("lateral_band_walk", "around the ankles", ("ankle_a", "ankle_b"), "quarter", 30),
        (
            "lateral_band_walk.knees",
            "just above the knees",
            ("knee_a@0.8", "knee_b@0.8"),
            "quarter",
            30,
        ),
        ("lateral_band_walk.half_squat", "around the ankles", ("ankle_a", "ankle_b"), "half", 60),
    ):
        narrow, wide = stance(4, 96, flexion), stance(16, 102, flexion)
        out.append(
            Picture(
                key,
                f"Lateral band walk{' in a half squat' if squat == 'half' else ''}, band {where}: "
                "start and end position",
                f"A loop band {where}, feet hip-width apart in a {squat} squat (knees bent about "
                f"{flexion} degrees); step sideways with one foot, keeping the band tight and the "
                "knees over the toes.",
                f"standing in a {squat} squat, band {where.split()[-1]}",
                Panel(narrow, (floor(),), (band(*spec),)),
                Panel(
                    wide,
                    (floor(),),
                    (
                        band(*spec),
                        travel(narrow, wide, "ankle_a", bulge=-8, gap=2),
                        label(4, 34, "step"),
                    ),
                ),
                working=("leg_a",),
                carried=("pelvis", "torso", "head", "arm_a", "arm_b", "leg_b"),
            )
        )
    return out


def wall_press() -> Picture:
    wall_x = 116.0

    def pose(press: bool) -> Pose:
        # The knee next to the wall lifted (thigh towards the viewer, so it shows short)
        # and pressed out into the wall.
        leg_b = (
            L((-50, -95, 0), scale=(0.7, 1.0, 1.0))
            if press
            else L((-70, -98, 0), scale=(0.7, 1.0, 1.0))
        )
        free = standing_front(L((-90, -90, 180)), leg_b, ("ankle_a", (80, GROUND)))
        return free

    pressing = pose(True)
    knee = pressing.joints()["knee_b"]
    shift = wall_x - 4 - knee[0]
    pressing = pressing.moved_to("ankle_a", (80 + shift, GROUND))
    resting = pose(False).moved_to("ankle_a", (80 + shift, GROUND))
    return Picture(
        "wall_press",
        "Isometric wall press: start and end position",
        "Standing side-on to a wall, the knee nearest it lifted; press the outside of the knee "
        "into the wall and hold without moving.",
        "standing side-on to a wall, knee pressing out",
        Panel(resting, (floor(), wall(wall_x))),
        Panel(
            pressing,
            (floor(), wall(wall_x)),
            (
                nudge(pressing, "knee_b", (-26, -8), (-14, -14), (-2, -8)),
                label(4, 34, "press, hold"),
            ),
        ),
        working=("leg_b",),
    )


def knee_drive() -> Picture:
    # Seen from the side facing left (near leg a is the free one).
    def pose(drive: bool) -> Pose:
        hip, neck = (82.0, GROUND - 53), (80.0, GROUND - 53 - 34)
        free = (70.0, GROUND - 32) if drive else (92.0, GROUND - 10)
        return side_view(
            hip,
            neck,
            free,
            (82.0, GROUND),
            hand_a=(92.0, hip[1] + 4) if drive else (72.0, hip[1] + 4),
            hand_b=(70.0, hip[1] + 4) if drive else (92.0, hip[1] + 4),
        )

    start, end = pose(False), pose(True)
    return Picture(
        "hip_hike.knee_drive",
        "Hip hike with a knee drive: start and end position",
        "Standing on one leg, seen from the side; hike the free hip and drive that knee up to "
        "hip height, stand tall a moment, then lower it.",
        "standing on one leg, knee driving up",
        Panel(start, (floor(),)),
        Panel(
            end,
            (floor(),),
            (travel(start, end, "knee_a", bulge=-8, gap=4), label(4, 34, "knee up")),
        ),
        working=("leg_a",),
        carried=("arm_a", "arm_b"),
    )


def pictures() -> list[Picture]:
    return [
        *hip_hikes(),
        knee_drive(),
        single_leg_stance(),
        *abductions(),
        *band_walks(),
        wall_press(),
    ]
