"""Draw the report's exercise pictures: one SVG per exercise (and variant family).

The drawings are generated, not hand-edited, so every picture shares one body, one set of
proportions and one line style: a pictogram figure whose limbs are thick round-capped
strokes, the far-side limbs in grey, props (floor, mat, step, wall, chair, band) in thin
lines and the movement as an arrow. Each picture has two panels, the start and the end
position. Poses are joint angles (degrees, 0 = right, 90 = up), so a pose reads like a
physio's description and the proportions cannot drift.

Regenerate the package data after changing a pose::

    python tools/exercise_pictures.py

``tests/report/test_pictures.py`` fails when the committed SVGs differ from this output.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "hipcoach" / "report" / "pictures"

PANEL_W, PANEL_H, GAP = 160, 136, 8
FLOOR = 128
INK, FAR_INK, PROP_INK, ARROW_INK = "#111", "#8c8c8c", "#444", "#0b5563"
LIMB, TORSO = 7, 8
HEAD_R = 7.5
# Segment lengths in drawing units (standing height about 106).
TORSO_LEN, NECK, THIGH, SHIN, FOOT, UPPER_ARM, FOREARM = 34.0, 12.0, 27.0, 26.0, 7.0, 19.0, 18.0

Point = tuple[float, float]


def direction(angle: float) -> Point:
    rad = math.radians(angle)
    return math.cos(rad), -math.sin(rad)


def along(p: Point, angle: float, length: float) -> Point:
    dx, dy = direction(angle)
    return p[0] + dx * length, p[1] + dy * length


@dataclass(frozen=True)
class Limb:
    """Absolute angles of a limb's segments; ``far`` limbs are drawn grey, behind the body."""

    angles: tuple[float, ...]
    far: bool = False
    hidden: bool = False
    #: how many segments show (a shin pointing at the viewer is hidden behind its thigh)
    segments: int = 3


@dataclass(frozen=True)
class Pose:
    """A body position. ``a``/``b`` are the two sides: in a side view ``a`` is the near side.

    Frontal and rear views give the pelvis and shoulders a width, so both legs show.
    """

    torso: float
    leg_a: Limb
    leg_b: Limb
    arm_a: Limb
    arm_b: Limb
    anchor: tuple[str, Point]
    head: float | None = None
    pelvis: tuple[float, float] = (0.0, 0.0)  # (angle from b to a, width)
    shoulders: tuple[float, float] = (0.0, 0.0)
    head_behind: bool = False
    #: a torso pointing away from the viewer looks shorter
    torso_scale: float = 1.0
    #: joints placed by hand after anchoring, for segments foreshortened by the view
    placed: tuple[tuple[str, Point], ...] = ()
    #: seen from behind: the back is a solid shape between the hips and the shoulders
    solid_back: bool = False

    def joints(self) -> dict[str, Point]:
        j = self._joints_at((0.0, 0.0))
        name, (x, y) = self.anchor
        ax, ay = j[name]
        j = self._joints_at((x - ax, y - ay))
        j.update(dict(self.placed))
        return j

    def _joints_at(self, hip: Point) -> dict[str, Point]:
        j: dict[str, Point] = {"hip": hip}
        j["neck"] = along(hip, self.torso, TORSO_LEN * self.torso_scale)
        j["head"] = along(j["neck"], self.head if self.head is not None else self.torso, NECK)
        for side, sign in (("a", 1), ("b", -1)):
            p_angle, p_width = self.pelvis
            s_angle, s_width = self.shoulders
            j[f"hip_{side}"] = along(hip, p_angle, sign * p_width / 2)
            j[f"shoulder_{side}"] = along(j["neck"], s_angle, sign * s_width / 2)
            leg: Limb = getattr(self, f"leg_{side}")
            arm: Limb = getattr(self, f"arm_{side}")
            j[f"knee_{side}"] = along(j[f"hip_{side}"], leg.angles[0], THIGH)
            j[f"ankle_{side}"] = along(j[f"knee_{side}"], leg.angles[1], SHIN)
            j[f"toe_{side}"] = along(j[f"ankle_{side}"], leg.angles[2], FOOT)
            j[f"elbow_{side}"] = along(j[f"shoulder_{side}"], arm.angles[0], UPPER_ARM)
            j[f"hand_{side}"] = along(j[f"elbow_{side}"], arm.angles[1], FOREARM)
        return j


