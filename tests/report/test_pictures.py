"""The exercise drawings: one per body position, every rung named, and each pose checked by its
geometry (read back from the shipped SVG), not only against the generator's output."""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from hipcoach.programme import catalog
from hipcoach.report.pictures import available, picture_svg
from tests.conftest import REPO
from tests.report.figures import CONTACT, FLOOR, SVG, angle, below_line, distance, panels

sys.path.insert(0, str(REPO / "tools"))
from drawings.catalogue import pictures as generated
from drawings.svg import WORKING, text_width

PICTURES = {p.key: p for p in generated()}
RUNGS = [(e.key, v) for e in catalog.all_exercises() for v in e.ladder]
#: drawings made ahead of the rungs that will use them (none waiting now: the 45-degree
#: ``step_down.halfway`` is the knee ladder's halfway step-down's)
AWAITING_RUNGS: set[str] = set()
#: words in a rung's name, and the words its drawing's position must then contain (the first
#: rule that matches applies)
POSITION_WORDS = [
    (r"hovering", "hovering"),
    (r"kneeling side-plank|side plank on the knees|side-plank clamshell", "side plank on the"),
    (r"side-plank|side plank", "side plank"),
    (r"^side(-lying)? leg raise", "side-lying, legs straight"),
    (r"^clamshell", "side-lying, knees bent"),
    (r"hip thrust", "sofa"),
    (r"marching", "one foot lifting"),
    (r"both feet|^glute bridge", "both feet"),
    (r"^single-leg bridge", "one foot"),
    (r"leg only", "one leg reaching back"),
    (r"from a plank", "high plank"),
    (r"plank leg lift", "forearm plank"),
    (r"^bird dog|^donkey kick|^fire hydrant", "on all fours"),
    (r"^standing pelvic-level", "lifting onto one leg"),
    (r"^hip hike", "on one leg"),
    (r"sit-to-stand from a high seat", "high seat"),
    (r"sit-to-stand|squat to a chair", "chair"),
    (r"step-down halfway", "on a step, lowering halfway"),
    (r"step-down", "on a step"),
    (r"^step-up", "stepping up onto a low step"),
    (r"^box squat", "squatting back to a box"),
    (r"^seated hip external rotation", "sitting on a chair"),
    (r"^standing hip external rotation", "free knee lifted, turning out"),
    (r"wall press", "side-on to a wall"),
    (r"^wall sit, high", "against a wall, knees bent a little"),
    (r"hand on a wall|wall sit", "wall"),
    (r"without support", "no support"),
    (r"^standing hip abduction", "one leg out to the side"),
    (r"single-leg squat", "quarter squat"),
    (r"^lateral band walk.*half squat", "half squat, band ankles"),
    (r"^lateral band walk, band above the knees", "band knees"),
    (r"^lateral band walk", "band ankles"),
]


def geometry(key: str):
    return panels(picture_svg(key))


# -- every rung has its own body position's drawing ---------------------------------------


@pytest.mark.parametrize(("exercise", "rung"), RUNGS, ids=[v.name for _, v in RUNGS])
def test_every_rung_names_a_shipped_picture(exercise, rung):
    assert rung.picture in available(), f"{exercise}: {rung.name!r} has no picture"


@pytest.mark.parametrize(("exercise", "rung"), RUNGS, ids=[v.name for _, v in RUNGS])
def test_a_rungs_picture_shows_the_position_its_name_says(exercise, rung):
    position = PICTURES[rung.picture].position
    words = next((w for p, w in POSITION_WORDS if re.search(p, rung.name, re.IGNORECASE)), None)
    assert words is not None, f"no position rule names {rung.name!r}"
    assert words in position, (rung.name, rung.picture, position)


def test_no_two_pictures_show_the_same_position():
    shared = [p for p, n in Counter(p.position for p in PICTURES.values()).items() if n > 1]
    assert shared == []


def test_every_picture_is_used_by_a_rung_or_awaits_one():
    used = {v.picture for _, v in RUNGS}
    assert set(PICTURES) - used == AWAITING_RUNGS
    assert used <= set(PICTURES)


def test_the_shipped_set_is_the_generators():
    assert available() == set(PICTURES)


def test_committed_pictures_are_the_generators_output(tmp_path: Path):
    """Edit the poses in tools/drawings, then run tools/exercise_pictures.py: never the SVGs."""
    import exercise_pictures

    written = exercise_pictures.write_all(tmp_path)
    shipped = REPO / "src" / "hipcoach" / "report" / "pictures"
    assert {p.name for p in written} == {p.name for p in shipped.glob("*.svg")}
    for path in written:
        assert path.read_text() == (shipped / path.name).read_text(), path.name


