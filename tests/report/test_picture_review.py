"""The drawings as a sports physiotherapist reviewed them: a knee drawn bent as far as its rung
prescribes (a runner on a pain pause copies the picture), the hip hike on a step dropping below
the step, the standing hip drawn as the one working, the rotations with their band and table
seen from where the turn shows, hovering knees visibly off the floor, and the elbow-to-knee
drawn without a tangle. Every check reads the shipped SVG back (``tests/report/figures.py``)."""

from __future__ import annotations

import itertools
import math
import sys
import xml.etree.ElementTree as ET

import pytest

from hipcoach.report.pictures import picture_svg
from tests.conftest import REPO
from tests.report.figures import CONTACT, FLOOR, SVG, PanelGeometry, Point, distance
from tests.report.test_pictures import PICTURES, RUNGS, geometry

sys.path.insert(0, str(REPO / "tools"))
from drawings.figure import SHIN, THIGH

# -- the knee bends as far as the rung says, never further -----------------------------------

KNEE_RUNGS = [(e, v) for e, v in RUNGS if v.knee_flexion is not None]
#: how far (degrees) a drawn knee may be from the rung's prescribed bend
KNEE_TOLERANCE = 4.0


def _front_view(panel: PanelGeometry) -> bool:
    """Seen from the front (or behind): the pelvis is drawn with a width."""
    return "pelvis" in panel.roles


def knee_flexion(panel: PanelGeometry, side: str) -> float:
    """The knee's bend in degrees (0: straight). Seen from the side the thigh and shin lie in
    the picture and the angle between them is the bend; seen from the front they point
    towards the viewer (knee forward) and their drawn length is shortened by that depth, which
    gives each segment's depth back from its true length."""
    hip, knee, ankle = (panel[f"{j}_{side}"] for j in ("hip", "knee", "ankle"))
    thigh = (knee[0] - hip[0], knee[1] - hip[1])
    shin = (ankle[0] - knee[0], ankle[1] - knee[1])
    drawn_thigh, drawn_shin = math.hypot(*thigh), math.hypot(*shin)
    in_plane = thigh[0] * shin[0] + thigh[1] * shin[1]
    if not _front_view(panel):
        # A side view draws both segments whole: no depth is hidden.
        assert drawn_thigh == pytest.approx(THIGH, abs=0.3) and drawn_shin == pytest.approx(
            SHIN, abs=0.3
        ), (side, drawn_thigh, drawn_shin)
        return math.degrees(math.acos(in_plane / (drawn_thigh * drawn_shin)))
    assert drawn_thigh <= THIGH + 0.2 and drawn_shin <= SHIN + 0.2
    # The thigh comes towards the viewer (hip to knee), the shin goes away (knee to ankle).
    depth_thigh = math.sqrt(max(0.0, THIGH**2 - drawn_thigh**2))
    depth_shin = math.sqrt(max(0.0, SHIN**2 - drawn_shin**2))
    cos = (in_plane - depth_thigh * depth_shin) / (THIGH * SHIN)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _loaded(panel: PanelGeometry, side: str) -> bool:
    """The leg stands on something: its ankle or toes rest on the floor, a step or a box."""
    rests = [top - CONTACT for top in panel.surfaces()]
    feet = [panel[j][1] for j in (f"ankle_{side}", f"toe_{side}") if j in panel.joints]
    return any(abs(y - rest) <= 1.5 for y in feet for rest in rests)


def deepest_loaded_bend(key: str) -> float:
    """The deepest knee bend of a leg standing on something, over both panels."""
    bends = [
        knee_flexion(panel, side)
        for panel in geometry(key).values()
        for side in "ab"
        if f"knee_{side}" in panel.joints and _loaded(panel, side)
    ]
    assert bends, key
    return max(bends)


def test_the_knee_rungs_are_the_ones_checked():
    pictures = {v.picture for _, v in KNEE_RUNGS}
    assert {"wall_sit", "step_down", "single_leg_squat", "box_squat"} <= pictures
    assert len(KNEE_RUNGS) >= 20


