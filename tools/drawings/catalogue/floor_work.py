"""On all fours, in a plank and on the back, seen from the side with the head to the left
(bird dog, donkey kick, planks, bridges, hip thrust); the fire hydrant from behind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from drawings.figure import FOREARM, THIGH, TORSO_LEN, UPPER_ARM, Pose, along
from drawings.figure import Limb as L
from drawings.postures import (
    GROUND,
    PELVIS_W,
    SHOULDER_W,
    aim,
    arm_to,
    bridge_hip,
    quadruped,
    supine,
)
from drawings.props import FLOOR, Prop, floor, label, mat, sofa, step, travel
from drawings.svg import Panel, Picture, start_end

MAT = (floor(), mat(10, 152))


def _quad_picture(
    key: str,
    title: str,
    text: str,
    position: str,
    start: Pose,
    end: Pose,
    working: tuple[str, ...],
    arrows: tuple[tuple[str, float], ...],
    word: str = "",
    word_x: float = 94,
) -> Picture:
    front: tuple[Prop, ...] = tuple(travel(start, end, j, bulge=b, gap=6) for j, b in arrows)
    if word:
        front += (label(word_x, 30, word),)
    return start_end(key, title, text, position, MAT, start, end, front, working)


#: how far hovering knees are lifted: the text's 2-3 cm drawn large enough to see the gap
HOVER = 7.5


def _elbow_to_knee() -> Pose:
    """The near elbow and the far knee drawn together under the chest: the elbow back under
    the shoulder, the knee up under it from behind (never past it), the forearm pointing
    forward and down and the shin back, hand and foot off the floor, so the two limbs meet
    end to end instead of crossing."""
    base = quadruped(leg_b=L((-90, -90, 0), far=True)).joints()
    shoulder, hip = base["shoulder_a"], base["hip"]
    elbow = along(shoulder, -53, UPPER_ARM)
    knee = along(hip, -147.5, THIGH)  # forward and down from the hip
    upper, _ = aim(shoulder, elbow)
    thigh, _ = aim(hip, knee)
    return quadruped(arm_a=L((upper, -150)), leg_b=L((thigh, -6, -10), far=True))


def bird_dogs() -> list[Picture]:
    reach_arm, reach_leg = L((174, 177)), L((-4, -2, -80), far=True)
    return [
        _quad_picture(
            "bird_dog",
            "Bird dog",
            "On all fours, hands under the shoulders and knees under the hips; reach one arm "
            "forward and the opposite leg back, level with the body, and return.",
            "on all fours",
            quadruped(),
            quadruped(arm_a=reach_arm, leg_b=reach_leg),
            ("arm_a", "leg_b"),
            (("hand_a", -12), ("ankle_b", 12)),
        ),
        _quad_picture(
            "bird_dog.leg_only",
            "Bird dog, leg only",
            "On all fours, hands staying on the floor; slide one leg back until it is straight "
            "at hip height, back flat, and return.",
            "on all fours, one leg reaching back",
            quadruped(),
            quadruped(leg_b=reach_leg),
            ("leg_b",),
            (("ankle_b", 12),),
        ),
        _quad_picture(
            "bird_dog.elbow_to_knee",
            "Bird dog with elbow to knee",
            "From the bird dog's full reach, draw the elbow and the opposite knee together "
            "under the body, then reach long again without touching down.",
            "on all fours, elbow to knee",
            quadruped(arm_a=reach_arm, leg_b=reach_leg),
            _elbow_to_knee(),
            ("arm_a", "leg_b"),
            (),  # arrows from the full reach would cross the back: the label says it
            "elbow to knee",
            word_x=56,
        ),
        _quad_picture(
            "bird_dog.hovering",
            "Hovering bird dog",
            "On all fours with the toes tucked and both knees lifted 2-3 cm off the floor; "
            "reach the opposite arm and leg long and return, knees never touching down.",
            "on all fours, knees hovering",
            quadruped(hover=HOVER),
            quadruped(arm_a=reach_arm, leg_b=L((-4, -2, -80), far=True), hover=HOVER),
            ("arm_a", "leg_b"),
            (("hand_a", -12), ("ankle_b", 12)),
            "knees up",
        ),
    ]


def donkey_kicks() -> list[Picture]:
    kick = L((8, 96, 5))
    hover = HOVER
    return [
        _quad_picture(
            "donkey_kick",
            "Donkey kick",
            "On all fours, one knee bent at 90 degrees; lift that thigh until it is level with "
            "the back, sole towards the ceiling, slowly, without arching the back.",
            "on all fours, bent knee lifting",
            quadruped(),
            quadruped(leg_a=kick),
            ("leg_a",),
            (("ankle_a", 14),),
        ),
        _quad_picture(
            "donkey_kick.hovering",
            "Hovering donkey kick",
            "On all fours with the toes tucked and both knees 2-3 cm off the floor; lift one "
            "bent leg until the thigh is level with the back, and return without touching down.",
            "on all fours, knees hovering, bent knee lifting",
            quadruped(hover=hover),
            quadruped(leg_a=kick, hover=hover),
            ("leg_a",),
            (("ankle_a", 14),),
            "knees up",
        ),
    ]


def _plank(forearms: bool, lift_leg: str = "", lift_arm: bool = False) -> Pose:
    """A plank seen from the side, head to the left, on the toes: on the forearms (elbows
    under the shoulders) or on straight arms; ``lift_leg`` (``leg_a``, the near one, or
    ``leg_b``) raises that leg a hand's width, ``lift_arm`` reaches the near arm forward."""
    hand = (40.0, GROUND)
    neck = (hand[0], GROUND - (UPPER_ARM if forearms else UPPER_ARM + FOREARM - 2))
    toe = (150.0, GROUND - 6.5)
    body, _ = aim(toe, neck)
    hip = along(neck, body + 180, TORSO_LEN)
    legs = body + 180
    arm = L((-90, 180), scale=(1.0, 0.8)) if forearms else L((-90, -90))
    leg = L((legs, legs, legs - 90))
    lifted = L((legs + 12, legs + 12, legs - 78))
    return Pose(
        torso=body,
        head=body + 4,
        leg_a=lifted if lift_leg == "leg_a" else leg,
        leg_b=replace(lifted if lift_leg == "leg_b" else leg, far=True),
        arm_a=L((body, body)) if lift_arm else arm,
        arm_b=replace(arm, far=True),
        anchor=("hip", hip),
    )