# -- props ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prop:
    kind: str
    points: tuple[Point, ...] = ()
    text: str = ""


def floor() -> Prop:
    return Prop("floor")


def mat(x1: float, x2: float) -> Prop:
    return Prop("mat", ((x1, FLOOR), (x2, FLOOR)))


def top_mat(x1: float, y1: float, x2: float, y2: float) -> Prop:
    return Prop("top_mat", ((x1, y1), (x2, y2)))


def step(x1: float, x2: float, height: float) -> Prop:
    return Prop("step", ((x1, FLOOR - height), (x2, FLOOR)))


def wall(x: float) -> Prop:
    return Prop("wall", ((x, 8), (x, FLOOR)))


def chair(x: float, facing_left: bool = True) -> Prop:
    return Prop("chair", ((x, FLOOR),), "left" if facing_left else "right")


def band(*joint_names: str) -> Prop:
    """A loop band between joints (by name, resolved against the pose)."""
    return Prop("band", (), ",".join(joint_names))


def arrow(start: Point, control: Point, end: Point) -> Prop:
    return Prop("arrow", (start, control, end))


def label(x: float, y: float, text: str) -> Prop:
    return Prop("label", ((x, y),), text)


@dataclass(frozen=True)
class Panel:
    pose: Pose
    props: tuple[Prop, ...] = ()
    front: tuple[Prop, ...] = field(default=())  # drawn over the figure (bands, arrows)


@dataclass(frozen=True)
class Picture:
    key: str
    title: str
    description: str
    start: Panel
    end: Panel


# -- rendering -----------------------------------------------------------------------------