@pytest.mark.parametrize(("exercise", "rung"), KNEE_RUNGS, ids=[v.name for _, v in KNEE_RUNGS])
def test_a_knee_rungs_drawing_bends_the_knee_as_far_as_the_rung_prescribes(exercise, rung):
    drawn = deepest_loaded_bend(rung.picture)
    assert abs(drawn - rung.knee_flexion) <= KNEE_TOLERANCE, (
        f"{rung.name!r} prescribes {rung.knee_flexion}°, {rung.picture} draws {drawn:.0f}°"
    )


def test_the_knee_measure_reads_a_known_side_view_and_front_view():
    """The measure itself: a right-angled knee seen from the side, and a knee bent 60 degrees
    seen from the front (thigh and shin each 30 degrees out of the picture)."""
    side = PanelGeometry(
        {"hip_a": (0, 0), "knee_a": (-THIGH, 0), "ankle_a": (-THIGH, SHIN)}, {}, {}
    )
    assert knee_flexion(side, "a") == pytest.approx(90)
    c = math.cos(math.radians(30))
    front = PanelGeometry(
        {"hip_a": (0, 0), "knee_a": (0, THIGH * c), "ankle_a": (0, THIGH * c + SHIN * c)},
        {"pelvis": "fixed"},
        {},
    )
    assert knee_flexion(front, "a") == pytest.approx(60, abs=0.1)


# -- the hip hikes: the standing hip works, the step version drops below the step ------------

HIP_HIKES = ["hip_hike", "hip_hike.step", "hip_hike.wall", "hip_hike.dumbbell"]


@pytest.mark.parametrize("key", HIP_HIKES)
def test_a_hip_hike_colours_the_standing_leg_that_lifts_the_free_hip(key):
    """The standing hip's muscles lift the pelvis: the standing leg (b) and the pelvis are the
    working parts, the free leg only goes along; the label still says which hip goes up."""
    for name, panel in geometry(key).items():
        assert panel.roles["leg_b"] == "working" and panel.roles["pelvis"] == "working", name
        assert panel.roles["leg_a"] != "working", name
    assert ">free hip up</text>" in picture_svg(key)


def test_the_hip_hike_on_a_step_drops_the_free_foot_below_the_step_then_lifts_it():
    start, end = geometry("hip_hike.step")["start"], geometry("hip_hike.step")["end"]
    step_top = float(start.props["step"].get("y"))
    assert start["ankle_b"][1] == pytest.approx(step_top - CONTACT, abs=1)  # on the step
    # The free side drops below level, the free foot below the step's top...
    assert start["hip_a"][1] > start["hip_b"][1] + 2.5
    assert max(start["ankle_a"][1], start["toe_a"][1]) > step_top + 3
    # ...then lifts above level, the free foot well up.
    assert end["hip_a"][1] < end["hip_b"][1] - 2.5
    assert end["ankle_a"][1] < start["ankle_a"][1] - 6
    # The free foot hangs off the step's edge, never in it, and clear of the floor; the
    # standing hip stays where it is.
    step_x = float(start.props["step"].get("x"))
    for panel in (start, end):
        assert max(panel["ankle_a"][0], panel["toe_a"][0]) < step_x - 2
        assert max(panel["ankle_a"][1], panel["toe_a"][1]) < FLOOR - CONTACT - 3
    assert end["hip_b"] == pytest.approx(start["hip_b"], abs=0.5)


# -- the rotations: band, support, and a view where the turn shows -----------------------------

ROTATIONS = ["seated_hip_rotation", "standing_hip_rotation"]


def _band_ends(panel: PanelGeometry) -> tuple[Point, Point]:
    pairs = [p.split(",") for p in panel.props["band"].get("points", "").split()]
    points = [(float(x), float(y)) for x, y in pairs]
    return points[0], points[-1]


def _table(panel: PanelGeometry) -> tuple[float, float, float]:
    """The table's left and right edge and the height of its top."""
    x1, top, x2 = (float(v) for v in panel.props["table"].get("data-top", "").split(","))
    return x1, top, x2


