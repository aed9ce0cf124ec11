"""On all fours, in a plank and on the back, seen from the side with the head to the left
(bird dog, donkey kick, planks, bridges, hip thrust); the fire hydrant from behind."""

from __future__ import annotations

from dataclasses import replace

from drawings.figure import FOREARM, TORSO_LEN, UPPER_ARM, Pose, along
from drawings.figure import Limb as L
from drawings.postures import GROUND, PELVIS_W, SHOULDER_W, aim, bridge_hip, quadruped, supine
from drawings.props import FLOOR, Prop, floor, label, mat, sofa, step, travel
from drawings.svg import Panel, Picture

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
) -> Picture:
    front: tuple[Prop, ...] = tuple(travel(start, end, j, bulge=b, gap=6) for j, b in arrows)
    if word:
        front += (label(104, 30, word),)
    return Picture(
        key,
        f"{title}: start and end position",
        text,
        position,
        Panel(start, MAT),
        Panel(end, MAT, front),
        working=working,
    )


def bird_dogs() -> list[Picture]:
    reach_arm, reach_leg = L((174, 177)), L((-4, -2, -80), far=True)
    hover = 5.0
    elbow_knee_arm, elbow_knee_leg = L((-40, -170)), L((-135, -10, -10), far=True)
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
            quadruped(arm_a=elbow_knee_arm, leg_b=elbow_knee_leg),
            ("arm_a", "leg_b"),
            (("hand_a", 10), ("knee_b", -10)),
        ),
        _quad_picture(
            "bird_dog.hovering",
            "Hovering bird dog",
            "On all fours with the toes tucked and both knees lifted 2-3 cm off the floor; "
            "reach the opposite arm and leg long and return, knees never touching down.",
            "on all fours, knees hovering",
            quadruped(hover=hover),
            quadruped(arm_a=reach_arm, leg_b=L((-4, -2, -80), far=True), hover=hover),
            ("arm_a", "leg_b"),
            (("hand_a", -12), ("ankle_b", 12)),
            "knees up",
        ),
    ]


def donkey_kicks() -> list[Picture]:
    kick = L((8, 96, 5))
    hover = 5.0
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


def _plank(forearms: bool, lift_leg: bool, lift_arm: bool) -> Pose:
    """A plank seen from the side, head to the left, on the toes: on the forearms (elbows
    under the shoulders) or on straight arms; ``lift_leg`` raises the near leg a hand's
    width, ``lift_arm`` reaches the near arm forward."""
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
        leg_a=lifted if lift_leg else leg,
        leg_b=replace(leg, far=True),
        arm_a=L((body, body)) if lift_arm else arm,
        arm_b=replace(arm, far=True),
        anchor=("hip", hip),
    )


def planks() -> list[Picture]:
    fore, fore_lift = _plank(True, False, False), _plank(True, True, False)
    high, high_lift = _plank(False, False, False), _plank(False, True, True)
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
            ("arm_a", "leg_a"),
            (("hand_a", -10), ("ankle_a", 10)),
        ),
    ]


