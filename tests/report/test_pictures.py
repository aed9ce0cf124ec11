"""The exercise drawings: one per body position, every rung named, and each pose checked by its
geometry (read back from the shipped SVG), not only against the generator's output."""

from __future__ import annotations

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
from drawings.svg import WORKING

PICTURES = {p.key: p for p in generated()}
RUNGS = [(e.key, v) for e in catalog.all_exercises() for v in e.ladder]
#: drawn ahead of the programme's new rungs (issue 18): each must still be unused
AWAITING_RUNGS = {
    "box_squat",
    "seated_hip_rotation",
    "standing_hip_rotation",
    "step_up",
    "wall_press",
    "wall_sit",
}
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
    (r"sit-to-stand|squat to a chair", "chair"),
    (r"step-down", "on a step"),
    (r"hand on a wall|wall sit", "wall"),
    (r"without support", "no support"),
    (r"^standing hip abduction", "one leg out to the side"),
    (r"single-leg squat", "quarter squat"),
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
    picture = PICTURES[key]
    start, end = geometry(key)["start"], geometry(key)["end"]
    for part in picture.working:
        moved = max(distance(start[j], end[j]) for j in start.part_joints(part))
        assert moved >= 3.5, (part, moved)
    fixed = {"pelvis", "torso", "head", "leg_a", "leg_b", "arm_a", "arm_b"}
    for part in fixed - set(picture.working) - set(picture.carried):
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
    for name, panel in geometry(key).items():
        lowest = max(y for _, y in panel.joints.values())
        assert lowest <= FLOOR - CONTACT + 2, (name, lowest)
        gaps = [abs(lowest - (top - CONTACT)) for top in panel.surfaces()]
        assert min(gaps) <= 3.5, (name, lowest, panel.surfaces())


# -- what the poses mean -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["hip_hike", "hip_hike.step", "hip_hike.wall", "hip_hike.dumbbell"])
def test_hip_hike_starts_level_and_ends_with_the_free_hip_higher(key):
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
        assert panel["elbow_b"][1] >= FLOOR - CONTACT - 1  # elbow down


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
    assert below_line(start["hip"], start["neck"], start["knee_b"]) >= 6
    assert below_line(end["hip"], end["neck"], end["knee_b"]) <= 1.5
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
    assert end["hip"][1] > start["hip"][1] + 8  # by bending the standing knee


def test_the_wall_sit_is_shallow_back_on_the_wall():
    end = geometry("wall_sit")["end"]
    wall_x = float(end.props["wall"].get("data-x"))
    thigh = angle(end["knee_a"], end["hip"])
    assert 20 <= thigh <= 55  # knees bent about 45 degrees, not a 90-degree sit
    assert abs(end["neck"][0] - wall_x) <= 12 and abs(end["hip"][0] - wall_x) <= 12


def test_sit_to_stand_starts_on_the_seat_and_ends_standing():
    start, end = geometry("sit_to_stand")["start"], geometry("sit_to_stand")["end"]
    seat = float(start.props["chair"].get("data-seat").split(",")[1])
    assert abs(start["hip"][1] - (seat - 6)) <= 3
    assert end["hip"][1] < seat - 20