@pytest.mark.parametrize("key", ROTATIONS)
def test_a_rotation_shows_the_thigh_level_and_still_while_the_foot_swings_in(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    for panel in (start, end):
        # The thigh is level (knee at hip height), drawn long enough to read as forward.
        assert abs(panel["knee_a"][1] - panel["hip_a"][1]) <= 3
        assert distance(panel["hip_a"], panel["knee_a"]) >= 0.4 * THIGH
    # 90 degrees at the knee to start: the shin hangs straight down from the knee.
    assert abs(start["ankle_a"][0] - start["knee_a"][0]) <= 2
    assert start["ankle_a"][1] > start["knee_a"][1] + 0.8 * SHIN
    assert distance(start["knee_a"], end["knee_a"]) <= 1.5  # the knee stays put
    # The foot swings in, towards the standing (or other) leg.
    towards = 1 if start["ankle_b"][0] > start["ankle_a"][0] else -1
    assert towards * (end["ankle_a"][0] - start["ankle_a"][0]) >= 8


@pytest.mark.parametrize("key", ROTATIONS)
def test_a_rotation_pulls_against_a_band_tied_to_a_table_leg_outside_the_foot(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    lengths = []
    for panel in (start, end):
        foot, tie = _band_ends(panel)
        assert distance(foot, panel["ankle_a"]) <= 1.5  # around the working ankle
        x1, top, x2 = _table(panel)
        assert x1 - 1 <= tie[0] <= x2 + 1 and top < tie[1] <= FLOOR  # tied to the table
        lengths.append(distance(foot, tie))
    # Outside the foot: the other leg is on the far side of the foot from the tie.
    foot, tie = _band_ends(start)
    assert (tie[0] - foot[0]) * (start["ankle_b"][0] - foot[0]) < 0
    assert lengths[1] >= lengths[0] + 3  # the band stretches as the foot swings in


def test_the_standing_rotation_has_fingertips_on_the_table():
    for panel in geometry("standing_hip_rotation").values():
        x1, top, x2 = _table(panel)
        hand = panel["hand_a"]
        assert x1 <= hand[0] <= x2 and abs(hand[1] - (top - CONTACT)) <= 2


def test_the_seated_rotation_sits_on_the_seat():
    for panel in geometry("seated_hip_rotation").values():
        seat = float(panel.props["chair"].get("data-seat").split(",")[1])
        assert 3 <= seat - panel["hip_a"][1] <= 9
        assert panel["ankle_b"][1] == pytest.approx(FLOOR - CONTACT, abs=1)  # other foot down


# -- hovering knees: a gap anyone can see --------------------------------------------------------

#: half a drawn limb's width: a joint's stroke reaches this far below the joint
LIMB_HALF = 3.5


@pytest.mark.parametrize(
    ("key", "kneeling"),
    [("bird_dog.hovering", "bird_dog"), ("donkey_kick.hovering", "donkey_kick")],
)
def test_hovering_knees_are_visibly_off_the_mat(key, kneeling):
    """The knee's stroke clears the mat's top by a visible gap in both panels (the knee that
    lifts excepted), higher than the same figure kneeling, the toes still down."""
    kneeling_knee = geometry(kneeling)["start"]["knee_b"][1]
    for name, panel in geometry(key).items():
        mat_top = float(panel.props["mat"].get("y"))
        resting = [k for k in ("knee_a", "knee_b") if panel[k][1] > panel["hip"][1] + 10]
        assert resting, name
        for knee in resting:
            gap = mat_top - (panel[knee][1] + LIMB_HALF)
            assert gap >= 4, (name, knee, gap)
            assert panel[knee][1] <= kneeling_knee - 6, (name, knee)
        toes = [panel[t][1] for t in ("toe_a", "toe_b") if t in panel.joints]
        assert max(toes) >= FLOOR - CONTACT - 1.5, name  # on tucked toes


# -- the elbow-to-knee: the two limbs meet under the body, nothing tangled ----------------------


def _segments(panel: PanelGeometry, part: str) -> list[tuple[Point, Point]]:
    if part == "torso":
        return [(panel["hip"], panel["neck"])]
    joints = [panel[j] for j in panel.part_joints(part)]
    return list(itertools.pairwise(joints))


def _cross(p: tuple[Point, Point], q: tuple[Point, Point]) -> bool:
    """Whether two segments cross (touching only at an end does not count)."""

    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    (a, b), (c, d) = p, q
    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return d1 * d2 < -1e-6 and d3 * d4 < -1e-6


def _apart(point: Point, segments: list[tuple[Point, Point]]) -> float:
    """The distance from a point to the nearest of some segments."""

    def to_segment(p: Point, a: Point, b: Point) -> float:
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        return distance(p, (a[0] + t * dx, a[1] + t * dy))

    return min(to_segment(point, a, b) for a, b in segments)


def _along(segments: list[tuple[Point, Point]]) -> list[Point]:
    """Points every unit along some segments."""
    out = []
    for (x0, y0), (x1, y1) in segments:
        steps = max(1, int(distance((x0, y0), (x1, y1))))
        out += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps)]
    return out