def planks() -> list[Picture]:
    fore, fore_lift = _plank(True), _plank(True, lift_leg="leg_a")
    high, high_lift = _plank(False), _plank(False, lift_leg="leg_b", lift_arm=True)
    return [
        _quad_picture(
            "plank_leg_lift",
            "Plank leg lift",
            "In a forearm plank, body straight from head to heels; squeeze one glute and lift "
            "the straight leg a hand's width, then lower it, hips square.",
            "forearm plank",
            fore,
            fore_lift,
            ("leg_a",),
            (("ankle_a", 10),),
            "lift",
        ),
        _quad_picture(
            "plank_bird_dog",
            "Bird dog from a plank",
            "In a high plank on the hands and toes, feet wide; lift one arm and the opposite "
            "leg, hold a moment and return without the hips twisting.",
            "high plank on the hands",
            high,
            high_lift,
            ("arm_a", "leg_b"),
            (("hand_a", -10), ("ankle_b", 10)),
        ),
    ]


#: the fire hydrant is seen from behind at hip height: hands and knees on the floor, the
#: shoulders just above the hips (the back runs away from the viewer), the head beyond them
HYDRANT_X = 84.0


def _hydrant(lift: bool, hover: float = 0.0) -> Pose:
    """On all fours seen from behind: the thighs down to the knees, the shins pointing at the
    viewer (only the feet show, soles towards the viewer), the arms down to the hands on the
    floor outside the knees. ``hover`` lifts the knees, the toes staying down; ``lift`` takes
    the bent leg out to the side, the thigh level with the hip."""
    knee_y = GROUND - hover
    pose = Pose(
        torso=90,
        head=90,
        torso_scale=9 / TORSO_LEN,
        head_behind=True,
        leg_a=L((-90, -90, -90), segments=2),
        leg_b=L((-90, -90, -90), segments=2),
        arm_a=L((-90, -90), far=True),
        arm_b=L((-90, -90), far=True),
        pelvis=(180, PELVIS_W + 10),
        shoulders=(180, SHOULDER_W + 18),
        anchor=("hip", (HYDRANT_X, knee_y - THIGH)),
    )
    j = pose.joints()
    for side, out in (("a", -1), ("b", 1)):
        hip, shoulder = j[f"hip_{side}"], j[f"shoulder_{side}"]
        knee = (hip[0], knee_y)
        if lift and side == "a":  # the thigh out level with the hip, the shin still back
            knee = (hip[0] - THIGH + 2, hip[1] + 3)
        foot = (knee[0] + out * 3, knee[1] + (hover if knee[1] >= knee_y else 0) + 0.5)
        hand = (shoulder[0] + out * 2, GROUND)
        elbow = ((shoulder[0] + hand[0]) / 2, (shoulder[1] + hand[1]) / 2)
        for joint, point in (("knee", knee), ("ankle", foot), ("elbow", elbow), ("hand", hand)):
            pose = pose.with_joint(f"{joint}_{side}", point)
    return pose


def fire_hydrants() -> list[Picture]:
    out = []
    for hover in (0.0, HOVER):
        start, end = _hydrant(False, hover), _hydrant(True, hover)
        out.append(
            Picture(
                "fire_hydrant.hovering" if hover else "fire_hydrant",
                f"{'Hovering fire hydrant' if hover else 'Fire hydrant'}: start and end position, "
                f"seen from behind",
                "On all fours"
                + (" with the toes tucked and both knees 2-3 cm off the floor" if hover else "")
                + "; keep the knee bent and lift the leg out to the side until the thigh is level "
                "with the hip, back flat.",
                "on all fours, seen from behind" + (", knees hovering" if hover else ""),
                Panel(start, MAT),
                Panel(
                    end,
                    MAT,
                    (travel(start, end, "knee_a", bulge=-10, gap=6),)
                    + ((label(94, 30, "knees up"),) if hover else ()),
                ),
                working=("leg_a",),
            )
        )
    return out


