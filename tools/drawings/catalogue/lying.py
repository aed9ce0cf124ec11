"""Lying on the side, seen from the front: hips and shoulders stacked, the head propped on the
bottom hand (side leg raise, clamshell), and the side planks propped on the forearm."""

from __future__ import annotations

from drawings.figure import Limb as L
from drawings.figure import Pose
from drawings.postures import GROUND, reach, side_lying, side_plank
from drawings.props import CONTACT, FLOOR, Prop, band, floor, label, mat, plane, step, travel
from drawings.svg import Panel, Picture

HIP_B = (70.0, GROUND)
TORSO = 172.0
MAT = (floor(), mat(10, 152))
ELBOW, FEET, KNEES = (34.0, GROUND), (146.0, GROUND), (118.0, GROUND)


def _knee_band(banded: bool) -> tuple[Prop, ...]:
    return (band("knee_a@0.8", "knee_b@0.8"),) if banded else ()


def _straight_legs(top: float) -> tuple[L, L]:
    # Feet point forward, at the viewer: the foot does not show.
    return L((top, top, 0), segments=2), L((-1, -1, 0), far=True, segments=2)


def side_leg_raise(banded: bool) -> Picture:
    start = side_lying(HIP_B, TORSO, *_straight_legs(-9))
    end = side_lying(HIP_B, TORSO, *_straight_legs(24))
    front = _knee_band(banded)
    with_band = ", a loop band above the knees" if banded else ""
    return Picture(
        "side_leg_raise.band" if banded else "side_leg_raise",
        f"{'Banded side' if banded else 'Side'} leg raise: start and end position",
        f"Lying on your side, hips and shoulders stacked, head on the lower arm{with_band}; "
        "lift the straight top leg to about 30 degrees, toes forward, and lower it.",
        "side-lying, legs straight" + (" (band above the knees)" if banded else ""),
        Panel(start, MAT, front),
        Panel(end, MAT, (*front, travel(start, end, "ankle_a", bulge=-10), label(118, 46, "lift"))),
        working=("leg_a",),
    )


#: the clamshell is seen from in front and above, on a mat going away from the viewer: the
#: body lies along the mat's far part, the bent knees come down the picture towards the viewer
CLAM_MAT = plane(4, 156, FLOOR - 42, inset=16)
CLAM_HIP = (66.0, FLOOR - 24)


def _clam(opening: float) -> Pose:
    """Hips bent 45 degrees, knees 90, the heels together in line with the body; the top hand
    on the top hip. The top leg rests on the bottom one (a V over a V); ``opening`` lifts the
    top knee towards the ceiling, above the hips, the heels staying together (a diamond)."""
    pose = side_lying(
        CLAM_HIP,
        TORSO,
        L((-45, 40, 0), segments=2),
        L((-45, 40, 0), far=True, segments=2),
        hand_on_hip=True,
    )
    hip_x, hip_y = CLAM_HIP
    knee_b, ankle_b = (hip_x + 20, FLOOR - CONTACT - 2), (hip_x + 38, hip_y)
    closed_knee = (knee_b[0] - 1, knee_b[1] - 7)
    open_knee = (hip_x + 13, hip_y - 26)
    knee_a = (
        closed_knee[0] + opening * (open_knee[0] - closed_knee[0]),
        closed_knee[1] + opening * (open_knee[1] - closed_knee[1]),
    )
    return (
        pose.with_joint("knee_b", knee_b)
        .with_joint("ankle_b", ankle_b)
        .with_joint("knee_a", knee_a)
        .with_joint("ankle_a", (ankle_b[0], ankle_b[1] - 6))
    )


def clamshell(banded: bool) -> Picture:
    closed, opened = _clam(0), _clam(1)
    front = _knee_band(banded)
    with_band = ", a loop band above the knees" if banded else ""
    return Picture(
        "clamshell.band" if banded else "clamshell",
        f"{'Banded clamshell' if banded else 'Clamshell'}: start and end position",
        "Lying on your side, hips and knees bent, heels together, head on the lower arm, the "
        f"top hand on the hip{with_band}; open the top knee, feet together, without rolling "
        "back.",
        "side-lying, knees bent" + (" (band above the knees)" if banded else ""),
        Panel(closed, (CLAM_MAT,), front),
        Panel(
            opened,
            (CLAM_MAT,),
            (*front, travel(closed, opened, "knee_a", bulge=-8, gap=4), label(108, 58, "open")),
        ),
        working=("leg_a",),
    )