def test_the_elbow_to_knee_meets_under_the_body_without_a_tangle():
    """The elbow and the opposite knee meet end to end under the trunk: the knee comes up
    behind the elbow (never past it), and away from where they meet the two moving limbs keep
    a limb's width apart and cross neither each other nor the trunk (a moving limb may pass in
    front of, or behind, a supporting one: that is depth, drawn near over far)."""
    panel = geometry("bird_dog.elbow_to_knee")["end"]
    elbow, knee = panel["elbow_a"], panel["knee_b"]
    assert distance(elbow, knee) <= 8  # they meet...
    low, high = sorted((panel["neck"][0], panel["hip"][0]))
    trunk_y = max(panel["neck"][1], panel["hip"][1])
    for joint in (elbow, knee):  # ...under the trunk, between shoulders and hips
        assert low <= joint[0] <= high and joint[1] > trunk_y + 4
    assert knee[0] >= elbow[0] - 2  # head to the left: the knee stays behind the elbow
    # Without touching down: the hand and the foot are off the mat.
    assert panel["hand_a"][1] < FLOOR - CONTACT - 6 and panel["ankle_b"][1] < FLOOR - CONTACT - 6
    arm, leg, trunk = (_segments(panel, p) for p in ("arm_a", "leg_b", "torso"))
    assert not any(_cross(a, b) for a in arm for b in leg + trunk)
    assert not any(_cross(a, b) for a in leg for b in trunk)
    meet = ((elbow[0] + knee[0]) / 2, (elbow[1] + knee[1]) / 2)
    width = 7  # a drawn limb
    for points, others in ((_along(arm), leg), (_along(leg), arm)):
        for point in points:
            if distance(point, meet) > 9:
                assert _apart(point, others) >= width, point


# -- two working limbs at different depths: the near one reads as in front --------------------


def _outlined(key: str) -> list[tuple[str, str, bool]]:
    """Each panel's near working limbs, and whether a paper-coloured outline of the same
    points is drawn just before it."""
    out = []
    for group in ET.fromstring(picture_svg(key)).iter(f"{SVG}g"):
        if not group.get("data-panel"):
            continue
        strokes = list(group)
        for i, element in enumerate(strokes):
            part = element.get("data-part", "")
            if element.get("class") == "working" and part.startswith(("leg_", "arm_")):
                before = strokes[i - 1]
                halo = before.get("class") == "halo" and before.get("points") == element.get(
                    "points"
                )
                out.append((group.get("data-panel", ""), part, halo))
    return out


@pytest.mark.parametrize("key", ["bird_dog.elbow_to_knee", "bird_dog", "box_squat", "wall_sit"])
def test_a_near_working_limb_is_outlined_where_a_far_one_works_too(key):
    pose = PICTURES[key].end.pose  # which limbs are far is the generator's to say
    outlined = _outlined(key)
    assert {part for _, part, _ in outlined if pose.limb(part).far}, key  # a far one works
    for panel, part, halo in outlined:
        assert halo == (not pose.limb(part).far), (panel, part)


def test_no_outline_where_only_one_depth_works():
    assert not any(halo for _, _, halo in _outlined("donkey_kick"))
