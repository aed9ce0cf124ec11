"""Knee work seen from the side, facing left (side ``a`` is the near one): step-down, step-up,
single-leg squats, chair squats, sit-to-stand, box squat and wall sit; and the seated hip
rotation seen from the front."""

from __future__ import annotations

from dataclasses import replace

from drawings.figure import Limb as L
from drawings.figure import Point, Pose
from drawings.postures import GROUND, arm_to, side_view, standing_front
from drawings.props import CONTACT, FLOOR, Prop, chair, floor, label, step, stool, travel, wall
from drawings.svg import Panel, Picture, start_end

CARRIED = ("pelvis", "torso", "head", "arm_a", "arm_b")


def _squat(
    ankle: Point,
    depth: float,
    lean: float,
    free: Point,
    hands: tuple[Point, Point] | None = None,
    knees: int = 1,
    two_legs: bool = False,
) -> Pose:
    """Standing on the near leg's ``ankle``; ``depth`` lowers the hip (knee forward over the
    toes), ``lean`` tips the trunk forward; ``free`` is where the other ankle is."""
    hip = (ankle[0] + 2 + depth * 0.55, ankle[1] - 53 + depth)
    neck = (hip[0] - 34 * lean, hip[1] - 34 * (1 - lean**2) ** 0.5)
    reach = hands or ((neck[0] - 18, neck[1] + 20), (neck[0] - 16, neck[1] + 22))
    return side_view(
        hip, neck, ankle, ankle if two_legs else free, hand_a=reach[0], hand_b=reach[1], knees=knees
    )


def _picture(
    key: str,
    title: str,
    text: str,
    position: str,
    props: tuple[Prop, ...],
    start: Pose,
    end: Pose,
    word: str,
    joint: str = "hip",
    working: tuple[str, ...] = ("leg_a",),
    carried: tuple[str, ...] = (*CARRIED, "leg_b"),
    word_x: float = 4,
    bulge: float = 10,
) -> Picture:
    front = (travel(start, end, joint, bulge=bulge, gap=4), label(word_x, 34, word))
    return start_end(
        key, title, text, position, props, start, end, front, working=working, carried=carried
    )


def step_work() -> list[Picture]:
    top = FLOOR - 14
    stand = (100.0, top - 3.5)
    props = (floor(), step(86, 150, 14))
    down_start = _squat(stand, 0, 0.05, (76.0, top - 10))
    down_end = _squat(stand, 14, 0.3, (70.0, GROUND - 4))
    up_start = side_view(
        (110.0, GROUND - 50),
        (112.0, GROUND - 84),
        (96.0, top - 3.5),
        (127.0, GROUND),  # the back foot on the floor behind the step, not in it
        hand_a=(118.0, GROUND - 48),
        hand_b=(104.0, GROUND - 48),
        knees=1,
    )
    up_end = _squat((100.0, top - 3.5), 0, 0.05, (118.0, top - 14))
    return [
        _picture(
            "step_down",
            "Step-down",
            "Standing on one leg on a low step, the other foot off the front edge; bend the "
            "standing knee to lower the free heel towards the floor, knee over the toes, then "
            "straighten.",
            "standing on one leg on a step, lowering",
            props,
            down_start,
            down_end,
            "heel down",
        ),
        _picture(
            "step_up",
            "Step-up",
            "One foot on a step; push through that foot to stand up on the step, knee over the "
            "toes, then step back down slowly.",
            "stepping up onto a step",
            (floor(), step(70, 118, 14)),
            up_start,
            up_end,
            "stand up",
            bulge=-10,  # behind the body, clear of the stepping thigh
        ),
    ]


