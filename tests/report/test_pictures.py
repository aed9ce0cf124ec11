"""The exercise drawings shipped as package data."""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hipcoach.programme import catalog
from hipcoach.report.pictures import available, picture_key, picture_svg
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"
FAMILIES = {
    "side_leg_raise.banded",
    "side_leg_raise.isometric",
    "clamshell.banded",
    "single_leg_bridge.step",
    "hip_hike.step",
}


def load_generator():
    path = REPO / "tools" / "exercise_pictures.py"
    spec = importlib.util.spec_from_file_location("exercise_pictures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["exercise_pictures"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_catalog_exercise_and_variant_family_has_a_picture():
    keys = {e.key for e in catalog.all_exercises()}
    assert available() == keys | FAMILIES


@pytest.mark.parametrize("key", sorted(available()))
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
    # Black-and-white readable: the figure is near-black, nothing relies on a hue alone.
    assert root.findall(f".//{SVG}polyline[@stroke='#111']")


def test_pictures_differ_from_each_other():
    assert len({picture_svg(k).split("</desc>")[1] for k in available()}) == len(available())


def test_lookup_falls_back_to_the_exercise_picture():
    assert picture_key("clamshell", "banded") == "clamshell.banded"
    assert picture_key("bird_dog", "banded") == "bird_dog"
    assert picture_key("bird_dog", None) == "bird_dog"
    assert picture_key("no_such_exercise") is None
    with pytest.raises(KeyError):
        picture_svg("no_such_exercise")


def test_committed_pictures_are_the_generators_output(tmp_path: Path):
    """Edit the poses in tools/exercise_pictures.py, then run it: never the SVGs by hand."""
    generator = load_generator()
    written = generator.write_all(tmp_path)
    shipped = REPO / "src" / "hipcoach" / "report" / "pictures"
    assert {p.name for p in written} == {p.name for p in shipped.glob("*.svg")}
    for path in written:
        assert path.read_text() == (shipped / path.name).read_text(), path.name