def fire_hydrants() -> list[Picture]:
    def hydrant(lift: bool, hover: float = 0.0) -> Pose:
        """On all fours seen from behind and a little above: the pelvis nearest, shoulders
        and head beyond it; the shins point at the viewer and show as short stubs."""
        pose = Pose(
            torso=90,
            head=90,
            torso_scale=0.55,
            head_behind=True,
            leg_a=L((180 if lift else -90, -90, -90), segments=2),
            leg_b=L((-90, -90, -90), segments=2),
            arm_a=L((-100, -90), far=True),
            arm_b=L((-80, -90), far=True),
            pelvis=(180, PELVIS_W + 8),
            shoulders=(180, SHOULDER_W + 8),
            anchor=("knee_b", (92, FLOOR - 12 - hover)),
        )
        j = pose.joints()
        toe_y = FLOOR - 2
        return (
            pose.with_joint("ankle_a", (j["knee_a"][0], j["knee_a"][1] + 9 if not hover else toe_y))
            .with_joint("ankle_b", (j["knee_b"][0], j["knee_b"][1] + 9 if not hover else toe_y))
            .with_joint("hand_a", (j["elbow_a"][0] - 1, FLOOR - 22))
            .with_joint("hand_b", (j["elbow_b"][0] + 1, FLOOR - 22))
        )

    from drawings.props import Prop as P

    area = (P("mat", ((20, FLOOR - 26), (140, FLOOR + 1))),)
    out = []
    for hover in (0.0, 5.0):
        start, end = hydrant(False, hover), hydrant(True, hover)
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
                Panel(start, area),
                Panel(
                    end,
                    area,
                    (travel(start, end, "knee_a", bulge=-10, gap=6),)
                    + ((label(100, 30, "knees up"),) if hover else ()),
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

    def one_foot(lift: float, feet: tuple[float, float] = foot) -> Pose:
        hip = bridge_hip(shoulder, feet, lift)
        base = supine(shoulder, hip, feet, feet)
        free = base.leg_b.angles[0] if lift < 1 else base.torso + 180
        return replace(base, leg_a=L((free, free, free + 80)))

    def marching(up: bool) -> Pose:
        base = two_feet(1.0)
        if not up:
            return base
        return replace(base, leg_a=L((base.leg_b.angles[0] + 38, -80, 0)))

    def thrust(lift: float) -> Pose:
        seat = (10.0, FLOOR - 36, 38.0)
        back = (seat[2] - 2, seat[1] - 4)
        planted = (104.0, GROUND)
        hip = bridge_hip(back, planted, 0.35 + 0.65 * lift)
        base = supine(back, hip, planted, planted)
        free = base.leg_b.angles[0] if lift < 1 else base.torso + 180
        return replace(base, leg_a=L((free, free, free + 80)))

    step_props = (*MAT, step(90, 136, 16))
    lift_arrow = lambda a, b: travel(a, b, "hip", bulge=-10, gap=4)  # noqa: E731
    sofa_props = (floor(), sofa(4, 38, 36))
    return [
        Picture(
            "glute_bridge",
            "Glute bridge: start and end position",
            "On your back, knees bent, both feet flat; lift the hips until knees, hips and "
            "shoulders line up, and lower slowly.",
            "on the back, both feet down",
            Panel(two_feet(0), MAT),
            Panel(two_feet(1), MAT, (lift_arrow(two_feet(0), two_feet(1)),)),
            working=("pelvis",),
            carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
        ),
        Picture(
            "glute_bridge.step",
            "Glute bridge with the feet on a step: start and end position",
            "On your back with both feet on a step; lift the hips until knees, hips and "
            "shoulders line up, hold, and lower.",
            "on the back, both feet on a step",
            Panel(two_feet(0, on_step), step_props),
            Panel(
                two_feet(1, on_step),
                step_props,
                (lift_arrow(two_feet(0, on_step), two_feet(1, on_step)), label(112, 40, "hold")),
            ),
            working=("pelvis",),
            carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
        ),
        Picture(
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
                    travel(marching(False), marching(True), "ankle_a", bulge=10, gap=5),
                    label(112, 40, "hips up"),
                ),
            ),
            working=("leg_a",),
        ),
        Picture(
            "single_leg_bridge",
            "Single-leg bridge: start and end position",
            "On your back, one foot flat and the other leg straight; lift the hips until the "
            "body is in line from shoulders to knee, hold two seconds, lower.",
            "on the back, one foot down",
            Panel(one_foot(0), MAT),
            Panel(
                one_foot(1), MAT, (lift_arrow(one_foot(0), one_foot(1)), label(112, 40, "hold 2 s"))
            ),
            working=("pelvis",),
            carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
        ),
        Picture(
            "single_leg_bridge.step",
            "Single-leg bridge with the foot on a step: start and end position",
            "On your back with one foot on a step and the other leg straight; lift the hips "
            "until the body is in line, hold, lower.",
            "on the back, one foot on a step",
            Panel(one_foot(0, on_step), step_props),
            Panel(
                one_foot(1, on_step),
                step_props,
                (lift_arrow(one_foot(0, on_step), one_foot(1, on_step)), label(112, 40, "hold")),
            ),
            working=("pelvis",),
            carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
        ),
        Picture(
            "hip_thrust",
            "Single-leg hip thrust: start and end position",
            "Upper back on the edge of a sofa (never a loose chair), one foot flat, the other "
            "leg lifted; drive the hips up until the body is level from shoulders to knee.",
            "upper back on a sofa, one foot down",
            Panel(thrust(0), sofa_props),
            Panel(thrust(1), sofa_props, (lift_arrow(thrust(0), thrust(1)),)),
            working=("pelvis",),
            carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
        ),
    ]


def pictures() -> list[Picture]:
    return [*bird_dogs(), *donkey_kicks(), *planks(), *fire_hydrants(), *bridges()]