def plank(kneeling: bool, on_step: bool = False) -> Picture:
    support = KNEES if kneeling else FEET
    props: tuple[Prop, ...] = MAT
    if on_step:
        support = (FEET[0], FEET[1] - 16)
        props = (*MAT, step(128, 156, 16))
    start = side_plank(ELBOW, support, 0, kneeling)
    end = side_plank(ELBOW, support, 1, kneeling)
    where = "knees" if kneeling else "feet"
    key = "kneeling_side_plank" if kneeling else "side_plank.step" if on_step else "side_plank"
    return Picture(
        key,
        f"Side plank{' on the knees' if kneeling else ', feet on a step' if on_step else ''}: "
        "start and end position",
        f"On your side propped on the forearm, elbow under the shoulder, {where} "
        f"{'on a step' if on_step else 'down'}; lift the hips until the body is straight from "
        f"head to {where}, and hold.",
        f"side plank on the {where}" + (" raised on a step" if on_step else ""),
        Panel(start, props),
        Panel(end, props, (travel(start, end, "hip", bulge=10, gap=3), label(96, 40, "hips up"))),
        working=("pelvis",),
        carried=("torso", "leg_a", "leg_b", "head", "arm_a", "arm_b"),
    )


def _lifted(pose: Pose, degrees: float) -> Pose:
    """The plank with the top leg straight and lifted ``degrees`` above the body line."""
    j = pose.joints()
    legs = pose.leg_b.angles[0] + degrees
    from dataclasses import replace

    return replace(
        pose,
        leg_a=L((legs, legs, 0), segments=2),
        placed=tuple((n, p) for n, p in pose.placed if not n.endswith("_a")),
    ).with_joint("hip_a", j["hip_a"])


def _opened(pose: Pose) -> Pose:
    j = pose.joints()
    knee = (j["knee_a"][0] - 6, j["knee_a"][1] - 20)
    _, shin = reach(knee, j["ankle_a"], 1, 1, 1)
    del shin
    return pose.with_joint("knee_a", knee)


def plank_leg_raise(kneeling: bool) -> Picture:
    support = KNEES if kneeling else FEET
    base = side_plank(ELBOW, support, 1, kneeling)
    raised = _lifted(base, 26)
    if kneeling:
        base = _lifted(base, 0)
    name = "Kneeling side-plank" if kneeling else "Side-plank"
    on = "the forearm and the bottom knee" if kneeling else "the forearm and the bottom foot"
    return Picture(
        "kneeling_side_plank_leg_raise" if kneeling else "side_plank_leg_raise",
        f"{name} leg raise: start and end position",
        f"In a side plank on {on}, hips up in a straight line; lift the straight top leg to "
        "hip height and lower it without letting the hips sag.",
        f"side plank on the {'bottom knee' if kneeling else 'feet'}, top leg lifting",
        Panel(base, MAT),
        Panel(
            raised, MAT, (travel(base, raised, "ankle_a", bulge=-8, gap=5), label(112, 36, "lift"))
        ),
        working=("leg_a",),
    )


def plank_clamshell() -> Picture:
    closed = side_plank(ELBOW, KNEES, 1, kneeling=True)
    opened = _opened(closed)
    return Picture(
        "side_plank_clamshell",
        "Side-plank clamshell: start and end position",
        "In a side plank on the forearm and both bent knees, hips up; open the top knee, feet "
        "together, and close it again.",
        "side plank on the knees, top knee opening",
        Panel(closed, MAT),
        Panel(
            opened, MAT, (travel(closed, opened, "knee_a", bulge=8, gap=5), label(110, 40, "open"))
        ),
        working=("leg_a",),
    )


def pictures() -> list[Picture]:
    return [
        side_leg_raise(False),
        side_leg_raise(True),
        clamshell(False),
        clamshell(True),
        plank(False),
        plank(True),
        plank(False, on_step=True),
        plank_leg_raise(False),
        plank_leg_raise(True),
        plank_clamshell(),
    ]