# -- each picture, as drawn ------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_each_picture_is_an_accessible_two_panel_svg(key):
    root = ET.fromstring(picture_svg(key))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("data-picture") == key
    title = root.find(f"{SVG}title")
    assert title is not None and "start and end position" in (title.text or "")
    assert root.find(f"{SVG}desc") is not None
    captions = [t.text for t in root.iter(f"{SVG}text")]
    assert "1 · start" in captions and "2 · end" in captions
    assert not [e for e in root.iter() if e.get("id")]  # inlined many times: no ids
    assert all(float(t.get("font-size", 0)) >= 12 for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_the_working_part_moves_and_the_fixed_parts_stay(key):
    """Working parts move, except those that hold still while they work (the standing leg
    of a hip hike); everything not carried along stays put."""
    picture = PICTURES[key]
    start, end = geometry(key)["start"], geometry(key)["end"]
    for part in set(picture.working) - set(picture.holding):
        moved = max(distance(start[j], end[j]) for j in start.part_joints(part))
        assert moved >= 3.5, (part, moved)
    assert set(picture.holding) <= set(picture.working)
    fixed = {"pelvis", "torso", "head", "leg_a", "leg_b", "arm_a", "arm_b"}
    for part in fixed - (set(picture.working) - set(picture.holding)) - set(picture.carried):
        moved = max((distance(start[j], end[j]) for j in start.part_joints(part)), default=0)
        assert moved <= 2.5, (part, moved)


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_only_the_working_parts_are_in_the_accent_colour(key):
    working = set(PICTURES[key].working)
    for panel in geometry(key).values():
        accent = {p for p, role in panel.roles.items() if role == "working"}
        limbs = {p for p in panel.roles if p.startswith(("leg_", "arm_"))}
        assert accent & limbs == working & limbs
        if "pelvis" in working:  # the pelvis line, or seen from the side the torso line
            assert {"pelvis", "torso"} & accent
    assert WORKING in picture_svg(key)


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_the_figure_rests_on_something_and_nothing_sinks_through_the_floor(key):
    """The lowest joint rests on the floor, a step or a seat; or, standing on a step, it
    hangs off the step's edge (a free foot let down beside it) and a joint rests on the step."""
    for name, panel in geometry(key).items():
        lowest_joint = max(panel.joints, key=lambda j: panel[j][1])
        x, lowest = panel[lowest_joint]
        assert lowest <= FLOOR - CONTACT + 2, (name, lowest)
        gaps = [abs(lowest - (top - CONTACT)) for top in panel.surfaces()]
        if min(gaps) <= 3.5:
            continue
        step = panel.props.get("step")
        assert step is not None, (name, lowest_joint, lowest, panel.surfaces())
        left, top = float(step.get("x")), float(step.get("y"))
        right = left + float(step.get("width"))
        assert not left - CONTACT <= x <= right + CONTACT and lowest > top - CONTACT, name
        on_step = [y for jx, y in panel.joints.values() if left <= jx <= right]
        assert min(abs(y - (top - CONTACT)) for y in on_step) <= 1, name


# -- what the poses mean -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["hip_hike", "hip_hike.wall", "hip_hike.dumbbell"])
def test_hip_hike_starts_level_and_ends_with_the_free_hip_higher(key):
    """On the floor (the step's version drops below level first: test_picture_review)."""
    start, end = geometry(key)["start"], geometry(key)["end"]
    assert abs(start["hip_a"][1] - start["hip_b"][1]) < 0.5  # level
    assert end["hip_a"][1] < start["hip_a"][1] - 2.5  # the free hip ends higher...
    assert end["hip_a"][1] < end["hip_b"][1] - 2.5  # ...than the standing hip
    assert end["hip_b"] == pytest.approx(start["hip_b"], abs=0.5)  # the standing hip stays
    standing = start["ankle_b"][1]
    for panel in (start, end):
        free_foot = max(panel["ankle_a"][1], panel["toe_a"][1])
        assert free_foot < standing - 3 and free_foot < FLOOR - CONTACT - 3  # clears


SIDE_LYING = ["side_leg_raise", "side_leg_raise.band", "clamshell", "clamshell.band"]


@pytest.mark.parametrize("key", SIDE_LYING)
def test_side_lying_hips_and_shoulders_are_stacked_and_the_head_propped(key):
    for panel in geometry(key).values():
        for joint in ("hip", "shoulder"):
            top, bottom = panel[f"{joint}_a"], panel[f"{joint}_b"]
            assert abs(top[0] - bottom[0]) <= 3 and bottom[1] - top[1] >= 10, joint
        head = panel["head"]
        assert head[1] < FLOOR - 14  # off the floor: propped, not lying on the back
        assert distance(panel["hand_b"], head) <= 12  # on the bottom hand
        assert abs(panel["elbow_b"][1] - panel["hip_b"][1]) <= 1.5  # elbow down by the hip


@pytest.mark.parametrize("key", ["side_leg_raise", "side_leg_raise.band"])
def test_side_leg_raise_lifts_the_top_leg_from_the_bottom_one(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    assert distance(start["ankle_a"], start["ankle_b"]) <= 10  # legs stacked
    lift = angle(end["hip_a"], end["ankle_a"]) - angle(end["hip_b"], end["ankle_b"])
    assert 20 <= lift <= 45


@pytest.mark.parametrize("key", ["clamshell", "clamshell.band"])
def test_clamshell_opens_the_top_knee_with_the_heels_together(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    for panel in (start, end):
        assert distance(panel["ankle_a"], panel["ankle_b"]) <= 8
    assert end["knee_a"][1] < start["knee_a"][1] - 15
    assert start["knee_a"][1] > start["hip_a"][1]  # hips bent: knees in front, below


BRIDGES = [
    "glute_bridge",
    "glute_bridge.step",
    "single_leg_bridge",
    "single_leg_bridge.step",
    "hip_thrust",
]


@pytest.mark.parametrize("key", BRIDGES)
def test_a_bridge_ends_with_the_hips_on_the_knees_shoulders_line(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    # The planted knee: leg a, drawn nearest (both knees in a bridge on both feet).
    assert below_line(start["hip"], start["neck"], start["knee_a"]) >= 6
    assert below_line(end["hip"], end["neck"], end["knee_a"]) <= 1.5
    assert end["hip"][1] < start["hip"][1] - 5


@pytest.mark.parametrize("key", ["side_plank", "kneeling_side_plank", "side_plank.step"])
def test_a_side_plank_ends_straight_from_shoulders_to_the_support(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    support = "knee_b" if key.startswith("kneeling") else "ankle_b"
    # The bottom side, the one the body rests on, is the line: shoulder, hip, feet (knees).
    assert abs(below_line(end["hip_b"], end["shoulder_b"], end[support])) <= 1.5
    assert below_line(start["hip_b"], start["shoulder_b"], start[support]) >= 2
    assert end["hip_b"][1] < start["hip_b"][1] - 3


@pytest.mark.parametrize("key", ["bird_dog", "donkey_kick", "bird_dog.leg_only"])
def test_on_all_fours_hands_under_shoulders_and_knees_under_hips(key):
    start = geometry(key)["start"]
    assert abs(start["hand_b"][0] - start["neck"][0]) <= 6
    assert abs(start["knee_a"][0] - start["hip"][0]) <= 6
    assert start["knee_a"][1] >= FLOOR - CONTACT - 1


@pytest.mark.parametrize("key", ["bird_dog.hovering", "donkey_kick.hovering"])
def test_hovering_knees_stay_off_the_floor(key):
    for panel in geometry(key).values():
        knees = [panel[k][1] for k in ("knee_a", "knee_b") if k in panel.joints]
        assert min(FLOOR - CONTACT - y for y in knees if y > FLOOR - 30) >= 3


def test_the_bird_dog_reaches_the_opposite_arm_and_leg_level_with_the_back():
    end = geometry("bird_dog")["end"]
    assert abs(end["hand_a"][1] - end["neck"][1]) <= 8  # arm forward, level
    assert abs(end["ankle_b"][1] - end["hip"][1]) <= 8  # opposite leg back, level
    assert end["hand_a"][0] < end["neck"][0] and end["ankle_b"][0] > end["hip"][0]


def test_the_donkey_kick_lifts_the_bent_knee_thigh_level_with_the_back():
    end = geometry("donkey_kick")["end"]
    assert abs(end["knee_a"][1] - end["hip"][1]) <= 6
    assert end["ankle_a"][1] < end["knee_a"][1] - 15  # sole to the ceiling


def test_the_step_down_lowers_the_free_heel_by_bending_the_standing_knee():
    start, end = geometry("step_down")["start"], geometry("step_down")["end"]
    step_top = float(start.props["step"].get("y"))
    assert start["ankle_a"][1] == pytest.approx(step_top - CONTACT, abs=1)
    assert end["ankle_b"][1] > start["ankle_b"][1] + 8  # the free heel goes down
    assert end["ankle_b"][1] > step_top  # below the step's top...
    assert end["ankle_b"][0] < float(start.props["step"].get("x")) - CONTACT  # ...off its edge
    assert end["hip"][1] > start["hip"][1] + 6  # by bending the standing knee (to 60 degrees)


@pytest.mark.parametrize("key", ["wall_sit", "wall_sit.high"])
def test_the_wall_sit_is_shallow_back_on_the_wall(key):
    """Back on the wall, hips well above the knees: a shallow sit, never a 90-degree one (the
    exact bend is each rung's, test_picture_review)."""
    end = geometry(key)["end"]
    wall_x = float(end.props["wall"].get("data-x"))
    assert end["hip"][1] < end["knee_a"][1] - 15
    assert abs(end["neck"][0] - wall_x) <= 12 and abs(end["hip"][0] - wall_x) <= 12


def test_sit_to_stand_starts_on_the_seat_and_ends_standing():
    start, end = geometry("sit_to_stand")["start"], geometry("sit_to_stand")["end"]
    seat = float(start.props["chair"].get("data-seat").split(",")[1])
    assert abs(start["hip"][1] - (seat - 6)) <= 3
    assert end["hip"][1] < seat - 20


# -- joints bend the way joints bend; labels and arrows read -------------------------------

#: pictures drawn from the side with the figure on its back (its front faces up): mirror
#: images, for the direction a joint bends, of the standing, kneeling and prone side views
ON_THE_BACK = ("on the back", "upper back on")


def _bend(
    root: tuple[float, float], middle: tuple[float, float], end: tuple[float, float]
) -> float:
    """The sine of the turn from the upper segment to the lower one (image coordinates, y
    down): seen from the side with the figure facing left, a flexing knee turns negative and a
    flexing elbow positive; a figure on its back mirrors both."""
    ux, uy = middle[0] - root[0], middle[1] - root[1]
    lx, ly = end[0] - middle[0], end[1] - middle[1]
    return (ux * ly - uy * lx) / (math.hypot(ux, uy) * math.hypot(lx, ly))


SIDE_VIEWS = sorted(k for k in PICTURES if "pelvis" not in geometry(k)["start"].roles)


@pytest.mark.parametrize("key", SIDE_VIEWS)
def test_knees_and_elbows_never_bend_backwards(key):
    """Seen from the side, a knee flexes with the shin going back and an elbow with the forearm
    going forward: never the other way (an on-all-fours arm with the elbow pointing at the head
    is a hyperextended elbow, not a soft one)."""
    mirror = -1 if any(w in PICTURES[key].position for w in ON_THE_BACK) else 1
    for name, panel in geometry(key).items():
        for side in "ab":
            knee = [f"hip_{side}", f"knee_{side}", f"ankle_{side}"]
            if all(j in panel.joints for j in knee):
                assert mirror * _bend(*(panel[j] for j in knee)) <= 0.06, (name, side, "knee")
            elbow = [f"shoulder_{side}", f"elbow_{side}", f"hand_{side}"]
            if all(j in panel.joints for j in elbow):
                assert mirror * _bend(*(panel[j] for j in elbow)) >= -0.06, (name, side, "elbow")


def test_the_side_views_are_the_ones_checked_for_bending():
    assert {"bird_dog", "donkey_kick", "glute_bridge", "step_down", "hip_hike.knee_drive"} <= set(
        SIDE_VIEWS
    )
    assert not {"hip_hike", "clamshell", "fire_hydrant"} & set(SIDE_VIEWS)


@pytest.mark.parametrize("key", ["bird_dog", "bird_dog.hovering", "plank_bird_dog"])
def test_a_bird_dog_reaches_the_opposite_arm_and_leg(key):
    working = PICTURES[key].working
    arms = {p[-1] for p in working if p.startswith("arm_")}
    legs = {p[-1] for p in working if p.startswith("leg_")}
    assert len(arms) == len(legs) == 1 and arms != legs, working


def _text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """Each panel text's box in panel coordinates (widths as a wide sans-serif sets them)."""
    boxes = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if not group.get("data-panel"):
            continue
        for text in group.iter(f"{SVG}text"):
            x, y, size = (float(text.get(a, 0)) for a in ("x", "y", "font-size"))
            width = text_width(text.text or "", size, bold=text.get("font-weight") == "bold")
            boxes.append((f"{group.get('data-panel')}:{text.text}", x, y - size, x + width, y + 3))
    return boxes


def _stroke_points(group: ET.Element) -> list[tuple[float, float, str]]:
    """Points every unit along the panel's figure, props and arrows (with what they are)."""
    out = []
    for element in group.iter():
        what = element.get("data-part") or element.get("data-prop") or element.get("class") or ""
        if element.tag == f"{SVG}polyline":
            points = [
                (float(x), float(y))
                for x, y in (p.split(",") for p in element.get("points", "").split())
            ]
        elif element.tag == f"{SVG}line":
            points = [
                (float(element.get("x1", 0)), float(element.get("y1", 0))),
                (float(element.get("x2", 0)), float(element.get("y2", 0))),
            ]
        elif element.tag == f"{SVG}path":
            d = re.findall(r"-?[\d.]+", element.get("d", ""))
            points = [(float(d[0]), float(d[1])), (float(d[4]), float(d[5]))]
        elif element.tag == f"{SVG}circle":
            points = [(float(element.get("cx", 0)), float(element.get("cy", 0)))]
        else:
            continue
        for (x0, y0), (x1, y1) in zip(points, points[1:] or points, strict=False):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0)))
            out += [
                (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps, what)
                for i in range(steps + 1)
            ]
    return out


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_the_captions_and_labels_stay_clear_of_the_drawing(key):
    svg = picture_svg(key)
    panels_by_name = {
        g.get("data-panel"): g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("data-panel")
    }
    for name, x1, y1, x2, y2 in _text_boxes(svg):
        assert x1 >= 2 and x2 <= 160 - 2, (name, x2)  # inside its panel
        group = panels_by_name[name.split(":")[0]]
        margin = 3  # a limb's half width
        crossing = {
            what
            for x, y, what in _stroke_points(group)
            if x1 - margin <= x <= x2 + margin and y1 - margin <= y <= y2 + margin
        }
        assert not crossing, (name, crossing)


@pytest.mark.parametrize("key", sorted(PICTURES))
def test_every_motion_arrow_is_long_enough_to_read(key):
    for group in ET.fromstring(picture_svg(key)).iter(f"{SVG}g"):
        for path in group.iter(f"{SVG}path"):
            d = [float(v) for v in re.findall(r"-?[\d.]+", path.get("d", ""))]
            chord = math.hypot(d[4] - d[0], d[5] - d[1])
            assert chord >= 10, (group.get("data-panel"), chord)
            xs, ys = d[0::2], d[1::2]
            assert min(xs) >= 0 and max(xs) <= 160 and min(ys) >= 0 and max(ys) <= FLOOR, d


@pytest.mark.parametrize("key", ["single_leg_bridge", "single_leg_bridge.step", "hip_thrust"])
def test_the_planted_leg_is_drawn_nearest_and_the_free_foot_is_off_the_floor(key):
    """The planted leg does the work: it is the near leg, drawn in front; the free leg is
    behind it, its foot off the floor in both panels."""
    for name, panel in geometry(key).items():
        assert panel.roles["leg_a"] != "far" and panel.roles["leg_b"] == "far", name
        rests = [top - CONTACT for top in panel.surfaces()]
        assert min(abs(panel["ankle_a"][1] - y) for y in rests) <= 1.5, name  # planted
        assert panel["ankle_b"][1] < panel["ankle_a"][1] - 10, name  # free, off the floor


@pytest.mark.parametrize("key", ["fire_hydrant", "fire_hydrant.hovering"])
def test_the_fire_hydrant_lifts_the_bent_knee_out_level_with_the_hip(key):
    start, end = geometry(key)["start"], geometry(key)["end"]
    for panel in (start, end):  # hands on the floor, outside the knees
        assert panel["hand_a"][1] >= FLOOR - CONTACT - 1 and panel["hand_b"][1] >= FLOOR - 5
        assert panel["hand_a"][0] < panel["hip_a"][0] and panel["hand_b"][0] > panel["hip_b"][0]
    assert start["knee_a"][1] > start["hip_a"][1] + 20  # knee down, under the hip
    assert abs(end["knee_a"][1] - end["hip_a"][1]) <= 5  # thigh level with the hip...
    assert end["knee_a"][0] < end["hip_a"][0] - 20  # ...out to the side
    assert end["knee_b"] == pytest.approx(start["knee_b"], abs=0.5)  # the other knee stays