def _f(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _poly(points: list[Point], color: str, width: float) -> str:
    path = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    return (
        f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{width}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _limb_points(j: dict[str, Point], side: str, names: tuple[str, ...], limb: Limb) -> list[Point]:
    return [j[f"{n}_{side}"] for n in names[: limb.segments + 1]]


def render_figure(pose: Pose) -> list[str]:
    j = pose.joints()
    out: list[str] = []
    legs = ("hip", "knee", "ankle", "toe")
    arms = ("shoulder", "elbow", "hand")
    limbs = [
        (pose.leg_a, "a", legs),
        (pose.leg_b, "b", legs),
        (pose.arm_a, "a", arms),
        (pose.arm_b, "b", arms),
    ]
    for limb, side, names in limbs:
        if limb.far and not limb.hidden:
            out.append(_poly(_limb_points(j, side, names, limb), FAR_INK, LIMB))
    head = f'<circle cx="{_f(j["head"][0])}" cy="{_f(j["head"][1])}" r="{HEAD_R}" fill="{INK}"/>'
    if pose.head_behind:
        out.append(head)
    if pose.solid_back:
        corners = [j["hip_a"], j["hip_b"], j["shoulder_b"], j["shoulder_a"], j["hip_a"]]
        path = " ".join(f"{_f(x)},{_f(y)}" for x, y in corners)
        out.append(
            f'<polygon points="{path}" fill="{INK}" stroke="{INK}" stroke-width="{TORSO}" '
            'stroke-linejoin="round"/>'
        )
    else:
        out.append(_poly([j["hip"], j["neck"]], INK, TORSO))
    if pose.pelvis[1] and not pose.solid_back:
        out.append(_poly([j["hip_a"], j["hip_b"]], INK, TORSO))
    if pose.shoulders[1] and not pose.solid_back:
        out.append(_poly([j["shoulder_a"], j["shoulder_b"]], INK, TORSO))
    if not pose.head_behind:
        out.append(head)
    for limb, side, names in limbs:
        if not limb.far and not limb.hidden:
            out.append(_poly(_limb_points(j, side, names, limb), INK, LIMB))
    return out


def _arrow(start: Point, control: Point, end: Point) -> list[str]:
    (x0, y0), (cx, cy), (x1, y1) = start, control, end
    angle = math.atan2(y1 - cy, x1 - cx)
    size = 6.5
    left = (x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
    right = (x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
    head = " ".join(f"{_f(x)},{_f(y)}" for x, y in (end, left, right))
    return [
        f'<path d="M{_f(x0)},{_f(y0)} Q{_f(cx)},{_f(cy)} {_f(x1)},{_f(y1)}" fill="none" '
        f'stroke="{ARROW_INK}" stroke-width="2.2" stroke-linecap="round"/>',
        f'<polygon points="{head}" fill="{ARROW_INK}"/>',
    ]


def _box(top_left: Point, bottom_right: Point, fill: str, stroke: float, radius: float) -> str:
    (x1, y1), (x2, y2) = top_left, bottom_right
    return (
        f'<rect x="{_f(x1)}" y="{_f(y1)}" width="{_f(x2 - x1)}" height="{_f(y2 - y1)}" '
        f'rx="{_f(radius)}" fill="{fill}" stroke="{PROP_INK}" stroke-width="{_f(stroke)}"/>'
    )


def render_prop(prop: Prop, pose: Pose) -> list[str]:
    if prop.kind == "floor":
        return [
            f'<line x1="4" y1="{FLOOR + 0.8}" x2="{PANEL_W - 4}" y2="{FLOOR + 0.8}" '
            f'stroke="{PROP_INK}" stroke-width="1.6"/>'
        ]
    if prop.kind == "mat":  # a mat seen edge-on, lying on the floor
        (x1, _), (x2, _) = prop.points
        return [_box((x1, FLOOR - 2.5), (x2, FLOOR + 0.8), "#d0d0d0", 0.8, 1.2)]
    if prop.kind == "top_mat":  # a mat seen from above
        return [_box(*prop.points, "#ececec", 1, 4)]
    if prop.kind == "step":
        return [_box(*prop.points, "#e4e4e4", 1.4, 0)]
    if prop.kind == "wall":
        (x, y1), (_, y2) = prop.points
        hatch = "".join(
            f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 6)}" y2="{_f(y - 6)}" '
            f'stroke="{PROP_INK}" stroke-width="0.9"/>'
            for y in range(int(y1) + 8, int(y2) + 1, 10)
        )
        return [
            f'<line x1="{_f(x)}" y1="{_f(y1)}" x2="{_f(x)}" y2="{_f(y2)}" '
            f'stroke="{PROP_INK}" stroke-width="2"/>' + hatch
        ]
    if prop.kind == "chair":
        ((x, y),) = prop.points
        s = -1 if prop.text == "left" else 1  # which side the backrest is on
        seat_y = y - 30
        back_x = x + s * 10
        return [
            _poly(
                [(x - s * 10, y), (x - s * 10, seat_y), (back_x, seat_y), (back_x, y)], PROP_INK, 2
            ),
            _poly([(back_x, seat_y), (back_x, y - 62)], PROP_INK, 2.4),
        ]
    if prop.kind == "band":
        j = pose.joints()
        names = prop.text.split(",")
        pts = [j[n] if n in j else _lerp_joint(j, n) for n in names]
        path = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
        return [
            f'<polyline points="{path}" fill="none" stroke="#fff" stroke-width="4.6" '
            'stroke-linecap="round"/>',
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2.4" '
            'stroke-dasharray="3.5 2.5" stroke-linecap="round"/>',
        ]
    if prop.kind == "arrow":
        return _arrow(*prop.points)
    if prop.kind == "label":
        ((x, y),) = prop.points
        return [
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="10" font-family="sans-serif" '
            f'font-weight="bold" fill="{ARROW_INK}">{prop.text}</text>'
        ]
    raise ValueError(f"unknown prop {prop.kind}")


def _lerp_joint(j: dict[str, Point], spec: str) -> Point:
    """``knee_a@0.7``: 70 % of the way from the hip to the knee (for a band above the knee)."""
    name, fraction = spec.split("@")
    joint, side = name.rsplit("_", 1)
    parent = {"knee": "hip", "ankle": "knee", "elbow": "shoulder", "hand": "elbow"}[joint]
    (x0, y0), (x1, y1) = j[f"{parent}_{side}"], j[name]
    t = float(fraction)
    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def render_panel(panel: Panel, x: float, caption: str) -> str:
    parts = [f'<g transform="translate({_f(x)} 0)">']
    parts.append(
        f'<text x="6" y="13" font-size="10" font-family="sans-serif" fill="#333">{caption}</text>'
    )
    for prop in panel.props:
        parts += render_prop(prop, panel.pose)
    parts += render_figure(panel.pose)
    for prop in panel.front:
        parts += render_prop(prop, panel.pose)
    parts.append("</g>")
    return "".join(parts)


def render(picture: Picture) -> str:
    width = 2 * PANEL_W + GAP
    divider = PANEL_W + GAP / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {PANEL_H}" '
        f'role="img" class="exercise-picture" data-picture="{picture.key}">'
        f"<title>{picture.title}</title><desc>{picture.description}</desc>"
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{PANEL_H - 1}" rx="6" fill="#fff" '
        'stroke="#bbb"/>'
        f'<line x1="{divider}" y1="10" x2="{divider}" y2="{PANEL_H - 10}" stroke="#bbb" '
        'stroke-dasharray="3 3"/>'
        + render_panel(picture.start, 0, "1 · start")
        + render_panel(picture.end, PANEL_W + GAP, "2 · end")
        + "</svg>\n"
    )


# -- the poses -----------------------------------------------------------------------------

L = Limb


def at(pose: Pose, joint: str, dx: float = 0.0, dy: float = 0.0) -> Point:
    """A point near one of the pose's joints (for arrows and labels)."""
    x, y = pose.joints()[joint]
    return x + dx, y + dy


def motion(pose: Pose, joint: str, start: Point, control: Point, end: Point) -> Prop:
    """An arrow whose three points are offsets from ``joint``."""
    return arrow(at(pose, joint, *start), at(pose, joint, *control), at(pose, joint, *end))


def travel(before: Pose, after: Pose, joint: str, bulge: float = 10.0, gap: float = 9.0) -> Prop:
    """An arrow along the path of ``joint`` from ``before`` to ``after``, bowed by ``bulge``
    (positive: to the left of the direction of travel) and stopping ``gap`` short of both."""
    (x0, y0), (x1, y1) = before.joints()[joint], after.joints()[joint]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    start = (x0 + ux * gap, y0 + uy * gap)
    end = (x1 - ux * gap, y1 - uy * gap)
    middle = ((x0 + x1) / 2 + uy * bulge, (y0 + y1) / 2 - ux * bulge)
    return arrow(start, middle, end)


def side_lying(top_leg: float, top_knee: float = 0.0, top_foot: float = 80.0) -> Pose:
    """Lying on the side seen from the front: head left on the lower arm, legs right."""
    return Pose(
        torso=180,
        head=172,
        leg_a=L((top_leg, top_leg + top_knee, top_foot)),
        leg_b=L((-3, -3, 80), far=True),
        arm_a=L((-3, -3)),
        arm_b=L((172, 8), far=True),
        anchor=("hip", (66, FLOOR - 7)),
    )


def quadruped(
    arm_a: Limb | None = None, leg_a: Limb | None = None, leg_b: Limb | None = None
) -> Pose:
    """On all fours seen from the side: head left, knees under the hips, hands under the
    shoulders; the standing knee (``b`` when ``leg_a`` moves) stays where it was."""
    return Pose(
        torso=172,
        head=178,
        leg_a=leg_a or L((-90, 0, 10)),
        leg_b=leg_b or L((-92, -2, 8), far=True),
        arm_a=arm_a or L((-88, -92)),
        arm_b=L((-92, -88), far=True),
        anchor=("knee_b" if leg_a else "knee_a", (98 if leg_a else 96, FLOOR - 3.5)),
    )


def supine(hips_up: float, leg_a: Limb, leg_b: Limb, foot_y: float = FLOOR - 3.5) -> Pose:
    """On the back seen from the side: head left, the ``b`` foot planted (on the floor or a
    step at ``foot_y``); ``hips_up`` tilts the torso up from the shoulders."""
    torso = 180 - hips_up
    return Pose(
        torso=torso,
        head=180 - hips_up * 0.4,
        leg_a=leg_a,
        leg_b=leg_b,
        arm_a=L((torso + 180 - 6, 0)),
        arm_b=L((torso + 180 - 9, 0), far=True),
        anchor=("ankle_b", (118, foot_y)),
    )


def standing_front(
    leg_a: Limb,
    leg_b: Limb,
    anchor: tuple[str, Point],
    *,
    pelvis_tilt: float = 0.0,
    arm_a: Limb | None = None,
    arm_b: Limb | None = None,
) -> Pose:
    """Standing seen from the front: ``a`` is the image's left side."""
    return Pose(
        torso=90 - pelvis_tilt * 0.3,
        leg_a=leg_a,
        leg_b=leg_b,
        arm_a=arm_a or L((-100, -95)),
        arm_b=arm_b or L((-80, -85)),
        pelvis=(180 + pelvis_tilt, 13.0),
        shoulders=(180.0, 20.0),
        anchor=anchor,
    )


def side_leg_raise_pictures() -> list[Picture]:
    props = (floor(), mat(14, 150))
    start, end = side_lying(3), side_lying(38)
    lift = travel(start, end, "toe_a", bulge=-14)
    band_start = band("knee_a@0.8", "knee_b@0.8")
    banded_end = side_lying(30)
    wall_x = 112

    def wall_press(press: bool) -> Pose:
        leg_b = L((-76, -100, 0)) if press else L((-88, -92, 0))
        pose = standing_front(L((-90, -90, 180)), leg_b, ("ankle_a", (80, FLOOR - 3.5)))
        return pose

    pressing = wall_press(True)
    knee = at(pressing, "knee_b")
    shift = wall_x - 4 - knee[0]
    pressing = replace(pressing, anchor=("ankle_a", (80 + shift, FLOOR - 3.5)))
    resting = replace(wall_press(False), anchor=("ankle_a", (80 + shift, FLOOR - 3.5)))
    return [
        Picture(
            "side_leg_raise",
            "Side leg raise: start and end position",
            "Start lying on your side with the legs stacked; end with the top leg lifted to "
            "about 45 degrees.",
            Panel(start, props),
            Panel(end, props, (lift,)),
        ),
        Picture(
            "side_leg_raise.banded",
            "Banded side leg raise: start and end position",
            "Lying on your side with a loop band around both legs above the knees; lift the top "
            "leg against the band.",
            Panel(start, props, (band_start,)),
            Panel(
                banded_end,
                props,
                (band_start, travel(start, banded_end, "toe_a", bulge=-14)),
            ),
        ),
        Picture(
            "side_leg_raise.isometric",
            "Isometric wall press: start and end position",
            "Stand side-on to a wall; press the outside of the knee into the wall and hold "
            "without moving.",
            Panel(resting, (floor(), wall(wall_x))),
            Panel(
                pressing,
                (floor(), wall(wall_x)),
                (
                    motion(pressing, "knee_b", (-26, -8), (-14, -14), (-2, -8)),
                    label(wall_x + 8, 44, "hold"),
                ),
            ),
        ),
    ]


def quadruped_pictures() -> list[Picture]:
    props = (floor(), mat(14, 150))
    start = quadruped()
    reach = quadruped(arm_a=L((174, 177)), leg_b=L((-4, -2, -80), far=True))
    kick = quadruped(leg_a=L((10, 96, 5)))

    def hydrant(lift: bool) -> Pose:
        """On all fours seen from behind and a little above: the pelvis nearest, shoulders
        and head beyond it, so the hands meet the floor higher up the picture than the knees;
        the shins point at the viewer and show as short stubs."""
        pose = Pose(
            torso=90,
            head=90,
            torso_scale=0.55,
            solid_back=True,
            leg_a=L((180 if lift else -90, -90, -90), segments=2),
            leg_b=L((-90, -90, -90), segments=2),
            arm_a=L((-100, -90), far=True),
            arm_b=L((-80, -90), far=True),
            pelvis=(180, 22),
            shoulders=(180, 26),
            head_behind=True,
            anchor=("knee_b", (92, FLOOR - 8)),
        )
        j = pose.joints()
        return replace(
            pose,
            placed=(
                ("ankle_a", (j["knee_a"][0], j["knee_a"][1] + 9)),
                ("ankle_b", (j["knee_b"][0], j["knee_b"][1] + 9)),
                ("hand_a", (j["elbow_a"][0] - 1, FLOOR - 20)),
                ("hand_b", (j["elbow_b"][0] + 1, FLOOR - 20)),
            ),
        )

    lifted = hydrant(True)
    floor_area = (top_mat(20, FLOOR - 26, 140, FLOOR + 2),)
    return [
        Picture(
            "bird_dog",
            "Bird dog: start and end position",
            "Start on all fours; end reaching one arm forward and the opposite leg back, level "
            "with the body.",
            Panel(start, props),
            Panel(
                reach,
                props,
                (
                    travel(start, reach, "hand_a", bulge=-12, gap=6),
                    travel(start, reach, "ankle_b", bulge=12, gap=6),
                ),
            ),
        ),
        Picture(
            "donkey_kick",
            "Donkey kick: start and end position",
            "Start on all fours; end with the knee bent and the foot kicked up and back "
            "towards the ceiling.",
            Panel(start, props),
            Panel(kick, props, (travel(start, kick, "ankle_a", bulge=14, gap=7),)),
        ),
        Picture(
            "fire_hydrant",
            "Fire hydrant: start and end position, seen from behind",
            "On all fours; keep the knee bent and lift the leg out to the side until the thigh "
            "is level with the hip.",
            Panel(hydrant(False), floor_area),
            Panel(
                lifted, floor_area, (travel(hydrant(False), lifted, "knee_a", bulge=-10, gap=6),)
            ),
        ),
    ]


def hip_hike_pictures() -> list[Picture]:
    def hike(tilt: float, on_step: bool) -> Pose:
        # Standing on the image-right leg; the free leg hangs from the dropping/lifting hip.
        ground = FLOOR - (17.5 if on_step else 3.5)
        return standing_front(
            L((-90, -96, 180)),
            L((-90, -90, 0)),
            ("ankle_b", (104, ground)),
            pelvis_tilt=tilt,
            arm_a=L((-110, -100)),
            arm_b=L((-72, -84)),
        )

    step_props = (floor(), step(96, 150, 14))
    dropped, level = hike(-22, False), hike(12, False)
    dropped_step, level_step = hike(-26, True), hike(12, True)
    return [
        Picture(
            "hip_hike",
            "Hip hike: start and end position",
            "Standing on one leg, let the free hip drop a few centimetres; end with it lifted "
            "level again by the standing hip.",
            Panel(dropped, (floor(),)),
            Panel(level, (floor(),), (motion(level, "hip_a", (-14, 16), (-22, 6), (-14, -6)),)),
        ),
        Picture(
            "hip_hike.step",
            "Hip hike on a step: start and end position",
            "Standing on one leg on a step with the free foot off the edge; let the free hip "
            "drop, then lift it level with the standing hip.",
            Panel(dropped_step, step_props),
            Panel(
                level_step,
                step_props,
                (motion(level_step, "hip_a", (-14, 16), (-22, 6), (-14, -6)),),
            ),
        ),
    ]


def bridge_pictures() -> list[Picture]:
    props = (floor(), mat(10, 152))
    planted_down, planted_up = L((58, -58, 0), far=True), L((26, -80, 0), far=True)
    bridge_start = supine(0, L((56, -60, 0)), planted_down)
    bridge_end = supine(16, L((28, -78, 0)), planted_up)
    single_start = supine(0, L((38, 38, 100)), planted_down)
    single_end = supine(16, L((16, 16, 100)), planted_up)
    step_y = FLOOR - 18.5
    step_props = (floor(), mat(10, 152), step(104, 146, 15))
    step_start = supine(0, L((44, 44, 100)), L((64, -52, 0), far=True), step_y)
    step_end = supine(14, L((14, 14, 100)), L((32, -72, 0), far=True), step_y)

    def lift(pose: Pose) -> Prop:
        return motion(pose, "hip", (0, 24), (-10, 14), (-2, 6))

    return [
        Picture(
            "glute_bridge",
            "Glute bridge: start and end position",
            "Start on your back with the knees bent and feet flat; end with the hips lifted so "
            "knees, hips and shoulders line up.",
            Panel(bridge_start, props),
            Panel(bridge_end, props, (lift(bridge_end),)),
        ),
        Picture(
            "single_leg_bridge",
            "Single-leg bridge: start and end position",
            "Start on your back, one foot flat and the other leg straight; end with the hips "
            "lifted and the straight leg in line with the body; hold two seconds.",
            Panel(single_start, props),
            Panel(single_end, props, (lift(single_end), label(118, 40, "hold 2 s"))),
        ),
        Picture(
            "single_leg_bridge.step",
            "Single-leg bridge with the foot on a step: start and end position",
            "On your back with one foot on a step and the other leg straight; lift the hips "
            "until the body is in line, hold, lower.",
            Panel(step_start, step_props),
            Panel(step_end, step_props, (lift(step_end), label(118, 40, "hold"))),
        ),
    ]


def clamshell_pictures() -> list[Picture]:
    # Seen from the front and a little above, lying on a mat: the bent knees come towards
    # the viewer (down the picture); opening the top knee lifts it towards the ceiling while
    # the heels stay together.
    def clam(opening: float) -> Pose:
        pose = Pose(
            torso=180,
            head=172,
            leg_a=L((-38, 38, 60)),
            leg_b=L((-40, 40, 60), far=True),
            arm_a=L((-3, -3)),
            arm_b=L((172, 8), far=True),
            anchor=("hip", (74, FLOOR - 24)),
        )
        j = pose.joints()
        knee = (j["knee_a"][0] + opening * 0.15, j["knee_a"][1] - opening)
        return replace(pose, placed=(("knee_a", knee),))

    props = (top_mat(12, FLOOR - 34, 150, FLOOR),)
    closed, opened, opened_band = clam(0), clam(26), clam(22)
    knee_band = band("knee_a@0.75", "knee_b@0.75")
    return [
        Picture(
            "clamshell",
            "Clamshell: start and end position",
            "Lying on your side with hips and knees bent and heels together; end with the top "
            "knee opened while the feet stay together.",
            Panel(closed, props),
            Panel(opened, props, (travel(closed, opened, "knee_a", bulge=-8, gap=5),)),
        ),
        Picture(
            "clamshell.banded",
            "Banded clamshell: start and end position",
            "Lying on your side, a loop band above the knees; open the top knee against the "
            "band, heels together.",
            Panel(closed, props, (knee_band,)),
            Panel(
                opened_band,
                props,
                (knee_band, travel(closed, opened_band, "knee_a", bulge=-8, gap=5)),
            ),
        ),
    ]


def standing_pictures() -> list[Picture]:
    def stance(spread: float, x: float) -> Pose:
        # A quarter squat: knees slightly bent and out, feet on the floor, hands on the hips.
        return standing_front(
            L((-96 - spread, -84 - spread, 180)),
            L((-84 + spread, -96 + spread, 0)),
            ("ankle_b", (x, FLOOR - 3.5)),
            arm_a=L((-120, -20)),
            arm_b=L((-60, -160)),
        )

    narrow, wide = stance(6, 90), stance(20, 100)

    def abduction(lift: float) -> Pose:
        return standing_front(
            L((-90 - lift, -90 - lift, 180 - lift)),
            L((-90, -90, 0)),
            ("ankle_b", (92, FLOOR - 3.5)),
            arm_b=L((-25, -40)),
        )

    raised = abduction(32)
    chair_props = (floor(), chair(132, facing_left=False))

    def step_down(bend: float) -> Pose:
        # Side view facing left, on the step's front edge; the free leg hangs in front.
        return Pose(
            torso=90 + bend * 0.35,
            head=92 + bend * 0.2,
            leg_a=L((-90 - bend, -90 + bend * 0.95, 180)),
            leg_b=L((-104 - bend * 0.2, -96 - bend * 0.1, 180), far=True),
            arm_a=L((182, 182)),
            arm_b=L((186, 186), far=True),
            anchor=("ankle_a", (100, FLOOR - 15.5)),
        )

    step_props = (floor(), step(88, 150, 12))
    lowered = step_down(36)
    return [
        Picture(
            "lateral_band_walk",
            "Lateral band walk: start and end position",
            "A band around the ankles, feet hip-width apart in a quarter squat; step sideways "
            "keeping the band tight.",
            Panel(narrow, (floor(),), (band("ankle_a", "ankle_b"),)),
            Panel(
                wide,
                (floor(),),
                (
                    band("ankle_a", "ankle_b"),
                    motion(wide, "ankle_a", (8, -24), (-6, -28), (-16, -20)),
                ),
            ),
        ),
        Picture(
            "standing_hip_abduction",
            "Standing hip abduction: start and end position",
            "Stand tall holding a chair; lift one leg out to the side with the toes forward, "
            "then lower slowly.",
            Panel(abduction(0), chair_props),
            Panel(raised, chair_props, (motion(raised, "ankle_a", (16, 14), (2, 14), (-6, 2)),)),
        ),
        Picture(
            "step_down",
            "Step-down: start and end position",
            "Stand on one leg on a low step, the other foot off the front edge; bend the "
            "standing knee to lower the free heel towards the floor, knee over the toes.",
            Panel(step_down(0), step_props),
            Panel(
                lowered, step_props, (motion(lowered, "ankle_b", (-12, -18), (-16, -6), (-8, 4)),)
            ),
        ),
    ]


def side_plank_pictures() -> list[Picture]:
    def plank(up: bool) -> Pose:
        # Propped on the lower forearm (elbow under the shoulder); the top arm reaches up.
        torso, legs = (167.0, -13.0) if up else (146.0, 0.0)
        return Pose(
            torso=torso,
            head=torso + 6,
            leg_a=L((legs + 1, legs + 1, legs + 80)),
            leg_b=L((legs - 1, legs - 1, legs + 80), far=True),
            arm_a=L((90, 90) if up else (torso + 180 + 6, torso + 180 + 6)),
            arm_b=L((-90, 180), far=True),
            anchor=("elbow_b", (44, FLOOR - 4)),
        )

    props = (floor(), mat(12, 152))
    lifted = plank(True)
    return [
        Picture(
            "side_plank",
            "Side plank: start and end position",
            "Start on your side propped on the forearm, elbow under the shoulder; end with the "
            "hips lifted so the body is a straight line, and hold.",
            Panel(plank(False), props),
            Panel(
                lifted,
                props,
                (motion(lifted, "hip", (0, 26), (-10, 16), (-2, 8)), label(112, 44, "hold")),
            ),
        ),
    ]


def pictures() -> list[Picture]:
    """Every picture: one per catalog exercise, plus the variant families (``key.family``)."""
    return [
        *side_leg_raise_pictures(),
        *quadruped_pictures(),
        *hip_hike_pictures(),
        *bridge_pictures(),
        *clamshell_pictures(),
        *standing_pictures(),
        *side_plank_pictures(),
    ]


def write_all(out: Path = OUT) -> list[Path]:
    """Write every picture as ``<key>.svg`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for picture in pictures():
        path = out / f"{picture.key}.svg"
        path.write_text(render(picture), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {len(paths)} pictures")
