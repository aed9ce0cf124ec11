"""Knee work seen from the side, facing left (side ``a`` is the near one): step-down, step-up,
single-leg squats, chair squats, sit-to-stand, box squat and wall sit. Every knee bend is the
one its rungs prescribe (``Variant.knee_flexion``)."""

from __future__ import annotations

import math

from drawings.figure import SHIN, THIGH, Point, Pose
from drawings.postures import (
    GROUND,
    foot_under,
    hip_over,
    shin_tilt_for,
    side_view,
)
from drawings.props import CONTACT, FLOOR, Prop, chair, floor, label, step, travel, wall
from drawings.svg import Picture, start_end

CARRIED = ("pelvis", "torso", "head", "arm_a", "arm_b")


def _squat(
    ankle: Point,
    flexion: float,
    lean: float,
    free: Point,
    hands: tuple[Point, Point] | None = None,
    two_legs: bool = False,
    shin_tilt: float = 15,
) -> Pose:
    """Standing on the near leg's ``ankle`` with the knee bent ``flexion`` degrees (0:
    straight, the hip over the ankle), ``lean`` tipping the trunk forward; ``free`` is where
    the other ankle is."""
    if flexion:
        hip = hip_over(ankle, flexion, shin_tilt)
    else:
        hip = (ankle[0] + 2, ankle[1] - THIGH - SHIN)  # the leg straight (reach clamps it)
    neck = (hip[0] - 34 * lean, hip[1] - 34 * (1 - lean**2) ** 0.5)
    reach = hands or ((neck[0] - 18, neck[1] + 20), (neck[0] - 16, neck[1] + 22))
    return side_view(
        hip, neck, ankle, ankle if two_legs else free, hand_a=reach[0], hand_b=reach[1]
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


#: a 20 cm step (the figure is about 175 cm tall)
STEP_20CM = 12.0
#: the step-up's low step, about 10 cm
STEP_10CM = 6.0
#: how far a heel-up foot's ankle sits above the floor
TOES_UP = 5.0


def _step_down(key: str, title: str, position: str, flexion: float) -> Picture:
    """Standing on one leg on a 20 cm step, bending the standing knee ``flexion`` degrees,
    knee over the toes (the shin tilted 20 degrees); the free leg hangs straight off the
    step's front edge, its heel lowered as far as that bend takes it."""
    top = FLOOR - STEP_20CM
    stand = (100.0, top - CONTACT)
    edge = 92.0
    start = _squat(stand, 0, 0.05, (edge - 16, top - 11))
    hip = hip_over(stand, flexion, 20)
    heel_x = edge - 4
    free_heel = (heel_x, hip[1] + math.sqrt((THIGH + SHIN) ** 2 - (hip[0] - heel_x) ** 2))
    end = _squat(stand, flexion, 0.3, free_heel, shin_tilt=20)
    return _picture(
        key,
        title,
        "Standing on one leg on a low step, the other foot off the front edge; bend the "
        f"standing knee to about {flexion:.0f} degrees to lower the free heel, knee over the "
        "toes, then straighten.",
        position,
        (floor(), step(edge, 150, STEP_20CM)),
        start,
        end,
        "heel down",
        joint="ankle_b",
        bulge=-9,  # below the heel's path, in front of the step
    )


def step_work() -> list[Picture]:
    top = FLOOR - STEP_10CM
    on_step = (96.0, top - CONTACT)
    up_hip = hip_over(on_step, 45, 20)
    # The weight moving onto the step: the back foot on its toes on the floor just behind
    # the low step (the knee bent a little: the step is low).
    back = (116.0, FLOOR - CONTACT - TOES_UP)
    up_start = side_view(
        up_hip,
        (up_hip[0] + 4, up_hip[1] - 34),
        on_step,
        back,
        hand_a=(up_hip[0] + 8, up_hip[1] + 4),
        hand_b=(up_hip[0] - 6, up_hip[1] + 4),
        foot_b=-120,
    )
    up_end = _squat(on_step, 0, 0.05, (118.0, top - 14))
    return [
        _step_down("step_down", "Step-down", "standing on one leg on a step, lowering", 60),
        _step_down(
            "step_down.halfway",
            "Step-down halfway",
            "standing on one leg on a step, lowering halfway",
            45,
        ),
        _picture(
            "step_up",
            "Step-up onto a low step",
            "One foot on a low step (about 10 cm), the knee bent about 45 degrees; push through "
            "that foot to stand up on the step, knee over the toes, then step back down slowly.",
            "stepping up onto a low step",
            (floor(), step(66, 112, STEP_10CM)),
            up_start,
            up_end,
            "stand up",
            bulge=-10,  # behind the body, clear of the stepping thigh
        ),
    ]


def _chair_sit(seat_front: float, seat: float, flexion: float) -> tuple[Point, Point]:
    """The hip of a figure sitting on the front of a seat ``seat`` above the floor, and the
    ankle of the foot flat on the floor with the knee bent ``flexion`` degrees."""
    hip = (seat_front + 6, FLOOR - seat - 6)
    tilt = shin_tilt_for(GROUND - hip[1], flexion)
    return hip, foot_under(hip, flexion, tilt)


def _sit_to_stand(key: str, title: str, position: str, seat: float, cushion: float) -> Picture:
    seat_front = 108.0
    flexion = 90 if not cushion else 75
    hip, ankle = _chair_sit(seat_front, seat + cushion, flexion)
    free_forward = (ankle[0] - 24, GROUND - 18)
    arms = ((48.0, GROUND - 66), (50.0, GROUND - 64))
    seated = side_view(
        hip, (hip[0] - 8, hip[1] - 33), ankle, free_forward, hand_a=arms[0], hand_b=arms[1]
    )
    standing = _squat(ankle, 0, 0.05, free_forward, hands=arms)
    where = "high seat (a chair with firm cushions)" if cushion else "chair"
    text = (
        f"Sitting on the front of a {where}, "
        f"knee bent about {flexion} degrees, one foot flat and the other lifted; stand up on "
        "the one leg, knee over the toes, and sit back down slowly."
    )
    return _picture(
        key,
        title,
        text,
        position,
        (floor(), chair(seat_front, seat=seat, back="right", cushion=cushion)),
        seated,
        standing,
        "stand up",
    )


def squats() -> list[Picture]:
    seat = 30.0
    chair_front = 108.0
    chair_props = (floor(), chair(chair_front, seat=seat, back="right"))
    # The squat to a chair touches the seat with the knee at 90 degrees.
    touch_hip = (chair_front + 4, FLOOR - seat - 7)
    tilt = shin_tilt_for(GROUND - touch_hip[1], 90)
    stand = foot_under(touch_hip, 90, tilt)
    free_forward = (stand[0] - 24, GROUND - 18)
    arms = ((48.0, GROUND - 66), (50.0, GROUND - 64))
    standing = _squat(stand, 0, 0.05, free_forward, hands=arms)
    touching = side_view(
        touch_hip,
        (touch_hip[0] - 18, touch_hip[1] - 29),
        stand,
        free_forward,
        hand_a=arms[0],
        hand_b=arms[1],
    )
    wall_x = 48.0
    wall_hands = ((wall_x + 4, GROUND - 70), (wall_x + 4, GROUND - 68))
    one_leg = _squat((80.0, GROUND), 0, 0.05, (104.0, GROUND - 22), hands=wall_hands)
    quarter = _squat((80.0, GROUND), 60, 0.25, (108.0, GROUND - 16), hands=wall_hands)
    box_ankle = (82.0, GROUND)
    box_hip = hip_over(box_ankle, 60, 15)
    # The box's front edge just behind the hip: sitting back, the buttocks touch it.
    box_props = (floor(), step(box_hip[0] + 1, 142, FLOOR - box_hip[1] - 7))
    box_stand = _squat(box_ankle, 0, 0.05, box_ankle, hands=arms, two_legs=True)
    box_sit = side_view(
        box_hip,
        (box_hip[0] - 16, box_hip[1] - 30),
        box_ankle,
        (box_ankle[0] - 2, GROUND),
        hand_a=arms[0],
        hand_b=arms[1],
    )
    return [
        _sit_to_stand(
            "sit_to_stand",
            "Single-leg sit-to-stand",
            "sitting on a chair, standing up on one leg",
            seat,
            0,
        ),
        _sit_to_stand(
            "sit_to_stand.high",
            "Single-leg sit-to-stand from a high seat",
            "sitting on a high seat, standing up on one leg",
            27,
            8,
        ),
        _picture(
            "chair_squat",
            "Single-leg squat to a chair",
            "Standing on one leg in front of a chair, arms forward; sit back until you touch the "
            "seat without dropping onto it, the knee at about 90 degrees, and stand up on the "
            "same leg.",
            "standing on one leg, squatting back to a chair",
            chair_props,
            standing,
            touching,
            "touch",
        ),
        _picture(
            "single_leg_squat",
            "Partial single-leg squat",
            "Standing on one leg, fingertips on a wall; bend the standing knee to about 60 "
            "degrees (a quarter squat), knee over the toes, pelvis level, and straighten.",
            "standing on one leg, hand on a wall, quarter squat",
            (floor(), wall(wall_x)),
            one_leg,
            quarter,
            "quarter",
            word_x=92,
        ),
        _picture(
            "box_squat",
            "Box squat",
            "Feet hip-width apart in front of a high box or seat, arms forward; sit back until "
            "you touch it, the knees at about 60 degrees, then stand up, knees over the toes.",
            "standing on both feet, squatting back to a box",
            box_props,
            box_stand,
            box_sit,
            "touch",
            working=("leg_a", "leg_b"),
            carried=CARRIED,
        ),
    ]


def _wall_sit(key: str, title: str, flexion: float, position: str) -> Picture:
    """Back flat on the wall, the feet where a ``flexion``-degree sit puts the shins nearly
    upright; the start leans on the wall on straight legs, the end slides down to the bend."""
    wall_x = 124.0
    hip_x = wall_x - 8
    shin_tilt = 5.0
    bent = hip_over((0.0, 0.0), flexion, shin_tilt)
    ankle = (hip_x - bent[0], GROUND)

    def against(hip: Point) -> Pose:
        return side_view(
            hip,
            (wall_x - 7, hip[1] - 34),
            ankle,
            ankle,  # feet side by side: the far leg behind the near one
            hand_a=(hip[0] - 4, hip[1] + 4),
            hand_b=(hip[0] - 2, hip[1] + 4),
        )

    reach = THIGH + SHIN
    start = against((hip_x, GROUND - math.sqrt(reach**2 - (hip_x - ankle[0]) ** 2)))
    end = against(hip_over(ankle, flexion, shin_tilt))
    return _picture(
        key,
        title,
        "Back flat against a wall, feet a little in front of it; slide down until the knees bend "
        f"about {flexion:.0f} degrees, and hold.",
        position,
        (floor(), wall(wall_x)),
        start,
        end,
        "hold",
        working=("leg_a", "leg_b"),
        carried=CARRIED,
        bulge=-10,  # in front of the body, off the wall
    )


def wall_sits() -> list[Picture]:
    return [
        _wall_sit("wall_sit", "Wall sit", 45, "back against a wall, knees bent"),
        _wall_sit(
            "wall_sit.high",
            "High wall sit",
            30,
            "back against a wall, knees bent a little",
        ),
    ]


def pictures() -> list[Picture]:
    return [*step_work(), *squats(), *wall_sits()]