def bridges() -> list[Picture]:
    shoulder = (36.0, GROUND)
    foot = (98.0, GROUND)
    step_top = FLOOR - 16
    on_step = (104.0, step_top - 3.5)

    def two_feet(lift: float, feet: tuple[float, float] = foot) -> Pose:
        hip = bridge_hip(shoulder, feet, lift)
        return supine(shoulder, hip, feet, feet)

    def free_leg(base: Pose, lift: float) -> Pose:
        """The free leg straight, behind the planted (working) one: knees level at the
        start, in line with the body at the top."""
        free = base.leg_a.angles[0] if lift < 1 else base.torso + 180
        return replace(base, leg_b=L((free, free, free + 80), far=True))

    def one_foot(lift: float, feet: tuple[float, float] = foot) -> Pose:
        hip = bridge_hip(shoulder, feet, lift)
        return free_leg(supine(shoulder, hip, feet, feet), lift)

    def marching(up: bool) -> Pose:
        base = two_feet(1.0)
        if not up:
            return base
        return replace(base, leg_a=L((base.leg_b.angles[0] + 38, -80, 0)))

    def thrust(lift: float) -> Pose:
        seat = (10.0, FLOOR - 36, 38.0)
        back = (seat[2] - 2, seat[1] - 4)
        planted = (92.0, GROUND)
        hip = bridge_hip(back, planted, 0.2 + 0.8 * lift)
        base = supine(back, hip, planted, planted)
        # Hands on the hips (the arms behind the body), not sticking out over the lap.
        on_hip = along(hip, base.torso + 180, 2)
        arms = {f"arm_{s}": arm_to(back, on_hip, -1, far=True) for s in "ab"}
        return free_leg(replace(base, **arms), lift)

    step_props = (*MAT, step(90, 136, 16))
    sofa_props = (floor(), sofa(4, 38, 36))
    marching_picture = Picture(
        "marching_bridge",
        "Marching bridge: start and end position",
        "Lift into a bridge on both feet; keeping the hips level, lift one foot a few "
        "centimetres, put it down, then the other.",
        "on the back in a bridge, one foot lifting",
        Panel(marching(False), MAT),
        Panel(
            marching(True),
            MAT,
            (
                travel(marching(False), marching(True), "ankle_a", bulge=-10, gap=5),
                label(98, 40, "hips up"),
            ),
        ),
        working=("leg_a",),
    )
    return [
        _hips_up(
            "glute_bridge",
            "Glute bridge",
            "On your back, knees bent, both feet flat; lift the hips until knees, hips and "
            "shoulders line up, and lower slowly.",
            "on the back, both feet down",
            two_feet,
            MAT,
        ),
        _hips_up(
            "glute_bridge.step",
            "Glute bridge with the feet on a step",
            "On your back with both feet on a step; lift the hips until knees, hips and "
            "shoulders line up, hold, and lower.",
            "on the back, both feet on a step",
            lambda lift: two_feet(lift, on_step),
            step_props,
            "hold",
        ),
        marching_picture,
        _hips_up(
            "single_leg_bridge",
            "Single-leg bridge",
            "On your back, one foot flat and the other leg straight; lift the hips until the "
            "body is in line from shoulders to knee, hold two seconds, lower.",
            "on the back, one foot down",
            one_foot,
            MAT,
            "hold 2 s",
        ),
        _hips_up(
            "single_leg_bridge.step",
            "Single-leg bridge with the foot on a step",
            "On your back with one foot on a step and the other leg straight; lift the hips "
            "until the body is in line, hold, lower.",
            "on the back, one foot on a step",
            lambda lift: one_foot(lift, on_step),
            step_props,
            "hold",
        ),
        _hips_up(
            "hip_thrust",
            "Single-leg hip thrust",
            "Upper back on the edge of a sofa (never a loose chair), one foot flat, the other "
            "leg lifted; drive the hips up until the body is level from shoulders to knee.",
            "upper back on a sofa, one foot down",
            thrust,
            sofa_props,
        ),
    ]


def _hips_up(
    key: str,
    title: str,
    text: str,
    position: str,
    pose: Callable[[float], Pose],
    props: tuple[Prop, ...],
    word: str = "",
) -> Picture:
    """A bridge-like picture: the hips down (``pose(0)``), then up (``pose(1)``), the hips
    doing the work and carrying the rest of the body with them."""
    start, end = pose(0), pose(1)
    front: tuple[Prop, ...] = (travel(start, end, "hip", bulge=-10, gap=4),)
    if word:
        front += (label(98, 40, word),)
    carried = ("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b")
    return start_end(key, title, text, position, props, start, end, front, ("pelvis",), carried)


def pictures() -> list[Picture]:
    return [*bird_dogs(), *donkey_kicks(), *planks(), *fire_hydrants(), *bridges()]