def squats() -> list[Picture]:
    seat_top = FLOOR - 30
    chair_front = 108.0
    chair_props = (floor(), chair(chair_front, back="right"))
    stand = (86.0, GROUND)
    free_forward = (62.0, GROUND - 18)
    arms = ((48.0, GROUND - 66), (50.0, GROUND - 64))

    def seated(hands: tuple[Point, Point]) -> Pose:
        hip = (chair_front + 6, seat_top - 6)
        return side_view(
            hip, (hip[0] - 8, hip[1] - 33), stand, free_forward, hand_a=hands[0], hand_b=hands[1]
        )

    def touching() -> Pose:
        hip = (chair_front + 4, seat_top - 7)
        return side_view(
            hip, (hip[0] - 16, hip[1] - 29), stand, free_forward, hand_a=arms[0], hand_b=arms[1]
        )

    standing = _squat(stand, 0, 0.05, free_forward, hands=arms)
    wall_x = 40.0
    wall_hands = ((wall_x + 4, GROUND - 70), (wall_x + 4, GROUND - 68))
    one_leg = _squat((80.0, GROUND), 0, 0.05, (104.0, GROUND - 22), hands=wall_hands, knees=1)
    quarter = _squat((80.0, GROUND), 12, 0.15, (108.0, GROUND - 16), hands=wall_hands, knees=1)
    box_props = (floor(), step(100, 140, 34))
    box_stand = _squat((82.0, GROUND), 0, 0.05, (82.0, GROUND), hands=arms, two_legs=True)
    box_sit = side_view(
        (104.0, FLOOR - 34 - 7),
        (84.0, FLOOR - 34 - 7 - 28),
        (82.0, GROUND),
        (80.0, GROUND),
        hand_a=arms[0],
        hand_b=arms[1],
    )
    return [
        _picture(
            "sit_to_stand",
            "Single-leg sit-to-stand",
            "Sitting on the front of a chair, one foot flat and the other lifted; stand up on the "
            "one leg, knee over the toes, and sit back down slowly.",
            "sitting on a chair, standing up on one leg",
            chair_props,
            seated(arms),
            standing,
            "stand up",
        ),
        _picture(
            "chair_squat",
            "Single-leg squat to a chair",
            "Standing on one leg in front of a chair, arms forward; sit back until you touch the "
            "seat without dropping onto it, and stand up on the same leg.",
            "standing on one leg, squatting back to a chair",
            chair_props,
            standing,
            touching(),
            "touch",
        ),
        _picture(
            "single_leg_squat",
            "Partial single-leg squat",
            "Standing on one leg, fingertips on a wall; bend the standing knee a quarter of the "
            "way down, knee over the toes, pelvis level, and straighten.",
            "standing on one leg, hand on a wall, quarter squat",
            (floor(), wall(wall_x)),
            one_leg,
            quarter,
            "quarter",
            word_x=90,
        ),
        _picture(
            "box_squat",
            "Box squat",
            "Feet hip-width apart in front of a box or high seat, arms forward; sit back until "
            "you touch the box, then stand up, knees over the toes.",
            "standing on both feet, squatting back to a box",
            box_props,
            box_stand,
            box_sit,
            "touch",
            working=("leg_a", "leg_b"),
            carried=CARRIED,
        ),
    ]


def wall_sit() -> Picture:
    wall_x = 124.0
    ankle = (94.0, GROUND)

    def against(depth: float) -> Pose:
        hip = (wall_x - 8, ankle[1] - 53 + depth)
        neck = (wall_x - 7, hip[1] - 34)
        knee_forward = side_view(
            hip,
            neck,
            ankle,
            (ankle[0] + 2, ankle[1]),
            hand_a=(hip[0] - 4, hip[1] + 4),
            hand_b=(hip[0] - 2, hip[1] + 4),
        )
        return knee_forward

    start = against(0).moved_to("ankle_a", ankle)
    # A shallow wall sit (knees bent about 45 degrees), easy on the kneecap.
    end = against(10)
    return _picture(
        "wall_sit",
        "Wall sit",
        "Back flat against a wall, feet a little in front of it; slide down until the knees bend "
        "about 45 degrees, and hold.",
        "back against a wall, knees bent",
        (floor(), wall(wall_x)),
        start,
        end,
        "hold",
        working=("leg_a", "leg_b"),
        carried=CARRIED,
        bulge=-10,  # in front of the body, off the wall
    )


def seated_rotation() -> Picture:
    seat_y = FLOOR - 34

    def pose(turn: float) -> Pose:
        # Sitting on a chair seen from the front: the thighs point at the viewer and show
        # short; turning the hip out swings the foot in towards the other leg.
        hip = (80.0, seat_y - 2)
        base = standing_front(
            L((-95, -90 + turn, 180), scale=(0.3, 1.0, 1.0)),
            L((-85, -90, 0), scale=(0.3, 1.0, 1.0)),
            ("hip", hip),
        )
        # Hands holding the seat's edges, outside the thighs.
        j = base.joints()
        return replace(
            base,
            arm_a=arm_to(j["shoulder_a"], (seat_x[0] + 3, seat_y - CONTACT), -1),
            arm_b=arm_to(j["shoulder_b"], (seat_x[1] - 3, seat_y - CONTACT), 1),
        )

    seat_x = (50.0, 110.0)
    props = (floor(), stool(*seat_x, FLOOR - seat_y))
    start, end = pose(0), pose(32)
    return Picture(
        "seated_hip_rotation",
        "Seated hip external rotation: start and end position",
        "Sitting tall on a chair, knees bent at 90 degrees; keep the knee still and turn the hip "
        "out, so the foot swings in towards the other leg, and return.",
        "sitting on a chair, foot swinging in",
        Panel(start, props),
        Panel(
            end, props, (travel(start, end, "ankle_a", bulge=8, gap=3), label(4, 34, "turn out"))
        ),
        working=("leg_a",),
    )


def pictures() -> list[Picture]:
    return [*step_work(), *squats(), wall_sit(), seated_rotation()]
